/** The notifications API: lists and threads, acknowledgement, replies, identity requests, signal sharing, timeliness. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { decide, type Principal, type RecordScope } from '../platform/access';
import { BhError } from '../platform/errors';
import { responses } from '../platform/http/schemas';
import type { AppContext } from '../platform/http/app';
import type { Db } from '../platform/store/database';
import type { Signal } from '../signals';
import { foldForSearch } from '../terminology';
import { acknowledge, decideIdentity, postMessage, requestIdentity, shareSignal } from './actions';
import { routingOn, todayIn } from './directory-view';
import type { FlowContext } from './flows';
import { INCOMING_INTERVALS, OUTGOING_INTERVALS, timeliness } from './model';
import { peersFor } from './routing';
import {
  AckBodySchema,
  DecisionBodySchema,
  DetailSchema,
  IdentityRequestBodySchema,
  IdentityRequestSchema,
  IdentityValuesSchema,
  IdParam,
  ListQuery,
  MessageBodySchema,
  NotificationSchema,
  PartnerSchema,
  ShareBodySchema,
  TimelinessSchema,
} from './schemas';
import { notificationStore as store, visibilityOf, type Visibility } from './store';
import type { NotificationTables } from './tables';

const tag = (summary: string, description?: string) => ({ tags: ['notifications'], summary, ...(description ? { description } : {}) });
const PURPOSE = 'cross-border notification';
/** Ids per audit entry of a list (an entry holds at most 8 KiB). */
const LIST_AUDIT_IDS = 100;

export interface NotificationRoutesDeps {
  ctx: FlowContext;
  db: Db;
  signal: (id: string) => Promise<Signal | undefined>;
}

type Row = NotificationTables['notifications'];

/** Where a notification lies for the access policy. */
export function scopeOf(party: string, row: Pick<Row, 'area_path' | 'gate' | 'facility'>): RecordScope {
  return { party, areas: (row.area_path as string[]) ?? [], gate: row.gate, facility: row.facility };
}

function visibilityFor(req: FastifyRequest, party: string, action: string): Visibility {
  const p = req.principal;
  if (!p || !decide(p, action).allow) return { kind: 'none' };
  return visibilityOf(p.jurisdiction, p.party, party);
}

