/**
 * What people do with notifications, each in the caller's transaction: acknowledge, write in the
 * thread, request identifiers with a legal basis, decide on such a request, share a signal. Every
 * action puts its message in the outbox, records the thread entry and appends the audit entry in
 * that one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/store/database';
import type { Principal } from '../platform/access';
import { BhError } from '../platform/errors';
import type { Signal } from '../signals';
import { addWeeks } from '../signals';
import { routingOn, searchText, todayIn } from './directory-view';
import { IDENTITY_PURPOSE_PREFIX, localDisease, type FlowContext } from './flows';
import { MESSAGE_TYPES, streams, type IdentityResponseBody, type Ref, type SharedEvidence, type SignalShareBody } from './messages';
import { diseaseRef, SHAREABLE_SIGNAL_STATUSES, type IdentityPurpose, type LegalBasisCode, type MessageKind } from './model';
import { peersFor } from './routing';
import { notificationStore as store } from './store';
import type { NotificationTables } from './tables';

type Row = NotificationTables['notifications'];
type RequestRow = NotificationTables['identity_requests'];

const userActor = (p: Principal) => ({ kind: 'user' as const, id: p.userId, username: p.username, party: p.party });
const refOf = (row: Row): Ref => ({ origin: row.origin, kind: row.kind as Ref['kind'], id: row.subject_id });
const trimmed = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

/** The receiving liaison officer acknowledges a notification; the acknowledgement travels back. */
export async function acknowledge(ctx: FlowContext, trx: Db, row: Row, p: Principal, note: string | null): Promise<void> {
  if (row.direction !== 'incoming') throw new BhError('BH_NOTIFICATION_NOT_INCOMING');
  if (row.acknowledged_at) throw new BhError('BH_NOTIFICATION_ALREADY_ACKNOWLEDGED', { at: new Date(row.acknowledged_at).toISOString() });
  const at = new Date(ctx.now());
  const ref = refOf(row);
  const text = trimmed(note);
  const sent = await ctx.exchange.send(trx, {
    to: row.peer,
    type: MESSAGE_TYPES.ack,
    stream: `ack:${ref.origin}:${ref.kind}:${ref.id}`,
    body: { ref, acknowledgedAt: at.toISOString(), byRole: p.role, note: text },
  });
  await store.update(trx, row.id, { acknowledged_at: at, ack_role: p.role, ack_by: p.displayName, ack_note: text, at });
  if (row.first_message_id) await ctx.exchange.acknowledgeIncoming(trx, row.first_message_id, at);
  await store.addEvent(trx, { notification_id: row.id, type: 'acknowledged', side: 'sent', message_id: sent.id, at, author: p.displayName, author_role: p.role, text, detail: null });
  await ctx.audit.append(trx, {
    actor: userActor(p), action: 'notification.acknowledged', resource: { type: 'notification', id: row.id },
    purpose: 'acknowledgement of a notification', peer: row.peer, detail: { kind: row.kind, subjectId: row.subject_id, messageId: sent.id },
  });
}

/** A request for information, an answer or other information, threaded on the notification. */
export async function postMessage(ctx: FlowContext, trx: Db, row: Row, p: Principal, m: { text: string; kind: MessageKind; inReplyTo: string | null }): Promise<string> {
  if (row.direction === 'outgoing' && !row.first_message_id) throw new BhError('BH_NOTIFICATION_NOT_ROUTED');
  const at = new Date(ctx.now());
  const ref = refOf(row);
  const messageId = randomUUID();
  const sent = await ctx.exchange.send(trx, {
    to: row.peer,
    type: MESSAGE_TYPES.message,
    stream: streams.thread(ref),
    body: { ref, messageId, kind: m.kind, inReplyTo: m.inReplyTo, authorRole: p.role, text: m.text.trim(), sentAt: at.toISOString() },
  });
  await store.update(trx, row.id, { at });
  const id = await store.addEvent(trx, {
    notification_id: row.id, type: 'message', side: 'sent', message_id: sent.id, at, author: p.displayName, author_role: p.role,
    text: m.text.trim(), detail: { kind: m.kind, inReplyTo: m.inReplyTo, messageId },
  });
  await ctx.audit.append(trx, {
    actor: userActor(p), action: 'notification.message.sent', resource: { type: 'notification', id: row.id },
    purpose: 'request for information on a notification', peer: row.peer, detail: { kind: m.kind, messageId: sent.id },
  });
  return id;
}

