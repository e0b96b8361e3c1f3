/**
 * The automatic side of notification: a case write that makes a confirmed imported case (or
 * changes one already notified) puts the message in the outbox in the same transaction; messages
 * from peers are applied in the receiver's transaction. Users' actions are in `actions.ts`.
 */
import type { Db } from '../platform/store/database';
import type { AuditSink } from '../platform/http/audit-sink';
import type { Exchange, ExchangeMessage } from '../platform/exchange';
import { BhError } from '../platform/errors';
import type { Terminology } from '../terminology';
import type { CaseChange, CaseIdentity } from '../surveillance';
import { areaPath, routingOn, searchText, todayIn, type DirectoryCache, type DirectorySnapshot } from './directory-view';
import {
  MESSAGE_TYPES,
  streams,
  type AckBody,
  type CaseNotificationBody,
  type IdentityRequestBody,
  type IdentityResponseBody,
  type Ref,
  type SignalShareBody,
  type ThreadMessageBody,
} from './messages';
import { caseData, changedFields, confirmedAt, isNotifiable, type DiseaseRef, type Kind } from './model';
import { ownSideOf, routeCase } from './routing';
import { notificationStore as store } from './store';
import './errors';

/** What the flows and actions share. */
export interface FlowContext {
  party: string;
  exchange: Exchange;
  audit: AuditSink;
  directory: DirectoryCache;
  terminology: Terminology;
  isPeer: (party: string) => boolean;
  /** The identifiers of one of this node's cases, from its identity store (null if none). */
  identityOf: (db: Db, caseId: string) => Promise<CaseIdentity | null | undefined>;
  now: () => number;
}

export const CASE_PURPOSE = 'cross-border notification of an imported case';
export const CASE_LEGAL_BASIS = 'International Health Regulations (2005), Art. 6–9; cooperation agreement covering notification';
export const IDENTITY_PURPOSE_PREFIX = 'contact tracing across the border';

/** The disease in this node's list: the code itself, or the other list's counterpart. */
export function localDisease(d: DiseaseRef, country: 'VN' | 'CN'): string | null {
  return d.system === country ? d.code : (d.equivalents[0] ?? null);
}

/** Where an incoming case lies on this node: our side of its gate, else its place of infection if ours. */
export function incomingPlace(dir: DirectorySnapshot, c: CaseNotificationBody['case']): { area: string | null; gate: string | null } {
  const gateId = c.entry?.gate ?? null;
  const gate = gateId ? dir.gates.find((g) => g.id === gateId) : undefined;
  const side = ownSideOf(gate, dir.self, routingOn(dir, '0000-01-01'));
  if (side) return { area: side, gate: gateId };
  const ip = c.infectionPlace.area;
  const party = ip ? dir.areas.find((a) => a.code === ip)?.party : undefined;
  const served = party ? dir.parties.find((p) => p.code === party)?.servingParty === dir.self : false;
  return { area: served ? ip : null, gate: gate ? gateId : null };
}

const equivalentOf = (t: Terminology) => (code: string) => t.equivalentOf(code);

