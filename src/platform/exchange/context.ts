import type { AuditEntryInput, TreeHead } from '../audit';
import type { Db } from '../store/database';
import type { NodeSigner, PeerDirectory } from './keys';
import type { RefusalBudget } from './refusal-budget';
import type { MessageTypeRegistry } from './types';

/** Tunables of the exchange layer; every one has a default (see DEFAULT_EXCHANGE_OPTIONS). */
export interface ExchangeOptions {
  /** Largest single message (compact JWS) accepted or sent. */
  maxMessageBytes: number;
  /** Largest inbox request body (a batch of messages). */
  maxRequestBytes: number;
  /** Most messages one inbox request may carry. */
  maxBatchMessages: number;
  /** The sender's batch size, by count and by bytes. */
  batchMessages: number;
  batchBytes: number;
  /** Batches in flight to one peer at once. */
  concurrencyPerPeer: number;
  /** Bound on one delivery attempt (connect, send, receiver's transaction, answer). */
  attemptTimeoutMs: number;
  /** Retry delay after n failures: uniform in [0, min(cap, base·2^n)] ("full jitter"). */
  retryBaseMs: number;
  retryCapMs: number;
  /** Cap for retrying one message the peer refused (e.g. an unknown type until it upgrades). */
  refusalRetryCapMs: number;
  /** How often the worker looks at the outbox when nothing woke it. */
  pollIntervalMs: number;
  /** How often pending messages past their expiry are marked expired. */
  expirySweepMs: number;
  /**
   * How long a signed audit tree head is reused for receipts. Signing one costs a few queries; at
   * one message per request that would dominate, so heads are issued at most this often (as
   * transparency logs issue theirs periodically). 0 signs a fresh head for every request.
   */
  treeHeadMaxAgeMs: number;
  /** How long a message stays deliverable unless `send` says otherwise. */
  defaultTtlSeconds: number;
  /** Tolerated difference between the peers' clocks. */
  clockSkewSeconds: number;
  /**
   * Refusals of unauthenticated traffic recorded in full per remote address and minute; past it
   * they are counted and summarised (see RefusalBudget). A verified peer's are always recorded.
   */
  refusalsPerMinute: number;
}

export const DEFAULT_EXCHANGE_OPTIONS: ExchangeOptions = {
  maxMessageBytes: 256 * 1024,
  maxRequestBytes: 16 * 1024 * 1024,
  maxBatchMessages: 1000,
  batchMessages: 500,
  batchBytes: 2 * 1024 * 1024,
  concurrencyPerPeer: 2,
  attemptTimeoutMs: 15_000,
  retryBaseMs: 200,
  retryCapMs: 30_000,
  refusalRetryCapMs: 15 * 60_000,
  pollIntervalMs: 1_000,
  expirySweepMs: 10_000,
  treeHeadMaxAgeMs: 500,
  defaultTtlSeconds: 14 * 24 * 3600,
  clockSkewSeconds: 300,
  refusalsPerMinute: 120,
};

/** What the exchange needs of the audit log (AuditLog satisfies it). */
export interface ExchangeAudit {
  append(trx: Db, input: AuditEntryInput): Promise<{ index: number }>;
  /** Appends several entries in order in one go (batches of messages, refusals). */
  appendMany(trx: Db, inputs: readonly AuditEntryInput[]): Promise<{ index: number }[]>;
  treeHead(): Promise<TreeHead>;
}

/** Where the exchange reports problems that have no caller to throw to (the delivery worker). */
export interface ExchangeLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** A message that was applied on this node (emitted after its transaction committed). */
export interface AppliedEvent {
  id: string;
  from: string;
  type: string;
  stream: string;
  seq: number;
  /** When the applying transaction committed (ms since epoch, this node's clock). */
  at: number;
}

/** A message of ours that the peer acknowledged with a valid receipt (after it was stored). */
export interface DeliveredEvent {
  id: string;
  to: string;
  status: string;
  at: number;
}

/** In-process listeners; durable state is in the tables, these only speed up reactions. */
export class ExchangeEvents {
  readonly applied = new Set<(events: AppliedEvent[]) => void>();
  readonly delivered = new Set<(events: DeliveredEvent[]) => void>();

  /** Calls each listener, never letting one's failure reach the exchange. */
  emit<K extends 'applied' | 'delivered'>(kind: K, events: K extends 'applied' ? AppliedEvent[] : DeliveredEvent[]): void {
    if (events.length === 0) return;
    for (const l of this[kind] as Set<(e: typeof events) => void>) {
      try {
        l(events);
      } catch {
        // A listener is an observer; its bugs must not undo or repeat a delivery.
      }
    }
  }
}

/** Everything the outbox, receiver and worker share. */
export interface ExchangeContext {
  party: string;
  db: Db;
  audit: ExchangeAudit;
  signer: NodeSigner;
  peers: PeerDirectory;
  types: MessageTypeRegistry;
  options: ExchangeOptions;
  events: ExchangeEvents;
  refusalBudget: RefusalBudget;
  /** The clock, injectable for tests (ms since epoch). */
  now(): number;
  log: ExchangeLogger;
}

/** ISO 8601 in UTC with milliseconds, the form every exchange timestamp takes. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Full-jitter exponential backoff: uniform in [0, min(cap, base·2^attempt)]. */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
