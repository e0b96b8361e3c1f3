/**
 * Judging data into alarms and evidence: pure functions over the detection engine. The runner
 * feeds them what the source answers and stores what they find.
 */
import { createDetector, type DetectionConfig, type Detector } from '../detection';
import {
  EVIDENCE_WEEKS,
  VECTOR_INDICES,
  addWeeks,
  weeksBetween,
  type AggregateEvidence,
  type GateEvidence,
  type GateJumpRule,
  type GateShareRule,
  type JudgedWeek,
  type VectorEvidence,
  type VectorIndex,
} from './model';
import type { DetectionSettings, ResolvedRule } from './settings';
import type { GateScreeningDay, VectorSurvey, WeeklySeries } from './source';

/** One detector per configuration, built once and reused for every series (createDetector precomputes). */
export class DetectorCache {
  readonly #detectors = new Map<string, Detector>();

  get(config: DetectionConfig, frequency: number): Detector {
    const key = `${frequency}:${JSON.stringify(config)}`;
    let d = this.#detectors.get(key);
    if (!d) {
      d = createDetector(config, frequency);
      this.#detectors.set(key, d);
    }
    return d;
  }
}

/** The configuration a series gets, or why none fits. */
export function chooseMethod(rule: ResolvedRule, firstJudged: number): { config: DetectionConfig; reason: string } | { config: null; reason: string } {
  const weeksBefore = firstJudged;
  if (rule.long) {
    if (rule.long.method === 'farrington-flexible') {
      const p = rule.long.params;
      // Farrington needs b whole years plus w weeks before the judged week (k - b·52 - w ≥ 0, k 1-based)
      const years = Math.floor((firstJudged + 1 - p.w) / 52);
      if (years >= rule.minYears) {
        const b = Math.min(p.b, years);
        return {
          config: { method: 'farrington-flexible', params: { ...p, b } },
          reason: `${weeksBefore} weeks of history (${years} whole years): Farrington flexible (${p.thresholdMethod}) with b = ${b}`,
        };
      }
    } else if (weeksBefore >= rule.minYears * 52) {
      return { config: rule.long, reason: `${weeksBefore} weeks of history: ${rule.long.method}` };
    }
  }
  if (rule.short) {
    const label = rule.short.method === 'ears' ? `EARS ${rule.short.params.variant}` : rule.short.method;
    return { config: rule.short, reason: `${weeksBefore} weeks of history (fewer than ${rule.minYears} years): ${label}` };
  }
  return { config: null, reason: `${weeksBefore} weeks of history is too short for the configured method` };
}

export type SeriesJudgement =
  | { outcome: 'no-data' }
  | { outcome: 'no-method'; reason: string }
  | { outcome: 'judged'; method: string; weeks: JudgedWeek[]; alarms: AggregateEvidence[]; notJudgeable: number };

const round = (x: number | null | undefined) => (x == null ? null : Math.round(x * 1e6) / 1e6);

/**
 * Judges the given ISO weeks of a series (those the series has) and answers the evidence of each
 * alarm. Throws RangeError on a malformed series (bad week label, negative count).
 */
export function judgeWeeklySeries(series: WeeklySeries, judgedWeeks: readonly string[], rule: ResolvedRule, cache: DetectorCache): SeriesJudgement {
  const n = series.counts.length;
  const idx = judgedWeeks.map((w) => weeksBetween(series.firstWeek, w)).filter((i) => i >= 0 && i < n);
  if (idx.length === 0) return { outcome: 'no-data' };
  const start = Math.min(...idx);
  const end = Math.max(...idx);
  const choice = chooseMethod(rule, start);
  if (!choice.config) return { outcome: 'no-method', reason: choice.reason };
  const config = choice.config;
  const detector = cache.get(config, 52);
  const res = detector({ counts: series.counts, frequency: 52 }, { start, end });
  const weeks: JudgedWeek[] = [];
  for (let t = start; t <= end; t++) {
    const j = t - start;
    weeks.push({
      week: addWeeks(series.firstWeek, t),
      observed: series.counts[t],
      expected: round(res.expected?.[j]),
      upperbound: round(res.upperbound[j]),
      alarm: res.alarm[j],
    });
  }
  const alarmWeeks = weeks.filter((w) => w.alarm === true).map((w) => w.week);
  const alarms: AggregateEvidence[] = [];
  for (let t = start; t <= end; t++) {
    const j = t - start;
    if (res.alarm[j] !== true) continue;
    const w = weeks[j];
    const from = Math.max(0, t - EVIDENCE_WEEKS + 1);
    const ub = w.upperbound;
    alarms.push({
      kind: 'aggregate-detection',
      area: series.area,
      disease: series.disease,
      week: w.week,
      observed: w.observed,
      expected: w.expected,
      upperbound: ub,
      method: config.method,
      params: { ...config.params },
      methodReason: choice.reason,
      reason:
        `${w.observed} cases in ${w.week} ` +
        (ub == null ? 'raised an alarm' : `exceed the upper bound ${ub.toFixed(2)}`) +
        (w.expected == null ? '' : ` (expected ${w.expected.toFixed(2)})`) +
        ` — ${config.method}${res.reasons[j] ? `; ${res.reasons[j]}` : ''}`,
      judged: weeks,
      alarmWeeks,
      series: { firstWeek: addWeeks(series.firstWeek, from), counts: series.counts.slice(from, t + 1) },
    });
  }
  return { outcome: 'judged', method: config.method, weeks, alarms, notJudgeable: weeks.filter((w) => w.alarm === null).length };
}

