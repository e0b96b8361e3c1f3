import { sql } from 'kysely';
import { BhError } from '../errors';
import { tables, type Db } from '../store/database';
import { json, jsonList } from '../store/json';
import { iso, type ExchangeContext } from './context';
import { ExchangeErrors } from './errors';
import { TYP } from './envelope';
import type { ExchangeMessage, SendInput, SentMessage } from './types';
import type { ExchangeTables } from './schema';
import { uuidv7 } from './uuid';

const t = (db: Db) => tables<ExchangeTables>(db);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One outbox row as the delivery worker needs it. */
export interface PendingMessage {
  id: string;
  jws: string;
  attempts: number;
}

/** What one delivery round to a peer settled, written in one transaction. */
export interface RoundOutcome {
  delivered: { id: string; receipt: string; status: string }[];
  /** Messages to try again later (refused for a curable reason, or not applied now). */
  retry: { id: string; code: string; nextAttemptAt: number }[];
  /** Messages the peer refused for good (e.g. bad signature): kept, but no longer sent. */
  refused: { id: string; code: string }[];
  /** Transport-level result of the round: null when the peer answered. */
  error: string | null;
  treeHead: unknown;
}

function typeError(type: string, detail: string): BhError {
  return new BhError(ExchangeErrors.BH_EXCHANGE_TYPE_INVALID, { type, detail });
}

/** The sending side: messages enter in the caller's transaction and leave with the worker. */
export class Outbox {
  readonly #ctx: ExchangeContext;
  readonly #wake: (party: string) => void;

  constructor(ctx: ExchangeContext, wake: (party: string) => void) {
    this.#ctx = ctx;
    this.#wake = wake;
  }

