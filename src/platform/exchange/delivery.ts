import { randomBytes } from 'node:crypto';
import { verifyCheckpoint } from '../audit';
import { backoffDelay, iso, type ExchangeContext } from './context';
import { FINAL_REFUSALS } from './errors';
import { TYP, verifyToken } from './envelope';
import type { InboxItemResult } from './inbox';
import type { Peer } from './keys';
import type { Outbox, PendingMessage, RoundOutcome } from './outbox';
import { checkReceiptPayload, type ReceiptPayload } from './types';

/** How long after a `send` the worker keeps looking every few ms for the row to commit. */
const HOT_WINDOW_MS = 1_000;
const HOT_POLL_MS = 10;

interface PeerLoop {
  peer: Peer;
  failures: number;
  backoffUntil: number;
  /** Resolves the loop's current wait (new rows, or the peer came back). */
  wake: (() => void) | null;
  woken: boolean;
  lastSendAt: number;
  /** Ids in batches now in flight, so that a second batch never carries them too. */
  inflight: Set<string>;
  done: Promise<void> | null;
}

class TransportError extends Error {}

/**
 * Delivers the outbox: one loop per peer, batches of messages POSTed to the peer's inbox with a
 * bounded time per attempt, retried with capped full-jitter backoff for as long as it takes. A
 * message counts as delivered only on a receipt whose signature verifies with the peer's keys.
 */
export class DeliveryWorker {
  readonly #ctx: ExchangeContext;
  readonly #outbox: Outbox;
  readonly #loops = new Map<string, PeerLoop>();
  #stop = new AbortController();
  #running = false;
  #lastSweep = 0;
  readonly #checkpointsSeen = new Set<string>();

  constructor(ctx: ExchangeContext, outbox: Outbox) {
    this.#ctx = ctx;
    this.#outbox = outbox;
    for (const peer of ctx.peers.all()) {
      this.#loops.set(peer.party, { peer, failures: 0, backoffUntil: 0, wake: null, woken: false, lastSendAt: 0, inflight: new Set(), done: null });
    }
  }

