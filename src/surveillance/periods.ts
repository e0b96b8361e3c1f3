/**
 * Calendar periods of surveillance data: days (`2025-02-14`), ISO 8601 weeks (`2025-W07`) and months
 * (`2025-02`), and their DHIS2 spellings (`20250214`, `2025W7`, `202502`). Pure: no I/O.
 */

export type PeriodKind = 'week' | 'month';

const DAY_MS = 86_400_000;

/** Whether a string is a real calendar date `YYYY-MM-DD` (years 1900–2199). */
export function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** Days since 1970-01-01 of a valid date. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** The date of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Adds days to a date. */
export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** Today's date in a time zone (a node's own day, not UTC's). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Whole years from a birth date to a later date. */
export function yearsBetween(birth: string, on: string): number {
  let years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  if (on.slice(5) < birth.slice(5)) years--;
  return years;
}

// 1970-01-05 was a Monday: day numbers of Mondays are ≡ 4 (mod 7).
function mondayOnOrBefore(day: number): number {
  return day - ((((day - 4) % 7) + 7) % 7);
}

/** The Monday that starts ISO week 1 of a year (the week with the year's first Thursday). */
function week1Monday(year: number): number {
  return mondayOnOrBefore(Date.UTC(year, 0, 4) / DAY_MS);
}

/** 52 or 53: the number of ISO weeks in a year. */
export function weeksInYear(year: number): number {
  return (week1Monday(year + 1) - week1Monday(year)) / 7;
}

/** ISO week `YYYY-Www` of a date. */
export function isoWeekOf(date: string): string {
  const day = dayNumber(date);
  // The week belongs to the year of its Thursday.
  const thursday = mondayOnOrBefore(day) + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = (mondayOnOrBefore(day) - week1Monday(year)) / 7 + 1;
  return formatWeek(year, week);
}

function formatWeek(year: number, week: number): string {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Parses `YYYY-Www`; undefined unless the week exists in that year. */
export function parseWeek(s: string): { year: number; week: number } | undefined {
  const m = /^(\d{4})-W(\d{2})$/.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 1900 || year > 2199 || week < 1 || week > weeksInYear(year)) return undefined;
  return { year, week };
}

/** The Monday starting an ISO week (given as `YYYY-Www`, assumed valid). */
export function weekStart(week: string): string {
  const p = parseWeek(week)!;
  return dateOfDay(week1Monday(p.year) + (p.week - 1) * 7);
}

/** Adds whole weeks to an ISO week. */
export function addWeeks(week: string, n: number): string {
  return isoWeekOf(addDays(weekStart(week), n * 7));
}

/** How many weeks `to` lies after `from` (negative if before). */
export function weeksBetween(from: string, to: string): number {
  return (dayNumber(weekStart(to)) - dayNumber(weekStart(from))) / 7;
}

/** Parses `YYYY-MM`. */
export function parseMonth(s: string): { year: number; month: number } | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 1900 || year > 2199 || month < 1 || month > 12) return undefined;
  return { year, month };
}

/** The first day of a period (`YYYY-Www` or `YYYY-MM`). */
export function periodStart(period: string, kind: PeriodKind): string {
  return kind === 'week' ? weekStart(period) : `${period}-01`;
}

/** Classifies a canonical period string; undefined if it is neither a valid week nor a valid month. */
export function parsePeriod(s: string): { kind: PeriodKind; period: string } | undefined {
  if (parseWeek(s)) return { kind: 'week', period: s };
  if (parseMonth(s)) return { kind: 'month', period: s };
  return undefined;
}

/** DHIS2 period (`2025W7`/`2025W07`, `202502`, `20250214`) to canonical form; undefined if invalid. */
export function fromDhis2Period(s: string): { kind: PeriodKind | 'day'; period: string } | undefined {
  let m = /^(\d{4})W(\d{1,2})$/.exec(s);
  if (m) {
    const period = formatWeek(Number(m[1]), Number(m[2]));
    return parseWeek(period) ? { kind: 'week', period } : undefined;
  }
  m = /^(\d{4})(\d{2})$/.exec(s);
  if (m) {
    const period = `${m[1]}-${m[2]}`;
    return parseMonth(period) ? { kind: 'month', period } : undefined;
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const period = `${m[1]}-${m[2]}-${m[3]}`;
    return isDate(period) ? { kind: 'day', period } : undefined;
  }
  return undefined;
}

/** Canonical period or date to DHIS2's spelling (weeks without zero padding, as DHIS2 writes them). */
export function toDhis2Period(period: string): string {
  const w = parseWeek(period);
  if (w) return `${w.year}W${w.week}`;
  return period.replace(/-/g, '');
}
