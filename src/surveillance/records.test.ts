import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { registeredErrorCodes, errorDefinition } from '../platform/errors';
import { addWeeks, weeksBetween } from './periods';
import { denseWeekly, screeningProblems, vectorProblems, type ScreeningDay, type VectorSurvey } from './records';
import { renderMessage } from './errors';
import './errors';

describe('dense weekly series', () => {
  it('puts every count in its week and zeros elsewhere', () => {
    const sums = [
      { area: 'A', disease: 'D', period: '2024-W52', n: 2 },
      { area: 'A', disease: 'D', period: '2025-W02', n: 5 },
      { area: 'B', disease: 'D', period: '2025-W01', n: 1 },
    ];
    expect(denseWeekly(sums)).toEqual({
      from: '2024-W52',
      to: '2025-W02',
      weeks: ['2024-W52', '2025-W01', '2025-W02'],
      series: [
        { area: 'A', disease: 'D', counts: [2, 0, 5] },
        { area: 'B', disease: 'D', counts: [0, 1, 0] },
      ],
    });
    expect(denseWeekly(sums, '2025-W01', '2025-W03').series[0].counts).toEqual([0, 5, 0]);
    expect(denseWeekly([])).toEqual({ from: null, to: null, weeks: [], series: [] });
  });

  it('keeps totals and lengths for any data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ area: fc.constantFrom('A', 'B'), disease: fc.constantFrom('D', 'E'), w: fc.integer({ min: 0, max: 120 }), n: fc.nat(50) }), { maxLength: 60 }),
        (raw) => {
          const byKey = new Map<string, { area: string; disease: string; period: string; n: number }>();
          for (const r of raw) {
            const period = addWeeks('2024-W40', r.w);
            const k = `${r.area}|${r.disease}|${period}`;
            byKey.set(k, { area: r.area, disease: r.disease, period, n: (byKey.get(k)?.n ?? 0) + r.n });
          }
          const sums = [...byKey.values()].sort((a, b) => a.area.localeCompare(b.area) || a.disease.localeCompare(b.disease) || a.period.localeCompare(b.period));
          const s = denseWeekly(sums);
          const total = sums.reduce((t, x) => t + x.n, 0);
          expect(s.series.reduce((t, x) => t + x.counts.reduce((a, b) => a + b, 0), 0)).toBe(total);
          for (const x of s.series) expect(x.counts).toHaveLength(s.weeks.length);
          s.weeks.forEach((w, i) => i && expect(weeksBetween(s.weeks[i - 1], w)).toBe(1));
        },
      ),
    );
  });
});

describe('screening and vector rules', () => {
  const day: ScreeningDay = { gate: 'g', date: '2025-02-14', people: 10, vehicles: 3, consignments: 2, samples: 1, symptomatic: 2, referred: 1, quarantined: 0 };
  it('bound the counts of a screening day', () => {
    expect(screeningProblems(day)).toEqual([]);
    expect(screeningProblems({ ...day, symptomatic: 11 }).map((p) => p.field)).toEqual(['symptomatic']);
    expect(screeningProblems({ ...day, referred: 3 }).map((p) => p.code)).toEqual(['BH_SURVEILLANCE_EXCEEDS']);
    expect(screeningProblems({ ...day, quarantined: 11 }).map((p) => p.field)).toEqual(['quarantined']);
  });

  const v: VectorSurvey = { area: 'a', surveyDate: '2025-02-14', houseIndex: 12.5, breteauIndex: 20, containerIndex: 8, rodentDensity: null, fleaIndex: null, species: 'Aedes aegypti' };
  it('check vector indices', () => {
    expect(vectorProblems(v)).toEqual([]);
    expect(vectorProblems({ ...v, houseIndex: 101 }).map((p) => p.code)).toContain('BH_SURVEILLANCE_OUT_OF_RANGE');
    expect(vectorProblems({ ...v, breteauIndex: 10 }).map((p) => p.code)).toEqual(['BH_SURVEILLANCE_BELOW']);
    expect(vectorProblems({ ...v, houseIndex: 0, breteauIndex: 0 }).map((p) => p.code)).toEqual(['BH_SURVEILLANCE_INCONSISTENT_ZERO']);
    expect(vectorProblems({ ...v, houseIndex: null, breteauIndex: null, containerIndex: null }).map((p) => p.code)).toEqual(['BH_SURVEILLANCE_VECTOR_EMPTY']);
    expect(vectorProblems({ ...v, fleaIndex: -1 }).map((p) => p.code)).toEqual(['BH_SURVEILLANCE_NEGATIVE']);
  });
});

describe('messages', () => {
  it('every surveillance error speaks Vietnamese, Chinese and English', () => {
    const codes = registeredErrorCodes().filter((c) => c.startsWith('BH_SURVEILLANCE_'));
    expect(codes.length).toBeGreaterThan(40);
    for (const c of codes) {
      const m = errorDefinition(c)!.message;
      expect(m.en.length, c).toBeGreaterThan(5);
      expect(m.vi, c).toMatch(/[\u00C0-\u1EF9]/);
      expect(m['zh-CN'], c).toMatch(/\p{Script=Han}/u);
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
      expect(placeholders(m.vi), c).toEqual(placeholders(m.en));
      expect(placeholders(m['zh-CN']), c).toEqual(placeholders(m.en));
    }
  });

  it('names fields and values in the reader’s language', () => {
    const p = { field: 'symptomatic', value: 12, other: 'people', otherValue: 10 };
    expect(renderMessage('BH_SURVEILLANCE_EXCEEDS', p, 'vi')).toBe('Số người có triệu chứng (12) không được lớn hơn Số người được kiểm tra (10).');
    expect(renderMessage('BH_SURVEILLANCE_EXCEEDS', p, 'zh-CN')).toBe('有症状人数（12）不能大于受检人数（10）。');
    expect(renderMessage('BH_SURVEILLANCE_INVALID_TRANSITION', { from: 'confirmed', to: 'suspected' }, 'zh-CN')).toBe('确诊病例不能重新分类为疑似病例。');
  });
});
