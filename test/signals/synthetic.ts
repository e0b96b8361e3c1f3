/**
 * Synthetic surveillance data for signal tests: a seeded PRNG, seasonal Poisson and negative
 * binomial weekly counts with planted outbreaks, daily gate screening and vector surveys, behind
 * a real in-memory SeriesSource. Test data, not a stand-in for detection: the real engine judges it.
 */
import { addDays, addWeeks } from '../../src/signals/model';
import type { GateScreeningDay, SeriesSource, VectorSurvey, WeeklySeries } from '../../src/signals/source';

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  let u = 0;
  while (u === 0) u = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Poisson(lambda): Knuth's product method in chunks (exact for any lambda). */
export function poisson(rand: () => number, lambda: number): number {
  let k = 0;
  let left = lambda;
  while (left > 0) {
    const step = Math.min(left, 30);
    left -= step;
    const limit = Math.exp(-step);
    let p = rand();
    while (p > limit) {
      k++;
      p *= rand();
    }
  }
  return k;
}

/** Gamma(shape, 1), Marsaglia–Tsang. */
function gamma(rand: () => number, shape: number): number {
  if (shape < 1) return gamma(rand, shape + 1) * Math.pow(rand(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rand);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Negative binomial with mean mu and size (dispersion) k: Poisson(Gamma(k, mu/k)). */
export function negbin(rand: () => number, mu: number, size: number): number {
  return poisson(rand, (gamma(rand, size) * mu) / size);
}

export interface SeriesSpec {
  area: string;
  disease: string;
  firstWeek: string;
  weeks: number;
  /** Mean weekly count before seasonality. */
  base: number;
  /** Seasonal amplitude on the log scale (0: none); peak at `peakWeek` of the year. */
  amplitude?: number;
  peakWeek?: number;
  /** Negative binomial size; omitted: Poisson. */
  size?: number;
  /** Outbreaks: extra cases with mean `extra` × the expected count at these weeks. */
  outbreaks?: { week: string; extra: number }[];
  seed: number;
}

/** The mean of a spec at index t (before outbreaks). */
export function meanAt(spec: SeriesSpec, t: number): number {
  const a = spec.amplitude ?? 0;
  return spec.base * Math.exp(a * Math.cos((2 * Math.PI * (t - (spec.peakWeek ?? 30))) / 52));
}

/** Generates one weekly series. */
export function weeklySeries(spec: SeriesSpec): WeeklySeries {
  const rand = prng(spec.seed);
  const counts: number[] = [];
  const planted = new Map((spec.outbreaks ?? []).map((o) => [o.week, o.extra]));
  for (let t = 0; t < spec.weeks; t++) {
    const mu = meanAt(spec, t);
    let y = spec.size ? negbin(rand, mu, spec.size) : poisson(rand, mu);
    const extra = planted.get(addWeeks(spec.firstWeek, t));
    if (extra) y += poisson(rand, extra * mu);
    counts.push(y);
  }
  return { area: spec.area, disease: spec.disease, firstWeek: spec.firstWeek, counts };
}

/** Daily screening at a gate: `people` a day, a baseline symptomatic share, optional surge days. */
export function gateDays(o: { gate: string; from: string; days: number; people: number; share: number; surges?: Record<string, number>; seed: number }): GateScreeningDay[] {
  const rand = prng(o.seed);
  const out: GateScreeningDay[] = [];
  for (let i = 0; i < o.days; i++) {
    const date = addDays(o.from, i);
    const people = poisson(rand, o.people);
    const symptomatic = poisson(rand, people * o.share) + (o.surges?.[date] ?? 0);
    out.push({ gate: o.gate, date, people, symptomatic, referred: Math.floor(symptomatic / 3), quarantined: Math.floor(symptomatic / 10) });
  }
  return out;
}

/** A real SeriesSource over data held in memory. */
export class MemorySource implements SeriesSource {
  calls = 0;
  constructor(
    public series: WeeklySeries[] = [],
    public screening: GateScreeningDay[] = [],
    public surveys: VectorSurvey[] = [],
  ) {}

  async weeklySeries(filter: { areas?: string[]; diseases?: string[] } = {}): Promise<WeeklySeries[]> {
    this.calls++;
    return this.series
      .filter((s) => (!filter.areas || filter.areas.includes(s.area)) && (!filter.diseases || filter.diseases.includes(s.disease)))
      .map((s) => ({ ...s, counts: [...s.counts] }));
  }

  async gateScreening(f: { from: string; to: string }): Promise<GateScreeningDay[]> {
    return this.screening.filter((r) => r.date >= f.from && r.date <= f.to).map((r) => ({ ...r }));
  }

  async vectorSurveys(f: { from: string; to: string }): Promise<VectorSurvey[]> {
    return this.surveys.filter((r) => r.date >= f.from && r.date <= f.to).map((r) => ({ ...r }));
  }
}
