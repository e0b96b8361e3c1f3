import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client';
import type { Agreement, Text } from '../api/types';
import { useMe } from '../auth/session';
import { useFormat } from '../i18n/format';
import { Badge, Field } from '../app/ui';
import { canRenew, isSuperseded, renewalsOf, useRecordRenewal } from './renewals';
import type { AgreementRenewal } from '../api/types';

const MAX_REFERENCE = 500;
const MAX_NOTE = 2000;

function RenewalRow({ r, superseded }: { r: AgreementRenewal; superseded: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <li data-renewal={r.id} data-demo={r.demo} style={{ marginTop: 6 }}>
      <div>
        <strong>{t('agreementRenewals.until', { date: f.date(r.effectiveTo) })}</strong>
        {r.demo ? (
          <>
            {' '}
            <Badge tone="warning" title={t('agreementRenewals.demoHint')}>
              {t('agreementRenewals.demo')}
            </Badge>
          </>
        ) : null}
        {superseded ? (
          <>
            {' '}
            <Badge tone="neutral">{t('agreementRenewals.superseded')}</Badge>
          </>
        ) : null}
      </div>
      <div className="small muted">
        {t('common.labelValue', { label: t('agreements.signedOn'), value: f.date(r.signedOn) })}
        {' · '}
        {t('common.labelValue', { label: t('agreementRenewals.reference'), value: r.reference })}
      </div>
      {/* A note is often written in one language only; pickText falls back to another. */}
      {r.note ? <div className="agreement-notes">{f.text(r.note as Text)}</div> : null}
    </li>
  );
}

type FormState = { effectiveTo: string; signedOn: string; reference: string; note: string };
type Errors = Partial<Record<keyof FormState, string>>;

function RenewalForm({ a, onDone }: { a: Agreement; onDone: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const record = useRecordRenewal(a.code);
  const [form, setForm] = useState<FormState>({ effectiveTo: '', signedOn: '', reference: '', note: '' });
  const [errors, setErrors] = useState<Errors>({});
  const set = (k: keyof FormState) => (e: { target: { value: string } }) => setForm((s) => ({ ...s, [k]: e.target.value }));
  const id = (k: string) => `renewal-${a.code}-${k}`;

  const validate = (): Errors => {
    const e: Errors = {};
    if (!form.effectiveTo) e.effectiveTo = t('validation.required');
    if (!form.reference.trim()) e.reference = t('validation.required');
    else if (form.reference.trim().length > MAX_REFERENCE) e.reference = t('validation.tooLong', { max: MAX_REFERENCE });
    if (form.note.trim().length > MAX_NOTE) e.note = t('validation.tooLong', { max: MAX_NOTE });
    return e;
  };

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length) return;
    const note = form.note.trim();
    record.mutate(
      { effectiveTo: form.effectiveTo, signedOn: form.signedOn || null, reference: form.reference.trim(), note: note ? { [f.locale]: note } : null },
      { onSuccess: onDone },
    );
  };

  return (
    <form onSubmit={submit} noValidate style={{ marginTop: 10 }} aria-label={t('agreementRenewals.record')}>
      <div className="form-grid">
        <Field label={t('agreementRenewals.newEnd')} htmlFor={id('end')} error={errors.effectiveTo}>
          <input id={id('end')} type="date" value={form.effectiveTo} onChange={set('effectiveTo')} aria-invalid={!!errors.effectiveTo} />
        </Field>
        <Field label={t('agreements.signedOn')} htmlFor={id('signed')}>
          <input id={id('signed')} type="date" value={form.signedOn} onChange={set('signedOn')} />
        </Field>
        <Field label={t('agreementRenewals.reference')} htmlFor={id('reference')} error={errors.reference} hint={t('agreementRenewals.referenceHint')}>
          <input id={id('reference')} value={form.reference} onChange={set('reference')} maxLength={MAX_REFERENCE} aria-invalid={!!errors.reference} />
        </Field>
      </div>
      <Field label={t('agreementRenewals.note')} htmlFor={id('note')} error={errors.note} hint={t('agreementRenewals.noteHint')}>
        <textarea id={id('note')} rows={2} value={form.note} onChange={set('note')} maxLength={MAX_NOTE} />
      </Field>
      {record.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(record.error)}
        </div>
      ) : null}
      <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
        <button type="button" className="btn btn-small" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary btn-small" disabled={record.isPending}>
          {record.isPending ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}

/** The renewals recorded for an agreement, and for administrators a form to record one. */
export function AgreementRenewals({ a }: { a: Agreement }) {
  const { t } = useTranslation();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const renewals = renewalsOf(a);
  const mayRenew = canRenew(me, a);
  if (!renewals.length && !mayRenew) return null;
  return (
    <div className="agreement-renewals" style={{ marginTop: 10 }}>
      {renewals.length ? (
        <>
          <div className="small muted">{t('agreementRenewals.title')}</div>
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {renewals.map((r) => (
              <RenewalRow key={r.id} r={r} superseded={isSuperseded(r, renewals)} />
            ))}
          </ul>
        </>
      ) : null}
      {mayRenew && open ? <RenewalForm a={a} onDone={() => setOpen(false)} /> : null}
      {mayRenew && !open ? (
        <button type="button" className="btn btn-small" style={{ marginTop: 8 }} onClick={() => setOpen(true)}>
          {t('agreementRenewals.record')}
        </button>
      ) : null}
    </div>
  );
}
