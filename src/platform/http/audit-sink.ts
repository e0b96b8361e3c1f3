import type { Db } from '../store/database';

/** Who acted, as recorded in the audit log. */
export type AuditActor =
  | { kind: 'user'; id: string; username: string; party: string }
  | { kind: 'node'; party: string }
  | { kind: 'peer'; party: string }
  | { kind: 'anonymous' };

/** What a request records; the actor defaults to the caller and the time to now. */
export interface AuditEvent {
  action: string;
  resource?: { type: string; id: string } | null;
  purpose?: string | null;
  legalBasis?: string | null;
  peer?: string | null;
  outcome?: 'success' | 'denied' | 'failed';
  detail?: Record<string, unknown>;
  actor?: AuditActor;
}

/** The audit log as the HTTP layer uses it: append inside the caller's transaction. */
export interface AuditSink {
  append(trx: Db, event: AuditEvent & { actor: AuditActor }): Promise<unknown>;
}
