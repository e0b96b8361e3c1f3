/** The exchange layer: signed store-and-forward messages between nodes, applied exactly once. */
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
