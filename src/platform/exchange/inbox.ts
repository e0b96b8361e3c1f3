import { sql } from 'kysely';
import { BhError } from '../errors';
import { tables, type Db } from '../store/database';
import { jsonList } from '../store/json';
import type { AuditEntryInput, TreeHead } from '../audit';
import { iso, type AppliedEvent, type ExchangeContext } from './context';
import { ExchangeErrors, type ExchangeErrorCode } from './errors';
import { payloadOf, TYP, verifyToken, type Refusal } from './envelope';
import { recordRefusals, type RefusalRecord } from './refusals';
import type { Outbox } from './outbox';
import type { ExchangeTables } from './schema';
import {
  type ApplyContext,
  checkDeliveryPayload,
  checkMessagePayload,
  type DeliveryPayload,
  type ExchangeMessage,
  type MessageTypeDefinition,
  type ReceiptPayload,
  type ReceiptStatus,
} from './types';

const t = (db: Db) => tables<ExchangeTables>(db);

/** The inbox request: a delivery token signed by the sending node now, and a batch of messages. */
export interface InboxRequest {
  delivery: string;
  messages: string[];
}

/** The answer for one message of a batch, in the order they were sent. */
export interface InboxItemResult {
  messageId: string | null;
  /** accepted: stored now; duplicate: already held (original receipt); refused: never applied; failed: try again. */
  outcome: 'accepted' | 'duplicate' | 'refused' | 'failed';
  status?: ReceiptStatus;
  receipt?: string;
  code?: string;
  message?: string;
}

interface Candidate {
  index: number;
  token: string;
  message: ExchangeMessage;
  def: MessageTypeDefinition;
}


type Settled = { outcome: 'accepted' | 'duplicate'; status: ReceiptStatus; receipt: string };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const streamKey = (from: string, stream: string) => `${from}\u0000${stream}`;

/** Applies messages in the given order, handing consecutive runs of a type with `applyMany` to it at once. */
async function applyInOrder(trx: Db, list: { message: ExchangeMessage; def: MessageTypeDefinition }[], ctx: ApplyContext): Promise<void> {
  for (let i = 0; i < list.length; ) {
    const def = list[i].def;
    let j = i + 1;
    if (def.applyMany) while (j < list.length && list[j].def === def) j++;
    if (def.applyMany) await def.applyMany(trx, list.slice(i, j).map((x) => x.message), ctx);
    else await def.apply(trx, list[i].message, ctx);
    i = j;
  }
}

/** The receiving side: verifies, records refusals, stores and applies each message exactly once. */
export class Receiver {
  readonly #ctx: ExchangeContext;
  readonly #outbox: Outbox;
  readonly #peerAlive: (party: string) => void;
  #head: { value: Promise<TreeHead>; at: number } | null = null;

  constructor(ctx: ExchangeContext, outbox: Outbox, peerAlive: (party: string) => void) {
    this.#ctx = ctx;
    this.#outbox = outbox;
    this.#peerAlive = peerAlive;
  }

