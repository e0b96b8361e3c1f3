/**
 * Cross-border notification on the exchange layer: automatic notification of confirmed imported
 * cases (and their updates) to the party chosen by rule from the directory and agreements, human
 * acknowledgement, threaded requests for information, identity requests decided by the home
 * side's liaison officer, sharing of verified signals, and timeliness. Other capabilities use
 * only what this file exports.
 */
import './access';
import './errors';
import type { Db } from '../platform/store/database';
import type { AppModule } from '../platform/http/app';
import type { AuditSink } from '../platform/http/audit-sink';
import type { Exchange } from '../platform/exchange';
import { loadTerminology, type Terminology } from '../terminology';
import type { CaseChangeListener, CaseIdentity } from '../surveillance';
import type { Signal } from '../signals';
import { DirectoryCache } from './directory-view';
import { onCaseChanged, registerMessageTypes, type FlowContext } from './flows';
import * as messages from './messages';
import { notificationRoutes } from './routes';

export { notificationsMigrations, type NotificationTables } from './tables';
export { NotificationErrors } from './errors';
export { MESSAGE_TYPES, DECLARED_SCHEMAS, declaredPaths, presentPaths } from './messages';
export type { CaseNotificationBody, SignalShareBody, IdentityRequestBody, IdentityResponseBody } from './messages';
export { routeCase, candidatesFor, peersFor, type Route, type RoutingDirectory } from './routing';
export { caseData, isNotifiable, timeliness, quantile, summarize, type CaseData } from './model';
export type { NotificationView, EventView, IdentityRequestView } from './store';

export interface NotificationsDeps {
  db: Db;
  /** The party this node serves. */
  party: string;
  /** The parties this node has configured as exchange peers. */
  peers: readonly string[];
  exchange: Exchange;
  audit: AuditSink;
  /** Case writes, to notify from inside their transactions. */
  surveillance: { onCaseChanged(listener: CaseChangeListener): () => void };
  /** Signals, to share the verified ones. */
  signals: { store: { get(id: string): Promise<Signal | undefined> } };
  /** The identifiers of one of this node's cases from its identity store, read in the given transaction (null when none). */
  identityOf: (db: Db, caseId: string) => Promise<CaseIdentity | null | undefined>;
  terminology?: Terminology;
  /** The clock (ms since epoch). */
  now?: () => number;
}

/** The notifications capability of one node. */
export interface Notifications {
  module: AppModule;
  /** The shared context of flows and actions (for tests). */
  context: FlowContext;
  /** Stops following case writes. */
  close(): void;
}

/** Registers the message types with the exchange, follows case writes, and builds the HTTP module. */
export function createNotifications(deps: NotificationsDeps): Notifications {
  const peers = new Set(deps.peers);
  const context: FlowContext = {
    party: deps.party,
    exchange: deps.exchange,
    audit: deps.audit,
    directory: new DirectoryCache(deps.party),
    terminology: deps.terminology ?? loadTerminology(),
    isPeer: (p) => peers.has(p),
    identityOf: deps.identityOf,
    now: deps.now ?? Date.now,
  };
  registerMessageTypes(context, messages);
  const off = deps.surveillance.onCaseChanged((trx, change) => onCaseChanged(context, trx, change));
  return {
    module: { name: 'notifications', routes: notificationRoutes({ ctx: context, db: deps.db, signal: (id) => deps.signals.store.get(id) }) },
    context,
    close: off,
  };
}