/** Asks the case's home node for its identifiers, for a purpose under a recorded legal basis. */
export async function requestIdentity(
  ctx: FlowContext,
  trx: Db,
  row: Row,
  p: Principal,
  r: { purpose: IdentityPurpose; legalBasis: { code: LegalBasisCode; text: string } },
): Promise<string> {
  if (row.direction !== 'incoming' || row.kind !== 'case') throw new BhError('BH_NOTIFICATION_IDENTITY_NOT_CASE');
  const at = new Date(ctx.now());
  const requestId = randomUUID();
  const ref = refOf(row);
  const legalBasis = { code: r.legalBasis.code, text: r.legalBasis.text.trim() };
  const sent = await ctx.exchange.send(trx, {
    to: row.peer,
    type: MESSAGE_TYPES.identityRequest,
    stream: streams.identity(requestId),
    body: { requestId, ref, purpose: r.purpose, legalBasis, requester: { name: p.displayName, role: p.role }, requestedAt: at.toISOString() },
    purpose: `${IDENTITY_PURPOSE_PREFIX}: ${r.purpose}`,
    legalBasis: `${legalBasis.code}: ${legalBasis.text}`.slice(0, 500),
  });
  await store.insertRequest(trx, {
    id: requestId, direction: 'outgoing', notification_id: row.id, peer: row.peer, purpose: r.purpose,
    legal_basis_code: legalBasis.code, legal_basis_text: legalBasis.text, requester_name: p.displayName, requester_role: p.role,
    requested_by: p.userId, requested_at: at, status: 'pending', decided_at: null, decided_by_name: null, decided_by_role: null,
    reason: null, request_message_id: sent.id, response_message_id: null,
  });
  await store.addEvent(trx, {
    notification_id: row.id, type: 'identity-requested', side: 'sent', message_id: sent.id, at, author: p.displayName, author_role: p.role,
    text: legalBasis.text, detail: { requestId, purpose: r.purpose, legalBasis: legalBasis.code },
  });
  await ctx.audit.append(trx, {
    actor: userActor(p), action: 'notification.identity.requested', resource: { type: 'identity-request', id: requestId },
    purpose: `${IDENTITY_PURPOSE_PREFIX}: ${r.purpose}`, legalBasis: `${legalBasis.code}: ${legalBasis.text}`.slice(0, 500), peer: row.peer,
    detail: { caseId: row.subject_id, notificationId: row.id },
  });
  return requestId;
}

/**
 * The home side's liaison officer approves (the identifiers leave, from this node's identity
 * store) or refuses (with a reason). Either way the answer travels back and both sides audit it.
 */
