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
  effectiveTo: string | null;
  term: string | null;
  renewal: RenewalRule;
  scopes: string[];
  notes: Text | null;
}

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

/**
 * Where an agreement stands on a date. An automatically renewed agreement runs term after
 * term unless notice was given before the notice deadline of the current term.
 */
export function agreementStatus(a: Agreement, on: string, noticeGivenOn: string | null = null): AgreementStatus {
  if (on < a.effectiveFrom) return { state: 'not-yet-in-force', startsOn: a.effectiveFrom };
  if (a.renewal.kind !== 'automatic') {
    const end = a.effectiveTo ?? (a.term ? addDuration(a.effectiveFrom, a.term) : null);
    if (end && on > end) return { state: 'expired', endedOn: end };
    return { state: 'in-force', termEndsOn: end, noticeDeadline: null, renewals: 0 };
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
