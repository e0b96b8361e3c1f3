/**
 * Cross-border notification rules: which cases are notified, the minimum data set a notification
 * carries, what changed between two versions, the derived status of a notification and the
 * timeliness statistics. Pure: no I/O, no clock.
 */
// The pure case model, not the capability's index: this file stays free of I/O so that the web app can
// take its types.
import type { Case } from '../surveillance/model';

export const DIRECTIONS = ['outgoing', 'incoming'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** What a notification is about: a case (imported-case notification) or a shared signal. */
export const KINDS = ['case', 'signal'] as const;
export type Kind = (typeof KINDS)[number];

/**
 * Outgoing: `unrouted` (no party to notify under the rules, kept so people see why), `queued`
 * (in the outbox), `delivered` (the peer's signed receipt), `acknowledged` (a person on the other
 * side acknowledged it), `failed` (refused for good or expired). Incoming: `received`, `acknowledged`.
 */
export const STATUSES = ['unrouted', 'queued', 'delivered', 'acknowledged', 'failed', 'received'] as const;
export type NotificationStatus = (typeof STATUSES)[number];

/** Entries of a notification's thread (both sides keep their own copy). */
export const EVENT_TYPES = [
  'notified',
  'updated',
  'unrouted',
  'shared',
  'message',
  'acknowledged',
  'identity-requested',
  'identity-approved',
  'identity-refused',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const MESSAGE_KINDS = ['request', 'answer', 'information'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Why identifiers are asked for. */
export const IDENTITY_PURPOSES = ['contact-tracing', 'case-investigation', 'outbreak-response'] as const;
export type IdentityPurpose = (typeof IDENTITY_PURPOSES)[number];

/**
 * The legal basis a requester records: IHR (2005) Art. 45 (personal data for public-health risk
 * assessment and management), the requester's national law on infectious diseases, the cooperation
 * agreement, or another instrument named in the text.
 */
export const LEGAL_BASES = ['ihr-2005-art-45', 'vn-law-03-2007-qh12', 'cn-infectious-disease-law', 'cooperation-agreement', 'other'] as const;
export type LegalBasisCode = (typeof LEGAL_BASES)[number];

export const IDENTITY_STATUSES = ['pending', 'approved', 'refused'] as const;
export type IdentityStatus = (typeof IDENTITY_STATUSES)[number];

/** Signal statuses at or after verification: only these may be shared. */
export const SHAREABLE_SIGNAL_STATUSES = ['verified', 'risk-assessed', 'response', 'closed'] as const;

export const MAX_TEXT = 4000;

/** A disease code with its counterpart(s) in the other country's list. */
export interface DiseaseRef {
  code: string;
  system: 'VN' | 'CN';
  relation: 'exact' | 'broader' | 'narrower' | 'none';
  equivalents: string[];
}

/**
 * The minimum data set of an imported-case notification: what the other side needs to act, and
 * nothing that identifies the person (no name, document, phone, address or birth date; not even
 * the residence or the reporting facility).
 */
export interface CaseData {
  disease: DiseaseRef;
  classification: 'suspected' | 'probable' | 'confirmed';
  onsetDate: string | null;
  reportDate: string;
  confirmationDate: string | null;
  ageGroup: '0-4' | '5-14' | '15-24' | '25-44' | '45-64' | '65+' | 'unknown';
  sex: 'male' | 'female' | 'unknown';
  entry: { country: string; gate: string | null; date: string } | null;
  infectionPlace: { country: string; area: string | null; description: string | null };
  travel: { place: string; country: string; from: string; to: string | null }[];
  contacts: { vn: number; cn: number };
  outcome: 'under-treatment' | 'recovered' | 'died' | 'unknown';
}

export const CASE_DATA_FIELDS = [
  'disease',
  'classification',
  'onsetDate',
  'reportDate',
  'confirmationDate',
  'ageGroup',
  'sex',
  'entry',
  'infectionPlace',
  'travel',
  'contacts',
  'outcome',
] as const satisfies readonly (keyof CaseData)[];
export type CaseDataField = (typeof CASE_DATA_FIELDS)[number];

/** How a disease code corresponds to the other list (from the terminology). */
export type EquivalentOf = (code: string) => { relation: DiseaseRef['relation']; targets: readonly { code: string }[] } | undefined;

/** Whether a case is one the other country must be told about: confirmed, and imported from or infected in another country. */
export function isNotifiable(c: Pick<Case, 'classification' | 'imported' | 'infectionPlace'>, country: string): boolean {
  if (c.classification !== 'confirmed') return false;
  return (c.imported !== null && c.imported.country !== country) || c.infectionPlace.country !== country;
}

/** When the case was recorded as confirmed on this node (its first move to `confirmed`), or null. */
export function confirmedAt(c: Pick<Case, 'classificationHistory'>): string | null {
  return c.classificationHistory.find((h) => h.to === 'confirmed')?.at ?? null;
}

/** The disease as a notification names it: the code, its list, and the other list's counterpart. */
export function diseaseRef(code: string, country: 'VN' | 'CN', equivalentOf: EquivalentOf): DiseaseRef {
  const eq = equivalentOf(code);
  return { code, system: country, relation: eq?.relation ?? 'none', equivalents: (eq?.targets ?? []).map((t) => t.code) };
}

/** The minimum data set of a case. Fields are copied one by one: nothing else of the record can slip through. */
export function caseData(c: Case, country: 'VN' | 'CN', equivalentOf: EquivalentOf): CaseData {
  return {
    disease: diseaseRef(c.disease, country, equivalentOf),
    classification: c.classification,
    onsetDate: c.onsetDate,
    reportDate: c.reportDate,
    confirmationDate: c.confirmationDate,
    ageGroup: c.ageGroup,
    sex: c.sex,
    entry: c.imported ? { country: c.imported.country, gate: c.imported.entryGate, date: c.imported.entryDate } : null,
    infectionPlace: { country: c.infectionPlace.country, area: c.infectionPlace.area, description: c.infectionPlace.description },
    travel: c.travel.map((s) => ({ place: s.place, country: s.country, from: s.from, to: s.to })),
    contacts: { vn: c.contacts.vn, cn: c.contacts.cn },
    outcome: c.outcome,
  };
}

/** JSON with object keys sorted, so that values read back from jsonb (which reorders keys) compare equal. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** The fields of the minimum data set that differ between two versions. */
export function changedFields(before: CaseData | null, after: CaseData): CaseDataField[] {
  if (!before) return [...CASE_DATA_FIELDS];
  return CASE_DATA_FIELDS.filter((k) => canonicalJson(before[k]) !== canonicalJson(after[k]));
}

/** What the exchange says about the first message of an outgoing notification. */
export type MessageState = 'pending' | 'delivered' | 'refused' | 'expired' | null;

/** The status of a notification from its direction, its message's state and the acknowledgement. */
export function statusOf(direction: Direction, message: MessageState, acknowledged: boolean, hasMessage: boolean): NotificationStatus {
  if (direction === 'incoming') return acknowledged ? 'acknowledged' : 'received';
  if (!hasMessage) return 'unrouted';
  if (acknowledged) return 'acknowledged';
  if (message === 'delivered') return 'delivered';
  if (message === 'refused' || message === 'expired') return 'failed';
  return 'queued';
}

// ───────────────────────────── views ─────────────────────────────
// Notifications, thread events and identity requests as the API answers them; here, apart from the
// store's I/O, so that the web app can take the types.

/** A notification as the API answers it. */
export interface NotificationView {
  id: string;
  direction: Direction;
  kind: Kind;
  origin: string;
  peer: string;
  subjectId: string;
  status: NotificationStatus;
  disease: string | null;
  diseaseLocal: string | null;
  classification: string | null;
  gate: string | null;
  area: string | null;
  version: number;
  route: unknown;
  body: unknown;
  timeline: { confirmedAt: string | null; queuedAt: string | null; deliveredAt: string | null; receivedAt: string | null; acknowledgedAt: string | null };
  /** Seconds per interval of the timeline (null where an end is missing). */
  durations: Partial<Record<Interval, number | null>>;
  acknowledgement: { at: string; role: string | null; by: string | null; note: string | null } | null;
  firstMessageId: string | null;
  lastMessageId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EventView {
  id: string;
  type: string;
  side: string;
  messageId: string | null;
  at: string;
  author: string | null;
  authorRole: string | null;
  text: string | null;
  detail: unknown;
}

export interface IdentityRequestView {
  id: string;
  direction: Direction;
  notificationId: string;
  peer: string;
  purpose: string;
  legalBasis: { code: string; text: string };
  requester: { name: string; role: string };
  requestedAt: string;
  status: string;
  decidedAt: string | null;
  decidedBy: { name: string; role: string } | null;
  reason: string | null;
  /** Whether identifiers were received (their values are read apart, under audit). */
  disclosed: boolean;
  requestMessageId: string | null;
  responseMessageId: string | null;
}

// ───────────────────────────── timeliness ─────────────────────────────

export const DAY_MS = 86_400_000;

/** The intervals of a notification's timeline, per direction. */
export const OUTGOING_INTERVALS = ['confirmedToQueued', 'queuedToDelivered', 'deliveredToAcknowledged', 'confirmedToAcknowledged'] as const;
export const INCOMING_INTERVALS = ['confirmedToReceived', 'receivedToAcknowledged', 'confirmedToAcknowledged'] as const;
export type Interval = (typeof OUTGOING_INTERVALS)[number] | (typeof INCOMING_INTERVALS)[number];

/** The instants of one notification's timeline (ms since epoch, null when not reached). */
export interface Timeline {
  confirmed: number | null;
  queued: number | null;
  delivered: number | null;
  received: number | null;
  acknowledged: number | null;
}

const span = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.max(0, b - a));

/** The durations (ms) of each interval of a timeline; null where an end is missing. */
export function intervalsOf(direction: Direction, t: Timeline): Partial<Record<Interval, number | null>> {
  if (direction === 'outgoing') {
    return {
      confirmedToQueued: span(t.confirmed, t.queued),
      queuedToDelivered: span(t.queued, t.delivered),
      deliveredToAcknowledged: span(t.delivered, t.acknowledged),
      confirmedToAcknowledged: span(t.confirmed, t.acknowledged),
    };
  }
  return {
    confirmedToReceived: span(t.confirmed, t.received),
    receivedToAcknowledged: span(t.received, t.acknowledged),
    confirmedToAcknowledged: span(t.confirmed, t.acknowledged),
  };
}

/** The p-quantile (0 ≤ p ≤ 1) of sorted values by linear interpolation (Hyndman–Fan type 7, R's default). */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface IntervalStats {
  /** Notifications that reached both ends of the interval. */
  count: number;
  /** Notifications that reached its start but not (yet) its end. */
  open: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** Share (0–1) of the completed intervals that took at most 24 hours. */
  within24h: number | null;
}

/** Count, median, 90th percentile and share within 24 h of some durations (ms). */
export function summarize(durations: readonly (number | null)[], open = 0): IntervalStats {
  const done = durations.filter((d): d is number => d !== null).sort((a, b) => a - b);
  const q = (p: number) => {
    const v = quantile(done, p);
    return v === null ? null : Math.round(v) / 1000;
  };
  return {
    count: done.length,
    open,
    medianSeconds: q(0.5),
    p90Seconds: q(0.9),
    within24h: done.length ? done.filter((d) => d <= DAY_MS).length / done.length : null,
  };
}

/** Which end an interval starts from, to count the ones still open. */
const START: Record<Interval, keyof Timeline> = {
  confirmedToQueued: 'confirmed',
  queuedToDelivered: 'queued',
  deliveredToAcknowledged: 'delivered',
  confirmedToAcknowledged: 'confirmed',
  confirmedToReceived: 'confirmed',
  receivedToAcknowledged: 'received',
};

export interface TimelinessRow {
  peer: string;
  disease: string;
  timeline: Timeline;
}

export interface TimelinessGroup {
  peer: string;
  disease: string;
  notifications: number;
  intervals: Partial<Record<Interval, IntervalStats>>;
}

/** Statistics per peer and disease, and over everything (peer and disease `*`). */
export function timeliness(direction: Direction, rows: readonly TimelinessRow[]): TimelinessGroup[] {
  const names = direction === 'outgoing' ? OUTGOING_INTERVALS : INCOMING_INTERVALS;
  const groups = new Map<string, TimelinessRow[]>();
  for (const r of rows) {
    const k = `${r.peer}\u0000${r.disease}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const stats = (peer: string, disease: string, list: readonly TimelinessRow[]): TimelinessGroup => {
    const intervals: Partial<Record<Interval, IntervalStats>> = {};
    for (const name of names) {
      const values = list.map((r) => intervalsOf(direction, r.timeline)[name] ?? null);
      const open = list.filter((r, i) => values[i] === null && r.timeline[START[name]] !== null).length;
      intervals[name] = summarize(values, open);
    }
    return { peer, disease, notifications: list.length, intervals };
  };
  const out = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, list]) => stats(list[0].peer, list[0].disease, list));
  out.push(stats('*', '*', rows));
  return out;
}
