/**
 * Notifications, their threads and identity requests in the database. Every function takes the
 * connection or transaction to use: inside a transaction (a case write, a message being applied)
 * the caller's one, never the store's own (PGlite has a single session).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool } from 'kysely';
import { tables, type Db } from '../platform/store/database';
import { json } from '../platform/store/json';
import type { ExchangeTables } from '../platform/exchange';
import type { Jurisdiction } from '../platform/access';
import type { NotificationTables } from './tables';
import {
  intervalsOf,
  statusOf,
  type Direction,
  type EventView,
  type IdentityRequestView,
  type Kind,
  type MessageState,
  type NotificationStatus,
  type NotificationView,
  type Timeline,
} from './model';

type All = NotificationTables & ExchangeTables;
const t = (db: Db): Kysely<All> => tables<All>(db);
type Row = NotificationTables['notifications'];
type EventRow = NotificationTables['notification_events'];
type EventRecord = Selectable<EventRow>;
type RequestRow = NotificationTables['identity_requests'];

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const ms = (d: Date | string | null | undefined) => (d ? new Date(d).getTime() : null);

export type { NotificationView, EventView, IdentityRequestView } from './model';

/** The records of this node a caller may see, from the kind of their jurisdiction. */
export type Visibility = { kind: 'all' } | { kind: 'none' } | { kind: 'area'; area: string } | { kind: 'gate'; gate: string } | { kind: 'facility'; facility: string };

export function visibilityOf(j: Jurisdiction, party: string, self: string): Visibility {
  if (party !== self) return { kind: 'none' };
  switch (j.kind) {
    case 'party':
      return j.party === self ? { kind: 'all' } : { kind: 'none' };
    case 'area':
      return { kind: 'area', area: j.area };
    case 'gate':
      return { kind: 'gate', gate: j.gate };
    case 'facility':
      return { kind: 'facility', facility: j.facility };
  }
}

export interface ListFilter {
  direction?: Direction;
  kind?: Kind;
  status?: NotificationStatus;
  disease?: string;
  peer?: string;
  /** Already folded for search (lower case, no diacritics). */
  q?: string;
  subjectId?: string;
  limit: number;
  offset: number;
}

/** The derived status in SQL, the same rule as `statusOf`. */
const STATUS_SQL = sql<string>`case
  when n.direction = 'incoming' then case when n.acknowledged_at is null then 'received' else 'acknowledged' end
  when n.first_message_id is null then 'unrouted'
  when n.acknowledged_at is not null then 'acknowledged'
  when o.status = 'delivered' then 'delivered'
  when o.status in ('refused', 'expired') then 'failed'
  else 'queued' end`;

function base(db: Db) {
  return t(db).selectFrom('notifications as n').leftJoin('exchange_outbox as o', 'o.id', 'n.first_message_id');
}
type Base = ReturnType<typeof base>;
type Eb = ExpressionBuilder<All & { n: Row; o: ExchangeTables['exchange_outbox'] }, 'n' | 'o'>;

function visible(eb: Eb, v: Visibility): Expression<SqlBool> {
  switch (v.kind) {
    case 'all':
      return eb.lit(true);
    case 'none':
      return eb.lit(false);
    case 'area':
      return sql<boolean>`n.area_path @> ${json([v.area])}`;
    case 'gate':
      return eb('n.gate', '=', v.gate);
    case 'facility':
      return eb('n.facility', '=', v.facility);
  }
}

function filtered(db: Db, f: Omit<ListFilter, 'limit' | 'offset'>, v: Visibility): Base {
  return base(db).where((eb) => {
    const c: Expression<SqlBool>[] = [visible(eb as unknown as Eb, v)];
    if (f.direction) c.push(eb('n.direction', '=', f.direction));
    if (f.kind) c.push(eb('n.kind', '=', f.kind));
    if (f.peer) c.push(eb('n.peer', '=', f.peer));
    if (f.subjectId) c.push(eb('n.subject_id', '=', f.subjectId));
    if (f.disease) c.push(eb.or([eb('n.disease', '=', f.disease), eb('n.disease_local', '=', f.disease)]));
    if (f.status) c.push(sql<boolean>`(${STATUS_SQL}) = ${f.status}`);
    if (f.q) c.push(sql<boolean>`n.search like ${'%' + f.q.replace(/[\\%_]/g, (m) => '\\' + m) + '%'}`);
    return eb.and(c);
  });
}

const withMessage = (q: Base) => q.selectAll('n').select(['o.status as message_status', 'o.delivered_at as delivered_at']);
type Joined = Row & { message_status: string | null; delivered_at: Date | null };

