import type { TSchema } from '@sinclair/typebox';
import type { NodeConfig } from '../config';
import type { NodeIdentity } from '../identity';
import { tables, type Db } from '../store/database';
import {
  DEFAULT_EXCHANGE_OPTIONS,
  ExchangeEvents,
  type AppliedEvent,
  type DeliveredEvent,
  type ExchangeAudit,
  type ExchangeContext,
  type ExchangeLogger,
  type ExchangeOptions,
} from './context';
import { DeliveryWorker } from './delivery';
import { Receiver, type InboxItemResult } from './inbox';
import { NodeSigner, PeerDirectory } from './keys';
import { Outbox } from './outbox';
import { RefusalBudget } from './refusal-budget';
import { flushRefusalSummaries } from './refusals';
import { registerProbeTypes } from './probe';
import type { ExchangeTables } from './schema';
import { listInbox, listOutbox, listRefused, messageTimeline, peerStatuses, type ListQuery } from './status';
import { MessageTypeRegistry, type MessageTypeDefinition, type SendInput, type SentMessage } from './types';

/** What the exchange is built from; the lead's node composition passes these. */
export interface ExchangeDeps {
  config: Pick<NodeConfig, 'party' | 'peers' | 'clockSkewSeconds'>;
  identity: NodeIdentity;
  db: Db;
  audit: ExchangeAudit;
  options?: Partial<ExchangeOptions>;
  /** Registers the `exchange.probe` link-test types and their admin routes. */
  probes?: boolean;
  /** The clock (ms since epoch); tests inject a skewed one. */
  now?: () => number;
  log?: ExchangeLogger;
}

const consoleLog: ExchangeLogger = {
  warn: (obj, msg) => console.warn(msg, obj),
  error: (obj, msg) => console.error(msg, obj),
};

/**
 * The exchange layer of one node: signed store-and-forward messages to and from its peers.
 * Capabilities register message types and call `send` inside their transactions; the worker
 * delivers; the inbox route hands requests to `receive`.
 */
export class Exchange {
  readonly party: string;
  readonly probes: boolean;
  readonly #ctx: ExchangeContext;
  readonly #outbox: Outbox;
  readonly #receiver: Receiver;
  readonly #worker: DeliveryWorker;
  /** The timer that writes refusal summaries while the exchange runs. */
  #summaries: NodeJS.Timeout | null = null;

  private constructor(ctx: ExchangeContext, probes: boolean) {
    this.party = ctx.party;
    this.probes = probes;
    this.#ctx = ctx;
    this.#outbox = new Outbox(ctx, (party) => this.#worker.poke(party));
    this.#worker = new DeliveryWorker(ctx, this.#outbox);
    this.#receiver = new Receiver(ctx, this.#outbox, (party) => this.#worker.peerAlive(party));
    if (probes) registerProbeTypes(this);
  }

  /** Builds the exchange (imports peer keys); call `start` once the node is listening. */
  static async create(deps: ExchangeDeps): Promise<Exchange> {
    const options: ExchangeOptions = { ...DEFAULT_EXCHANGE_OPTIONS, clockSkewSeconds: deps.config.clockSkewSeconds, ...deps.options };
    const now = deps.now ?? Date.now;
    const ctx: ExchangeContext = {
      party: deps.config.party,
      db: deps.db,
      audit: deps.audit,
      signer: new NodeSigner(deps.identity),
      peers: await PeerDirectory.create(deps.config.peers),
      types: new MessageTypeRegistry(),
      options,
      events: new ExchangeEvents(),
      refusalBudget: new RefusalBudget(options.refusalsPerMinute, now),
      now,
      log: deps.log ?? consoleLog,
    };
    return new Exchange(ctx, deps.probes ?? false);
  }

  /** The effective options. */
  get options(): Readonly<ExchangeOptions> {
    return this.#ctx.options;
  }

  /** Registers a message type (capabilities call this at startup, on every node). */
  registerMessageType<S extends TSchema>(def: MessageTypeDefinition<S>): void {
    this.#ctx.types.register(def);
  }

  /** Puts a signed message in the outbox inside the caller's transaction (see Outbox.send). */
  send(trx: Db, input: SendInput): Promise<SentMessage> {
    return this.#outbox.send(trx, input);
  }

  /** Handles an inbox request (the route's body); throws a BhError for a refused request. */
  receive(body: unknown, remoteAddress: string | null = null): Promise<{ results: InboxItemResult[] }> {
    return this.#receiver.receive(body, remoteAddress);
  }

  /** Records that the peer's user acknowledged our message (e.g. from its acknowledgement message). */
  acknowledgeOutgoing(trx: Db, messageId: string, at: Date = new Date(this.#ctx.now())): Promise<boolean> {
    return this.#outbox.acknowledge(trx, messageId, at);
  }

  /** Records that a user of this node acknowledged a received message (first time wins). */
  async acknowledgeIncoming(trx: Db, messageId: string, at: Date = new Date(this.#ctx.now())): Promise<boolean> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(messageId)) return false;
    const r = await tables<ExchangeTables>(trx)
      .updateTable('exchange_inbox')
      .set({ acknowledged_at: at })
      .where('id', '=', messageId)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** A message's timeline (queued, delivered, received, applied, acknowledged) and receipt. */
  timeline(messageId: string) {
    return messageTimeline(this.#ctx.db, messageId);
  }

  /** Status of the link to each peer. */
  peers() {
    return peerStatuses(this.#ctx);
  }

  /** Outgoing messages (metadata), newest first. */
  outbox(q: ListQuery = {}) {
    return listOutbox(this.#ctx.db, q);
  }

  /** Incoming messages (metadata), newest first. */
  inbox(q: ListQuery = {}) {
    return listInbox(this.#ctx.db, q);
  }

  /** Refused messages and requests, newest first. */
  refused(q: ListQuery = {}) {
    return listRefused(this.#ctx.db, q);
  }

  /** Listens for messages applied here (after commit); answers the unsubscribe function. */
  onApplied(listener: (events: AppliedEvent[]) => void): () => void {
    this.#ctx.events.applied.add(listener);
    return () => this.#ctx.events.applied.delete(listener);
  }

  /** Listens for our messages confirmed by a valid receipt (after it was stored). */
  onDelivered(listener: (events: DeliveredEvent[]) => void): () => void {
    this.#ctx.events.delivered.add(listener);
    return () => this.#ctx.events.delivered.delete(listener);
  }

  /** Starts delivering; `log` is where the worker reports problems (e.g. the app's logger). */
  start(log?: ExchangeLogger): void {
    if (log) this.#ctx.log = log;
    this.#worker.start();
    // Summaries of refusals past the budget are written once their minute is over, even if the
    // sender has gone quiet since.
    this.#summaries ??= setInterval(() => this.#flushSummaries(false), 10_000).unref();
  }

  /** Stops delivering, waits for attempts in flight, writes pending refusal summaries; call before closing the store. */
  async stop(): Promise<void> {
    if (this.#summaries) clearInterval(this.#summaries);
    this.#summaries = null;
    await this.#worker.stop();
    await this.#flushSummaries(true);
  }

  async #flushSummaries(all: boolean): Promise<void> {
    try {
      await flushRefusalSummaries(this.#ctx, all);
    } catch (e) {
      this.#ctx.log.error({ err: e }, 'exchange: could not record refusal summaries');
    }
  }

  /** For the probe module and tests: the shared context. */
  get context(): ExchangeContext {
    return this.#ctx;
  }
}
