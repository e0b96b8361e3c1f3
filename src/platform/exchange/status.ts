import { sql } from 'kysely';
import { tables, type Db } from '../store/database';
import type { ExchangeContext } from './context';
import type { ExchangeTables } from './schema';

const t = (db: Db) => tables<ExchangeTables>(db);
const isoOrNull = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** How the link to one peer is doing. */
export interface PeerStatus {
  party: string;
  baseUrl: string;
  /** Whether the last delivery attempt reached the peer (null: never tried). */
  reachable: boolean | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  lastDeliveredAt: string | null;
  /** Messages to the peer not yet acknowledged by a valid receipt. */
  queueDepth: number;
  oldestUndeliveredAt: string | null;
  oldestUndeliveredAgeSeconds: number | null;
  /** Messages to the peer that will not be delivered (refused for good, or expired). */
  undeliverable: number;
  /** Messages from the peer stored but waiting for an earlier one of their stream. */
  heldFromPeer: number;
  /** The peer's audit tree size in its latest receipt (its signed proof of what it holds). */
  peerTreeSize: number | null;
}

/** Every configured peer's status, from the outbox, inbox and recorded attempts. */
export async function peerStatuses(ctx: ExchangeContext): Promise<PeerStatus[]> {
  const db = ctx.db;
  const [queues, bad, held, states] = await Promise.all([
    sql<{ to_party: string; n: number; oldest: Date | null }>`
      select to_party, count(*)::int as n, min(queued_at) as oldest from exchange_outbox where status = 'pending' group by to_party`.execute(db),
    sql<{ to_party: string; n: number }>`
      select to_party, count(*)::int as n from exchange_outbox where status in ('refused', 'expired') group by to_party`.execute(db),
    sql<{ from_party: string; n: number }>`
      select from_party, count(*)::int as n from exchange_inbox where status = 'held' group by from_party`.execute(db),
    t(db).selectFrom('exchange_peer_state').selectAll().execute(),
  ]);
  const now = ctx.now();
  return ctx.peers.all().map((p) => {
    const q = queues.rows.find((r) => r.to_party === p.party);
    const s = states.find((r) => r.party === p.party);
    const head = s?.last_tree_head as { treeSize?: number } | null | undefined;
    const oldest = q?.oldest ? new Date(q.oldest).getTime() : null;
    return {
      party: p.party,
      baseUrl: p.baseUrl,
      reachable: s?.reachable ?? null,
      lastAttemptAt: isoOrNull(s?.last_attempt_at),
      lastError: s?.last_error ?? null,
      lastErrorAt: isoOrNull(s?.last_error_at),
      lastDeliveredAt: isoOrNull(s?.last_delivered_at),
      queueDepth: q?.n ?? 0,
      oldestUndeliveredAt: oldest === null ? null : new Date(oldest).toISOString(),
      oldestUndeliveredAgeSeconds: oldest === null ? null : Math.max(0, Math.round((now - oldest) / 1000)),
      undeliverable: bad.rows.find((r) => r.to_party === p.party)?.n ?? 0,
      heldFromPeer: held.rows.find((r) => r.from_party === p.party)?.n ?? 0,
      peerTreeSize: typeof head?.treeSize === 'number' ? head.treeSize : null,
    };
  });
}

/** One outgoing message as listed for administrators: metadata only, never the body. */
export interface OutboxEntry {
  id: string;
  to: string;
  type: string;
  stream: string;
  seq: number;
  status: string;
  createdAt: string;
  expiresAt: string;
  queuedAt: string;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
  attempts: number;
  lastAttemptAt: string | null;
  lastError: string | null;
  receiptStatus: string | null;
}

/** One incoming message as listed for administrators: metadata only, never the body. */
export interface InboxEntry {
  id: string;
  from: string;
  type: string;
  stream: string;
  seq: number;
  status: string;
  createdAt: string;
  receivedAt: string;
  appliedAt: string | null;
  acknowledgedAt: string | null;
}

/** One refused message or request. */
export interface RefusedEntry {
  receivedAt: string;
  code: string;
  messageId: string | null;
  from: string | null;
  kid: string | null;
  type: string | null;
  detail: string | null;
  tokenSha256: string | null;
  remoteAddress: string | null;
}

export interface ListQuery {
  status?: string;
  peer?: string;
  type?: string;
  limit?: number;
  offset?: number;
}

