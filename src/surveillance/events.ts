/**
 * Hooks other capabilities use to follow surveillance: a case written (inside the writing
 * transaction, so that e.g. an outbox message commits or rolls back with the case) and an import
 * committed (after the commit, e.g. to run outbreak detection).
 */
import type { Db } from '../platform/store/database';
import type { AuditActor } from '../platform/http/audit-sink';
import type { Case, CaseFields } from './model';
import type { DataKind } from './access';

/** A case created or changed. */
export interface CaseChange {
  /** The node (party) whose database the transaction writes to. */
  party: string;
  before: Case | null;
  after: Case;
  actor: AuditActor;
  /** The epidemiological fields that changed (all of them for a new case), and `identity` if the identifiers did. */
  changedFields: (keyof CaseFields | 'identity')[];
  /** Through the API or a file import. */
  source: 'api' | 'import';
}

/** Runs inside the transaction of the write; throwing rolls the write back. */
export type CaseChangeListener = (trx: Db, change: CaseChange) => Promise<void>;

/** A committed import. */
export interface ImportCompleted {
  party: string;
  jobId: string;
  kind: DataKind;
  format: 'csv' | 'dhis2';
  actor: AuditActor;
  inserted: number;
  updated: number;
  unchanged: number;
  /** What the inserted and updated records touch (empty lists when nothing changed). */
  affected: {
    areas: string[];
    diseases: string[];
    gates: string[];
    /** Weeks or months of aggregate counts, days of screening, survey dates, report dates of cases. */
    periods: string[];
  };
}

/** Runs after the import committed; a failure is logged and does not undo the import. */
export type ImportListener = (event: ImportCompleted) => Promise<void> | void;

/** A set of listeners; `on` answers a function that removes the listener again. */
class Listeners<L> {
  private readonly list: L[] = [];
  on(listener: L): () => void {
    this.list.push(listener);
    return () => {
      const i = this.list.indexOf(listener);
      if (i >= 0) this.list.splice(i, 1);
    };
  }
  get all(): readonly L[] {
    return [...this.list];
  }
}

const processCaseListeners = new Listeners<CaseChangeListener>();
const processImportListeners = new Listeners<ImportListener>();

/**
 * Registers a listener for case writes of every node in this process (`change.party` tells them
 * apart). A node's own `surveillance.onCaseChanged` is usually the better choice.
 */
export function onCaseChanged(listener: CaseChangeListener): () => void {
  return processCaseListeners.on(listener);
}

/** Registers a listener for committed imports of every node in this process (`event.party` tells them apart). */
export function onImported(listener: ImportListener): () => void {
  return processImportListeners.on(listener);
}

/** One node's hooks. */
export class SurveillanceEvents {
  private readonly caseListeners = new Listeners<CaseChangeListener>();
  private readonly importListeners = new Listeners<ImportListener>();

  onCaseChanged(listener: CaseChangeListener): () => void {
    return this.caseListeners.on(listener);
  }

  onImported(listener: ImportListener): () => void {
    return this.importListeners.on(listener);
  }

  /** Runs every case listener, in registration order, inside the caller's transaction. */
  async caseChanged(trx: Db, change: CaseChange): Promise<void> {
    for (const l of [...this.caseListeners.all, ...processCaseListeners.all]) await l(trx, change);
  }

  /** Runs every import listener after the commit; failures are reported, not thrown. */
  async imported(event: ImportCompleted, onError: (err: unknown) => void): Promise<void> {
    for (const l of [...this.importListeners.all, ...processImportListeners.all]) {
      try {
        await l(event);
      } catch (err) {
        onError(err);
      }
    }
  }
}