export async function decideIdentity(ctx: FlowContext, trx: Db, req: RequestRow, row: Row, p: Principal, d: { approve: boolean; reason: string | null }): Promise<void> {
  if (req.direction !== 'incoming') throw new BhError('BH_NOTIFICATION_IDENTITY_NOT_INCOMING');
  if (req.status !== 'pending') throw new BhError('BH_NOTIFICATION_IDENTITY_DECIDED', { status: req.status });
  const reason = trimmed(d.reason);
  if (!d.approve && !reason) throw new BhError('BH_NOTIFICATION_REASON_REQUIRED');
  const identity = d.approve ? await ctx.identityOf(trx, row.subject_id) : null;
  if (d.approve && !identity) throw new BhError('BH_NOTIFICATION_IDENTITY_MISSING');
  const at = new Date(ctx.now());
  const body: IdentityResponseBody = {
    requestId: req.id,
    ref: refOf(row),
    decision: d.approve ? 'approved' : 'refused',
    reason,
    decidedAt: at.toISOString(),
    decidedBy: { name: p.displayName, role: p.role },
    identity: identity
      ? { fullName: identity.fullName, idType: identity.idType, idNumber: identity.idNumber, phone: identity.phone, address: identity.address, dateOfBirth: identity.dateOfBirth }
      : null,
  };
  const purpose = `${IDENTITY_PURPOSE_PREFIX}: ${req.purpose}`;
  const legalBasis = `${req.legal_basis_code}: ${req.legal_basis_text}`.slice(0, 500);
  const sent = await ctx.exchange.send(trx, { to: req.peer, type: MESSAGE_TYPES.identityResponse, stream: streams.identity(req.id), body, purpose, legalBasis });
  await store.decideRequest(trx, req.id, { status: d.approve ? 'approved' : 'refused', at, name: p.displayName, role: p.role, reason, identity: null, responseMessageId: sent.id });
  await store.addEvent(trx, {
    notification_id: row.id, type: d.approve ? 'identity-approved' : 'identity-refused', side: 'sent', message_id: sent.id, at,
    author: p.displayName, author_role: p.role, text: reason, detail: { requestId: req.id },
  });
  await ctx.audit.append(trx, {
    actor: userActor(p), action: d.approve ? 'notification.identity.disclosed' : 'notification.identity.refused',
    resource: { type: 'case', id: row.subject_id }, purpose, legalBasis, peer: req.peer,
    detail: { requestId: req.id, messageId: sent.id, fields: identity ? Object.entries(body.identity!).filter(([, v]) => v !== null).map(([k]) => k) : [] },
  });
}

/** The curve and thresholds of a signal's evidence, without anything but counts and rates. */
export function sharedEvidence(s: Signal): SharedEvidence {
  const e = s.evidence as unknown as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const out: SharedEvidence = { reason: typeof e.reason === 'string' ? e.reason.slice(0, 4000) : '', method: null, observed: null, expected: null, upperbound: null, curve: [], thresholds: [] };
  if (s.evidence.kind === 'aggregate-detection') {
    const a = s.evidence;
    out.method = a.method.slice(0, 100);
    out.observed = num(a.observed);
    out.expected = num(a.expected);
    out.upperbound = num(a.upperbound);
    const judged = new Map(a.judged.map((j) => [j.week, j]));
    const points = a.series.counts.map((n, i) => {
      const week = addWeeks(a.series.firstWeek, i);
      const j = judged.get(week);
      return { t: week, observed: n, expected: num(j?.expected), upperbound: num(j?.upperbound), alarm: j?.alarm ?? null };
    });
    const last = points.length ? points[points.length - 1].t : '';
    for (const j of a.judged) if (j.week > last) points.push({ t: j.week, observed: j.observed, expected: num(j.expected), upperbound: num(j.upperbound), alarm: j.alarm });
    out.curve = points.slice(-400);
  } else if (s.evidence.kind === 'gate-screening') {
    const g = s.evidence;
    out.observed = g.symptomatic;
    for (const r of g.rules) {
      if (r.rule === 'symptomatic-share') out.thresholds.push({ name: r.rule, value: r.share, threshold: r.threshold });
      else {
        out.method = r.method;
        out.upperbound = num(r.upperbound);
        out.thresholds.push({ name: r.rule, value: r.observed, threshold: r.upperbound });
        out.curve = r.baseline.dates.map((d, i) => ({ t: d, observed: r.baseline.counts[i] ?? null, expected: null, upperbound: null, alarm: false })).slice(-399);
      }
    }
    out.curve.push({ t: g.date, observed: g.symptomatic, expected: null, upperbound: out.upperbound, alarm: true });
  } else if (s.evidence.kind === 'vector-index') {
    out.thresholds = s.evidence.exceeded.slice(0, 20).map((x) => ({ name: x.index, value: x.value, threshold: x.threshold }));
  }
  return out;
}

