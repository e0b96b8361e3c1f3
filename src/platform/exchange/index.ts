/**
 * The exchange layer: signed store-and-forward messages between nodes, applied exactly once.
 *
 * Protocol. A message is a compact JWS (header `{alg: EdDSA, kid, typ: bh-message+jws}`, payload
 * `{id (UUIDv7), from, to, type, stream, seq, createdAt, expiresAt, body}`) signed by the sending
 * node when it enters the outbox, in the transaction of the change that caused it. The sender POSTs
 * `application/json` `{delivery, messages: [jws…]}` to the peer's `/api/exchange/inbox`, where
 * `delivery` is a fresh JWS (`bh-delivery+jws`, `{from, to, sentAt, nonce}`) whose `sentAt` must be
 * within the clock skew. The receiver answers `{results: [...]}`, one per message in order; each
 * message it holds comes with a receipt JWS (`bh-receipt+jws`, `{messageId, from, to, receivedAt,
 * status, treeHead, auditIndex}`) signed by the receiver, which the sender verifies before marking
 * the message delivered. Refusal codes: see errors.ts; FINAL_REFUSALS are not retried.
 */
import './errors';
export { Exchange, type ExchangeDeps } from './exchange';
export { exchangeModule, exchangeRoutes } from './routes';
export { exchangeMigrations, type ExchangeTables } from './schema';
export { ExchangeErrors, FINAL_REFUSALS, type ExchangeErrorCode } from './errors';
export {
  DEFAULT_EXCHANGE_OPTIONS,
  backoffDelay,
  type AppliedEvent,
  type DeliveredEvent,
  type ExchangeAudit,
  type ExchangeLogger,
  type ExchangeOptions,
} from './context';
export type { InboxItemResult, InboxRequest } from './inbox';
export type { PeerStatus, OutboxEntry, InboxEntry, RefusedEntry, MessageTimeline, ListQuery } from './status';
export {
  MessagePayloadSchema,
  ReceiptPayloadSchema,
  type ApplyContext,
  type ExchangeMessage,
  type MessageTypeDefinition,
  type ReceiptPayload,
  type ReceiptStatus,
  type SendInput,
  type SentMessage,
} from './types';
export { TYP } from './envelope';
export { PROBE_TYPE, PROBE_ORDERED_TYPE, probeSummary, sendProbes } from './probe';
export { uuidv7, UUID_V7 } from './uuid';
