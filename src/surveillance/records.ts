/**
 * Aggregate surveillance records: counts per period × area × disease × age group × sex, daily
 * screening at border gates, and vector surveys. Types and rules only: no I/O.
 */
import { AGE_GROUPS, SEXES, type AgeGroup, type Problem, type Sex } from './model';
import { addWeeks, weeksBetween, type PeriodKind } from './periods';

/** One aggregate count: unique on (period, area, disease, ageGroup, sex). */
export interface AggregateCount {
  period: string;
  periodKind: PeriodKind;
  area: string;
  disease: string;
  ageGroup: AgeGroup;
  sex: Sex;
  count: number;
}

export const SCREENING_COUNTS = ['people', 'vehicles', 'consignments', 'samples', 'symptomatic', 'referred', 'quarantined'] as const;
export type ScreeningCount = (typeof SCREENING_COUNTS)[number];

/** What this node's side of a border gate pair screened on one day: unique on (gate, date). */
export type ScreeningDay = { gate: string; date: string } & Record<ScreeningCount, number>;

/**
 * Counts that cannot exceed another count of the same day: a symptomatic, referred or quarantined
 * traveller is a screened person, and only a symptomatic traveller is referred to hospital.
 */
export const SCREENING_BOUNDS: readonly [ScreeningCount, ScreeningCount][] = [
  ['symptomatic', 'people'],
  ['quarantined', 'people'],
  ['referred', 'symptomatic'],
];

export const VECTOR_INDICES = ['houseIndex', 'breteauIndex', 'containerIndex', 'rodentDensity', 'fleaIndex'] as const;
export type VectorIndex = (typeof VECTOR_INDICES)[number];

/**
 * One vector survey of an area: unique on (area, surveyDate). Mosquito (Aedes) larval indices —
 * house index (% of houses with larvae), container index (% of water containers with larvae),
 * Breteau index (positive containers per 100 houses) — and plague indices: rodent density (% of
 * traps catching a rodent) and flea index (fleas per rodent). An index not measured is null.
 */
export type VectorSurvey = { area: string; surveyDate: string; species: string | null } & Record<VectorIndex, number | null>;

/** Upper bounds of the indices (percentages cannot exceed 100; the others are open-ended). */
export const VECTOR_MAX: Record<VectorIndex, number | null> = {
  houseIndex: 100,
  breteauIndex: null,
  containerIndex: 100,
  rodentDensity: 100,
  fleaIndex: null,
};

export const SPECIES_MAX = 500;

const problem = (field: string, code: string, params: Record<string, unknown> = {}): Problem => ({ field, code, params: { field, ...params } });

export function isAgeGroup(s: string): s is AgeGroup {
  return (AGE_GROUPS as readonly string[]).includes(s);
}
export function isSex(s: string): s is Sex {
  return (SEXES as readonly string[]).includes(s);
}

/** The key an aggregate count is unique on. */
export function aggregateKey(r: Pick<AggregateCount, 'period' | 'area' | 'disease' | 'ageGroup' | 'sex'>): string {
  return `${r.period}|${r.area}|${r.disease}|${r.ageGroup}|${r.sex}`;
}

/** Cross-field rules of a screening day (each count is already a non-negative integer). */
export function screeningProblems(d: ScreeningDay): Problem[] {
  const out: Problem[] = [];
  for (const [field, bound] of SCREENING_BOUNDS) {
    if (d[field] > d[bound]) out.push(problem(field, 'BH_SURVEILLANCE_EXCEEDS', { value: d[field], other: bound, otherValue: d[bound] }));
  }
  return out;
}

/** Rules of a vector survey (each index is already a finite number or null). */
export function vectorProblems(v: VectorSurvey): Problem[] {
  const out: Problem[] = [];
  for (const k of VECTOR_INDICES) {
    const x = v[k];
    if (x === null) continue;
    const max = VECTOR_MAX[k];
    if (x < 0) out.push(problem(k, 'BH_SURVEILLANCE_NEGATIVE', { value: x }));
    else if (max !== null && x > max) out.push(problem(k, 'BH_SURVEILLANCE_OUT_OF_RANGE', { value: x, min: 0, max }));
  }
  if (VECTOR_INDICES.every((k) => v[k] === null)) out.push(problem('houseIndex', 'BH_SURVEILLANCE_VECTOR_EMPTY'));
  const { houseIndex: hi, breteauIndex: bi, containerIndex: ci } = v;
  // Every positive house holds at least one positive container: BI ≥ HI, and no positive house means none at all.
  if (hi !== null && bi !== null && hi >= 0 && bi >= 0 && bi < hi) out.push(problem('breteauIndex', 'BH_SURVEILLANCE_BELOW', { value: bi, other: 'houseIndex', otherValue: hi }));
  if (hi === 0 && ((bi ?? 0) > 0 || (ci ?? 0) > 0)) {
    const field = (bi ?? 0) > 0 ? 'breteauIndex' : 'containerIndex';
    out.push(problem(field, 'BH_SURVEILLANCE_INCONSISTENT_ZERO', { value: v[field], other: 'houseIndex' }));
  }
  if (v.species !== null && v.species.length > SPECIES_MAX) out.push(problem('species', 'BH_SURVEILLANCE_TEXT_TOO_LONG', { max: SPECIES_MAX }));
  return out;
}

/** Weekly counts made dense: consecutive ISO weeks from `from` to `to`, missing weeks 0. */
export interface WeeklySeries {
  from: string | null;
  to: string | null;
  weeks: string[];
  series: { area: string; disease: string; counts: number[] }[];
}

/**
 * Turns summed weekly counts (sorted by area, disease, week) into one dense array per area ×
 * disease. Without `from`/`to` the range is that of the data.
 */
export function denseWeekly(sums: readonly { area: string; disease: string; period: string; n: number }[], from?: string, to?: string): WeeklySeries {
  const first = from ?? sums.reduce<string | null>((m, s) => (m === null || s.period < m ? s.period : m), null);
  const last = to ?? sums.reduce<string | null>((m, s) => (m === null || s.period > m ? s.period : m), null);
  if (first === null || last === null || last < first) return { from: first, to: last, weeks: [], series: [] };
  const n = weeksBetween(first, last) + 1;
  const weeks = Array.from({ length: n }, (_, i) => addWeeks(first, i));
  const series: WeeklySeries['series'] = [];
  let cur: WeeklySeries['series'][number] | undefined;
  for (const s of sums) {
    if (s.period < first || s.period > last) continue;
    if (!cur || cur.area !== s.area || cur.disease !== s.disease) {
      cur = { area: s.area, disease: s.disease, counts: new Array<number>(n).fill(0) };
      series.push(cur);
    }
    cur.counts[weeksBetween(first, s.period)] += s.n;
  }
  return { from: first, to: last, weeks, series };
}
