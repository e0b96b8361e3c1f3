import { describe, expect, it } from 'vitest';
import { addDays, addWeeks, isoWeekOf, lastCompletedWeek, weekEnd, weekRange, weekStart, weeksBetween } from './weeks';

describe('ISO weeks in the web app', () => {
  it('finds the week of a date across year ends', () => {
    expect(isoWeekOf('2025-02-14')).toBe('2025-W07');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
  });

  it('knows where weeks start and end', () => {
    expect(weekStart('2025-W01')).toBe('2024-12-30');
    expect(weekEnd('2025-W01')).toBe('2025-01-05');
    expect(weekStart('2020-W53')).toBe('2020-12-28');
  });

  it('counts and steps weeks, including 53-week years', () => {
    expect(addWeeks('2020-W52', 1)).toBe('2020-W53');
    expect(addWeeks('2020-W53', 1)).toBe('2021-W01');
    expect(addWeeks('2025-W10', -104)).toBe('2023-W10');
    expect(weeksBetween('2019-W01', '2025-W10')).toBe(322);
    expect(weekRange('2020-W52', 3)).toEqual(['2020-W52', '2020-W53', '2021-W01']);
    for (let n = -200; n <= 200; n += 7) expect(weeksBetween('2023-W20', addWeeks('2023-W20', n))).toBe(n);
  });

  it('steps days and finds the last completed week', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(lastCompletedWeek('2025-03-12')).toBe('2025-W10');
  });
});
