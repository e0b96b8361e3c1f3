import { describe, expect, it } from 'vitest';
import { chooseMethod, DetectorCache, judgeGateScreening, judgeVectorSurveys, judgeWeeklySeries } from '../../src/signals/judge';
import { resolveSettings } from '../../src/signals/settings';
import { addWeeks } from '../../src/signals/model';
import { BhError } from '../../src/platform/errors';
import { gateDays, weeklySeries } from './synthetic';

const settings = resolveSettings();
const lastWeeks = (firstWeek: string, n: number, k: number) => Array.from({ length: k }, (_, i) => addWeeks(firstWeek, n - k + i));

/** Alarm rate over the last `k` weeks of `count` quiet seasonal series of `years` years. */
function falseAlarmRate(years: number, k: number, count: number, size?: number) {
  const cache = new DetectorCache();
  let alarms = 0;
  let judged = 0;
  const methods = new Set<string>();
  for (let s = 0; s < count; s++) {
    const n = Math.round(years * 52);
    const series = weeklySeries({ area: 'A', disease: 'd', firstWeek: '2015-W01', weeks: n, base: 2 + (s % 10) * 2, amplitude: 0.5, size, seed: 1000 + s });
    const j = judgeWeeklySeries(series, lastWeeks('2015-W01', n, k), settings.rule, cache);
    if (j.outcome !== 'judged') throw new Error(j.outcome);
    methods.add(j.method);
    for (const w of j.weeks) {
      if (w.alarm === null) continue;
      judged++;
      if (w.alarm) alarms++;
    }
  }
  return { rate: alarms / judged, judged, methods: [...methods] };
}

describe('method choice', () => {
  it('uses Farrington–Noufaily with as many years as the history allows (3 to 5), EARS C2 below', () => {
    const rule = settings.rule;
    expect(chooseMethod(rule, 400)).toMatchObject({ config: { method: 'farrington-flexible', params: { b: 5, noPeriods: 10, thresholdMethod: 'nbPlugin' } } });
    expect(chooseMethod(rule, 4 * 52 + 2)).toMatchObject({ config: { params: { b: 4 } } });
    expect(chooseMethod(rule, 3 * 52 + 2)).toMatchObject({ config: { params: { b: 3 } } });
    expect(chooseMethod(rule, 3 * 52 + 1)).toMatchObject({ config: { method: 'ears', params: { variant: 'C2', baseline: 7, alpha: 0.001 } } });
    expect(chooseMethod(rule, 20).reason).toMatch(/fewer than 3 years\): EARS C2/);
  });

  it('takes per-disease rules and refuses invalid parameters with a clear error', () => {
    const s = resolveSettings({ perDisease: { cholera: { long: null, short: { method: 'ears', params: { variant: 'C3' } } } } });
    expect(chooseMethod(s.perDisease.cholera, 400)).toMatchObject({ config: { method: 'ears', params: { variant: 'C3', alpha: 0.025 } } });
    expect(() => resolveSettings({ rule: { long: { method: 'farrington-flexible', params: { b: 0 } } } })).toThrow(BhError);
    expect(() => resolveSettings({ rule: { short: { method: 'nope' as never } } })).toThrow(/rule.short: method: unknown method/);
  });

  it('answers no-data for a series without the judged weeks and no-method when nothing fits', () => {
    const cache = new DetectorCache();
    const s = { area: 'A', disease: 'd', firstWeek: '2024-W01', counts: [1, 2, 3] };
    expect(judgeWeeklySeries(s, ['2025-W10'], settings.rule, cache)).toEqual({ outcome: 'no-data' });
    expect(judgeWeeklySeries(s, ['2024-W03'], { ...settings.rule, short: null }, cache)).toMatchObject({ outcome: 'no-method' });
    // EARS C2 needs 9 earlier weeks: judged, but with no answer
    expect(judgeWeeklySeries(s, ['2024-W03'], settings.rule, cache)).toMatchObject({ outcome: 'judged', notJudgeable: 1, alarms: [] });
  });
});

