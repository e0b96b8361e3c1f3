import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { definePermissions } from '../access';
import { BhError } from '../errors';
import { Paging, responses } from '../http/schemas';
import type { AppContext, AppModule } from '../http/app';
import type { Exchange } from './exchange';
import { probeRoutes } from './probe';

definePermissions({
  'exchange.peers.read': ['administrator', 'liaison', 'epidemiologist'],
  // Metadata only (ids, types, streams, times, errors): bodies are never listed.
  'exchange.messages.read': ['administrator'],
  'exchange.probe.send': ['administrator'],
  'exchange.probe.read': ['administrator'],
});

const tag = (summary: string, description?: string) => ({ tags: ['exchange'], summary, ...(description ? { description } : {}) });
const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);

const InboxResult = Type.Object({
  messageId: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.Literal('accepted'), Type.Literal('duplicate'), Type.Literal('refused'), Type.Literal('failed')]),
  status: Type.Optional(Type.Union([Type.Literal('applied'), Type.Literal('held'), Type.Literal('duplicate')])),
  receipt: Type.Optional(Type.String({ description: 'compact JWS (typ bh-receipt+jws) signed by this node' })),
  code: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
});

const PeerStatusSchema = Type.Object({
  party: Type.String(),
  baseUrl: Type.String(),
  reachable: Type.Union([Type.Boolean(), Type.Null()]),
  lastAttemptAt: Nullable(Instant),
  lastError: Nullable(Type.String()),
  lastErrorAt: Nullable(Instant),
  lastDeliveredAt: Nullable(Instant),
  queueDepth: Type.Integer(),
  oldestUndeliveredAt: Nullable(Instant),
  oldestUndeliveredAgeSeconds: Type.Union([Type.Integer(), Type.Null()]),
  undeliverable: Type.Integer(),
  heldFromPeer: Type.Integer(),
  peerTreeSize: Type.Union([Type.Integer(), Type.Null()]),
});

const OutboxEntrySchema = Type.Object({
  id: Type.String(),
  to: Type.String(),
  type: Type.String(),
  stream: Type.String(),
  seq: Type.Integer(),
  status: Type.String(),
  createdAt: Instant,
  expiresAt: Instant,
  queuedAt: Instant,
  deliveredAt: Nullable(Instant),
  acknowledgedAt: Nullable(Instant),
  attempts: Type.Integer(),
  lastAttemptAt: Nullable(Instant),
  lastError: Nullable(Type.String()),
  receiptStatus: Nullable(Type.String()),
});

const InboxEntrySchema = Type.Object({
  id: Type.String(),
  from: Type.String(),
  type: Type.String(),
  stream: Type.String(),
  seq: Type.Integer(),
  status: Type.String(),
  createdAt: Instant,
  receivedAt: Instant,
  appliedAt: Nullable(Instant),
  acknowledgedAt: Nullable(Instant),
});

const RefusedEntrySchema = Type.Object({
  receivedAt: Instant,
  code: Type.String(),
  messageId: Nullable(Type.String()),
  from: Nullable(Type.String()),
  kid: Nullable(Type.String()),
  type: Nullable(Type.String()),
  detail: Nullable(Type.String()),
  tokenSha256: Nullable(Type.String()),
  remoteAddress: Nullable(Type.String()),
});

const TimelineSchema = Type.Object({
  id: Type.String(),
  direction: Type.Union([Type.Literal('outgoing'), Type.Literal('incoming')]),
  peer: Type.String(),
  type: Type.String(),
  status: Type.String(),
  createdAt: Instant,
  queuedAt: Nullable(Instant),
  deliveredAt: Nullable(Instant),
  receivedAt: Nullable(Instant),
  appliedAt: Nullable(Instant),
  acknowledgedAt: Nullable(Instant),
  receipt: Nullable(Type.String()),
});

const ListQuery = (statuses: string[]) =>
  Type.Object({
    status: Type.Optional(Type.Union(statuses.map((s) => Type.Literal(s)))),
    peer: Type.Optional(Type.String({ maxLength: 64 })),
    type: Type.Optional(Type.String({ maxLength: 100 })),
    ...Paging,
  });