  /**
   * Signs a message and puts it in the outbox inside `trx`, so it commits (or rolls back) with the
   * change that caused it. The per-(peer, stream) counter row stays locked until commit, which
   * makes `seq` gapless. Call it before other audited work in the transaction: the audit head is
   * locked after the counter, and the reverse order in another transaction could deadlock.
   */
  async send(trx: Db, input: SendInput): Promise<SentMessage> {
    if (!trx.isTransaction) return trx.transaction().execute((inner) => this.send(inner, input));
    const ctx = this.#ctx;
    if (!ctx.peers.get(input.to)) throw new BhError(ExchangeErrors.BH_EXCHANGE_NOT_A_PEER, { party: input.to });
    const def = ctx.types.get(input.type);
    if (!def) throw typeError(input.type, 'not registered');
    // The same closed schema the receiver checks: no undeclared field ever leaves the node.
    const problem = ctx.types.bodyProblem(input.type, input.body);
    if (problem) throw typeError(input.type, `body ${problem}`);
    if (!input.stream || input.stream.length > 200) throw typeError(input.type, 'stream must be 1–200 characters');
    const ttl = input.ttlSeconds ?? ctx.options.defaultTtlSeconds;
    if (!(ttl > 0)) throw typeError(input.type, 'ttlSeconds must be positive');

    const counter = await t(trx)
      .insertInto('exchange_counters')
      .values({ to_party: input.to, stream: input.stream, last_seq: 1 })
      .onConflict((oc) => oc.columns(['to_party', 'stream']).doUpdateSet({ last_seq: sql`exchange_counters.last_seq + 1` }))
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    const seq = Number(counter.last_seq);
    const now = ctx.now();
    const message: ExchangeMessage = {
      id: uuidv7(now),
      from: ctx.party,
      to: input.to,
      type: input.type,
      stream: input.stream,
      seq,
      createdAt: iso(now),
      expiresAt: iso(now + ttl * 1000),
      body: input.body,
    };
    const jws = await ctx.signer.sign(message, TYP.message);
    if (jws.length > ctx.options.maxMessageBytes) throw typeError(input.type, `message of ${jws.length} bytes exceeds ${ctx.options.maxMessageBytes}`);
    await t(trx)
      .insertInto('exchange_outbox')
      .values({
        id: message.id,
        to_party: message.to,
        type: message.type,
        stream: message.stream,
        seq,
        jws,
        created_at: new Date(now),
        expires_at: new Date(now + ttl * 1000),
        queued_at: new Date(now),
        status: 'pending',
        next_attempt_at: new Date(now),
      })
      .execute();
    await ctx.audit.append(trx, {
      actor: { kind: 'node', party: ctx.party },
      action: 'exchange.message.sent',
      resource: { type: 'message', id: message.id },
      purpose: input.purpose ?? def.purpose ?? null,
      legalBasis: input.legalBasis ?? def.legalBasis ?? null,
      peer: message.to,
      outcome: 'success',
      detail: { type: message.type, stream: message.stream, seq },
    });
    // The worker cannot see the row before commit; it is told now and looks again shortly after.
    setImmediate(() => this.#wake(message.to));
    return { id: message.id, seq, createdAt: message.createdAt, expiresAt: message.expiresAt };
  }

  /** The next messages due for a peer, oldest first, except those already in flight. */
  async pending(party: string, limit: number, inflight: string[] = []): Promise<PendingMessage[]> {
    let q = t(this.#ctx.db)
      .selectFrom('exchange_outbox')
      .select(['id', 'jws', 'attempts'])
      .where('to_party', '=', party)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', new Date(this.#ctx.now()));
    if (inflight.length > 0) q = q.where('id', 'not in', jsonList(inflight, 'uuid'));
    const rows = await q.orderBy('oid').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, jws: r.jws, attempts: Number(r.attempts) }));
  }

  /** Marks pending messages past their expiry as expired (the peer would refuse them), with audit. */
  async expire(): Promise<number> {
    const ctx = this.#ctx;
    return ctx.db.transaction().execute(async (trx) => {
      const rows = await t(trx)
        .updateTable('exchange_outbox')
        .set({ status: 'expired', last_error: 'BH_EXCHANGE_EXPIRED' })
        .where('status', '=', 'pending')
        .where('expires_at', '<', new Date(ctx.now()))
        .returning(['id', 'to_party', 'type', 'stream', 'seq'])
        .execute();
      await ctx.audit.appendMany(trx,
        rows.map((r) => ({
          actor: { kind: 'node' as const, party: ctx.party },
          action: 'exchange.message.undelivered',
          resource: { type: 'message', id: r.id },
          peer: r.to_party,
          outcome: 'failed' as const,
          detail: { code: 'BH_EXCHANGE_EXPIRED', type: r.type, stream: r.stream, seq: Number(r.seq) },
        })),
      );
      return rows.length;
    });
  }

  /** Stores what a delivery round settled, and the peer's state, in one transaction. */
  async record(party: string, round: RoundOutcome): Promise<void> {
    const ctx = this.#ctx;
    const now = new Date(ctx.now());
    await ctx.db.transaction().execute(async (trx) => {
      if (round.delivered.length > 0) {
        await sql`
          update exchange_outbox o
             set status = 'delivered', delivered_at = ${now}, receipt = r.receipt, receipt_status = r.status,
                 attempts = o.attempts + 1, last_attempt_at = ${now}, last_error = null
            from jsonb_to_recordset(${JSON.stringify(round.delivered)}::jsonb) as r(id text, receipt text, status text)
           where o.id = r.id::uuid and o.status = 'pending'`.execute(trx);
      }
      if (round.retry.length > 0) {
        const rows = round.retry.map((r) => ({ id: r.id, code: r.code, next: iso(r.nextAttemptAt) }));
        await sql`
          update exchange_outbox o
             set attempts = o.attempts + 1, last_attempt_at = ${now}, last_error = r.code, next_attempt_at = r.next::timestamptz
            from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id text, code text, next text)
           where o.id = r.id::uuid and o.status = 'pending'`.execute(trx);
      }
      if (round.refused.length > 0) {
        const refused = await sql<{ id: string; type: string; stream: string; seq: number; code: string }>`
          update exchange_outbox o
             set status = 'refused', attempts = o.attempts + 1, last_attempt_at = ${now}, last_error = r.code
            from jsonb_to_recordset(${JSON.stringify(round.refused)}::jsonb) as r(id text, code text)
           where o.id = r.id::uuid and o.status = 'pending'
          returning o.id, o.type, o.stream, o.seq, r.code`.execute(trx);
        await ctx.audit.appendMany(trx,
          refused.rows.map((r) => ({
            actor: { kind: 'node' as const, party: ctx.party },
            action: 'exchange.message.undelivered',
            resource: { type: 'message', id: r.id },
            peer: party,
            outcome: 'failed' as const,
            detail: { code: r.code, type: r.type, stream: r.stream, seq: Number(r.seq) },
          })),
        );
      }
      const firstItemError = round.retry[0]?.code ?? round.refused[0]?.code ?? null;
      const error = round.error ?? firstItemError;
      await t(trx)
        .insertInto('exchange_peer_state')
        .values({
          party,
          last_attempt_at: now,
          reachable: round.error === null,
          failures: round.error === null ? 0 : 1,
          last_error: error,
          last_error_at: error ? now : null,
          last_delivered_at: round.delivered.length > 0 ? now : null,
          last_tree_head: round.treeHead ? json(round.treeHead) : null,
        })
        .onConflict((oc) =>
          oc.column('party').doUpdateSet({
            last_attempt_at: now,
            reachable: round.error === null,
            failures: round.error === null ? 0 : sql`exchange_peer_state.failures + 1`,
            last_error: error ? error : sql`exchange_peer_state.last_error`,
            last_error_at: error ? now : sql`exchange_peer_state.last_error_at`,
            last_delivered_at: round.delivered.length > 0 ? now : sql`exchange_peer_state.last_delivered_at`,
            last_tree_head: round.treeHead ? json(round.treeHead) : sql`exchange_peer_state.last_tree_head`,
          }),
        )
        .execute();
    });
  }

  /** Records when the peer's user acknowledged one of our messages (first time wins). */
  async acknowledge(trx: Db, messageId: string, at: Date): Promise<boolean> {
    if (!UUID.test(messageId)) return false;
    const r = await t(trx)
      .updateTable('exchange_outbox')
      .set({ acknowledged_at: at })
      .where('id', '=', messageId)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