describe('false alarms and power on synthetic series', () => {
  it('Farrington–Noufaily (alpha 0.05) alarms on quiet Poisson series at most at its nominal rate', () => {
    const r = falseAlarmRate(6, 40, 60);
    expect(r.methods).toEqual(['farrington-flexible']);
    expect(r.judged).toBe(2400);
    // nominal 5 %; 0.06 is more than two binomial standard deviations above it
    expect(r.rate).toBeLessThan(0.06);
  });

  it('EARS C2 on short series stays within its known empirical rate (a few per cent on small counts)', () => {
    const r = falseAlarmRate(2, 40, 60);
    expect(r.methods).toEqual(['ears']);
    // EARS's normal approximation with a 7-week baseline gives ~5 % on small seasonal counts, not the nominal 0.1 %
    expect(r.rate).toBeLessThan(0.08);
  });

  it('finds planted outbreaks of five times the expected count', () => {
    const cache = new DetectorCache();
    let found = 0;
    for (let s = 0; s < 30; s++) {
      const n = 6 * 52;
      const week = addWeeks('2015-W01', n - 2);
      const series = weeklySeries({ area: 'A', disease: 'd', firstWeek: '2015-W01', weeks: n, base: 4 + s, amplitude: 0.5, seed: 3000 + s, outbreaks: [{ week, extra: 4 }] });
      const j = judgeWeeklySeries(series, [week], settings.rule, cache);
      if (j.outcome === 'judged' && j.alarms.some((a) => a.week === week)) found++;
    }
    expect(found).toBeGreaterThanOrEqual(28);
  });

  it('judges thousands of series fast with one detector per configuration', () => {
    const cache = new DetectorCache();
    const n = 6 * 52;
    const all = Array.from({ length: 2000 }, (_, s) => weeklySeries({ area: `A${s}`, disease: 'd', firstWeek: '2015-W01', weeks: n, base: 1 + (s % 20), amplitude: 0.4, seed: s }));
    const weeks = lastWeeks('2015-W01', n, 4);
    const t0 = performance.now();
    for (const s of all) judgeWeeklySeries(s, weeks, settings.rule, cache);
    const ms = performance.now() - t0;
    // 8,000 Farrington judgements: R takes 7–18 ms each (about 2 minutes); a few seconds here on 2 cores
    expect(ms).toBeLessThan(20_000);
  });
});

describe('gate screening and vector rules', () => {
  it('raises the share rule only with enough people and symptomatic travellers', () => {
    const rows = [
      { gate: 'g', date: '2025-03-01', people: 50, symptomatic: 5, referred: 0, quarantined: 0 }, // too few screened
      { gate: 'g', date: '2025-03-02', people: 1000, symptomatic: 4, referred: 0, quarantined: 0 }, // too few symptomatic
      { gate: 'g', date: '2025-03-03', people: 400, symptomatic: 6, referred: 2, quarantined: 1 }, // 1.5 %
      { gate: 'g', date: '2025-03-03', people: 100, symptomatic: 0, referred: 0, quarantined: 0 }, // same day, second report: adds up
    ];
    const j = judgeGateScreening(rows, '2025-03-01', { ...settings.gate, jumpConfig: null }, new DetectorCache());
    expect(j.judged).toBe(3);
    expect(j.alarms).toHaveLength(1);
    expect(j.alarms[0]).toMatchObject({ date: '2025-03-03', people: 500, symptomatic: 6, rules: [{ rule: 'symptomatic-share', share: 0.012, threshold: 0.01 }] });
  });

  it('raises the jump rule on a surge over the previous reporting days, not on ordinary days', () => {
    const rows = gateDays({ gate: 'g', from: '2025-01-01', days: 60, people: 3000, share: 0.001, surges: { '2025-02-25': 15 }, seed: 9 });
    const j = judgeGateScreening(rows, '2025-02-15', { ...settings.gate, symptomaticShare: null }, new DetectorCache());
    expect(j.alarms.map((a) => a.date)).toEqual(['2025-02-25']);
    expect(j.alarms[0].rules[0]).toMatchObject({ rule: 'symptomatic-jump', method: 'ears', params: { variant: 'C2', minSigma: 2 } });
  });

  it('applies the WHO vector thresholds, configurable', () => {
    const rows = [
      { area: 'a', date: '2025-03-01', kind: 'mosquito' as const, breteauIndex: 20, houseIndex: 2 },
      { area: 'b', date: '2025-03-01', kind: 'mosquito' as const, breteauIndex: 19.9, houseIndex: 4.9, containerIndex: 30 },
      { area: 'c', date: '2025-03-01', kind: 'rodent' as const, fleaIndex: 0.8, rodentDensity: 20 },
      { area: 'd', date: '2025-03-01', kind: 'rodent' as const, fleaIndex: 1 },
    ];
    const j = judgeVectorSurveys(rows, settings.vector);
    expect(j.alarms.map((a) => [a.area, a.exceeded.map((e) => e.index)])).toEqual([
      ['a', ['breteauIndex']],
      ['d', ['fleaIndex']],
    ]);
    const strict = resolveSettings({ vector: { thresholds: { containerIndex: 10, breteauIndex: 50 } } }).vector;
    expect(judgeVectorSurveys(rows, strict).alarms.map((a) => a.area)).toEqual(['b', 'd']);
  });
});
