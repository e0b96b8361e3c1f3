import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useAgreements, useParties } from '../api/queries';
import type { Agreement, Party } from '../api/types';
import { daysUntil, useFormat, type Formatters } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Badge, Card, Empty, Names, PageHeader, QueryView, type Tone } from '../app/ui';
import { AgreementRenewals } from './AgreementRenewals';

const STATE_TONE: Record<string, Tone> = { 'in-force': 'success', expired: 'neutral', 'not-yet-in-force': 'info' };

export function AgreementStatusBadge({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  return <Badge tone={STATE_TONE[agreement.status.state] ?? 'neutral'}>{enumLabel(t, 'agreementState', agreement.status.state)}</Badge>;
}

export function renewalText(a: Agreement, t: TFunction, f: Formatters): string {
  const r = a.renewal;
  if (r.kind === 'automatic') return t('agreements.renewalAutomatic', { term: f.duration(r.term), notice: f.duration(r.noticePeriod) });
  return enumLabel(t, 'renewal', r.kind);
}

/** "in 120 days" next to a deadline, highlighted when it is close. */
export function Deadline({ date, warnDays = 180 }: { date: string | null | undefined; warnDays?: number }) {
  const f = useFormat();
  if (!date) return <>—</>;
  const days = daysUntil(date);
  return (
    <span>
      <span className="nowrap">{f.date(date)}</span>
      {days !== null ? (
        <>
          {' '}
          <Badge tone={days < 0 ? 'neutral' : days <= warnDays ? 'warning' : 'info'}>{f.relativeDays(days)}</Badge>
        </>
      ) : null}
    </span>
  );
}

export function PartyChips({ codes, parties }: { codes: string[]; parties: Party[] | undefined }) {
  const f = useFormat();
  return (
    <div className="chips">
      {codes.map((c) => {
        const p = parties?.find((x) => x.code === c);
        return (
          <Badge key={c} tone={p?.country === 'CN' || c.startsWith('CN') ? 'cn' : 'vn'} title={p ? f.text(p.names) : undefined}>
            {p ? `${f.text(p.names)} · ${c}` : c}
          </Badge>
        );
      })}
    </div>
  );
}

function AgreementItem({ a, parties }: { a: Agreement; parties: Party[] | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const s = a.status;
  return (
    <article className="agreement" data-agreement={a.code}>
      <div className="agreement-head">
        <div>
          <div className="agreement-title">
            <Names value={a.title} />
          </div>
          <div className="agreement-code">{a.code}</div>
        </div>
        <AgreementStatusBadge agreement={a} />
      </div>
      <div style={{ marginTop: 10 }}>
        <PartyChips codes={a.parties} parties={parties} />
      </div>
      <div className="agreement-facts">
        <div>
          <span className="fact-label">{t('agreements.signedOn')}</span>
          {f.date(a.signedOn)}
        </div>
        <div>
          <span className="fact-label">{t('agreements.effectiveFrom')}</span>
          {f.date(a.effectiveFrom)}
        </div>
        <div>
          <span className="fact-label">{t('agreements.term')}</span>
          {a.term ? f.duration(a.term) : a.effectiveTo ? t('agreements.until', { date: f.date(a.effectiveTo) }) : t('agreements.indefinite')}
        </div>
        <div>
          <span className="fact-label">{t('agreements.renewal')}</span>
          {renewalText(a, t, f)}
        </div>
        {s.state === 'in-force' ? (
          <>
            <div>
              <span className="fact-label">{t('agreements.termEndsOn')}</span>
              {s.termEndsOn ? <Deadline date={s.termEndsOn} /> : t('agreements.indefinite')}
            </div>
            <div>
              <span className="fact-label">{t('agreements.noticeDeadline')}</span>
              {s.noticeDeadline ? <Deadline date={s.noticeDeadline} /> : '—'}
            </div>
            {s.renewals > 0 ? (
              <div>
                <span className="fact-label">{t('agreements.renewals')}</span>
                {f.number(s.renewals)}
              </div>
            ) : null}
          </>
        ) : s.state === 'expired' ? (
          <div>
            <span className="fact-label">{t('agreements.endedOn')}</span>
            {f.date(s.endedOn)}
          </div>
        ) : (
          <div>
            <span className="fact-label">{t('agreements.startsOn')}</span>
            <Deadline date={s.startsOn} />
          </div>
        )}
      </div>
      {a.scopes.length ? (
        <div style={{ marginTop: 10 }}>
          <span className="small muted">{t('common.labelValue', { label: t('agreements.scopes'), value: '' })}</span>
          <span className="chips" style={{ display: 'inline-flex' }}>
            {a.scopes.map((sc) => (
              <span className="chip" key={sc}>
                {enumLabel(t, 'scope', sc)}
              </span>
            ))}
          </span>
        </div>
      ) : null}
      {a.notes ? <div className="agreement-notes">{f.text(a.notes)}</div> : null}
      <AgreementRenewals a={a} />
    </article>
  );
}

type StateFilter = 'all' | Agreement['status']['state'];

export function AgreementsPage() {
  const { t } = useTranslation();
  const agreements = useAgreements();
  const parties = useParties();
  const [state, setState] = useState<StateFilter>('all');
  return (
    <>
      <PageHeader title={t('agreements.title')} subtitle={t('agreements.subtitle')} />
      <div className="filters">
        <div className="field">
          <label htmlFor="agreement-state">{t('agreements.status')}</label>
          <select id="agreement-state" value={state} onChange={(e) => setState(e.target.value as StateFilter)}>
            <option value="all">{t('common.all')}</option>
            {(['in-force', 'not-yet-in-force', 'expired'] as const).map((s) => (
              <option key={s} value={s}>
                {enumLabel(t, 'agreementState', s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <QueryView query={agreements}>
        {(list) => {
          const shown = list.filter((a) => state === 'all' || a.status.state === state);
          return (
            <Card flush>
              {shown.length ? shown.map((a) => <AgreementItem key={a.code} a={a} parties={parties.data} />) : <Empty>{t('common.none')}</Empty>}
            </Card>
          );
        }}
      </QueryView>
    </>
  );
}