export function notificationRoutes(deps: NotificationRoutesDeps): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
  const { ctx: flow, db } = deps;
  const party = flow.party;

  /** Loads a notification row the caller may see (404 otherwise), optionally locked in a transaction. */
  async function load(req: FastifyRequest, trx: Db, id: string, forUpdate = false): Promise<Row> {
    const row = await store.row(trx, id, forUpdate);
    if (!row) throw new BhError('BH_NOT_FOUND');
    req.authorize(scopeOf(party, row));
    return row;
  }

  async function detail(id: string) {
    const view = await store.get(db, id);
    if (!view) throw new BhError('BH_NOT_FOUND');
    const [events, identityRequests, timeline] = await Promise.all([
      store.events(db, id),
      store.requestsOf(db, id),
      view.firstMessageId ? flow.exchange.timeline(view.firstMessageId) : Promise.resolve(null),
    ]);
    const message = timeline
      ? { id: timeline.id, status: timeline.status, queuedAt: timeline.queuedAt, deliveredAt: timeline.deliveredAt, receivedAt: timeline.receivedAt, appliedAt: timeline.appliedAt, acknowledgedAt: timeline.acknowledgedAt, receipt: timeline.receipt }
      : null;
    return { ...view, events, identityRequests, message };
  }

  const principal = (req: FastifyRequest): Principal => req.principal!;

  return async (app) => {
    app.get(
      '/notifications',
      {
        config: { access: 'notification.read' },
        schema: {
          ...tag('Notifications sent and received, with status and timestamps (audited)'),
          querystring: ListQuery,
          response: responses({ 200: Type.Object({ items: Type.Array(NotificationSchema), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }) }),
        },
      },
      async (req) => {
        const q = req.query;
        const limit = q.limit ?? 100;
        const offset = q.offset ?? 0;
        const vis = visibilityFor(req, party, 'notification.read');
        const page = await store.list(db, { direction: q.direction, kind: q.kind, status: q.status, disease: q.disease, peer: q.peer, subjectId: q.subject, q: q.q ? foldForSearch(q.q) : undefined, limit, offset }, vis);
        const items = page.items;
        await db.transaction().execute(async (trx) => {
          const parts = Math.max(1, Math.ceil(items.length / LIST_AUDIT_IDS));
          for (let i = 0; i < parts; i++) {
            await req.audit(trx, {
              action: 'notification.list', resource: { type: 'notification', id: '*' }, purpose: PURPOSE,
              detail: { count: items.length, part: i + 1, parts, direction: q.direction ?? null, ids: items.slice(i * LIST_AUDIT_IDS, (i + 1) * LIST_AUDIT_IDS).map((n) => n.id) },
            });
          }
        });
        return { items, total: page.total, limit, offset };
      },
    );

    app.get(
      '/notifications/timeliness',
      {
        config: { access: 'notification.timeliness.read' },
        schema: {
          ...tag(
            'Timeliness per partner and disease',
            'Outgoing: confirmation → queued → delivered → acknowledged; incoming: the sender’s confirmation → received → acknowledged. For each interval: count, still open, median, 90th percentile (seconds) and share within 24 h. The last group (`*`, `*`) is over everything.',
          ),
          querystring: Type.Object({
            direction: Type.Optional(Type.Union([Type.Literal('outgoing'), Type.Literal('incoming')])),
            peer: Type.Optional(Type.String({ maxLength: 64 })),
            disease: Type.Optional(Type.String({ maxLength: 50 })),
          }),
          response: responses({ 200: TimelinessSchema }),
        },
      },
      async (req) => {
        const direction = req.query.direction ?? 'outgoing';
        const rows = await store.timelines(db, { direction, peer: req.query.peer, disease: req.query.disease }, visibilityFor(req, party, 'notification.timeliness.read'));
        return { direction, intervals: [...(direction === 'outgoing' ? OUTGOING_INTERVALS : INCOMING_INTERVALS)], groups: timeliness(direction, rows) };
      },
    );

    app.get(
      '/notifications/partners',
      {
        config: { access: 'notification.read' },
        schema: { ...tag('Partner nodes an agreement in force covers, for notification and for information sharing'), response: responses({ 200: Type.Array(PartnerSchema) }) },
      },
      async () => {
        const dir = await flow.directory.get(db);
        const routing = routingOn(dir, todayIn(dir.timezone, new Date(flow.now())));
        const n = peersFor(party, routing, 'notification', flow.isPeer);
        const s = peersFor(party, routing, 'information-sharing', flow.isPeer);
        const all = [...new Set([...n, ...s].map((x) => x.party))].sort();
        return all.map((p) => ({ party: p, notification: n.find((x) => x.party === p)?.agreements ?? [], informationSharing: s.find((x) => x.party === p)?.agreements ?? [] }));
      },
    );

    app.get(
      '/notifications/:id',
      {
        config: { access: 'notification.read' },
        schema: { ...tag('One notification with its thread, timeline and identity requests (audited)'), params: IdParam, response: responses({ 200: DetailSchema }) },
      },
      async (req) => {
        await load(req, db, req.params.id);
        const d = await detail(req.params.id);
        await db.transaction().execute((trx) => req.audit(trx, { action: 'notification.read', resource: { type: 'notification', id: d.id }, purpose: PURPOSE, peer: d.peer || null }));
        return d;
      },
    );

    app.post(
      '/notifications/:id/acknowledge',
      {
        config: { access: 'notification.acknowledge' },
        schema: {
          ...tag('Acknowledge a notification received from a partner', 'The acknowledgement travels back to the sender, whose notification then shows it.'),
          params: IdParam,
          body: AckBodySchema,
          response: responses({ 200: DetailSchema }),
        },
      },
      async (req) => {
        await db.transaction().execute(async (trx) => acknowledge(flow, trx, await load(req, trx, req.params.id, true), principal(req), req.body?.note ?? null));
        return detail(req.params.id);
      },
    );

    app.post(
      '/notifications/:id/messages',
      {
        config: { access: 'notification.message' },
        schema: {
          ...tag('Write in the thread of a notification: a request for information, an answer, other information'),
          params: IdParam,
          body: MessageBodySchema,
          response: responses({ 201: DetailSchema }),
        },
      },
      async (req, reply) => {
        const b = req.body;
        await db.transaction().execute(async (trx) =>
          postMessage(flow, trx, await load(req, trx, req.params.id, true), principal(req), { text: b.text, kind: b.kind ?? 'request', inReplyTo: b.inReplyTo ?? null }),
        );
        return reply.status(201).send(await detail(req.params.id));
      },
    );

    app.post(
      '/notifications/:id/identity-requests',
      {
        config: { access: 'notification.identity.request' },
        schema: {
          ...tag(
            'Ask the case’s home node for its identifiers (contact tracing)',
            'Only for a case notification received from a partner. The purpose and the legal basis are recorded and sent; the partner’s liaison officer approves or refuses. Both sides audit the request and the disclosure.',
          ),
          params: IdParam,
          body: IdentityRequestBodySchema,
          response: responses({ 201: IdentityRequestSchema }),
        },
      },
      async (req, reply) => {
        const id = await db.transaction().execute(async (trx) => requestIdentity(flow, trx, await load(req, trx, req.params.id, true), principal(req), req.body));
        return reply.status(201).send(store.requestView((await store.requestRow(db, id))!));
      },
    );

    app.post(
      '/identity-requests/:id/decision',
      {
        config: { access: 'notification.identity.decide' },
        schema: {
          ...tag(
            'Approve or refuse a partner’s request for a case’s identifiers',
            'Approving sends the identifiers from this node’s identity store to the requesting partner; refusing needs a reason. Either way the answer is audited with purpose, legal basis and partner.',
          ),
          params: IdParam,
          body: DecisionBodySchema,
          response: responses({ 200: IdentityRequestSchema }),
        },
      },
      async (req) => {
        await db.transaction().execute(async (trx) => {
          const r = await store.requestRow(trx, req.params.id, true);
          if (!r) throw new BhError('BH_NOT_FOUND');
          const row = await load(req, trx, r.notification_id, true);
          await decideIdentity(flow, trx, r, row, principal(req), { approve: req.body.approve, reason: req.body.reason ?? null });
        });
        return store.requestView((await store.requestRow(db, req.params.id))!);
      },
    );

    app.get(
      '/identity-requests/:id/identity',
      {
        config: { access: 'notification.identity.read' },
        schema: {
          ...tag('The identifiers a partner disclosed for a request of ours (personal data, always audited)'),
          params: IdParam,
          response: responses({ 200: IdentityValuesSchema }),
        },
      },
      async (req) => {
        const r = await store.requestRow(db, req.params.id);
        if (!r || r.direction !== 'outgoing') throw new BhError('BH_NOT_FOUND');
        await load(req, db, r.notification_id);
        const identity = r.identity as Record<string, string | null> | null;
        await db.transaction().execute((trx) =>
          req.audit(trx, {
            action: 'notification.identity.read', resource: { type: 'identity-request', id: r.id }, purpose: `contact tracing across the border: ${r.purpose}`,
            legalBasis: `${r.legal_basis_code}: ${r.legal_basis_text}`.slice(0, 500), peer: r.peer, outcome: identity ? 'success' : 'failed',
          }),
        );
        if (!identity) throw new BhError('BH_NOT_FOUND');
        return { requestId: r.id, fullName: identity.fullName ?? '', idType: identity.idType ?? null, idNumber: identity.idNumber ?? null, phone: identity.phone ?? null, address: identity.address ?? null, dateOfBirth: identity.dateOfBirth ?? null };
      },
    );

    app.post(
      '/notifications/signals/:id/share',
      {
        config: { access: 'notification.signal.share' },
        schema: {
          ...tag(
            'Share a verified signal with partner nodes',
            'The signal’s disease (with its counterpart in the other list), place, period, status, risk and curve go to each partner an agreement in force covers for information sharing (all of them unless `to` names some). No personal data.',
          ),
          params: IdParam,
          body: ShareBodySchema,
          response: responses({ 201: Type.Object({ notifications: Type.Array(NotificationSchema) }) }),
        },
      },
      async (req, reply) => {
        const s = await deps.signal(req.params.id);
        if (!s) throw new BhError('BH_NOT_FOUND');
        req.authorize({ party: s.party, areas: s.areaPath, gate: s.gate });
        const ids = await db.transaction().execute((trx) => shareSignal(flow, trx, s, principal(req), { to: req.body.to ?? null, note: req.body.note ?? null }));
        const notifications = [];
        for (const id of ids) notifications.push((await store.get(db, id))!);
        return reply.status(201).send({ notifications });
      },
    );
  };
}