  /** Starts a loop per peer and greets each peer so it resumes delivering to us at once. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#stop = new AbortController();
    for (const loop of this.#loops.values()) {
      loop.done = this.#run(loop);
      // An empty batch: its verified delivery token tells the peer we are back.
      this.#post(loop.peer, []).catch(() => undefined);
    }
  }

  /** Stops the loops and aborts attempts in flight (their messages stay pending). */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#stop.abort();
    for (const loop of this.#loops.values()) this.#signal(loop);
    await Promise.all([...this.#loops.values()].map((l) => l.done));
  }

  /** New rows for a peer may have been committed: look now, and keep looking briefly. */
  poke(party: string): void {
    const loop = this.#loops.get(party);
    if (!loop) return;
    loop.lastSendAt = Date.now();
    this.#signal(loop);
  }

  /** The peer just proved it is up (a verified request from it): drop the backoff and try now. */
  peerAlive(party: string): void {
    const loop = this.#loops.get(party);
    if (!loop || (loop.failures === 0 && loop.backoffUntil === 0)) return;
    loop.failures = 0;
    loop.backoffUntil = 0;
    this.#signal(loop);
  }

  #signal(loop: PeerLoop): void {
    loop.woken = true;
    loop.wake?.();
  }

  async #sleep(loop: PeerLoop, ms: number): Promise<void> {
    if (loop.woken || !this.#running) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        loop.wake = null;
        resolve();
      }
      loop.wake = done;
    });
  }

  /**
   * One peer's loop: keeps up to `concurrencyPerPeer` batches in flight, each started as soon as a
   * slot frees and there is work, so the peer never waits for the sender between batches.
   */
  async #run(loop: PeerLoop): Promise<void> {
    const { options, log } = this.#ctx;
    const running = new Set<Promise<void>>();
    const failed = () => {
      loop.backoffUntil = Date.now() + backoffDelay(loop.failures, options.retryBaseMs, options.retryCapMs);
      loop.failures++;
    };
    while (this.#running) {
      loop.woken = false;
      try {
        if (Date.now() - this.#lastSweep > options.expirySweepMs) {
          this.#lastSweep = Date.now();
          await this.#outbox.expire();
        }
        while (this.#running && running.size < options.concurrencyPerPeer && loop.backoffUntil <= Date.now()) {
          const batch = this.#cut(await this.#outbox.pending(loop.peer.party, options.batchMessages, [...loop.inflight]));
          if (batch.length === 0) break;
          for (const m of batch) loop.inflight.add(m.id);
          const attempt: Promise<void> = this.#deliver(loop.peer, batch)
            .then(
              (ok) => (ok ? (loop.failures = 0) : failed()),
              (e) => {
                // Recording the outcome failed (the database): treat it as a failed attempt.
                if (this.#running) log.error({ err: e, peer: loop.peer.party }, 'exchange: delivery failed');
                failed();
              },
            )
            .then(() => {
              for (const m of batch) loop.inflight.delete(m.id);
              running.delete(attempt);
              this.#signal(loop);
            });
          running.add(attempt);
        }
      } catch (e) {
        // The database itself failed (e.g. shutting down): wait a poll interval and look again.
        if (this.#running) log.error({ err: e, peer: loop.peer.party }, 'exchange: delivery loop error');
        await this.#sleep(loop, options.pollIntervalMs);
        continue;
      }
      // Woken early by a finished batch, new rows, or the peer coming back.
      const backoff = loop.backoffUntil - Date.now();
      const hot = Date.now() - loop.lastSendAt < HOT_WINDOW_MS;
      await this.#sleep(loop, backoff > 0 ? backoff : running.size > 0 || !hot ? options.pollIntervalMs : HOT_POLL_MS);
    }
    await Promise.allSettled([...running]);
  }

  /** The longest prefix of the rows that fits one batch by count and bytes (at least one row). */
  #cut(rows: PendingMessage[]): PendingMessage[] {
    const { batchMessages, batchBytes } = this.#ctx.options;
    let bytes = 0;
    let n = 0;
    while (n < rows.length && n < batchMessages && (n === 0 || bytes + rows[n].jws.length <= batchBytes)) bytes += rows[n++].jws.length + 3;
    return rows.slice(0, n);
  }

  async #deliver(peer: Peer, batch: PendingMessage[]): Promise<boolean> {
    const ctx = this.#ctx;
    const round: RoundOutcome = { delivered: [], retry: [], refused: [], error: null, treeHead: null };
    let results: InboxItemResult[];
    try {
      results = await this.#post(peer, batch.map((m) => m.jws));
      if (results.length !== batch.length) throw new TransportError('BH_EXCHANGE_RECEIPT_INVALID: wrong number of results');
    } catch (e) {
      if (!this.#running) return true; // stopping: the messages stay pending for the next start
      round.error = (e as Error).message.slice(0, 500);
      await this.#outbox.record(peer.party, round);
      return false;
    }
    const verified = await Promise.all(results.map((r, i) => this.#checkReceipt(peer, batch[i].id, r)));
    const now = ctx.now();
    batch.forEach((m, i) => {
      const r = results[i];
      const v = verified[i];
      if (v.ok) {
        round.delivered.push({ id: m.id, receipt: r.receipt!, status: v.receipt.status });
        round.treeHead = v.receipt.treeHead;
      } else if (r.outcome === 'refused' && r.code && FINAL_REFUSALS.has(r.code)) {
        round.refused.push({ id: m.id, code: r.code });
      } else {
        const code = v.code;
        const delay = backoffDelay(m.attempts, ctx.options.retryBaseMs, r.outcome === 'refused' ? ctx.options.refusalRetryCapMs : ctx.options.retryCapMs);
        round.retry.push({ id: m.id, code, nextAttemptAt: now + delay });
      }
    });
    await this.#outbox.record(peer.party, round);
    ctx.events.emit(
      'delivered',
      round.delivered.map((d) => ({ id: d.id, to: peer.party, status: d.status, at: Date.now() })),
    );
    return true;
  }

  /** POSTs a batch (possibly empty) with a fresh delivery token; answers the per-message results. */
  async #post(peer: Peer, messages: string[]): Promise<InboxItemResult[]> {
    const ctx = this.#ctx;
    const delivery = await ctx.signer.sign({ from: ctx.party, to: peer.party, sentAt: iso(ctx.now()), nonce: randomBytes(12).toString('base64url') }, TYP.delivery);
    let res: Response;
    try {
      res = await fetch(`${peer.baseUrl}/api/exchange/inbox`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ delivery, messages }),
        signal: AbortSignal.any([AbortSignal.timeout(ctx.options.attemptTimeoutMs), this.#stop.signal]),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
      throw new TransportError(`BH_EXCHANGE_PEER_UNREACHABLE: ${cause}`);
    }
    const text = await res.text().catch(() => '');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new TransportError(`BH_EXCHANGE_PEER_UNREACHABLE: HTTP ${res.status}, not JSON`);
    }
    if (!res.ok) {
      const code = (json as { code?: unknown })?.code;
      throw new TransportError(`${typeof code === 'string' ? code : 'BH_EXCHANGE_PEER_UNREACHABLE'}: HTTP ${res.status}`);
    }
    const results = (json as { results?: unknown }).results;
    if (!Array.isArray(results)) throw new TransportError('BH_EXCHANGE_RECEIPT_INVALID: no results');
    return results as InboxItemResult[];
  }

  /** Checks a result's receipt: signed by the peer, about this message, from us, to it. */
  async #checkReceipt(peer: Peer, id: string, r: InboxItemResult): Promise<{ ok: true; receipt: ReceiptPayload } | { ok: false; code: string }> {
    if (r.outcome !== 'accepted' && r.outcome !== 'duplicate') return { ok: false, code: typeof r.code === 'string' ? r.code.slice(0, 100) : 'BH_EXCHANGE_APPLY_FAILED' };
    const v = await verifyToken<ReceiptPayload>(r.receipt, TYP.receipt, checkReceiptPayload, this.#ctx.peers, 64 * 1024, (p) => p.to);
    if (!v.ok) return { ok: false, code: 'BH_EXCHANGE_RECEIPT_INVALID' };
    const p = v.payload;
    if (p.to !== peer.party || p.from !== this.#ctx.party || p.messageId !== id) return { ok: false, code: 'BH_EXCHANGE_RECEIPT_INVALID' };
    if (!this.#treeHeadVerifies(peer, p.treeHead)) return { ok: false, code: 'BH_EXCHANGE_RECEIPT_INVALID' };
    return { ok: true, receipt: p };
  }

  /** The receipt's tree head must be a checkpoint signed by one of the peer's keys. */
  #treeHeadVerifies(peer: Peer, head: ReceiptPayload['treeHead']): boolean {
    const seen = `${peer.party}\n${head.treeSize}\n${head.rootHash}\n${head.checkpoint}`;
    if (this.#checkpointsSeen.has(seen)) return true;
    const key = peer.keys.get(head.keyId);
    if (!key) return false;
    try {
      const origin = head.checkpoint.slice(0, head.checkpoint.indexOf('\n'));
      const cp = verifyCheckpoint(head.checkpoint, key.raw, origin);
      if (cp.size !== head.treeSize || Buffer.from(cp.rootHash).toString('base64') !== head.rootHash) return false;
    } catch {
      return false;
    }
    if (this.#checkpointsSeen.size > 10_000) this.#checkpointsSeen.clear();
    this.#checkpointsSeen.add(seen);
    return true;
  }
}
