import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addWeeks,
  fromDhis2Period,
  isDate,
  isoWeekOf,
  parsePeriod,
  toDhis2Period,
  todayIn,
  weeksBetween,
  weeksInYear,
  weekStart,
  yearsBetween,
} from './periods';

const dateArb = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2150-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('ISO weeks', () => {
  it('knows the year-boundary weeks', () => {
    expect(isoWeekOf('2020-12-31')).toBe('2020-W53');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2021-01-04')).toBe('2021-W01');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2025-02-14')).toBe('2025-W07');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(weeksInYear(2020)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
    expect(weeksInYear(2026)).toBe(53);
    expect(weekStart('2025-W01')).toBe('2024-12-30');
    expect(parsePeriod('2025-W53')).toBeUndefined();
    expect(parsePeriod('2026-W53')).toEqual({ kind: 'week', period: '2026-W53' });
  });

  it('a week starts on a Monday and contains its days', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const w = isoWeekOf(d);
        const start = weekStart(w);
        expect(new Date(`${start}T00:00:00Z`).getUTCDay()).toBe(1);
        expect(start <= d && d <= addDays(start, 6)).toBe(true);
        expect(isoWeekOf(start)).toBe(w);
      }),
    );
  });

  it('adding weeks and counting them are inverse', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -600, max: 600 }), (d, n) => {
        const w = isoWeekOf(d);
        const v = addWeeks(w, n);
        expect(weeksBetween(w, v)).toBe(n);
        expect(v > w).toBe(n > 0);
      }),
    );
  });
});

describe('dates', () => {
  it('accepts only real calendar dates', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2025-02-29')).toBe(false);
    expect(isDate('2025-13-01')).toBe(false);
    expect(isDate('2025-2-1')).toBe(false);
    expect(isDate('20250214')).toBe(false);
  });

  it('counts whole years', () => {
    expect(yearsBetween('2000-02-29', '2025-02-28')).toBe(24);
    expect(yearsBetween('2000-02-29', '2025-03-01')).toBe(25);
  });

  it('knows today in the node’s time zone, not UTC', () => {
    const lateUtc = new Date('2025-02-14T20:00:00Z');
    expect(todayIn('Asia/Ho_Chi_Minh', lateUtc)).toBe('2025-02-15');
    expect(todayIn('UTC', lateUtc)).toBe('2025-02-14');
  });
});

describe('DHIS2 periods', () => {
  it('reads DHIS2 spellings and writes DHIS2’s own', () => {
    expect(fromDhis2Period('2025W7')).toEqual({ kind: 'week', period: '2025-W07' });
    expect(fromDhis2Period('2025W07')).toEqual({ kind: 'week', period: '2025-W07' });
    expect(fromDhis2Period('202502')).toEqual({ kind: 'month', period: '2025-02' });
    expect(fromDhis2Period('20250214')).toEqual({ kind: 'day', period: '2025-02-14' });
    expect(fromDhis2Period('2025W54')).toBeUndefined();
    expect(fromDhis2Period('202513')).toBeUndefined();
    expect(fromDhis2Period('2025-W07')).toBeUndefined();
    expect(toDhis2Period('2025-W07')).toBe('2025W7');
    expect(toDhis2Period('2025-02')).toBe('202502');
    expect(toDhis2Period('2025-02-14')).toBe('20250214');
  });

  it('round-trips every week, month and day', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        for (const p of [d, isoWeekOf(d), d.slice(0, 7)]) expect(fromDhis2Period(toDhis2Period(p))?.period).toBe(p);
      }),
    );
  });
});
