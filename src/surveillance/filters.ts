/** Turning request filters and the caller's visibility into query filters. */
import type { FastifyRequest } from 'fastify';
import { BhError } from '../platform/errors';
import type { AuditActor } from '../platform/http/audit-sink';
import type { Visibility } from './access';
import { parsePeriod, parseWeek, type PeriodKind } from './periods';
import type { NodeReference } from './reference';
import { SurveillanceError } from './errors';

/** The caller as the audit log and case history name them. */
export function actorOf(req: FastifyRequest): AuditActor {
  const p = req.principal;
  return p ? { kind: 'user', id: p.userId, username: p.username, party: p.party } : { kind: 'anonymous' };
}

const uniq = (xs: string[]) => [...new Set(xs)];

/**
 * The areas an area-located query may read: the requested areas with everything below them, cut
 * to the caller's visibility. Undefined means every area; an empty list means none.
 */
export function areaFilter(ref: NodeReference, vis: Visibility, requested?: readonly string[]): string[] | undefined {
  const within = requested?.length ? uniq(requested.flatMap((a) => ref.areasWithin(a))) : undefined;
  switch (vis.kind) {
    case 'all':
      return within;
    case 'area':
      return within ? within.filter((a) => vis.areas.includes(a)) : vis.areas;
    default:
      return [];
  }
}

/** The gate pairs a screening query may read (same conventions as {@link areaFilter}). */
export function gateFilter(vis: Visibility, requested?: readonly string[]): string[] | undefined {
  const want = requested?.length ? [...requested] : undefined;
  switch (vis.kind) {
    case 'all':
      return want;
    case 'area':
      return want ? want.filter((g) => vis.gates.includes(g)) : vis.gates;
    case 'gate':
      return want ? want.filter((g) => g === vis.gate) : [vis.gate];
    default:
      return [];
  }
}

/** Checks a `from`/`to` pair of periods (weeks or months, one kind) and answers their kind. */
export function periodRange(from?: string, to?: string, kind?: PeriodKind): PeriodKind | undefined {
  let k = kind;
  for (const [field, v] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (v === undefined) continue;
    const p = parsePeriod(v);
    if (!p) throw new SurveillanceError('BH_SURVEILLANCE_BAD_PERIOD', { field, value: v, expected: '2025-W07 / 2025-02' });
    if (k && p.kind !== k) throw new SurveillanceError('BH_SURVEILLANCE_BAD_PERIOD', { field, value: v, expected: k === 'week' ? '2025-W07' : '2025-02' });
    k = p.kind;
  }
  if (from && to && from > to) throw new SurveillanceError('BH_SURVEILLANCE_DATE_ORDER', { field: 'to', value: to, other: 'from', otherValue: from });
  return k;
}

/** Checks a `from`/`to` pair of ISO weeks. */
export function weekRange(from?: string, to?: string): void {
  for (const [field, v] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (v !== undefined && !parseWeek(v)) throw new SurveillanceError('BH_SURVEILLANCE_BAD_PERIOD', { field, value: v, expected: '2025-W07' });
  }
  if (from && to && from > to) throw new SurveillanceError('BH_SURVEILLANCE_DATE_ORDER', { field: 'to', value: to, other: 'from', otherValue: from });
}

/** Checks a `from`/`to` pair of dates. */
export function dateRange(from?: string, to?: string): void {
  for (const [field, v] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new SurveillanceError('BH_SURVEILLANCE_BAD_DATE', { field, value: v });
  }
  if (from && to && from > to) throw new SurveillanceError('BH_SURVEILLANCE_DATE_ORDER', { field: 'to', value: to, other: 'from', otherValue: from });
}

export function badCursor(): BhError {
  return new BhError('BH_VALIDATION', { detail: 'querystring.after is not a cursor from a previous page' });
}

/** A value as plain JSON (undefined members dropped), as the audit log stores details. */
export function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
