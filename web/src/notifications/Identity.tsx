import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../auth/session';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Badge, Card, ErrorBox, Field, type Tone } from '../app/ui';
import { IDENTITY_PURPOSES, LEGAL_BASES, useDecideIdentity, useRequestIdentity, useRevealIdentity, type IdentityRequest, type NotificationDetail } from './api';
import { usePartyName } from './parts';

const TONE: Record<string, Tone> = { pending: 'warning', approved: 'success', refused: 'danger' };

function Decision({ r }: { r: IdentityRequest }) {
  const { t } = useTranslation();
  const decide = useDecideIdentity();
  const [reason, setReason] = useState('');
  return (
    <div className="identity-decision" data-testid="identity-decision">
      <Field label={t('notifications.identity.reason')} htmlFor={`reason-${r.id}`}>
        <textarea id={`reason-${r.id}`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={4000} />
      </Field>
      {decide.isError ? <ErrorBox error={decide.error} /> : null}
      <div className="form-actions">
        <button type="button" className="btn" disabled={decide.isPending} onClick={() => decide.mutate({ id: r.id, approve: false, reason: reason.trim() || null })} data-testid="identity-refuse">
          {t('notifications.identity.refuse')}
        </button>
        <button type="button" className="btn btn-primary" disabled={decide.isPending} onClick={() => decide.mutate({ id: r.id, approve: true, reason: reason.trim() || null })} data-testid="identity-approve">
          {t('notifications.identity.approve')}
        </button>
      </div>
    </div>
  );
}

function Reveal({ r }: { r: IdentityRequest }) {
  const { t } = useTranslation();
  const f = useFormat();
  const reveal = useRevealIdentity();
  if (reveal.data) {
    const v = reveal.data;
    return (
      <dl className="facts" data-testid="identity-values">
        <dt>{t('notifications.identity.fullName')}</dt>
        <dd>{v.fullName}</dd>
        <dt>{t('notifications.identity.document')}</dt>
        <dd>{[v.idType, v.idNumber].filter(Boolean).join(' ') || '—'}</dd>
        <dt>{t('notifications.identity.phone')}</dt>
        <dd>{v.phone ?? '—'}</dd>
        <dt>{t('notifications.identity.address')}</dt>
        <dd>{v.address ?? '—'}</dd>
        <dt>{t('notifications.identity.dateOfBirth')}</dt>
        <dd>{f.date(v.dateOfBirth)}</dd>
      </dl>
    );
  }
  return (
    <>
      <p className="small muted">{t('notifications.identity.revealHint')}</p>
      {reveal.isError ? <ErrorBox error={reveal.error} /> : null}
      <button type="button" className="btn btn-small" onClick={() => reveal.mutate(r.id)} disabled={reveal.isPending} data-testid="identity-reveal">
        {t('notifications.identity.reveal')}
      </button>
    </>
  );
}

function RequestForm({ n }: { n: NotificationDetail }) {
  const { t } = useTranslation();
  const request = useRequestIdentity(n.id);
  const [purpose, setPurpose] = useState<string>('contact-tracing');
  const [code, setCode] = useState<string>('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<{ code?: string; text?: string }>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: typeof errors = {};
    if (!code) problems.code = t('notifications.identity.basisRequired');
    if (text.trim().length < 3) problems.text = t('notifications.identity.basisTextRequired');
    setErrors(problems);
    if (Object.keys(problems).length) return;
    request.mutate({ purpose, legalBasis: { code, text: text.trim() } }, { onSuccess: () => setText('') });
  };
  return (
    <form onSubmit={submit} noValidate className="identity-form" data-testid="identity-request-form">
      <p className="small muted">{t('notifications.identity.explain')}</p>
      <Field label={t('notifications.identity.purpose')} htmlFor="id-purpose">
        <select id="id-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)}>
          {IDENTITY_PURPOSES.map((p) => (
            <option key={p} value={p}>
              {enumLabel(t, 'identityPurpose', p)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('notifications.identity.legalBasis')} htmlFor="id-basis" error={errors.code}>
        <select id="id-basis" value={code} onChange={(e) => setCode(e.target.value)}>
          <option value="">{t('common.choose')}</option>
          {LEGAL_BASES.map((b) => (
            <option key={b} value={b}>
              {enumLabel(t, 'legalBasis', b)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('notifications.identity.legalBasisText')} htmlFor="id-basis-text" error={errors.text} hint={t('notifications.identity.legalBasisHint')}>
        <textarea id="id-basis-text" rows={2} value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} />
      </Field>
      {request.isError ? <ErrorBox error={request.error} /> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={request.isPending} data-testid="identity-request">
          {request.isPending ? t('common.saving') : t('notifications.identity.send')}
        </button>
      </div>
    </form>
  );
}

/** Requests for the case's identifiers: made by us (incoming notifications) or to be decided by us (outgoing ones). */
export function IdentityCard({ n }: { n: NotificationDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const partyName = usePartyName();
  if (n.kind !== 'case') return null;
  const mayRequest = n.direction === 'incoming' && can(me.role, 'identityRequest');
  if (!n.identityRequests.length && !mayRequest) return null;
  return (
    <Card title={t('notifications.identity.title')}>
      {n.identityRequests.length ? (
        <ul className="comments" data-testid="identity-requests">
          {n.identityRequests.map((r) => (
            <li key={r.id} className="comment" data-request={r.id} data-status={r.status}>
              <div className="comment-head">
                <Badge tone={TONE[r.status] ?? 'neutral'}>{enumLabel(t, 'identityStatus', r.status)}</Badge>
                <strong>{enumLabel(t, 'identityPurpose', r.purpose)}</strong>
                <span className="small faint">{f.dateTime(r.requestedAt)}</span>
              </div>
              <div className="small muted">
                {t(r.direction === 'outgoing' ? 'notifications.identity.askedBy' : 'notifications.identity.askedByPeer', {
                  name: r.requester.name,
                  role: enumLabel(t, 'role', r.requester.role),
                  party: partyName(r.peer),
                })}
              </div>
              <div className="comment-text">
                <span className="faint">{enumLabel(t, 'legalBasis', r.legalBasis.code)}:</span> {r.legalBasis.text}
              </div>
              {r.decidedBy ? (
                <div className="small muted">
                  {t('notifications.identity.decidedBy', { name: r.decidedBy.name, at: f.dateTime(r.decidedAt) })}
                  {r.reason ? ` — ${r.reason}` : ''}
                </div>
              ) : null}
              {r.direction === 'incoming' && r.status === 'pending' && can(me.role, 'identityDecide') ? <Decision r={r} /> : null}
              {r.direction === 'outgoing' && r.disclosed && can(me.role, 'identityRead') ? <Reveal r={r} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {mayRequest ? <RequestForm n={n} /> : null}
    </Card>
  );
}
