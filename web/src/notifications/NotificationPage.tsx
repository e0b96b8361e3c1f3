import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Link, useParams } from '../app/router';
import { Badge, Card, ErrorBox, Loading, Mono, PageHeader } from '../app/ui';
import { useDiseaseName, usePlaces } from '../early-warning/names';
import { useNotification, type CaseBody, type NotificationDetail, type Route, type SignalBody } from './api';
import { IdentityCard } from './Identity';
import { SignalCurve } from './LazyCharts';
import { NotificationStatusBadge, StatusTimeline, usePartyName } from './parts';
import { AcknowledgeCard, ThreadCard } from './Thread';

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k} className="fact">
          <dt className="fact-label">{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The minimum data set as received or sent: no identifiers are part of it. */
function CaseCard({ body }: { body: CaseBody }) {
  const { t } = useTranslation();
  const f = useFormat();
  const diseaseName = useDiseaseName();
  const places = usePlaces();
  const c = body.case;
  return (
    <Card title={t('notifications.case.title')} className="notification-data">
      <p className="small muted">{t('notifications.case.minimum')}</p>
      <Facts
        rows={[
          [t('notifications.case.disease'), <span key="d">{diseaseName(c.disease.code)} <span className="small faint">{c.disease.code}</span></span>],
          [
            t('notifications.case.equivalent'),
            c.disease.equivalents.length ? (
              <span key="e">
                {c.disease.equivalents.map((e) => diseaseName(e)).join(', ')} <span className="small faint">({enumLabel(t, 'relation', c.disease.relation)})</span>
              </span>
            ) : (
              '—'
            ),
          ],
          [t('notifications.case.classification'), enumLabel(t, 'classification', c.classification)],
          [t('notifications.case.onset'), f.date(c.onsetDate)],
          [t('notifications.case.report'), f.date(c.reportDate)],
          [t('notifications.case.confirmation'), f.date(c.confirmationDate)],
          [t('notifications.case.ageGroup'), enumLabel(t, 'ageGroup', c.ageGroup)],
          [t('notifications.case.sex'), enumLabel(t, 'sex', c.sex)],
          [t('notifications.case.entry'), c.entry ? `${c.entry.gate ? places.gateName(c.entry.gate) : enumLabel(t, 'country', c.entry.country)} · ${f.date(c.entry.date)}` : '—'],
          [
            t('notifications.case.infection'),
            [enumLabel(t, 'country', c.infectionPlace.country), c.infectionPlace.area ? places.areaName(c.infectionPlace.area) : null, c.infectionPlace.description].filter(Boolean).join(' · '),
          ],
          [t('notifications.case.contacts'), t('notifications.case.contactsBySide', { vn: f.number(c.contacts.vn), cn: f.number(c.contacts.cn) })],
          [t('notifications.case.outcome'), enumLabel(t, 'caseOutcome', c.outcome)],
          [t('notifications.case.version'), f.number(body.version)],
        ]}
      />
      {c.travel.length ? (
        <>
          <h3 className="small">{t('notifications.case.travel')}</h3>
          <ol className="small" data-testid="travel">
            {c.travel.map((s, i) => (
              <li key={i}>
                {s.place} ({enumLabel(t, 'country', s.country)}) · {f.date(s.from)} – {f.date(s.to)}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </Card>
  );
}

function SignalCard({ body }: { body: SignalBody }) {
  const { t } = useTranslation();
  const f = useFormat();
  const diseaseName = useDiseaseName();
  const places = usePlaces();
  const e = body.evidence;
  return (
    <Card title={t('notifications.signal.title')} className="notification-data">
      <Facts
        rows={[
          [t('notifications.case.disease'), diseaseName(body.disease.code)],
          [t('notifications.case.equivalent'), body.disease.equivalents.map((x) => diseaseName(x)).join(', ') || '—'],
          [t('notifications.signal.kind'), enumLabel(t, 'signalKind', body.kind)],
          [t('notifications.signal.place'), body.gate ? places.gateName(body.gate) : places.areaName(body.area)],
          [t('notifications.signal.period'), body.period],
          [t('notifications.signal.status'), enumLabel(t, 'signalStatus', body.status)],
          [t('notifications.signal.risk'), body.risk ? enumLabel(t, 'riskLevel', body.risk) : '—'],
          [t('notifications.signal.detected'), f.dateTime(body.detectedAt)],
        ]}
      />
      {body.note ? <p className="timeline-text">{body.note}</p> : null}
      <p className="small muted">{e.reason}</p>
      {e.curve.length ? <SignalCurve curve={e.curve} /> : null}
      {e.thresholds.length ? (
        <ul className="small">
          {e.thresholds.map((x) => (
            <li key={x.name}>{t('notifications.signal.threshold', { name: enumLabel(t, 'vectorIndex', x.name), value: f.number(x.value), threshold: f.number(x.threshold) })}</li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

function RouteLine({ n }: { n: NotificationDetail }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const r = n.route as Route | { agreements: string[] } | null;
  if (n.direction !== 'outgoing' || !r) return null;
  if ('routed' in r && !r.routed) return <Badge tone="warning">{enumLabel(t, 'unroutedReason', r.reason)}</Badge>;
  const basis = 'routed' in r ? enumLabel(t, 'routeBasis', r.basis) : null;
  return (
    <span className="small" data-testid="route">
      {basis ? `${basis} · ` : ''}
      {'routed' in r && r.routed ? `${partyName(r.concerned)} · ` : ''}
      {t('notifications.agreements', { list: r.agreements.join(', ') })}
    </span>
  );
}

export function NotificationPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams('/notifications/:id');
  const q = useNotification(id);
  const diseaseName = useDiseaseName();
  const partyName = usePartyName();
  const back = (
    <Link to="/notifications" className="btn">
      {t('notifications.back')}
    </Link>
  );
  if (q.isPending) return <Loading />;
  if (q.isError)
    return (
      <>
        <PageHeader title={t('nav.notification')} actions={back} />
        <ErrorBox error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  const n = q.data;
  const disease = n.diseaseLocal ?? n.disease;
  return (
    <>
      <PageHeader
        title={t(n.direction === 'outgoing' ? 'notifications.titleTo' : 'notifications.titleFrom', { disease: disease ? diseaseName(disease) : '—', party: partyName(n.peer || n.origin) })}
        subtitle={
          <>
            {enumLabel(t, 'notificationKind', n.kind)} · {enumLabel(t, 'notificationDirection', n.direction)} · <Mono value={n.subjectId} max={13} />
          </>
        }
        actions={back}
      />
      <div className="signal-summary" data-testid="notification-summary" data-status={n.status}>
        <div>
          <span className="fact-label">{t('notifications.status')}</span>
          <NotificationStatusBadge status={n.status} testId="notification-status" />
        </div>
        <div>
          <span className="fact-label">{t('notifications.partner')}</span>
          {partyName(n.peer || n.origin)}
        </div>
        <div>
          <span className="fact-label">{t('notifications.updated')}</span>
          {f.dateTime(n.updatedAt)}
        </div>
        <div>
          <RouteLine n={n} />
        </div>
      </div>
      <Card title={t('notifications.timeline')}>
        <StatusTimeline n={n} />
        {n.message?.receipt ? <p className="small faint">{t('notifications.receipt')}</p> : null}
      </Card>
      <div className="signal-layout">
        <div className="signal-main">
          {n.body && n.kind === 'case' ? <CaseCard body={n.body as CaseBody} /> : null}
          {n.body && n.kind === 'signal' ? <SignalCard body={n.body as SignalBody} /> : null}
          {!n.body ? (
            <Card title={t('notifications.case.title')}>
              <p className="muted no-margin">{t('notifications.case.notSent')}</p>
            </Card>
          ) : null}
          <IdentityCard n={n} />
        </div>
        <div className="signal-side">
          <AcknowledgeCard n={n} />
          <ThreadCard n={n} />
        </div>
      </div>
    </>
  );
}