/** A gate's days, merged per date (several reports of one day add up), in date order. */
function gateDays(rows: readonly GateScreeningDay[]): Map<string, GateScreeningDay[]> {
  const byGate = new Map<string, Map<string, GateScreeningDay>>();
  for (const r of rows) {
    let days = byGate.get(r.gate);
    if (!days) byGate.set(r.gate, (days = new Map()));
    const d = days.get(r.date);
    if (d) {
      d.people += r.people;
      d.symptomatic += r.symptomatic;
      d.referred += r.referred;
      d.quarantined += r.quarantined;
    } else days.set(r.date, { ...r });
  }
  const out = new Map<string, GateScreeningDay[]>();
  for (const [g, days] of byGate) out.set(g, [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)));
  return out;
}

export interface GateJudgement {
  judged: number;
  notJudgeable: number;
  alarms: GateEvidence[];
}

/**
 * Judges the screening days from `fromDate` on. Two rules, either raises the day's signal:
 * the symptomatic share among those screened at or above a threshold, and a jump in the daily
 * symptomatic count: EARS (C2 by default) over the gate's previous reporting days — days without
 * a report are left out, not taken as zero. Both need a minimum number of symptomatic travellers.
 */
export function judgeGateScreening(rows: readonly GateScreeningDay[], fromDate: string, settings: DetectionSettings['gate'], cache: DetectorCache): GateJudgement {
  const out: GateJudgement = { judged: 0, notJudgeable: 0, alarms: [] };
  const jump = settings.jumpConfig;
  const detector = jump ? cache.get(jump, 365) : null;
  for (const [gate, days] of gateDays(rows)) {
    const first = days.findIndex((d) => d.date >= fromDate);
    if (first < 0) continue;
    const counts = days.map((d) => d.symptomatic);
    const res = detector ? detector({ counts, frequency: 365 }, { start: first, end: days.length - 1 }) : null;
    for (let t = first; t < days.length; t++) {
      const d = days[t];
      out.judged++;
      const rules: (GateShareRule | GateJumpRule)[] = [];
      const share = d.people > 0 ? d.symptomatic / d.people : 0;
      if (
        settings.symptomaticShare != null &&
        d.people >= settings.minScreened &&
        d.symptomatic >= settings.minSymptomatic &&
        share >= settings.symptomaticShare
      ) {
        rules.push({ rule: 'symptomatic-share', share: round(share)!, threshold: settings.symptomaticShare, minScreened: settings.minScreened, minSymptomatic: settings.minSymptomatic });
      }
      const j = t - first;
      if (res && jump && res.alarm[j] === null && rules.length === 0) out.notJudgeable++;
      if (res && jump && res.alarm[j] === true && d.symptomatic >= settings.minSymptomatic) {
        // the days EARS looked at: C1 the B days before, C2 B days before a 2-day guard, C3 C2's at t-2..t
        const p = jump.method === 'ears' ? jump.params : { variant: 'C2' as const, baseline: 7 };
        const from = Math.max(0, t - p.baseline - (p.variant === 'C1' ? 0 : p.variant === 'C2' ? 2 : 4));
        rules.push({
          rule: 'symptomatic-jump',
          observed: d.symptomatic,
          upperbound: round(res.upperbound[j])!,
          method: 'ears',
          params: { ...jump.params },
          baseline: { dates: days.slice(from, t).map((x) => x.date), counts: counts.slice(from, t) },
        });
      }
      if (rules.length === 0) continue;
      const parts = rules.map((r) =>
        r.rule === 'symptomatic-share'
          ? `${(r.share * 100).toFixed(2)} % of ${d.people} screened were symptomatic (threshold ${(r.threshold * 100).toFixed(2)} %)`
          : `${r.observed} symptomatic exceed the EARS upper bound ${r.upperbound.toFixed(2)}`,
      );
      out.alarms.push({ kind: 'gate-screening', gate, date: d.date, people: d.people, symptomatic: d.symptomatic, referred: d.referred, quarantined: d.quarantined, rules, reason: `${gate} ${d.date}: ${parts.join('; ')}` });
    }
  }
  return out;
}

export interface VectorJudgement {
  judged: number;
  alarms: VectorEvidence[];
}

/** Judges surveys against the thresholds, one judgement per area, date and survey kind (highest value counts). */
export function judgeVectorSurveys(rows: readonly VectorSurvey[], settings: DetectionSettings['vector']): VectorJudgement {
  const groups = new Map<string, VectorSurvey[]>();
  for (const r of rows) {
    const key = `${r.area}\u0000${r.date}\u0000${r.kind}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const out: VectorJudgement = { judged: 0, alarms: [] };
  for (const surveys of groups.values()) {
    out.judged++;
    const { area, date, kind } = surveys[0];
    const exceeded: VectorEvidence['exceeded'] = [];
    for (const index of VECTOR_INDICES) {
      const threshold = settings.thresholds[index];
      if (threshold == null) continue;
      const values = surveys.map((s) => s[index]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      if (values.length === 0) continue;
      const value = Math.max(...values);
      if (value >= threshold) exceeded.push({ index, value, threshold });
    }
    if (exceeded.length === 0) continue;
    const pick = (s: VectorSurvey) => Object.fromEntries(VECTOR_INDICES.filter((i) => s[i] != null).map((i) => [i, s[i]])) as Partial<Record<VectorIndex, number | null>>;
    out.alarms.push({
      kind: 'vector-index',
      area,
      date,
      surveyKind: kind,
      exceeded,
      surveys: surveys.map(pick),
      reason: `${area} ${date}: ` + exceeded.map((e) => `${e.index} ${e.value} ≥ ${e.threshold}`).join('; '),
    });
  }
  return out;
}