/** Outgoing messages, newest first. */
export async function listOutbox(db: Db, q: ListQuery): Promise<OutboxEntry[]> {
  let query = t(db).selectFrom('exchange_outbox').select(['id', 'to_party', 'type', 'stream', 'seq', 'status', 'created_at', 'expires_at', 'queued_at', 'delivered_at', 'acknowledged_at', 'attempts', 'last_attempt_at', 'last_error', 'receipt_status']);
  if (q.status) query = query.where('status', '=', q.status as OutboxEntry['status'] & ExchangeTables['exchange_outbox']['status']);
  if (q.peer) query = query.where('to_party', '=', q.peer);
  if (q.type) query = query.where('type', '=', q.type);
  const rows = await query.orderBy('oid', 'desc').limit(q.limit ?? 100).offset(q.offset ?? 0).execute();
  return rows.map((r) => ({
    id: r.id,
    to: r.to_party,
    type: r.type,
    stream: r.stream,
    seq: Number(r.seq),
    status: r.status,
    createdAt: isoOrNull(r.created_at)!,
    expiresAt: isoOrNull(r.expires_at)!,
    queuedAt: isoOrNull(r.queued_at)!,
    deliveredAt: isoOrNull(r.delivered_at),
    acknowledgedAt: isoOrNull(r.acknowledged_at),
    attempts: Number(r.attempts),
    lastAttemptAt: isoOrNull(r.last_attempt_at),
    lastError: r.last_error,
    receiptStatus: r.receipt_status,
  }));
}

/** Incoming messages, newest first. */
export async function listInbox(db: Db, q: ListQuery): Promise<InboxEntry[]> {
  let query = t(db).selectFrom('exchange_inbox').select(['id', 'from_party', 'type', 'stream', 'seq', 'status', 'created_at', 'received_at', 'applied_at', 'acknowledged_at']);
  if (q.status) query = query.where('status', '=', q.status as ExchangeTables['exchange_inbox']['status']);
  if (q.peer) query = query.where('from_party', '=', q.peer);
  if (q.type) query = query.where('type', '=', q.type);
  const rows = await query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(q.limit ?? 100).offset(q.offset ?? 0).execute();
  return rows.map((r) => ({
    id: r.id,
    from: r.from_party,
    type: r.type,
    stream: r.stream,
    seq: Number(r.seq),
    status: r.status,
    createdAt: isoOrNull(r.created_at)!,
    receivedAt: isoOrNull(r.received_at)!,
    appliedAt: isoOrNull(r.applied_at),
    acknowledgedAt: isoOrNull(r.acknowledged_at),
  }));
}

/** Refused messages and requests, newest first. */
export async function listRefused(db: Db, q: ListQuery): Promise<RefusedEntry[]> {
  let query = t(db).selectFrom('exchange_refused').selectAll();
  if (q.status) query = query.where('code', '=', q.status);
  if (q.peer) query = query.where('from_party', '=', q.peer);
  const rows = await query.orderBy('id', 'desc').limit(q.limit ?? 100).offset(q.offset ?? 0).execute();
  return rows.map((r) => ({
    receivedAt: isoOrNull(r.received_at)!,
    code: r.code,
    messageId: r.message_id,
    from: r.from_party,
    kid: r.kid,
    type: r.type,
    detail: r.detail,
    tokenSha256: r.token_sha256,
    remoteAddress: r.remote_address,
  }));
}

/** The timeliness record of one message: queued/delivered/acknowledged (outgoing) or received/applied (incoming). */
export interface MessageTimeline {
  id: string;
  direction: 'outgoing' | 'incoming';
  peer: string;
  type: string;
  status: string;
  createdAt: string;
  queuedAt: string | null;
  deliveredAt: string | null;
  receivedAt: string | null;
  appliedAt: string | null;
  acknowledgedAt: string | null;
  /** The receipt: the peer's (outgoing) or ours (incoming), a compact JWS. */
  receipt: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The timeline of a message on this node, or null if it is neither in the outbox nor the inbox. */
export async function messageTimeline(db: Db, id: string): Promise<MessageTimeline | null> {
  if (!UUID.test(id)) return null;
  const o = await t(db).selectFrom('exchange_outbox').selectAll().where('id', '=', id).executeTakeFirst();
  if (o) {
    return {
      id,
      direction: 'outgoing',
      peer: o.to_party,
      type: o.type,
      status: o.status,
      createdAt: isoOrNull(o.created_at)!,
      queuedAt: isoOrNull(o.queued_at),
      deliveredAt: isoOrNull(o.delivered_at),
      receivedAt: null,
      appliedAt: null,
      acknowledgedAt: isoOrNull(o.acknowledged_at),
      receipt: o.receipt,
    };
  }
  const i = await t(db).selectFrom('exchange_inbox').selectAll().where('id', '=', id).executeTakeFirst();
  if (!i) return null;
  return {
    id,
    direction: 'incoming',
    peer: i.from_party,
    type: i.type,
    status: i.status,
    createdAt: isoOrNull(i.created_at)!,
    queuedAt: null,
    deliveredAt: null,
    receivedAt: isoOrNull(i.received_at),
    appliedAt: isoOrNull(i.applied_at),
    acknowledgedAt: isoOrNull(i.acknowledged_at),
    receipt: i.receipt,
  };
}