/** A case write: notify, update, or record why no one could be notified. Runs in the write's transaction. */
export async function onCaseChanged(ctx: FlowContext, trx: Db, change: CaseChange): Promise<void> {
  const c = change.after;
  const dir = await ctx.directory.get(trx);
  const notifiable = isNotifiable(c, dir.country);
  // A new case that is not notifiable has nothing to update either (bulk imports stop here).
  if (!notifiable && change.before === null) return;
  const existing = await store.outgoingOf(trx, 'case', c.id);
  if (!notifiable && existing.length === 0) return;
  const at = new Date(ctx.now());
  const data = caseData(c, dir.country, equivalentOf(ctx.terminology));
  const confirmed = confirmedAt(c);
  const scope = { area: c.residenceArea, area_path: areaPath(dir, c.residenceArea), facility: c.reportingFacility, gate: c.imported?.entryGate ?? null };
  const search = (peer: string) =>
    searchText(dir, ctx.terminology, { subjectId: c.id, peer, diseases: [c.disease, ...data.disease.equivalents], gate: scope.gate, areas: [c.residenceArea, c.infectionPlace.area] });
  const common = { disease: c.disease, disease_local: c.disease, classification: c.classification, version: c.version, confirmed_at: confirmed ? new Date(confirmed) : null, ...scope };

  // Updates to every partner already notified, on the case's ordered stream.
  for (const row of existing.filter((r) => r.first_message_id)) {
    const previous = (row.body as CaseNotificationBody | null)?.case ?? null;
    const changed = changedFields(previous, data);
    if (changed.length === 0) continue;
    const body: CaseNotificationBody = { event: 'updated', caseId: c.id, version: c.version, confirmedAt: confirmed, changed, case: data };
    const sent = await ctx.exchange.send(trx, { to: row.peer, type: MESSAGE_TYPES.case, stream: streams.case(c.id), body, purpose: CASE_PURPOSE, legalBasis: legalBasisOf(row.route) });
    await store.update(trx, row.id, { ...common, body, last_message_id: sent.id, search: search(row.peer), at });
    await store.addEvent(trx, { notification_id: row.id, type: 'updated', side: 'sent', message_id: sent.id, at, author: actorName(change), author_role: null, text: null, detail: { changed, version: c.version } });
  }
  if (!notifiable) return;

  const route = routeCase(c, ctx.party, routingOn(dir, todayIn(dir.timezone, at)), ctx.isPeer);
  const unrouted = existing.find((r) => !r.first_message_id);
  if (!route.routed) {
    if (existing.some((r) => r.first_message_id)) return;
    if (unrouted) {
      await store.update(trx, unrouted.id, { ...common, route, body: null, at });
      return;
    }
    const peer = route.candidates[0]?.node ?? '';
    const id = await store.insert(trx, {
      direction: 'outgoing', kind: 'case', origin: ctx.party, peer, subject_id: c.id, route, body: null,
      first_message_id: null, last_message_id: null, queued_at: null, received_at: null, acknowledged_at: null,
      ack_role: null, ack_by: null, ack_note: null, search: search(peer), at, ...common,
    });
    await store.addEvent(trx, { notification_id: id, type: 'unrouted', side: 'local', message_id: null, at, author: actorName(change), author_role: null, text: null, detail: { reason: route.reason, candidates: route.candidates } });
    return;
  }
  if (existing.some((r) => r.peer === route.node && r.first_message_id)) return;

  const body: CaseNotificationBody = { event: 'notified', caseId: c.id, version: c.version, confirmedAt: confirmed, changed: changedFields(null, data), case: data };
  const legalBasis = legalBasisOf(route);
  const sent = await ctx.exchange.send(trx, { to: route.node, type: MESSAGE_TYPES.case, stream: streams.case(c.id), body, purpose: CASE_PURPOSE, legalBasis });
  const fields = { ...common, peer: route.node, route, body, first_message_id: sent.id, last_message_id: sent.id, queued_at: new Date(sent.createdAt), search: search(route.node), at };
  let id: string;
  if (unrouted) {
    id = unrouted.id;
    await store.update(trx, id, fields);
  } else {
    id = await store.insert(trx, { direction: 'outgoing', kind: 'case', origin: ctx.party, subject_id: c.id, received_at: null, acknowledged_at: null, ack_role: null, ack_by: null, ack_note: null, ...fields });
  }
  await store.addEvent(trx, { notification_id: id, type: 'notified', side: 'sent', message_id: sent.id, at, author: actorName(change), author_role: null, text: null, detail: { basis: route.basis, agreements: route.agreements } });
}

function actorName(change: CaseChange): string | null {
  const a = change.actor;
  return a.kind === 'user' ? a.username : a.kind === 'anonymous' ? null : `${a.kind}:${a.party}`;
}

function legalBasisOf(route: unknown): string {
  const agreements = (route as { agreements?: string[] } | null)?.agreements ?? [];
  return agreements.length ? `${CASE_LEGAL_BASIS}: ${agreements.join(', ')}`.slice(0, 500) : CASE_LEGAL_BASIS;
}

/** The notification a reference names, on this node: ours (origin = us) or the peer's. */
export async function byRef(trx: Db, self: string, peer: string, ref: Ref) {
  const direction = ref.origin === self ? 'outgoing' : 'incoming';
  if (direction === 'incoming' && ref.origin !== peer) return undefined;
  return store.bySubject(trx, direction, peer, ref.kind as Kind, ref.id, true);
}

/** Refuses to apply now: the sender retries, e.g. until the notification itself has arrived. */
function unknownRef(ref: Ref): never {
  throw new BhError('BH_NOTIFICATION_UNKNOWN_REFERENCE', { kind: ref.kind, id: ref.id, origin: ref.origin });
}

