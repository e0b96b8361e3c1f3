/** What a signal rests on, by kind: the judged series, the screening day and its rules, or the survey indices. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AggregateEvidence, Evidence, GateEvidence, GateJumpRule, GateShareRule, OtherEvidence, VectorEvidence } from '../api/signals';
import { VECTOR_INDICES } from '../api/signals';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Badge, Card } from '../app/ui';
import { EpiCurve, GateJumpChart } from './LazyCharts';
import { decimal, percent, periodLabel, usePlaces, weekDays } from './names';

function ParamsTable({ params }: { params: Record<string, unknown> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const value = (v: unknown): string => {
    if (typeof v === 'number') return decimal(v, f, 4);
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (Array.isArray(v)) return v.map(value).join(', ');
    if (v === null || v === undefined) return '—';
    return String(v);
  };
  const entries = Object.entries(params);
  if (!entries.length) return <span className="faint">—</span>;
  return (
    <table className="table params-table">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <td>
              <code className="mono">{k}</code>
              {enumLabel(t, 'detectionParam', k) === k ? null : <span className="small faint"> · {enumLabel(t, 'detectionParam', k)}</span>}
            </td>
            <td className="num">{value(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function methodLabel(method: string, params: Record<string, unknown>, t: ReturnType<typeof useTranslation>['t']): string {
  const base = enumLabel(t, 'detectionMethod', method);
  return method === 'ears' && typeof params.variant === 'string' ? `${base} (${params.variant})` : base;
}

/** Count against bound, as a sentence. */
function Verdict({ observed, upperbound, expected }: { observed: number; upperbound: number | null; expected: number | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <div className="verdict-line" data-testid="evidence-verdict">
      <span className="verdict-count">{f.number(observed)}</span>
      <span className="verdict-text">
        {upperbound == null ? t('evidence.alarmNoBound') : t('evidence.aboveBound', { bound: decimal(upperbound, f) })}
        {expected != null ? <span className="faint"> · {t('evidence.expectedValue', { expected: decimal(expected, f) })}</span> : null}
      </span>
    </div>
  );
}

const WINDOWS = [0, 26, 12] as const;

