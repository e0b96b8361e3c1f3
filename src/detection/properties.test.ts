// Property tests: any valid series and configuration gives complete, NaN-free, deterministic
// answers, with a stated reason wherever an answer is null.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBlockPlan } from './blocks';
import { detect, parseDetectionConfig, type DetectionConfig, type DetectionResult } from './index';

const counts = (maxLen: number) =>
  fc.oneof(
    // ordinary small counts
    fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: maxLen }),
    // degenerate: all zeros, constant
    fc.tuple(fc.integer({ min: 1, max: maxLen }), fc.constantFrom(0, 0, 1, 7)).map(([n, v]) => new Array<number>(n).fill(v)),
    // sparse with rare spikes, and very large counts
    fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.constant(0), fc.nat({ max: 5 }), fc.integer({ min: 100, max: 1_000_000 })), {
      minLength: 1,
      maxLength: maxLen,
    }),
  );

const farringtonParams = fc.record({
  b: fc.integer({ min: 1, max: 4 }),
  w: fc.integer({ min: 0, max: 3 }),
  reweight: fc.boolean(),
  weightsThreshold: fc.double({ min: 0.5, max: 3, noNaN: true }),
  alpha: fc.double({ min: 0.001, max: 0.2, noNaN: true }),
  trend: fc.boolean(),
  pThresholdTrend: fc.constantFrom(0.05, 1),
  limit54: fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 6 })),
  powertrans: fc.constantFrom('2/3', '1/2', 'none'),
  populationOffset: fc.boolean(),
  noPeriods: fc.integer({ min: 1, max: 10 }),
  pastWeeksNotIncluded: fc.integer({ min: 0, max: 30 }),
  thresholdMethod: fc.constantFrom('delta', 'nbPlugin', 'muan'),
});
const earsParams = fc.record({
  variant: fc.constantFrom('C1', 'C2', 'C3'),
  baseline: fc.integer({ min: 3, max: 12 }),
  minSigma: fc.constantFrom(0, 0.5),
  alpha: fc.double({ min: 0.001, max: 0.2, noNaN: true }),
});
const cusumParams = fc.record({
  k: fc.double({ min: 0, max: 2, noNaN: true }),
  h: fc.double({ min: 0.5, max: 5, noNaN: true }),
  trans: fc.constantFrom('standard', 'rossi', 'anscombe'),
});

const config = fc.oneof(
  farringtonParams.map((params) => ({ method: 'farrington-flexible', params })),
  earsParams.map((params) => ({ method: 'ears', params })),
  cusumParams.map((params) => ({ method: 'cusum', params })),
);

const caseArb = fc
  .record({ cfg: config, frequency: fc.constantFrom(52, 12), counts: counts(320), a: fc.nat(), b: fc.nat() })
  .map(({ cfg, frequency, counts, a, b }) => {
    const n = counts.length;
    const x = a % n, y = b % n;
    const population = counts.map((_, i) => 1000 + ((i * 37) % 500));
    return { cfg, frequency, counts, population, range: { start: Math.min(x, y), end: Math.max(x, y) } };
  });

function typed(cfg: { method: string; params: unknown }): DetectionConfig {
  const v = parseDetectionConfig(cfg.method, cfg.params);
  if (!v.ok) throw new Error(v.errors.join('; '));
  return v.value;
}

function checkShape(r: DetectionResult, len: number, method: string): void {
  expect(r.upperbound).toHaveLength(len);
  expect(r.alarm).toHaveLength(len);
  expect(r.reasons).toHaveLength(len);
  if (method === 'farrington-flexible') expect(r.expected).toHaveLength(len);
  else expect(r.expected).toBeUndefined();
  for (let j = 0; j < len; j++) {
    for (const v of [r.upperbound[j], r.expected?.[j] ?? null]) {
      if (v !== null) expect(Number.isFinite(v)).toBe(true);
    }
    if (r.upperbound[j] === null || r.alarm[j] === null) expect(typeof r.reasons[j]).toBe('string');
    if (r.reasons[j] === null) {
      expect(r.upperbound[j]).not.toBeNull();
      expect(r.alarm[j]).not.toBeNull();
    }
  }
}