/** Registers the message types with their schemas and the way each is applied here. */
export function registerMessageTypes(ctx: FlowContext, schemas: typeof import('./messages')): void {
  const ex = ctx.exchange;

  ex.registerMessageType({
    type: MESSAGE_TYPES.case,
    bodySchema: schemas.CaseNotificationSchema,
    ordered: true,
    purpose: CASE_PURPOSE,
    legalBasis: CASE_LEGAL_BASIS,
    apply: async (trx, m, a) => applyCase(ctx, trx, m as ExchangeMessage<CaseNotificationBody>, a.receivedAt),
  });

  ex.registerMessageType({
    type: MESSAGE_TYPES.ack,
    bodySchema: schemas.AckSchema,
    ordered: false,
    purpose: 'acknowledgement of a notification',
    apply: async (trx, m) => {
      const b = m.body as AckBody;
      const row = (await byRef(trx, ctx.party, m.from, b.ref)) ?? unknownRef(b.ref);
      if (row.direction !== 'outgoing') unknownRef(b.ref);
      const at = new Date(b.acknowledgedAt);
      if (!row.acknowledged_at) {
        await store.update(trx, row.id, { acknowledged_at: at, ack_role: b.byRole, ack_by: null, ack_note: b.note, at: new Date(ctx.now()) });
        if (row.first_message_id) await ex.acknowledgeOutgoing(trx, row.first_message_id, at);
      }
      await store.addEvent(trx, { notification_id: row.id, type: 'acknowledged', side: 'received', message_id: m.id, at, author: null, author_role: b.byRole, text: b.note, detail: null });
    },
  });

  ex.registerMessageType({
    type: MESSAGE_TYPES.message,
    bodySchema: schemas.ThreadMessageSchema,
    ordered: true,
    purpose: 'request for information on a notification',
    apply: async (trx, m) => {
      const b = m.body as ThreadMessageBody;
      const row = (await byRef(trx, ctx.party, m.from, b.ref)) ?? unknownRef(b.ref);
      await store.update(trx, row.id, { at: new Date(ctx.now()) });
      await store.addEvent(trx, {
        notification_id: row.id, type: 'message', side: 'received', message_id: m.id, at: new Date(b.sentAt),
        author: null, author_role: b.authorRole, text: b.text, detail: { kind: b.kind, inReplyTo: b.inReplyTo, messageId: b.messageId },
      });
    },
  });

  ex.registerMessageType({
    type: MESSAGE_TYPES.identityRequest,
    bodySchema: schemas.IdentityRequestSchema,
    ordered: false,
    purpose: IDENTITY_PURPOSE_PREFIX,
    apply: async (trx, m, a) => {
      const b = m.body as IdentityRequestBody;
      const row = (await byRef(trx, ctx.party, m.from, b.ref)) ?? unknownRef(b.ref);
      if (row.direction !== 'outgoing' || row.kind !== 'case') unknownRef(b.ref);
      if (await store.requestRow(trx, b.requestId)) return;
      await store.insertRequest(trx, {
        id: b.requestId, direction: 'incoming', notification_id: row.id, peer: m.from, purpose: b.purpose,
        legal_basis_code: b.legalBasis.code, legal_basis_text: b.legalBasis.text, requester_name: b.requester.name, requester_role: b.requester.role,
        requested_by: null, requested_at: new Date(b.requestedAt), status: 'pending', decided_at: null, decided_by_name: null, decided_by_role: null,
        reason: null, request_message_id: m.id, response_message_id: null,
      });
      await store.addEvent(trx, {
        notification_id: row.id, type: 'identity-requested', side: 'received', message_id: m.id, at: a.receivedAt,
        author: b.requester.name, author_role: b.requester.role, text: b.legalBasis.text, detail: { requestId: b.requestId, purpose: b.purpose, legalBasis: b.legalBasis.code },
      });
      await ctx.audit.append(trx, {
        actor: { kind: 'peer', party: m.from }, action: 'notification.identity.requested', resource: { type: 'identity-request', id: b.requestId },
        purpose: `${IDENTITY_PURPOSE_PREFIX}: ${b.purpose}`, legalBasis: `${b.legalBasis.code}: ${b.legalBasis.text}`.slice(0, 500), peer: m.from,
        detail: { caseId: row.subject_id, requester: b.requester.role },
      });
    },
  });

  ex.registerMessageType({
    type: MESSAGE_TYPES.identityResponse,
    bodySchema: schemas.IdentityResponseSchema,
    ordered: false,
    purpose: IDENTITY_PURPOSE_PREFIX,
    apply: async (trx, m, a) => {
      const b = m.body as IdentityResponseBody;
      const req = await store.requestRow(trx, b.requestId, true);
      if (!req || req.direction !== 'outgoing' || req.peer !== m.from) unknownRef(b.ref);
      if (req.status !== 'pending') return;
      const approved = b.decision === 'approved' && b.identity !== null;
      await store.decideRequest(trx, req.id, {
        status: approved ? 'approved' : 'refused', at: new Date(b.decidedAt), name: b.decidedBy.name, role: b.decidedBy.role,
        reason: b.reason, identity: approved ? b.identity : null, responseMessageId: m.id,
      });
      await store.addEvent(trx, {
        notification_id: req.notification_id, type: approved ? 'identity-approved' : 'identity-refused', side: 'received', message_id: m.id, at: a.receivedAt,
        author: b.decidedBy.name, author_role: b.decidedBy.role, text: b.reason, detail: { requestId: req.id },
      });
      // The disclosure as received: purpose, legal basis and peer, the field names but never their values.
      await ctx.audit.append(trx, {
        actor: { kind: 'peer', party: m.from }, action: approved ? 'notification.identity.received' : 'notification.identity.refused',
        resource: { type: 'identity-request', id: req.id }, purpose: `${IDENTITY_PURPOSE_PREFIX}: ${req.purpose}`,
        legalBasis: `${req.legal_basis_code}: ${req.legal_basis_text}`.slice(0, 500), peer: m.from,
        detail: { caseId: b.ref.id, fields: approved ? Object.entries(b.identity!).filter(([, v]) => v !== null).map(([k]) => k) : [] },
      });
    },
  });

  ex.registerMessageType({
    type: MESSAGE_TYPES.signal,
    bodySchema: schemas.SignalShareSchema,
    ordered: true,
    purpose: 'sharing of a verified early-warning signal',
    legalBasis: 'International Health Regulations (2005), Art. 6–9; cooperation agreement covering information sharing',
    apply: async (trx, m, a) => applySignal(ctx, trx, m as ExchangeMessage<SignalShareBody>, a.receivedAt),
  });
}