/** Shares a verified signal with the peers an agreement covering information sharing reaches (or some of them). */
export async function shareSignal(ctx: FlowContext, trx: Db, s: Signal, p: Principal, r: { to: string[] | null; note: string | null }): Promise<string[]> {
  if (!(SHAREABLE_SIGNAL_STATUSES as readonly string[]).includes(s.status)) throw new BhError('BH_NOTIFICATION_SIGNAL_NOT_VERIFIED', { status: s.status });
  const dir = await ctx.directory.get(trx);
  const at = new Date(ctx.now());
  const eligible = peersFor(ctx.party, routingOn(dir, todayIn(dir.timezone, at)), 'information-sharing', ctx.isPeer);
  const targets = r.to ?? eligible.map((e) => e.party);
  for (const party of targets) if (!eligible.some((e) => e.party === party)) throw new BhError('BH_NOTIFICATION_NO_PEER', { party, scope: 'information-sharing' });
  if (targets.length === 0) throw new BhError('BH_NOTIFICATION_NO_PEER', { party: '—', scope: 'information-sharing' });
  const note = trimmed(r.note);
  const disease = diseaseRef(s.disease, dir.country, (c) => ctx.terminology.equivalentOf(c));
  const body: SignalShareBody = {
    signalId: s.id,
    kind: s.kind,
    disease,
    area: s.area,
    gate: s.gate,
    period: s.period,
    status: s.status as SignalShareBody['status'],
    risk: s.risk,
    detectedAt: new Date(s.createdAt).toISOString(),
    sharedAt: at.toISOString(),
    note,
    evidence: sharedEvidence(s),
  };
  // Every message first: the outbox counters are locked before the audit log (see Exchange.send).
  const sends: { party: string; agreements: string[]; id: string; createdAt: string }[] = [];
  for (const party of targets) {
    const agreements = eligible.find((e) => e.party === party)!.agreements;
    const sent = await ctx.exchange.send(trx, { to: party, type: MESSAGE_TYPES.signal, stream: streams.signal(s.id), body, legalBasis: `cooperation agreement covering information sharing: ${agreements.join(', ')}`.slice(0, 500) });
    sends.push({ party, agreements, id: sent.id, createdAt: sent.createdAt });
  }
  const ids: string[] = [];
  for (const { party, agreements, id: messageId, createdAt } of sends) {
    const existing = await store.bySubject(trx, 'outgoing', party, 'signal', s.id, true);
    const fields = {
      body, disease: s.disease, disease_local: localDisease(disease, dir.country), classification: null, gate: s.gate, area: s.area, area_path: s.areaPath, facility: null,
      last_message_id: messageId, route: { agreements }, search: searchText(dir, ctx.terminology, { subjectId: s.id, peer: party, diseases: [s.disease, ...disease.equivalents], gate: s.gate, areas: [s.area], extra: [s.period] }),
    };
    let id: string;
    if (existing) {
      id = existing.id;
      await store.update(trx, id, { ...fields, at });
    } else {
      id = await store.insert(trx, {
        direction: 'outgoing', kind: 'signal', origin: ctx.party, peer: party, subject_id: s.id, version: 1, first_message_id: messageId,
        confirmed_at: null, queued_at: new Date(createdAt), received_at: null, acknowledged_at: null, ack_role: null, ack_by: null, ack_note: null, at, ...fields,
      });
    }
    await store.addEvent(trx, { notification_id: id, type: 'shared', side: 'sent', message_id: messageId, at, author: p.displayName, author_role: p.role, text: note, detail: { status: s.status, risk: s.risk } });
    await ctx.audit.append(trx, {
      actor: userActor(p), action: 'notification.signal.shared', resource: { type: 'signal', id: s.id },
      purpose: 'sharing of a verified early-warning signal', legalBasis: `cooperation agreement: ${agreements.join(', ')}`.slice(0, 500), peer: party,
      detail: { notificationId: id, messageId, status: s.status },
    });
    ids.push(id);
  }
  return ids;
}
