import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { RISK_LEVELS, useAddComment, useSignal, useTransition, type RiskLevel, type SignalDetail, type SignalStatus, type TransitionRequest } from '../api/signals';
import { can, useMe } from '../auth/session';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Icon } from '../app/icons';
import { Link, useParams } from '../app/router';
import { Badge, Card, ErrorBox, Field, Loading, PageHeader } from '../app/ui';
import { RiskBadge, StatusBadge } from './badges';
import { EvidenceView } from './Evidence';
import { periodLabel, useDiseaseName, usePlaces } from './names';

const MAX_TEXT = 4000;

/** Moves towards a "worse" outcome get the quiet button; the main path gets the primary one. */
const SECONDARY: readonly SignalStatus[] = ['discarded', 'closed'];

function TriageForm({ signal, to, onDone }: { signal: SignalDetail; to: SignalStatus; onDone: () => void }) {
  const { t } = useTranslation();
  const move = useTransition(signal.id);
  const [reason, setReason] = useState('');
  const [risk, setRisk] = useState<RiskLevel | ''>('');
  const [response, setResponse] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; risk?: string; response?: string }>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: typeof errors = {};
    if (!reason.trim()) problems.reason = t('triage.reasonRequired');
    else if (reason.length > MAX_TEXT) problems.reason = t('validation.tooLong', { max: MAX_TEXT });
    if (to === 'risk-assessed' && !risk) problems.risk = t('triage.riskRequired');
    if (to === 'response') {
      if (!response.trim()) problems.response = t('triage.responseRequired');
      else if (response.length > MAX_TEXT) problems.response = t('validation.tooLong', { max: MAX_TEXT });
    }
    setErrors(problems);
    if (Object.keys(problems).length) return;
    const body: TransitionRequest = { to, reason: reason.trim() };
    if (to === 'risk-assessed' && risk) body.risk = risk;
    if (to === 'response') body.response = response.trim();
    move.mutate(body, { onSuccess: onDone });
  };

  return (
    <form className="triage-form" onSubmit={submit} noValidate data-testid="triage-form" data-to={to}>
      <div className="triage-form-title">
        {t('triage.moveTo')} <StatusBadge status={to} />
      </div>
      {to === 'risk-assessed' ? (
        <Field label={t('triage.risk')} htmlFor="triage-risk" error={errors.risk} hint={t('triage.riskHint')}>
          <select id="triage-risk" value={risk} onChange={(e) => setRisk(e.target.value as RiskLevel | '')} aria-invalid={!!errors.risk}>
            <option value="">{t('common.choose')}</option>
            {RISK_LEVELS.map((r) => (
              <option key={r} value={r}>
                {enumLabel(t, 'riskLevel', r)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {to === 'response' ? (
        <Field label={t('triage.response')} htmlFor="triage-response" error={errors.response} hint={t('triage.responseHint')}>
          <textarea id="triage-response" rows={3} value={response} onChange={(e) => setResponse(e.target.value)} aria-invalid={!!errors.response} maxLength={MAX_TEXT} />
        </Field>
      ) : null}
      <Field label={t('triage.reason')} htmlFor="triage-reason" error={errors.reason} hint={t(`triage.reasonHint.${to}`, { defaultValue: t('triage.reasonHintDefault') })}>
        <textarea id="triage-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={!!errors.reason} maxLength={MAX_TEXT} />
      </Field>
      {move.isError ? <ErrorBox error={move.error} /> : null}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone} disabled={move.isPending}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={move.isPending} data-testid="triage-submit">
          {move.isPending ? t('common.saving') : enumLabel(t, 'signalAction', to)}
        </button>
      </div>
    </form>
  );
}

function TriageCard({ signal }: { signal: SignalDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const [to, setTo] = useState<SignalStatus | null>(null);
  const mayTriage = can(me.role, 'signalTriage');
  let body;
  if (!signal.next.length) {
    body = <p className="muted no-margin">{t(signal.status === 'discarded' ? 'triage.discardedNote' : 'triage.closedNote')}</p>;
  } else if (!mayTriage) {
    body = <p className="muted no-margin">{t('triage.readOnly')}</p>;
  } else if (to) {
    body = <TriageForm key={to} signal={signal} to={to} onDone={() => setTo(null)} />;
  } else {
    body = (
      <>
        <p className="muted small">{t('triage.choose')}</p>
        <div className="triage-actions">
          {signal.next.map((s) => (
            <button key={s} type="button" className={SECONDARY.includes(s) && signal.next.length > 1 ? 'btn' : 'btn btn-primary'} onClick={() => setTo(s)} data-testid={`triage-${s}`}>
              {enumLabel(t, 'signalAction', s)}
            </button>
          ))}
        </div>
      </>
    );
  }
  return (
    <Card title={t('triage.title')} className="triage-card">
      <div className="triage-path" aria-hidden="true">
        {(['new', 'under-verification', 'verified', 'risk-assessed', 'response', 'closed'] as const).map((s, i, all) => {
          const reached = signal.history.some((h) => h.to === s) || s === 'new';
          const current = signal.status === s;
          return (
            <span key={s} className={`triage-step${reached ? ' reached' : ''}${current ? ' current' : ''}`}>
              {enumLabel(t, 'signalStatus', s)}
              {i < all.length - 1 ? <span className="triage-step-sep">›</span> : null}
            </span>
          );
        })}
      </div>
      {body}
    </Card>
  );
}

function History({ signal }: { signal: SignalDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card title={t('history.title')}>
      <ol className="timeline" data-testid="signal-history">
        {[...signal.history].reverse().map((h) => (
          <li key={h.seq} className="timeline-item" data-seq={h.seq}>
            <div className="timeline-head">
              <StatusBadge status={h.from} /> <span className="faint">→</span> <StatusBadge status={h.to} />
            </div>
            <div className="small muted">{t('history.byAt', { name: h.actor.name, at: f.dateTime(h.at) })}</div>
            <div className="timeline-text">
              <span className="faint">{t('history.reason')}</span> {h.reason}
            </div>
            {h.to === 'risk-assessed' && h.risk ? (
              <div className="timeline-text">
                <span className="faint">{t('history.risk')}</span> <RiskBadge risk={h.risk} />
              </div>
            ) : null}
            {h.to === 'response' && h.response ? (
              <div className="timeline-text">
                <span className="faint">{t('history.response')}</span> {h.response}
              </div>
            ) : null}
          </li>
        ))}
        <li className="timeline-item origin">
          <div className="timeline-head">
            <StatusBadge status="new" />
          </div>
          <div className="small muted">{t('history.detected', { at: f.dateTime(signal.createdAt) })}</div>
        </li>
      </ol>
    </Card>
  );
}

function Comments({ signal }: { signal: SignalDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const add = useAddComment(signal.id);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setError(t('comments.empty'));
    if (text.length > MAX_TEXT) return setError(t('validation.tooLong', { max: MAX_TEXT }));
    setError(null);
    add.mutate(text.trim(), { onSuccess: () => setText('') });
  };
  return (
    <Card title={t('comments.title', { n: f.number(signal.comments.length) })}>
      {signal.comments.length ? (
        <ul className="comments" data-testid="signal-comments">
          {signal.comments.map((c) => (
            <li key={c.id} className="comment">
              <div className="comment-head">
                <span className="avatar avatar-small" aria-hidden="true">
                  {c.author.name.trim().charAt(0).toUpperCase()}
                </span>
                <strong>{c.author.name}</strong>
                <span className="small faint">{f.dateTime(c.at)}</span>
              </div>
              <div className="comment-text">{c.text}</div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('comments.none')}</p>
      )}
      {can(me.role, 'signalComment') ? (
        <form onSubmit={submit} noValidate className="comment-form">
          <Field label={t('comments.add')} htmlFor="comment-text" error={error ?? (add.isError ? (add.error instanceof ApiError ? add.error.message : t('error.unknown')) : null)}>
            <textarea id="comment-text" rows={2} value={text} onChange={(e) => setText(e.target.value)} maxLength={MAX_TEXT} placeholder={t('comments.placeholder')} />
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn" disabled={add.isPending} data-testid="comment-submit">
              <Icon name="comment" size={14} />
              {add.isPending ? t('common.saving') : t('comments.submit')}
            </button>
          </div>
        </form>
      ) : null}
    </Card>
  );
}

export function SignalPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams('/early-warning/signals/:id');
  const signal = useSignal(id);
  const diseaseName = useDiseaseName();
  const places = usePlaces();
  const back = (
    <Link to="/early-warning" className="btn">
      {t('signal.back')}
    </Link>
  );
  if (signal.isPending) return <Loading />;
  if (signal.isError)
    return (
      <>
        <PageHeader title={t('nav.signal')} actions={back} />
        <ErrorBox error={signal.error} onRetry={() => void signal.refetch()} />
      </>
    );
  const s = signal.data;
  const place = s.gate ? places.gateName(s.gate) : places.areaName(s.area);
  return (
    <>
      <PageHeader
        title={t('signal.title', { disease: diseaseName(s.disease), place })}
        subtitle={t('signal.subtitle', { kind: enumLabel(t, 'signalKind', s.kind), period: periodLabel(s.period, t, f), at: f.dateTime(s.createdAt) })}
        actions={back}
      />
      <div className="signal-summary">
        <div>
          <span className="fact-label">{t('signal.status')}</span>
          <StatusBadge status={s.status} testId="signal-status" />
        </div>
        <div>
          <span className="fact-label">{t('signal.risk')}</span>
          <span data-testid="signal-risk">
            <RiskBadge risk={s.risk} />
          </span>
        </div>
        <div>
          <span className="fact-label">{t('signal.kind')}</span>
          <Badge tone="info">{enumLabel(t, 'signalKind', s.kind)}</Badge>
        </div>
        <div>
          <span className="fact-label">{t('signal.place')}</span>
          {place}
          {s.gate ? <span className="faint small"> · {places.areaName(s.area)}</span> : null}
        </div>
        <div>
          <span className="fact-label">{t('signal.period')}</span>
          {periodLabel(s.period, t, f)}
        </div>
        {s.response ? (
          <div className="signal-response">
            <span className="fact-label">{t('signal.response')}</span>
            {s.response}
          </div>
        ) : null}
      </div>
      <div className="signal-layout">
        <div className="signal-main">
          <EvidenceView evidence={s.evidence} />
        </div>
        <div className="signal-side">
          <TriageCard signal={s} />
          <History signal={s} />
          <Comments signal={s} />
        </div>
      </div>
    </>
  );
}