async function applyCase(ctx: FlowContext, trx: Db, m: ExchangeMessage<CaseNotificationBody>, receivedAt: Date): Promise<void> {
  const b = m.body;
  const dir = await ctx.directory.get(trx);
  const row = await store.bySubject(trx, 'incoming', m.from, 'case', b.caseId, true);
  const place = incomingPlace(dir, b.case);
  const local = localDisease(b.case.disease, dir.country);
  const fields = {
    body: b, version: b.version, classification: b.case.classification, disease: b.case.disease.code, disease_local: local,
    gate: place.gate, area: place.area, area_path: areaPath(dir, place.area), facility: null, confirmed_at: b.confirmedAt ? new Date(b.confirmedAt) : null, last_message_id: m.id,
    search: searchText(dir, ctx.terminology, { subjectId: b.caseId, peer: m.from, diseases: [b.case.disease.code, ...b.case.disease.equivalents], gate: place.gate, areas: [place.area, b.case.infectionPlace.area] }),
  };
  let id: string;
  if (row) {
    id = row.id;
    if (b.version < row.version) return;
    await store.update(trx, id, { ...fields, at: receivedAt });
  } else {
    id = await store.insert(trx, {
      direction: 'incoming', kind: 'case', origin: m.from, peer: m.from, subject_id: b.caseId, route: null,
      first_message_id: m.id, queued_at: null, received_at: receivedAt, acknowledged_at: null, ack_role: null, ack_by: null, ack_note: null, at: receivedAt, ...fields,
    });
  }
  await store.addEvent(trx, { notification_id: id, type: row ? 'updated' : 'notified', side: 'received', message_id: m.id, at: receivedAt, author: null, author_role: null, text: null, detail: { changed: b.changed, version: b.version } });
}

async function applySignal(ctx: FlowContext, trx: Db, m: ExchangeMessage<SignalShareBody>, receivedAt: Date): Promise<void> {
  const b = m.body;
  const dir = await ctx.directory.get(trx);
  const row = await store.bySubject(trx, 'incoming', m.from, 'signal', b.signalId, true);
  const gate = b.gate ? dir.gates.find((g) => g.id === b.gate) : undefined;
  const side = ownSideOf(gate, dir.self, routingOn(dir, '0000-01-01'));
  const fields = {
    body: b, disease: b.disease.code, disease_local: localDisease(b.disease, dir.country), classification: null, gate: gate ? b.gate : null, area: side, area_path: areaPath(dir, side),
    last_message_id: m.id, search: searchText(dir, ctx.terminology, { subjectId: b.signalId, peer: m.from, diseases: [b.disease.code, ...b.disease.equivalents], gate: b.gate, areas: [b.area, side], extra: [b.period] }),
  };
  let id: string;
  if (row) {
    id = row.id;
    await store.update(trx, id, { ...fields, at: receivedAt });
  } else {
    id = await store.insert(trx, {
      direction: 'incoming', kind: 'signal', origin: m.from, peer: m.from, subject_id: b.signalId, route: null, facility: null,
      version: 1, first_message_id: m.id, confirmed_at: null, queued_at: null, received_at: receivedAt, acknowledged_at: null, ack_role: null, ack_by: null, ack_note: null, at: receivedAt, ...fields,
    });
  }
  await store.addEvent(trx, { notification_id: id, type: 'shared', side: 'received', message_id: m.id, at: receivedAt, author: null, author_role: null, text: b.note, detail: { status: b.status, risk: b.risk } });
}
