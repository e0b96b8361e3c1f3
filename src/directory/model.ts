/**
 * Directory rules: pure functions over parties, areas and agreements. No I/O.
 */
import type { Text } from '../platform/i18n';

export type RenewalRule =
  | { kind: 'none' }
  | { kind: 'automatic'; term: string; noticePeriod: string }
  | { kind: 'by-agreement' };

export interface Agreement {
  code: string;
  title: Text;
  parties: string[];
  signedOn: string | null;
  effectiveFrom: string;
  /** The end of the instrument as signed; renewals recorded later extend it without changing it. */
  effectiveTo: string | null;
  term: string | null;
  renewal: RenewalRule;
  scopes: string[];
  notes: Text | null;
  /** Renewals or extensions recorded for it (none when absent). */
  renewals?: readonly AgreementRenewal[];
}

/** A note in one or more of the three languages (an administrator rarely writes all three). */
export type PartialText = Partial<Text>;

/**
 * The renewal or extension of an agreement that the parties signed (or, with `demo`, that the demo
 * assumes): the agreement then runs until `effectiveTo`.
 */
export interface AgreementRenewal {
  id: string;
  agreement: string;
  effectiveTo: string;
  signedOn: string | null;
  /** Document number or title of the renewal instrument. */
  reference: string;
  note: PartialText | null;
  /** Recorded by the demo as an assumption, not a signed text. */
  demo: boolean;
  /** The administrator's username, or `node:<party>` when the node recorded it. */
  recordedBy: string;
  recordedAt: string;
}

/** What is asked of a renewal before it is recorded. */
export interface RenewalRequest {
  effectiveTo: string;
  signedOn: string | null;
}

/** Why a renewal cannot be recorded. */
export type RenewalProblem =
  | { problem: 'unknown-agreement' }
  | { problem: 'bad-date'; field: 'effectiveTo' | 'signedOn'; value: string }
  | { problem: 'automatic' }
  | { problem: 'open-ended' }
  | { problem: 'not-later'; currentEnd: string };

export type AgreementStatus =
  | { state: 'not-yet-in-force'; startsOn: string }
  | { state: 'in-force'; termEndsOn: string | null; noticeDeadline: string | null; renewals: number }
  | { state: 'expired'; endedOn: string };

/** Parses an ISO 8601 duration of years, months and days (P5Y, P6M, P1Y6M). */
export function parseDuration(d: string): { years: number; months: number; days: number } {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(d);
  if (!m || d === 'P') throw new RangeError(`not a supported duration: ${d}`);
  return { years: Number(m[1] ?? 0), months: Number(m[2] ?? 0), days: Number(m[3] ?? 0) };
}

/** Adds (or with sign -1 subtracts) a duration to a calendar date (YYYY-MM-DD), clamping month ends. */
export function addDuration(date: string, duration: string, sign: 1 | -1 = 1): string {
  const { years, months, days } = parseDuration(duration);
  const [y, mo, d] = date.split('-').map(Number);
  const totalMonths = y * 12 + (mo - 1) + sign * (years * 12 + months);
  const ny = Math.floor(totalMonths / 12);
  const nm = totalMonths - ny * 12;
  const lastDay = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  const base = new Date(Date.UTC(ny, nm, Math.min(d, lastDay)));
  base.setUTCDate(base.getUTCDate() + sign * days);
  return base.toISOString().slice(0, 10);
}

/** Whether a string is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The end of an agreement as signed, before any recorded renewal (null: no end). */
export function signedEnd(a: Agreement): string | null {
  return a.effectiveTo ?? (a.term ? addDuration(a.effectiveFrom, a.term) : null);
}

/**
 * The renewals that count: the signed ones. Demo assumptions count only while no signed renewal
 * exists, so that the real text, once recorded, replaces what the demo assumed.
 */
export function effectiveRenewals(renewals: readonly AgreementRenewal[]): AgreementRenewal[] {
  const signed = renewals.filter((r) => !r.demo);
  return signed.length ? signed : [...renewals];
}

/**
 * The successive ends of a fixed-term agreement: its signed end, then each renewal's end that
 * lies beyond the previous one (a renewal never shortens an agreement). Empty when open-ended.
 */
function termEnds(a: Agreement, renewals: readonly AgreementRenewal[]): string[] {
  const first = signedEnd(a);
  if (first === null) return [];
  const ends = [first];
  for (const e of renewals.map((r) => r.effectiveTo).sort()) if (e > ends.at(-1)!) ends.push(e);
  return ends;
}

/** The last day of a fixed-term agreement with its renewals (null: open-ended or automatic). */
export function agreementEnd(a: Agreement): string | null {
  if (a.renewal.kind === 'automatic') return null;
  return termEnds(a, effectiveRenewals(a.renewals ?? [])).at(-1) ?? null;
}

