/** ISO 8601 weeks (`2025-W07`) and calendar dates (`2025-02-14`), as surveillance reports them. Pure. */

const DAY = 86_400_000;
const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(ms: number): { year: number; week: number } {
  const d = new Date(ms);
  const dow = d.getUTCDay() || 7;
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) + (4 - dow) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY / 7) };
}

const format = (p: { year: number; week: number }) => `${p.year}-W${String(p.week).padStart(2, '0')}`;

export function isWeek(s: string): boolean {
  return WEEK_RE.test(s);
}

export function isDate(s: string): boolean {
  return DATE_RE.test(s);
}

/** Year and week number of `YYYY-Www`, or null. */
export function parseWeek(week: string): { year: number; week: number } | null {
  const m = WEEK_RE.exec(week);
  return m ? { year: Number(m[1]), week: Number(m[2]) } : null;
}

/** The Monday (UTC midnight, ms) of an ISO week. */
export function weekStartMs(week: string): number {
  const p = parseWeek(week);
  if (!p) throw new RangeError(`not an ISO week: ${week}`);
  const jan4 = Date.UTC(p.year, 0, 4);
  return jan4 - ((new Date(jan4).getUTCDay() || 7) - 1) * DAY + (p.week - 1) * 7 * DAY;
}

/** The Monday of an ISO week as `YYYY-MM-DD`. */
export function weekStart(week: string): string {
  return new Date(weekStartMs(week)).toISOString().slice(0, 10);
}

/** The Sunday ending an ISO week as `YYYY-MM-DD`. */
export function weekEnd(week: string): string {
  return new Date(weekStartMs(week) + 6 * DAY).toISOString().slice(0, 10);
}

/** The ISO week a calendar date lies in. */
export function isoWeekOf(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(ms)) throw new RangeError(`not a date: ${date}`);
  return format(parts(ms));
}

/** The week `n` weeks after (n < 0: before) another. */
export function addWeeks(week: string, n: number): string {
  return format(parts(weekStartMs(week) + n * 7 * DAY));
}

/** How many weeks `b` lies after `a`. */
export function weeksBetween(a: string, b: string): number {
  return Math.round((weekStartMs(b) - weekStartMs(a)) / (7 * DAY));
}

/** `n` consecutive weeks starting at `first`. */
export function weekRange(first: string, n: number): string[] {
  const start = weekStartMs(first);
  return Array.from({ length: Math.max(0, n) }, (_, i) => format(parts(start + i * 7 * DAY)));
}

/** A calendar date `n` days after another. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** The local calendar date of an instant (`YYYY-MM-DD`). */
export function localDate(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The last ISO week that has ended on a date (the week before the date's week). */
export function lastCompletedWeek(today: string): string {
  return addWeeks(isoWeekOf(today), -1);
}