/** A body that is not JSON reaches the handler as this, so that it is recorded as a refusal. */
const NOT_JSON = Symbol('not json');

const INBOX_DESCRIPTION = [
  'Peers POST `application/json` `{delivery, messages}`: `delivery` is a compact JWS (typ `bh-delivery+jws`,',
  'payload `{from, to, sentAt, nonce}`) signed by the sending node now, whose clock must be within the',
  'configured skew; `messages` is an array of compact JWS (typ `bh-message+jws`, EdDSA, `kid` of the',
  'sender). The answer lists one result per message, in order, each accepted or duplicate one with a',
  'receipt (typ `bh-receipt+jws`) signed by this node. An empty `messages` array is a greeting.',
].join(' ');

/** The exchange's HTTP surface: the peers' inbox, and administrators' views. */
export function exchangeRoutes(exchange: Exchange): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
  return async (app, opts) => {
    // The inbox in a context of its own, with a JSON parser that lets malformed bodies through to be recorded.
    await app.register(async (inbox) => {
      inbox.removeContentTypeParser('application/json');
      inbox.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
        try {
          done(null, JSON.parse(body as string));
        } catch {
          done(null, NOT_JSON);
        }
      });
      inbox.post(
        '/exchange/inbox',
        {
          config: { access: 'public' },
          bodyLimit: exchange.options.maxRequestBytes,
          schema: {
            ...tag('Receive messages from a peer (authenticated by signature)', INBOX_DESCRIPTION),
            security: [],
            response: responses({ 200: Type.Object({ results: Type.Array(InboxResult) }) }),
          },
        },
        async (req) => exchange.receive(req.body === NOT_JSON ? null : req.body, req.ip),
      );
    });

    app.get(
      '/exchange/peers',
      { config: { access: 'exchange.peers.read' }, schema: { ...tag('Status of the link to each peer'), response: responses({ 200: Type.Array(PeerStatusSchema) }) } },
      () => exchange.peers(),
    );

    app.get(
      '/exchange/outbox',
      {
        config: { access: 'exchange.messages.read' },
        schema: {
          ...tag('Outgoing messages (metadata only), newest first'),
          querystring: ListQuery(['pending', 'delivered', 'refused', 'expired']),
          response: responses({ 200: Type.Array(OutboxEntrySchema) }),
        },
      },
      (req) => exchange.outbox(req.query),
    );

    app.get(
      '/exchange/inbox',
      {
        config: { access: 'exchange.messages.read' },
        schema: {
          ...tag('Incoming messages (metadata only), newest first'),
          querystring: ListQuery(['held', 'applied', 'duplicate']),
          response: responses({ 200: Type.Array(InboxEntrySchema) }),
        },
      },
      (req) => exchange.inbox(req.query),
    );

    app.get(
      '/exchange/refused',
      {
        config: { access: 'exchange.messages.read' },
        schema: {
          ...tag('Refused messages and requests, newest first (status filters by code)'),
          querystring: Type.Object({ status: Type.Optional(Type.String({ maxLength: 64 })), peer: Type.Optional(Type.String({ maxLength: 64 })), ...Paging }),
          response: responses({ 200: Type.Array(RefusedEntrySchema) }),
        },
      },
      (req) => exchange.refused(req.query),
    );

    app.get(
      '/exchange/messages/:id',
      {
        config: { access: 'exchange.messages.read' },
        schema: {
          ...tag('Timeline and receipt of one message'),
          params: Type.Object({ id: Type.String({ maxLength: 36 }) }),
          response: responses({ 200: TimelineSchema }),
        },
      },
      async (req) => (await exchange.timeline(req.params.id)) ?? Promise.reject(new BhError('BH_NOT_FOUND')),
    );

    if (exchange.probes) await app.register(probeRoutes(exchange), { ctx: opts.ctx });
  };
}

/** The exchange's HTTP module, mounted under /api. */
export function exchangeModule(exchange: Exchange): AppModule {
  return { name: 'exchange', routes: exchangeRoutes(exchange) };
}