describe('detection properties', () => {
  it('answers every judged period (a number or null with a reason), NaN-free and deterministic', () => {
    fc.assert(
      fc.property(caseArb, ({ cfg, frequency, counts, population, range }) => {
        const config = typed(cfg);
        const series = { counts, population, frequency };
        const r1 = detect(series, config, range);
        checkShape(r1, range.end - range.start + 1, config.method);
        expect(detect(series, config, range)).toEqual(r1);
        for (let j = 0; j < r1.alarm.length; j++) {
          const y = counts[range.start + j];
          if (config.method === 'farrington-flexible') {
            // R reports expected exactly where it reports an upper bound; alarms need cases
            expect(r1.expected![j] === null).toBe(r1.upperbound[j] === null);
            if (r1.alarm[j]) expect(y).toBeGreaterThan(0);
            if (config.params.thresholdMethod === 'delta' && r1.upperbound[j] !== null) {
              expect(r1.upperbound[j]!).toBeGreaterThanOrEqual(r1.expected![j]! * (1 - 1e-12));
              if (r1.alarm[j]) expect(y).toBeGreaterThan(r1.upperbound[j]!);
            }
          } else if (config.method === 'ears') {
            if (r1.upperbound[j] !== null) expect(r1.alarm[j]).toBe(y > r1.upperbound[j]!);
          } else if (r1.upperbound[j] !== null) {
            expect(r1.upperbound[j]!).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 250 },
    );
  });

  it('is equivalent on sub-ranges for the period-by-period methods', () => {
    fc.assert(
      fc.property(caseArb, ({ cfg, frequency, counts, population, range }) => {
        const config = typed(cfg);
        if (config.method === 'cusum') return; // CUSUM restarts at the range start, by design
        const series = { counts, population, frequency };
        const whole = detect(series, config, range);
        const mid = Math.floor((range.start + range.end) / 2);
        const tail = detect(series, config, { start: mid, end: range.end });
        const off = mid - range.start;
        expect(tail.upperbound).toEqual(whole.upperbound.slice(off));
        expect(tail.alarm).toEqual(whole.alarm.slice(off));
      }),
      { numRuns: 60 },
    );
  });

  it('EARS C1/C2 bounds are at least the baseline mean', () => {
    fc.assert(
      fc.property(earsParams, counts(60), (params, x) => {
        if (params.variant === 'C3') return;
        const config = typed({ method: 'ears', params });
        const r = detect({ counts: x, frequency: 52 }, config, { start: 0, end: x.length - 1 });
        const shift = params.variant === 'C1' ? 0 : 2;
        r.upperbound.forEach((u, t) => {
          if (u === null) return;
          const base = x.slice(t - params.baseline - shift, t - shift);
          const mean = base.reduce((s, v) => s + v, 0) / base.length;
          expect(u).toBeGreaterThanOrEqual(mean - 1e-9 * Math.max(1, mean));
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe('degenerate series', () => {
  const zeros = new Array<number>(400).fill(0);
  const all = (c: DetectionConfig, x: number[], f = 52) => detect({ counts: x, frequency: f }, c, { start: 0, end: x.length - 1 });

  it('a one-period series gets nulls with reasons from every method', () => {
    for (const cfg of [
      { method: 'farrington-flexible', params: {} },
      { method: 'ears', params: { variant: 'C3' } },
      { method: 'cusum', params: {} },
    ]) {
      const r = all(typed(cfg), [3]);
      expect(r.upperbound).toEqual([null]);
      expect(r.alarm).toEqual([null]);
      expect(r.reasons[0]).toMatch(/\w/);
    }
  });

  it('all-zero history: Farrington never alarms, EARS C3 and CUSUM say why they cannot answer', () => {
    const f = all(typed({ method: 'farrington-flexible', params: { noPeriods: 10, pastWeeksNotIncluded: 26, thresholdMethod: 'nbPlugin' } }), zeros);
    expect(f.alarm.every((a) => a !== true)).toBe(true);
    expect(f.upperbound.every((u) => u === null)).toBe(true);
    // 237 reference zeros: R's IRLS needs more than 25 steps, so no model at all (alarm NA)
    expect(f.alarm[300]).toBeNull();
    expect(f.reasons[300]).toMatch(/converge/);
    const e = all(typed({ method: 'ears', params: { variant: 'C3' } }), zeros);
    expect(e.upperbound[20]).toBeNull();
    expect(e.reasons[20]).toMatch(/variance/);
    const c = detect({ counts: zeros, frequency: 52 }, typed({ method: 'cusum', params: {} }), { start: 300, end: 399 });
    expect(c.alarm[0]).toBeNull();
    expect(c.upperbound[0]).toBe(0);
    expect(c.reasons[0]).toMatch(/m = 0/);
  });

  it('a zero population with populationOffset gives null with a reason, not a crash', () => {
    const x = Array.from({ length: 300 }, (_, i) => 3 + (i % 5));
    const pop = x.map((_, i) => (i === 218 ? 0 : 1000)); // a reference period of period 270
    const r = detect({ counts: x, population: pop, frequency: 52 }, typed({ method: 'farrington-flexible', params: { populationOffset: true } }), { start: 270, end: 299 });
    expect(r.reasons.some((s) => s !== null && /population/.test(s))).toBe(true);
  });
});

describe('reference-period plan (surveillance:::blocks)', () => {
  it('Noufaily: 10 groups over lags 27..263, the current group predicted', () => {
    const plan = buildBlockPlan({ b: 5, w: 3, frequency: 52, noPeriods: 10, pastWeeksNotIncluded: 26 });
    if ('error' in plan) throw new Error(plan.error);
    expect(plan.groupCount).toBe(10);
    expect(Math.min(...plan.lags)).toBe(27);
    expect(Math.max(...plan.lags)).toBe(263);
    expect(plan.lags.length).toBe(237);
    expect(plan.predictGroup).toBe(9);
    // the window around one year back belongs to the current group
    const i = Array.from(plan.lags).indexOf(52);
    expect(plan.groups[i]).toBe(plan.predictGroup);
  });

  it('Farrington 1996: five windows of 2w+1 periods, one group', () => {
    const plan = buildBlockPlan({ b: 5, w: 3, frequency: 52, noPeriods: 1, pastWeeksNotIncluded: 3 });
    if ('error' in plan) throw new Error(plan.error);
    expect(plan.groupCount).toBe(1);
    expect(Array.from(plan.lags)).toEqual([5, 4, 3, 2, 1].flatMap((y) => [3, 2, 1, 0, -1, -2, -3].map((d) => 52 * y + d)));
  });

  it('rejects more periods than the frequency, as R does', () => {
    expect(buildBlockPlan({ b: 3, w: 1, frequency: 12, noPeriods: 13, pastWeeksNotIncluded: 1 })).toHaveProperty('error');
  });
});