  /**
   * Handles one inbox request. A request-level failure (bad delivery token, clock skew) is recorded
   * and thrown as a BhError; per-message results are answered in order.
   */
  async receive(body: unknown, remote: string | null = null): Promise<{ results: InboxItemResult[] }> {
    const ctx = this.#ctx;
    const { maxBatchMessages, maxMessageBytes, clockSkewSeconds } = ctx.options;
    const skewMs = clockSkewSeconds * 1000;
    if (!isObject(body) || typeof body.delivery !== 'string' || !Array.isArray(body.messages) || body.messages.length > maxBatchMessages) {
      await this.#refuseRequest({ code: 'BH_EXCHANGE_MALFORMED', params: { detail: `expected {delivery, messages[≤${maxBatchMessages}]}` }, claimed: {} }, remote);
    }
    const req = body as unknown as InboxRequest;
    const d = await verifyToken<DeliveryPayload>(req.delivery, TYP.delivery, checkDeliveryPayload, ctx.peers, 8192);
    if (!d.ok) return this.#refuseRequest({ ...d, token: req.delivery }, remote);
    const now = ctx.now();
    const from = d.payload.from;
    if (d.payload.to !== ctx.party)
      return this.#refuseRequest({ code: 'BH_EXCHANGE_MISADDRESSED', params: { to: d.payload.to, self: ctx.party }, claimed: { from }, peer: from }, remote);
    if (Math.abs(Date.parse(d.payload.sentAt) - now) > skewMs)
      return this.#refuseRequest({ code: 'BH_EXCHANGE_CLOCK_SKEW', params: { seconds: clockSkewSeconds }, claimed: { from }, peer: from }, remote);
    // A verified request proves the peer is up: whatever we owe it need not wait out a backoff.
    this.#peerAlive(from);

    const results: InboxItemResult[] = new Array(req.messages.length);
    const refusals: RefusalRecord[] = [];
    const refuse = (index: number, r: RefusalRecord) => {
      refusals.push(r);
      const e = new BhError(r.code, r.params);
      results[index] = { messageId: r.claimed.messageId ?? null, outcome: 'refused', code: r.code, message: e.message };
    };

    const verified = await Promise.all(
      req.messages.map((m) => verifyToken<ExchangeMessage>(m, TYP.message, checkMessagePayload, ctx.peers, maxMessageBytes)),
    );
    const authentic: { index: number; token: string; message: ExchangeMessage }[] = [];
    verified.forEach((v, index) => {
      const token = req.messages[index];
      if (!v.ok) return refuse(index, { ...(v as Refusal), token: typeof token === 'string' ? token : undefined });
      const m = v.payload;
      const claimed = { messageId: m.id, from: m.from, kid: v.kid, type: m.type };
      if (m.to !== ctx.party) return refuse(index, { code: 'BH_EXCHANGE_MISADDRESSED', params: { to: m.to, self: ctx.party }, claimed, token, peer: m.from });
      authentic.push({ index, token, message: m });
    });

    // A message already held is acknowledged with its original receipt, whatever its age now.
    const known = await this.#storedReceipts(authentic.map((a) => a.message.id));
    const candidates: Candidate[] = [];
    const firstOfId = new Map<string, number>();
    const sameAs: [number, number][] = [];
    for (const a of authentic) {
      const m = a.message;
      const stored = known.get(m.id);
      if (stored) {
        results[a.index] = { messageId: m.id, outcome: 'duplicate', ...stored };
        continue;
      }
      const claimed = { messageId: m.id, from: m.from, type: m.type };
      const refusal = (code: ExchangeErrorCode, params: Record<string, unknown>) => refuse(a.index, { code, params, claimed, token: a.token, peer: m.from });
      const created = Date.parse(m.createdAt);
      const expires = Date.parse(m.expiresAt);
      if (!(expires >= created)) refusal('BH_EXCHANGE_MALFORMED', { detail: 'expiresAt before createdAt' });
      else if (created > now + skewMs) refusal('BH_EXCHANGE_NOT_YET_VALID', { createdAt: m.createdAt });
      else if (expires + skewMs < now) refusal('BH_EXCHANGE_EXPIRED', { expiresAt: m.expiresAt });
      else {
        const def = ctx.types.get(m.type);
        const problem = def ? ctx.types.bodyProblem(m.type, m.body) : null;
        if (!def) refusal('BH_EXCHANGE_UNKNOWN_TYPE', { type: m.type });
        else if (problem) refusal('BH_EXCHANGE_BODY_INVALID', { type: m.type, detail: problem });
        else if (firstOfId.has(m.id)) sameAs.push([a.index, firstOfId.get(m.id)!]);
        else {
          firstOfId.set(m.id, a.index);
          candidates.push({ index: a.index, token: a.token, message: m, def });
        }
      }
    }

    if (refusals.length > 0) await recordRefusals(ctx, refusals, remote);
    if (candidates.length > 0) {
      const settled = await this.#store(candidates);
      for (const c of candidates) {
        const s = settled.get(c.message.id);
        results[c.index] = s
          ? { messageId: c.message.id, ...s }
          : { messageId: c.message.id, outcome: 'failed', code: 'BH_EXCHANGE_APPLY_FAILED', message: new BhError('BH_EXCHANGE_APPLY_FAILED').message };
      }
    }
    for (const [index, first] of sameAs) results[index] = { ...results[first], outcome: results[first].outcome === 'accepted' ? 'duplicate' : results[first].outcome };
    return { results };
  }