function AggregateView({ e }: { e: AggregateEvidence }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [window, setWindow] = useState<(typeof WINDOWS)[number]>(26);
  const windowLabel = (w: number) => (w ? t('evidence.lastWeeks', { n: f.number(w) }) : t('evidence.curveWindow', { n: f.number(e.series.counts.length) }));
  return (
    <>
      <Card
        title={t('evidence.curve')}
        actions={
          <div className="segmented" role="group" aria-label={t('evidence.window')}>
            {WINDOWS.map((w) => (
              <button key={w} type="button" className={window === w ? 'active' : undefined} aria-pressed={window === w} onClick={() => setWindow(w)}>
                {windowLabel(w)}
              </button>
            ))}
          </div>
        }
      >
        <EpiCurve series={e.series} judged={e.judged} alarmWeeks={e.alarmWeeks} week={e.week} lastWeeks={window || undefined} />
        <div className="legend-note">{t('evidence.curveNote')}</div>
      </Card>
      <Card title={t('evidence.title')}>
        <Verdict observed={e.observed} upperbound={e.upperbound} expected={e.expected} />
        <div className="grid grid-2 evidence-grid">
          <dl className="facts">
            <dt>{t('evidence.judgedWeek')}</dt>
            <dd>
              {periodLabel(e.week, t, f)}
              <div className="small faint">{weekDays(e.week, f)}</div>
            </dd>
            <dt>{t('evidence.observed')}</dt>
            <dd className="strong">{f.number(e.observed)}</dd>
            <dt>{t('evidence.expected')}</dt>
            <dd>{decimal(e.expected, f)}</dd>
            <dt>{t('evidence.upperBound')}</dt>
            <dd>{decimal(e.upperbound, f)}</dd>
            <dt>{t('evidence.method')}</dt>
            <dd>
              {methodLabel(e.method, e.params, t)}
              <div className="small faint">
                <code className="mono">{e.method}</code>
              </div>
            </dd>
            <dt>{t('evidence.alarmWeeks')}</dt>
            <dd>{e.alarmWeeks.length ? f.list(e.alarmWeeks.map((w) => periodLabel(w, t, f))) : '—'}</dd>
          </dl>
          <div>
            <div className="sub-heading">{t('evidence.parameters')}</div>
            <ParamsTable params={e.params} />
          </div>
        </div>
      </Card>
      <Card title={t('evidence.judgedTable')} flush>
        <div className="table-wrap">
          <table className="table" data-testid="judged-weeks">
            <thead>
              <tr>
                <th>{t('evidence.week')}</th>
                <th className="num">{t('evidence.observed')}</th>
                <th className="num">{t('evidence.expected')}</th>
                <th className="num">{t('evidence.upperBound')}</th>
                <th>{t('evidence.judgement')}</th>
              </tr>
            </thead>
            <tbody>
              {e.judged.map((j) => (
                <tr key={j.week} className={j.week === e.week ? 'row-focus' : undefined}>
                  <td>
                    {periodLabel(j.week, t, f)}
                    <div className="small faint">{weekDays(j.week, f)}</div>
                  </td>
                  <td className="num strong">{f.number(j.observed)}</td>
                  <td className="num">{decimal(j.expected, f)}</td>
                  <td className="num">{decimal(j.upperbound, f)}</td>
                  <td>
                    {j.alarm === true ? (
                      <Badge tone="danger">{t('evidence.alarm')}</Badge>
                    ) : j.alarm === false ? (
                      <Badge tone="success">{t('evidence.noAlarm')}</Badge>
                    ) : (
                      <Badge>{t('evidence.notJudgeable')}</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}

function GateView({ e }: { e: GateEvidence }) {
  const { t } = useTranslation();
  const f = useFormat();
  const places = usePlaces();
  const share = e.people > 0 ? e.symptomatic / e.people : null;
  const jump = e.rules.find((r): r is GateJumpRule => r.rule === 'symptomatic-jump');
  return (
    <>
      <Card title={t('evidence.screeningDay', { date: f.date(e.date) })}>
        <div className="stats stats-inline">
          <div className="stat">
            <div className="stat-label">{t('screening.people')}</div>
            <div className="stat-value">{f.number(e.people)}</div>
          </div>
          <div className="stat">
            <div className="stat-label">{t('screening.symptomatic')}</div>
            <div className="stat-value">{f.number(e.symptomatic)}</div>
            <div className="stat-hint">{t('evidence.shareOfScreened', { share: percent(share, f, 2) })}</div>
          </div>
          <div className="stat">
            <div className="stat-label">{t('screening.referred')}</div>
            <div className="stat-value">{f.number(e.referred)}</div>
          </div>
          <div className="stat">
            <div className="stat-label">{t('screening.quarantined')}</div>
            <div className="stat-value">{f.number(e.quarantined)}</div>
          </div>
        </div>
        <dl className="facts">
          <dt>{t('evidence.gate')}</dt>
          <dd>{places.gateName(e.gate)}</dd>
          <dt>{t('evidence.date')}</dt>
          <dd>{f.date(e.date)}</dd>
        </dl>
      </Card>
      <Card title={t('evidence.rulesBroken')} flush>
        <table className="table" data-testid="gate-rules">
          <thead>
            <tr>
              <th>{t('evidence.rule')}</th>
              <th className="num">{t('evidence.value')}</th>
              <th className="num">{t('evidence.threshold')}</th>
              <th>{t('evidence.conditions')}</th>
            </tr>
          </thead>
          <tbody>
            {e.rules.map((r, i) =>
              r.rule === 'symptomatic-share' ? (
                <ShareRow key={i} r={r} />
              ) : (
                <tr key={i}>
                  <td>{enumLabel(t, 'gateRule', r.rule)}</td>
                  <td className="num strong">{f.number(r.observed)}</td>
                  <td className="num">{decimal(r.upperbound, f)}</td>
                  <td className="small">
                    {t('evidence.jumpConditions', { method: methodLabel(r.method, r.params, t), days: f.number(r.baseline.dates.length) })}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </Card>
      {jump ? (
        <Card title={t('evidence.jumpBaseline')}>
          <GateJumpChart dates={jump.baseline.dates} counts={jump.baseline.counts} date={e.date} observed={jump.observed} upperbound={jump.upperbound} />
          <div className="legend-note">{t('evidence.jumpNote')}</div>
        </Card>
      ) : null}
    </>
  );
}

function ShareRow({ r }: { r: GateShareRule }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <tr>
      <td>{enumLabel(t, 'gateRule', r.rule)}</td>
      <td className="num strong">{percent(r.share, f, 2)}</td>
      <td className="num">{percent(r.threshold, f, 2)}</td>
      <td className="small">{t('evidence.shareConditions', { screened: f.number(r.minScreened), symptomatic: f.number(r.minSymptomatic) })}</td>
    </tr>
  );
}

function VectorView({ e }: { e: VectorEvidence }) {
  const { t } = useTranslation();
  const f = useFormat();
  const places = usePlaces();
  const measured = VECTOR_INDICES.filter((k) => e.surveys.some((s) => s[k] != null));
  return (
    <>
      <Card title={t('evidence.vectorTitle', { date: f.date(e.date) })}>
        <dl className="facts section-gap">
          <dt>{t('evidence.area')}</dt>
          <dd>{places.areaName(e.area)}</dd>
          <dt>{t('evidence.date')}</dt>
          <dd>{f.date(e.date)}</dd>
          <dt>{t('evidence.surveyKind')}</dt>
          <dd>{enumLabel(t, 'surveyKind', e.surveyKind)}</dd>
        </dl>
        <table className="table" data-testid="vector-exceeded">
          <thead>
            <tr>
              <th>{t('evidence.index')}</th>
              <th className="num">{t('evidence.value')}</th>
              <th className="num">{t('evidence.threshold')}</th>
            </tr>
          </thead>
          <tbody>
            {e.exceeded.map((x) => (
              <tr key={x.index}>
                <td>{enumLabel(t, 'vectorIndex', x.index)}</td>
                <td className="num strong">{decimal(x.value, f)}</td>
                <td className="num">{t('evidence.atLeast', { value: decimal(x.threshold, f) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {e.surveys.length ? (
        <Card title={t('evidence.surveys', { n: f.number(e.surveys.length) })} flush>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>#</th>
                  {measured.map((k) => (
                    <th key={k} className="num">
                      {enumLabel(t, 'vectorIndex', k)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {e.surveys.map((s, i) => (
                  <tr key={i}>
                    <td className="muted">{f.number(i + 1)}</td>
                    {measured.map((k) => (
                      <td key={k} className="num">
                        {decimal(s[k], f)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : null}
    </>
  );
}

function OtherView({ e }: { e: OtherEvidence }) {
  const { t } = useTranslation();
  return (
    <Card title={t('evidence.title')}>
      <pre className="json-block">{JSON.stringify(e, null, 2)}</pre>
    </Card>
  );
}

export function EvidenceView({ evidence }: { evidence: Evidence }) {
  switch (evidence.kind) {
    case 'aggregate-detection':
      return <AggregateView e={evidence as AggregateEvidence} />;
    case 'gate-screening':
      return <GateView e={evidence as GateEvidence} />;
    case 'vector-index':
      return <VectorView e={evidence as VectorEvidence} />;
    default:
      return <OtherView e={evidence as OtherEvidence} />;
  }
}