/**
 * Whether a renewal may be recorded: the agreement exists, does not renew itself, has an end,
 * and the new end is after its current end. The current end counts signed renewals only: a demo
 * assumption never stands in the way of the text the parties actually signed.
 */
export function checkRenewal(a: Agreement | undefined, r: RenewalRequest): RenewalProblem | null {
  if (!a) return { problem: 'unknown-agreement' };
  if (!isCalendarDate(r.effectiveTo)) return { problem: 'bad-date', field: 'effectiveTo', value: r.effectiveTo };
  if (r.signedOn !== null && !isCalendarDate(r.signedOn)) return { problem: 'bad-date', field: 'signedOn', value: r.signedOn };
  if (a.renewal.kind === 'automatic') return { problem: 'automatic' };
  const currentEnd = termEnds(a, (a.renewals ?? []).filter((x) => !x.demo)).at(-1);
  if (currentEnd === undefined) return { problem: 'open-ended' };
  if (r.effectiveTo <= currentEnd) return { problem: 'not-later', currentEnd };
  return null;
}

/**
 * The renewals the demo assumes: every by-agreement agreement without a recorded renewal whose
 * end falls before `today` plus the horizon runs another `extension` past its end.
 */
export function demoRenewalsDue(
  agreements: readonly Agreement[],
  today: string,
  horizon = 'P90D',
  extension = 'P3Y',
): { agreement: string; currentEnd: string; effectiveTo: string }[] {
  const limit = addDuration(today, horizon);
  return agreements.flatMap((a) => {
    const end = signedEnd(a);
    if (a.renewal.kind !== 'by-agreement' || (a.renewals?.length ?? 0) > 0 || end === null || end >= limit) return [];
    return [{ agreement: a.code, currentEnd: end, effectiveTo: addDuration(end, extension) }];
  });
}

/**
 * Where an agreement stands on a date. An automatically renewed agreement runs term after
 * term unless notice was given before the notice deadline of the current term; any other runs
 * to its end as extended by the renewals recorded for it.
 */
export function agreementStatus(a: Agreement, on: string, noticeGivenOn: string | null = null): AgreementStatus {
  if (on < a.effectiveFrom) return { state: 'not-yet-in-force', startsOn: a.effectiveFrom };
  if (a.renewal.kind !== 'automatic') {
    const ends = termEnds(a, effectiveRenewals(a.renewals ?? []));
    const end = ends.at(-1) ?? null;
    if (end && on > end) return { state: 'expired', endedOn: end };
    // A renewal counts once its term has begun: the day after the end it extends.
    const renewals = ends.slice(0, -1).filter((e) => e < on).length;
    return { state: 'in-force', termEndsOn: end, noticeDeadline: null, renewals };
  }
  const term = a.renewal.term;
  let start = a.effectiveFrom;
  let renewals = 0;
  for (;;) {
    const end = addDuration(addDuration(start, term), 'P1D', -1);
    const deadline = addDuration(addDuration(start, term), a.renewal.noticePeriod, -1);
    const noticeThisTerm = noticeGivenOn !== null && noticeGivenOn >= start && noticeGivenOn <= deadline;
    if (on <= end) return { state: 'in-force', termEndsOn: end, noticeDeadline: noticeThisTerm ? null : deadline, renewals };
    if (noticeThisTerm) return { state: 'expired', endedOn: end };
    start = addDuration(start, term);
    renewals++;
  }
}

export interface AreaNode {
  code: string;
  parent: string | null;
}

/** The chain of area codes from the top down to the given area (inclusive). */
export function areaPath(code: string, byCode: ReadonlyMap<string, AreaNode>): string[] {
  const path: string[] = [];
  const seen = new Set<string>();
  let cur: string | null = code;
  while (cur) {
    if (seen.has(cur)) throw new RangeError(`area hierarchy has a cycle at ${cur}`);
    seen.add(cur);
    path.unshift(cur);
    cur = byCode.get(cur)?.parent ?? null;
  }
  return path;
}

export interface PartyNode {
  code: string;
  parent: string | null;
  runsNode: boolean;
}

/** The party whose node serves the given party: itself if it runs one, else the nearest ancestor that does. */
export function servingParty(code: string, parties: ReadonlyMap<string, PartyNode>): string {
  let cur: PartyNode | undefined = parties.get(code);
  while (cur && !cur.runsNode && cur.parent) cur = parties.get(cur.parent);
  return cur?.code ?? code;
}

/** Whether two parties share an agreement in force covering a scope on a date. */
export function agreementsBetween(all: Agreement[], a: string, b: string, scope: string, on: string): Agreement[] {
  return all.filter(
    (x) =>
      x.parties.includes(a) &&
      x.parties.includes(b) &&
      x.scopes.includes(scope) &&
      agreementStatus(x, on).state === 'in-force',
  );
}