  /** Stores and applies a batch in one transaction; on any failure, each message alone. */
  async #store(candidates: Candidate[]): Promise<Map<string, Settled>> {
    // The latest signed tree head, read before the transaction: on PGlite the log reads through
    // the one session, which the transaction would hold.
    const treeHead = await this.#treeHead();
    try {
      return await this.#transaction(candidates, treeHead);
    } catch (e) {
      if (candidates.length === 1) return this.#afterFailure(candidates[0], e);
    }
    // One message's apply failed, or another request stored one of them first: the others need
    // not wait for it, so each goes on its own.
    const out = new Map<string, Settled>();
    for (const c of candidates) {
      const settled = await this.#transaction([c], treeHead).catch((e) => this.#afterFailure(c, e));
      for (const [k, v] of settled) out.set(k, v);
    }
    return out;
  }

  async #transaction(batch: Candidate[], treeHead: TreeHead): Promise<Map<string, Settled>> {
    const { settled, applied } = await this.#ctx.db.transaction().execute((trx) => this.#applyBatch(trx, batch, treeHead));
    const at = Date.now();
    this.#ctx.events.emit('applied', applied.map((a) => ({ ...a, at })));
    return settled;
  }

  /** After a failed transaction: the message may have been stored meanwhile by a concurrent delivery. */
  async #afterFailure(c: Candidate, e: unknown): Promise<Map<string, Settled>> {
    const stored = await this.#storedReceipts([c.message.id]);
    const r = stored.get(c.message.id);
    if (r) return new Map([[c.message.id, { outcome: 'duplicate', ...r }]]);
    this.#ctx.log.warn({ err: e, messageId: c.message.id, type: c.message.type }, 'exchange: message not applied');
    return new Map();
  }

  /**
   * Under the locks of the batch's streams: plans each message's fate from what its stream holds
   * (new, or a duplicate of a taken position; applied now or held for an earlier one), applies in
   * stream order, records the audit entries, signs the receipts, and stores the messages with their
   * final state in one INSERT (the primary key decides: if any id is already there, the whole plan
   * is void and the transaction, apply included, is abandoned).
   */
  async #applyBatch(trx: Db, batch: Candidate[], treeHead: TreeHead): Promise<{ settled: Map<string, Settled>; applied: Omit<AppliedEvent, 'at'>[] }> {
    const ctx = this.#ctx;
    const receivedMs = ctx.now();
    const receivedAt = new Date(receivedMs);

    // Lock each touched stream's watermark, in a fixed order so concurrent batches cannot deadlock.
    const keys = [...new Map(batch.map((c) => [streamKey(c.message.from, c.message.stream), { f: c.message.from, s: c.message.stream }])).entries()]
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([, v]) => v);
    const marks = await sql<{ from_party: string; stream: string; next_seq: number }>`
      insert into exchange_streams (from_party, stream, next_seq)
      select x.f, x.s, 1 from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as x(f text, s text)
      on conflict (from_party, stream) do update set next_seq = exchange_streams.next_seq
      returning from_party, stream, next_seq`.execute(trx);
    const since = marks.rows.map((r) => ({ f: r.from_party, s: r.stream, n: Number(r.next_seq) }));
    // What the streams already hold at or past their watermark (committed: we hold their locks).
    const held = await sql<{ id: string; from_party: string; stream: string; seq: number; type: string; jws: string; status: string }>`
      select i.id, i.from_party, i.stream, i.seq, i.type, i.jws, i.status
        from exchange_inbox i
        join jsonb_to_recordset(${JSON.stringify(since)}::jsonb) as x(f text, s text, n bigint)
          on i.from_party = x.f and i.stream = x.s and i.seq >= x.n
       where i.status <> 'duplicate'`.execute(trx);

    // Plan: every position is taken at most once; ordered messages wait for all earlier positions.
    type Slot = { mine?: Candidate; row?: (typeof held.rows)[number] };
    const slots = new Map<string, Map<number, Slot>>(since.map((k) => [streamKey(k.f, k.s), new Map()]));
    for (const r of held.rows) slots.get(streamKey(r.from_party, r.stream))!.set(Number(r.seq), { row: r });
    const final = new Map<string, ReceiptStatus>();
    const toApply: { message: ExchangeMessage; def: MessageTypeDefinition }[] = [];
    for (const c of batch) {
      const k = streamKey(c.message.from, c.message.stream);
      const stream = slots.get(k)!;
      const n = since.find((x) => streamKey(x.f, x.s) === k)!.n;
      if (c.message.seq < n || stream.has(c.message.seq)) final.set(c.message.id, 'duplicate');
      else {
        stream.set(c.message.seq, { mine: c });
        final.set(c.message.id, c.def.ordered ? 'held' : 'applied');
        if (!c.def.ordered) toApply.push(c);
      }
    }
    const olderApplied: string[] = [];
    const moved: { f: string; s: string; n: number }[] = [];
    for (const k of since) {
      const stream = slots.get(streamKey(k.f, k.s))!;
      let expected = k.n;
      for (let slot = stream.get(expected); slot; slot = stream.get(++expected)) {
        if (slot.mine) {
          if (final.get(slot.mine.message.id) === 'held') {
            final.set(slot.mine.message.id, 'applied');
            toApply.push(slot.mine);
          }
        } else if (slot.row!.status === 'held') {
          const def = ctx.types.get(slot.row!.type);
          if (!def) break; // its type is gone since it arrived: the stream waits for an operator
          toApply.push({ message: payloadOf<ExchangeMessage>(slot.row!.jws), def });
          olderApplied.push(slot.row!.id);
        }
      }
      if (expected !== k.n) moved.push({ ...k, n: expected });
    }

    // Apply first: the audit head's lock, taken next, serialises every audited transaction of the
    // node until commit, so it is held for as little as possible (and after any counter rows that
    // replies sent from `apply` lock, the order Outbox.send asks for). Should the insert below
    // find a message already stored, the whole transaction, apply included, is abandoned.
    await applyInOrder(trx, toApply, { receivedAt, send: (input) => this.#outbox.send(trx, input) });
    if (olderApplied.length > 0) await t(trx).updateTable('exchange_inbox').set({ status: 'applied', applied_at: receivedAt }).where('id', 'in', jsonList(olderApplied, 'uuid')).execute();
    if (moved.length > 0) {
      await sql`
        update exchange_streams s set next_seq = x.n
          from jsonb_to_recordset(${JSON.stringify(moved)}::jsonb) as x(f text, s text, n bigint)
         where s.from_party = x.f and s.stream = x.s`.execute(trx);
    }
    // One audit entry per message received, then receipts that name it.
    const entries: AuditEntryInput[] = batch.map((c) => ({
      actor: { kind: 'peer', party: c.message.from },
      action: 'exchange.message.received',
      resource: { type: 'message', id: c.message.id },
      purpose: c.def.purpose ?? null,
      legalBasis: c.def.legalBasis ?? null,
      peer: c.message.from,
      outcome: 'success',
      detail: { type: c.message.type, stream: c.message.stream, seq: c.message.seq, status: final.get(c.message.id) },
    }));
    const indexes = (await ctx.audit.appendMany(trx, entries)).map((r) => r.index);
    const receipts = await Promise.all(
      batch.map((c, i) => {
        const receipt: ReceiptPayload = {
          messageId: c.message.id,
          from: c.message.from,
          to: ctx.party,
          receivedAt: iso(receivedMs),
          status: final.get(c.message.id)!,
          treeHead,
          auditIndex: indexes[i],
        };
        return ctx.signer.sign(receipt, TYP.receipt);
      }),
    );

    // The dedupe: the primary key and the stream position decide, never the plan's reading. The rows
    // travel as one JSON parameter: a few thousand small parameters cost more to encode than to insert.
    const rows = batch.map((c, i) => ({
      id: c.message.id,
      f: c.message.from,
      ty: c.message.type,
      s: c.message.stream,
      q: c.message.seq,
      jws: c.token,
      c: c.message.createdAt,
      e: c.message.expiresAt,
      st: final.get(c.message.id)!,
      rc: receipts[i],
      ai: indexes[i],
    }));
    const inserted = (
      await sql<{ id: string }>`
        insert into exchange_inbox (id, from_party, type, stream, seq, jws, created_at, expires_at, received_at, status, applied_at, receipt, audit_index)
        select r.id::uuid, r.f, r.ty, r.s, r.q, r.jws, r.c::timestamptz, r.e::timestamptz, ${receivedAt}::timestamptz, r.st,
               case when r.st = 'applied' then ${receivedAt}::timestamptz end, r.rc, r.ai
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as r(id text, f text, ty text, s text, q bigint, jws text, c text, e text, st text, rc text, ai bigint)
        on conflict do nothing
        returning id`.execute(trx)
    ).rows;
    if (inserted.length !== batch.length) throw new Error('a message of the batch is already stored');

    const settled = new Map<string, Settled>(
      batch.map((c, i) => {
        const status = final.get(c.message.id)!;
        return [c.message.id, { outcome: status === 'duplicate' ? 'duplicate' : 'accepted', status, receipt: receipts[i] }];
      }),
    );
    const applied = toApply.map(({ message: m }) => ({ id: m.id, from: m.from, type: m.type, stream: m.stream, seq: m.seq }));
    return { settled, applied };
  }

  /** The latest signed tree head, reused for up to `treeHeadMaxAgeMs`. */
  #treeHead(): Promise<TreeHead> {
    const now = Date.now();
    if (!this.#head || now - this.#head.at >= this.#ctx.options.treeHeadMaxAgeMs) {
      const value = this.#ctx.audit.treeHead();
      this.#head = { value, at: now };
      value.catch(() => (this.#head = null));
    }
    return this.#head.value;
  }

  /** The stored receipts of messages already in the inbox, by id. */
  async #storedReceipts(ids: string[], db: Db = this.#ctx.db): Promise<Map<string, { status: ReceiptStatus; receipt: string }>> {
    const out = new Map<string, { status: ReceiptStatus; receipt: string }>();
    if (ids.length === 0) return out;
    const rows = await t(db).selectFrom('exchange_inbox').select(['id', 'receipt']).where('id', 'in', jsonList(ids, 'uuid')).where('receipt', 'is not', null).execute();
    for (const r of rows) out.set(r.id, { status: payloadOf<ReceiptPayload>(r.receipt!).status, receipt: r.receipt! });
    return out;
  }

  async #refuseRequest(r: RefusalRecord, remote: string | null): Promise<never> {
    await recordRefusals(this.#ctx, [r], remote);
    throw new BhError(ExchangeErrors[r.code], r.params);
  }
}
