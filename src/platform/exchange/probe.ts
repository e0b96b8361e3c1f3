import { Type, type Static } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tables, type Db } from '../store/database';
import { responses } from '../http/schemas';
import type { AppContext } from '../http/app';
import type { Exchange } from './exchange';
import type { ExchangeTables } from './schema';
import type { ExchangeMessage } from './types';

/**
 * Link test: administrators send probe messages to a peer, which stores each one it applies.
 * It exercises the whole path (signature, delivery, dedupe, order, receipt) and is what the fault
 * tests and the benchmark drive. The probe table has no unique key on purpose: a message applied
 * twice would show up as two rows.
 */

export const PROBE_TYPE = 'exchange.probe';
export const PROBE_ORDERED_TYPE = 'exchange.probe.ordered';

const ProbeBody = Type.Object(
  { n: Type.Integer({ minimum: 0 }), pad: Type.String({ maxLength: 200_000 }) },
  { additionalProperties: false },
);

const t = (db: Db) => tables<ExchangeTables>(db);

function probeRow(m: ExchangeMessage<Static<typeof ProbeBody>>, at: Date) {
  return { message_id: m.id, from_party: m.from, type: m.type, stream: m.stream, seq: m.seq, n: m.body.n, applied_at: at };
}

/** Registers the two probe types: unordered, and ordered within its stream. */
export function registerProbeTypes(exchange: Exchange): void {
  for (const [type, ordered] of [
    [PROBE_TYPE, false],
    [PROBE_ORDERED_TYPE, true],
  ] as const) {
    exchange.registerMessageType({
      type,
      bodySchema: ProbeBody,
      ordered,
      purpose: 'exchange link test',
      apply: async (trx, m, ctx) => {
        await t(trx).insertInto('exchange_probes').values(probeRow(m, ctx.receivedAt)).execute();
      },
      // One INSERT per run; rows take their ids in the order given, which is the order of application.
      applyMany: async (trx, messages, ctx) => {
        await t(trx).insertInto('exchange_probes').values(messages.map((m) => probeRow(m, ctx.receivedAt))).execute();
      },
    });
  }
}

export interface ProbeRequest {
  to: string;
  count: number;
  ordered?: boolean;
  /** Spread over this many streams (round robin). */
  streams?: number;
  /** Characters of padding per body, to test larger messages. */
  padBytes?: number;
  /** Stream name prefix, so that separate runs do not share streams. */
  prefix?: string;
}

/** Enqueues `count` probes, committing every 500 so one call never holds a huge transaction. */
export async function sendProbes(exchange: Exchange, db: Db, req: ProbeRequest): Promise<{ queued: number; ids: string[] }> {
  const ids: string[] = [];
  const streams = Math.max(1, req.streams ?? 1);
  const pad = 'x'.repeat(req.padBytes ?? 0);
  const type = req.ordered ? PROBE_ORDERED_TYPE : PROBE_TYPE;
  const prefix = req.prefix ?? (req.ordered ? 'probe-ordered' : 'probe');
  for (let start = 0; start < req.count; start += 500) {
    await db.transaction().execute(async (trx) => {
      for (let n = start; n < Math.min(req.count, start + 500); n++) {
        const sent = await exchange.send(trx, { to: req.to, type, stream: `${prefix}-${n % streams}`, body: { n, pad } });
        ids.push(sent.id);
      }
    });
  }
  return { queued: ids.length, ids };
}

/** What this node sent and applied as probes: counts, duplicates, order per stream. */
export async function probeSummary(db: Db, withIds = false) {
  const sent = await sql<{ status: string; n: number }>`
    select status, count(*)::int as n from exchange_outbox where type in (${PROBE_TYPE}, ${PROBE_ORDERED_TYPE}) group by status`.execute(db);
  const received = await sql<{ n: number; distinct_ids: number }>`
    select count(*)::int as n, count(distinct message_id)::int as distinct_ids from exchange_probes`.execute(db);
  // In order: each row's seq is its predecessor's + 1 in application order (the bigserial id).
  const streams = await sql<{ from_party: string; stream: string; type: string; n: number; in_order: boolean; max_seq: number }>`
    select from_party, stream, min(type) as type, count(*)::int as n, max(seq)::int as max_seq,
           bool_and(prev is null or seq = prev + 1) as in_order
      from (select *, lag(seq) over (partition by from_party, stream order by id) as prev from exchange_probes) x
     group by from_party, stream order by from_party, stream`.execute(db);
  const byStatus = Object.fromEntries(sent.rows.map((r) => [r.status, r.n]));
  return {
    sent: { total: sent.rows.reduce((a, r) => a + r.n, 0), byStatus, ids: withIds ? await probeIds(db, 'sent') : undefined },
    received: {
      total: received.rows[0]?.n ?? 0,
      distinct: received.rows[0]?.distinct_ids ?? 0,
      streams: streams.rows.map((r) => ({ from: r.from_party, stream: r.stream, type: r.type, count: r.n, maxSeq: r.max_seq, inOrder: r.in_order })),
      ids: withIds ? await probeIds(db, 'received') : undefined,
    },
  };
}

async function probeIds(db: Db, which: 'sent' | 'received'): Promise<string[]> {
  const rows =
    which === 'sent'
      ? await t(db).selectFrom('exchange_outbox').select('id').where('type', 'in', [PROBE_TYPE, PROBE_ORDERED_TYPE]).orderBy('id').execute()
      : await t(db).selectFrom('exchange_probes').select('message_id as id').orderBy('message_id').execute();
  return rows.map((r) => r.id);
}

const ProbeSummarySchema = Type.Object({
  sent: Type.Object({ total: Type.Integer(), byStatus: Type.Record(Type.String(), Type.Integer()), ids: Type.Optional(Type.Array(Type.String())) }),
  received: Type.Object({
    total: Type.Integer(),
    distinct: Type.Integer(),
    streams: Type.Array(
      Type.Object({ from: Type.String(), stream: Type.String(), type: Type.String(), count: Type.Integer(), maxSeq: Type.Integer(), inOrder: Type.Boolean() }),
    ),
    ids: Type.Optional(Type.Array(Type.String())),
  }),
});

/** Admin routes to send probes and read what arrived. */
export function probeRoutes(exchange: Exchange): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
  return async (app, { ctx }) => {
    app.post(
      '/exchange/probes',
      {
        config: { access: 'exchange.probe.send' },
        schema: {
          tags: ['exchange'],
          summary: 'Send probe messages to a peer (link test)',
          body: Type.Object(
            {
              to: Type.String({ minLength: 2, maxLength: 64 }),
              count: Type.Integer({ minimum: 1, maximum: 10_000 }),
              ordered: Type.Optional(Type.Boolean()),
              streams: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
              padBytes: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
              prefix: Type.Optional(Type.String({ minLength: 1, maxLength: 50, pattern: '^[a-z0-9-]+$' })),
            },
            { additionalProperties: false },
          ),
          response: responses({ 200: Type.Object({ queued: Type.Integer() }) }),
        },
      },
      async (req) => ({ queued: (await sendProbes(exchange, ctx.store.db, req.body)).queued }),
    );

    app.get(
      '/exchange/probes',
      {
        config: { access: 'exchange.probe.read' },
        schema: {
          tags: ['exchange'],
          summary: 'Probes sent and applied on this node',
          querystring: Type.Object({ ids: Type.Optional(Type.Boolean()) }),
          response: responses({ 200: ProbeSummarySchema }),
        },
      },
      (req) => probeSummary(ctx.store.db, req.query.ids ?? false),
    );
  };
}
