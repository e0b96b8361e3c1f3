import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignals } from '../api/signals';
import { useScreening, useTotals, useWeeklySeries, type ScreeningDay } from '../api/surveillance';
import { can, useMe } from '../auth/session';
import { useFormat } from '../i18n/format';
import { Link } from '../app/router';
import { Card, Empty, ErrorBox, Loading, PageHeader, Stat } from '../app/ui';
import { BubbleMap, ScreeningChart, WeeklyCurve, type Bubble, type MapPoint } from './LazyCharts';
import { periodLabel, useDiseaseName, useOwnDiseases, usePlaces } from './names';
import { addDays, addWeeks, lastCompletedWeek, localDate, weekRange } from './weeks';

const WEEKS = 104;
const RECENT = 4;
const SCREENING_DAYS = 30;

function DiseaseCurves({ from, to, recentFrom }: { from: string; to: string; recentFrom: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const diseaseName = useDiseaseName();
  const series = useWeeklySeries({ from, to });
  const curves = useMemo(() => {
    if (!series.data) return [];
    const weeks = series.data.weeks.length ? series.data.weeks : weekRange(from, WEEKS);
    const byDisease = new Map<string, number[]>();
    for (const s of series.data.series) {
      const sum = byDisease.get(s.disease) ?? new Array<number>(weeks.length).fill(0);
      s.counts.forEach((c, i) => (sum[i] += c));
      byDisease.set(s.disease, sum);
    }
    return [...byDisease.entries()]
      .map(([disease, counts]) => ({
        disease,
        weeks,
        counts,
        total: counts.reduce((a, b) => a + b, 0),
        recent: counts.reduce((a, c, i) => a + (weeks[i] >= recentFrom ? c : 0), 0),
      }))
      .filter((c) => c.total > 0)
      .sort((a, b) => b.recent - a.recent || b.total - a.total);
  }, [series.data, from, recentFrom]);
  if (series.isPending) return <Loading />;
  if (series.isError) return <ErrorBox error={series.error} onRetry={() => void series.refetch()} />;
  if (!curves.length) return <Empty>{t('overview.noData')}</Empty>;
  return (
    <div className="curve-grid" data-testid="disease-curves">
      {curves.map((c) => (
        <Card
          key={c.disease}
          className="curve-card"
          title={diseaseName(c.disease)}
          actions={
            <Link to={`/early-warning?disease=${encodeURIComponent(c.disease)}`} className="small">
              {t('overview.signalsLink')}
            </Link>
          }
        >
          <div className="curve-facts small">
            <span>{t('overview.total2y', { n: f.number(c.total) })}</span>
            <span className={c.recent ? 'strong' : 'faint'}>{t('overview.recent', { n: f.number(c.recent) })}</span>
          </div>
          <WeeklyCurve weeks={c.weeks} counts={c.counts} recentFrom={recentFrom} label={diseaseName(c.disease)} />
        </Card>
      ))}
    </div>
  );
}

function CasesMap({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const places = usePlaces();
  const diseases = useOwnDiseases();
  const diseaseName = useDiseaseName();
  const [disease, setDisease] = useState('');
  const totals = useTotals({ from, to, by: 'area', ...(disease ? { disease: [disease] } : {}) });
  const { bubbles, unplaced } = useMemo(() => {
    const out: Bubble[] = [];
    let missing = 0;
    for (const r of totals.data ?? []) {
      if (!r.area) continue;
      const a = places.areaMap.get(r.area);
      if (!a?.centroid) {
        missing += r.count;
        continue;
      }
      out.push({ code: r.area, name: f.text(a.names), at: a.centroid, count: r.count, rate: r.population ? (r.count / r.population) * 100_000 : null });
    }
    return { bubbles: out, unplaced: missing };
  }, [totals.data, places.areaMap, f]);
  const gates = useMemo<MapPoint[]>(() => {
    const out: MapPoint[] = [];
    for (const g of places.gateMap.values()) {
      const side = places.ownGateSide(g.id);
      if (side && bubbles.length) out.push({ name: f.text(side.name), at: side.coordinates });
    }
    return out;
  }, [places, bubbles.length, f]);
  const top = [...bubbles].sort((a, b) => b.count - a.count).slice(0, 8);
  return (
    <Card
      title={t('overview.mapTitle')}
      actions={
        <select aria-label={t('board.disease')} value={disease} onChange={(e) => setDisease(e.target.value)} className="select-compact">
          <option value="">{t('overview.allDiseases')}</option>
          {diseases.list.map((d) => (
            <option key={d.code} value={d.code}>
              {f.text(d.names)}
            </option>
          ))}
        </select>
      }
    >
      <p className="small muted no-margin">{t('overview.mapPeriod', { from: periodLabel(from, t, f), to: periodLabel(to, t, f) })}</p>
      {totals.isPending || !places.ready ? (
        <Loading />
      ) : totals.isError ? (
        <ErrorBox error={totals.error} onRetry={() => void totals.refetch()} />
      ) : !bubbles.length ? (
        <Empty>{disease ? t('overview.noCasesDisease', { disease: diseaseName(disease) }) : t('overview.noCases')}</Empty>
      ) : (
        <div className="map-layout">
          <BubbleMap bubbles={bubbles} gates={gates} />
          <div className="map-side">
            <div className="sub-heading">{t('overview.topAreas')}</div>
            <table className="table compact">
              <thead>
                <tr>
                  <th>{t('overview.area')}</th>
                  <th className="num">{t('overview.cases')}</th>
                  <th className="num">{t('overview.rate')}</th>
                </tr>
              </thead>
              <tbody>
                {top.map((b) => (
                  <tr key={b.code}>
                    <td>{b.name}</td>
                    <td className="num strong">{f.number(b.count)}</td>
                    <td className="num">{b.rate == null ? '—' : new Intl.NumberFormat(f.locale, { maximumFractionDigits: 1 }).format(b.rate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="legend-note">{t('overview.mapNote')}</div>
            {unplaced ? <div className="legend-note">{t('overview.unplaced', { n: f.number(unplaced) })}</div> : null}
          </div>
        </div>
      )}
    </Card>
  );
}

interface GatePanel {
  gate: string;
  totals: Omit<ScreeningDay, 'gate' | 'date'>;
  dates: string[];
  people: number[];
  symptomatic: number[];
}

function ScreeningPanels({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const places = usePlaces();
  const screening = useScreening({ from, to });
  const panels = useMemo(() => {
    const days: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
    const byGate = new Map<string, Map<string, ScreeningDay>>();
    for (const r of screening.data ?? []) {
      const m = byGate.get(r.gate) ?? new Map<string, ScreeningDay>();
      m.set(r.date, r);
      byGate.set(r.gate, m);
    }
    const out: GatePanel[] = [];
    for (const [gate, m] of byGate) {
      const totals = { people: 0, vehicles: 0, consignments: 0, samples: 0, symptomatic: 0, referred: 0, quarantined: 0 };
      for (const r of m.values()) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k];
      out.push({ gate, totals, dates: days, people: days.map((d) => m.get(d)?.people ?? 0), symptomatic: days.map((d) => m.get(d)?.symptomatic ?? 0) });
    }
    return out.sort((a, b) => b.totals.people - a.totals.people);
  }, [screening.data, from, to]);
  if (screening.isPending) return <Loading />;
  if (screening.isError) return <ErrorBox error={screening.error} onRetry={() => void screening.refetch()} />;
  if (!panels.length) return <Empty>{t('overview.noScreening')}</Empty>;
  return (
    <div className="gate-panels" data-testid="screening-panels">
      {panels.map((p) => (
        <Card key={p.gate} title={places.gateName(p.gate)} className="gate-panel">
          <div className="gate-panel-stats">
            {(['people', 'symptomatic', 'referred', 'quarantined'] as const).map((k) => (
              <div key={k} className={`mini-stat mini-${k}`}>
                <div className="mini-stat-label">{t(`screening.${k}`)}</div>
                <div className="mini-stat-value">{f.number(p.totals[k])}</div>
              </div>
            ))}
          </div>
          <ScreeningChart dates={p.dates} people={p.people} symptomatic={p.symptomatic} />
        </Card>
      ))}
    </div>
  );
}

export function OverviewPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const today = localDate();
  const last = lastCompletedWeek(today);
  const first = addWeeks(last, -(WEEKS - 1));
  const recentFrom = addWeeks(last, -(RECENT - 1));
  const screeningFrom = addDays(today, -(SCREENING_DAYS - 1));
  const recent = useTotals({ from: recentFrom, to: last, by: 'disease' });
  const before = useTotals({ from: addWeeks(recentFrom, -RECENT), to: addWeeks(recentFrom, -1), by: 'disease' });
  const newSignals = useSignals({ status: 'new', limit: 1 });
  const sum = (rows: { count: number }[] | undefined) => (rows ? rows.reduce((a, r) => a + r.count, 0) : undefined);
  const now = sum(recent.data);
  const prev = sum(before.data);
  const change = now !== undefined && prev !== undefined && prev > 0 ? (now - prev) / prev : null;
  // Aggregate counts lie in areas: a jurisdiction over a gate or a facility reaches none of them.
  const byArea = me.jurisdiction.kind === 'party' || me.jurisdiction.kind === 'area';
  const screening = me.jurisdiction.kind !== 'facility';
  return (
    <>
      <PageHeader title={t('overview.title')} subtitle={t('overview.subtitle')} />
      {byArea ? (
        <>
          <div className="stats">
            <Stat icon="chart" label={t('overview.statRecent')} value={now === undefined ? '…' : f.number(now)} hint={t('overview.statRecentHint', { from: periodLabel(recentFrom, t, f), to: periodLabel(last, t, f) })} />
            <Stat
              icon="chart"
              label={t('overview.statPrevious')}
              value={prev === undefined ? '…' : f.number(prev)}
              hint={change === null ? undefined : t('overview.statChange', { change: new Intl.NumberFormat(f.locale, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(change) })}
            />
            <Stat icon="diseases" label={t('overview.statDiseases')} value={recent.data ? f.number(recent.data.filter((r) => r.count > 0).length) : '…'} />
            {can(me.role, 'signals') ? (
              <Stat icon="signals" label={t('overview.statNewSignals')} value={newSignals.data ? f.number(newSignals.data.total) : '…'} to="/early-warning?status=new" />
            ) : null}
          </div>
          <CasesMap from={recentFrom} to={last} />
          <h2 className="section-title">{t('overview.curvesTitle')}</h2>
          <p className="small muted section-lead">{t('overview.curvesLead', { from: periodLabel(first, t, f), to: periodLabel(last, t, f) })}</p>
          <DiseaseCurves from={first} to={last} recentFrom={recentFrom} />
        </>
      ) : (
        <div className="alert alert-info">{t(screening ? 'overview.gateJurisdiction' : 'overview.facilityJurisdiction')}</div>
      )}
      {screening ? (
        <>
          <h2 className="section-title">{t('overview.screeningTitle')}</h2>
          <p className="small muted section-lead">{t('overview.screeningLead', { from: f.date(screeningFrom), to: f.date(today) })}</p>
          <ScreeningPanels from={screeningFrom} to={today} />
        </>
      ) : null}
    </>
  );
}