export function toView(r: Joined): NotificationView {
  const direction = r.direction as Direction;
  const timeline: Timeline = {
    confirmed: ms(r.confirmed_at),
    queued: ms(r.queued_at),
    delivered: ms(r.delivered_at),
    received: ms(r.received_at),
    acknowledged: ms(r.acknowledged_at),
  };
  const durations = Object.fromEntries(Object.entries(intervalsOf(direction, timeline)).map(([k, v]) => [k, v === null || v === undefined ? null : v / 1000]));
  return {
    id: r.id,
    direction,
    kind: r.kind as Kind,
    origin: r.origin,
    peer: r.peer,
    subjectId: r.subject_id,
    status: statusOf(direction, (r.message_status as MessageState) ?? null, r.acknowledged_at !== null, r.first_message_id !== null),
    disease: r.disease,
    diseaseLocal: r.disease_local,
    classification: r.classification,
    gate: r.gate,
    area: r.area,
    version: r.version,
    route: r.route ?? null,
    body: r.body ?? null,
    timeline: {
      confirmedAt: iso(r.confirmed_at),
      queuedAt: iso(r.queued_at),
      deliveredAt: iso(r.delivered_at),
      receivedAt: iso(r.received_at),
      acknowledgedAt: iso(r.acknowledged_at),
    },
    durations,
    acknowledgement: r.acknowledged_at ? { at: iso(r.acknowledged_at)!, role: r.ack_role, by: r.ack_by, note: r.ack_note } : null,
    firstMessageId: r.first_message_id,
    lastMessageId: r.last_message_id,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

const toEvent = (r: EventRecord): EventView => ({
  id: r.id,
  type: r.type,
  side: r.side,
  messageId: r.message_id,
  at: iso(r.at)!,
  author: r.author,
  authorRole: r.author_role,
  text: r.text,
  detail: r.detail ?? null,
});

const toRequest = (r: RequestRow): IdentityRequestView => ({
  id: r.id,
  direction: r.direction as Direction,
  notificationId: r.notification_id,
  peer: r.peer,
  purpose: r.purpose,
  legalBasis: { code: r.legal_basis_code, text: r.legal_basis_text },
  requester: { name: r.requester_name, role: r.requester_role },
  requestedAt: iso(r.requested_at)!,
  status: r.status,
  decidedAt: iso(r.decided_at),
  decidedBy: r.decided_by_name ? { name: r.decided_by_name, role: r.decided_by_role ?? '' } : null,
  reason: r.reason,
  disclosed: r.identity !== null,
  requestMessageId: r.request_message_id,
  responseMessageId: r.response_message_id,
});

export type NewNotification = Omit<Row, 'id' | 'created_at' | 'updated_at' | 'route' | 'body' | 'area_path'> & {
  id?: string;
  route: unknown;
  body: unknown;
  area_path: string[];
  at: Date;
};

export type NewEvent = Omit<EventRow, 'n' | 'id' | 'detail'> & { detail?: unknown };

export type NewRequest = Omit<RequestRow, 'identity'>;

/** Reads and writes of notifications. */
export const notificationStore = {
  async insert(db: Db, n: NewNotification): Promise<string> {
    const id = n.id ?? randomUUID();
    const { at, route, body, area_path, ...rest } = n;
    await t(db)
      .insertInto('notifications')
      .values({ ...rest, id, route: route === null ? null : json(route), body: body === null ? null : json(body), area_path: json(area_path), created_at: at, updated_at: at })
      .execute();
    return id;
  },

  async update(db: Db, id: string, patch: Partial<Omit<Row, 'id' | 'route' | 'body' | 'area_path'>> & { route?: unknown; body?: unknown; area_path?: string[]; at: Date }): Promise<void> {
    const { at, route, body, area_path, ...rest } = patch;
    const set: Record<string, unknown> = { ...rest, updated_at: at };
    if (route !== undefined) set.route = route === null ? null : json(route);
    if (body !== undefined) set.body = body === null ? null : json(body);
    if (area_path !== undefined) set.area_path = json(area_path);
    await t(db).updateTable('notifications').set(set).where('id', '=', id).execute();
  },

  /** The raw row of a notification (locked for update when asked, inside a transaction). */
  async row(db: Db, id: string, forUpdate = false): Promise<Row | undefined> {
    let q = t(db).selectFrom('notifications').selectAll().where('id', '=', id);
    if (forUpdate) q = q.forUpdate();
    return q.executeTakeFirst();
  },

  /** The notification of a subject with a peer in one direction. */
  async bySubject(db: Db, direction: Direction, peer: string, kind: Kind, subjectId: string, forUpdate = false): Promise<Row | undefined> {
    let q = t(db)
      .selectFrom('notifications')
      .selectAll()
      .where('direction', '=', direction)
      .where('peer', '=', peer)
      .where('kind', '=', kind)
      .where('subject_id', '=', subjectId);
    if (forUpdate) q = q.forUpdate();
    return q.executeTakeFirst();
  },

  /** Every outgoing notification of a subject (one per peer, plus an unrouted record). */
  async outgoingOf(db: Db, kind: Kind, subjectId: string): Promise<Row[]> {
    return t(db).selectFrom('notifications').selectAll().where('direction', '=', 'outgoing').where('kind', '=', kind).where('subject_id', '=', subjectId).forUpdate().execute();
  },

  async remove(db: Db, id: string): Promise<void> {
    await t(db).deleteFrom('notification_events').where('notification_id', '=', id).execute();
    await t(db).deleteFrom('notifications').where('id', '=', id).execute();
  },

  async get(db: Db, id: string): Promise<NotificationView | undefined> {
    const r = await withMessage(base(db)).where('n.id', '=', id).executeTakeFirst();
    return r ? toView(r as unknown as Joined) : undefined;
  },

  async list(db: Db, f: ListFilter, v: Visibility): Promise<{ items: NotificationView[]; total: number }> {
    const [rows, total] = await Promise.all([
      withMessage(filtered(db, f, v))
        .orderBy('n.created_at', 'desc')
        .orderBy('n.id')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
      filtered(db, f, v).select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items: (rows as unknown as Joined[]).map(toView), total: Number(total.total) };
  },

  /** Timelines of case notifications for the timeliness statistics. */
  async timelines(db: Db, f: { direction: Direction; peer?: string; disease?: string }, v: Visibility): Promise<{ peer: string; disease: string; timeline: Timeline }[]> {
    const rows = (await withMessage(filtered(db, { direction: f.direction, peer: f.peer, disease: f.disease, kind: 'case' }, v))
      .where('n.first_message_id', 'is not', null)
      .execute()) as unknown as Joined[];
    return rows.map((r) => ({
      peer: r.peer,
      disease: r.disease_local ?? r.disease ?? '',
      timeline: { confirmed: ms(r.confirmed_at), queued: ms(r.queued_at), delivered: ms(r.delivered_at), received: ms(r.received_at), acknowledged: ms(r.acknowledged_at) },
    }));
  },

  async addEvent(db: Db, e: NewEvent): Promise<string> {
    const id = randomUUID();
    const { detail, ...rest } = e;
    await t(db)
      .insertInto('notification_events')
      .values({ ...rest, id, detail: detail === undefined || detail === null ? null : json(detail) })
      .execute();
    return id;
  },

  async events(db: Db, notificationId: string): Promise<EventView[]> {
    const rows = await t(db).selectFrom('notification_events').selectAll().where('notification_id', '=', notificationId).orderBy('n').execute();
    return rows.map(toEvent);
  },

  async insertRequest(db: Db, r: NewRequest): Promise<void> {
    await t(db).insertInto('identity_requests').values({ ...r, identity: null }).execute();
  },

  async requestRow(db: Db, id: string, forUpdate = false): Promise<RequestRow | undefined> {
    let q = t(db).selectFrom('identity_requests').selectAll().where('id', '=', id);
    if (forUpdate) q = q.forUpdate();
    return q.executeTakeFirst();
  },

  async decideRequest(
    db: Db,
    id: string,
    d: { status: 'approved' | 'refused'; at: Date; name: string; role: string; reason: string | null; identity?: unknown; responseMessageId: string | null },
  ): Promise<void> {
    await t(db)
      .updateTable('identity_requests')
      .set({
        status: d.status,
        decided_at: d.at,
        decided_by_name: d.name,
        decided_by_role: d.role,
        reason: d.reason,
        identity: d.identity === undefined || d.identity === null ? null : json(d.identity),
        response_message_id: d.responseMessageId,
      })
      .where('id', '=', id)
      .execute();
  },

  async requestsOf(db: Db, notificationId: string): Promise<IdentityRequestView[]> {
    const rows = await t(db).selectFrom('identity_requests').selectAll().where('notification_id', '=', notificationId).orderBy('requested_at').execute();
    return rows.map(toRequest);
  },

  requestView: toRequest,
};
