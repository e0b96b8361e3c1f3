/**
 * What every kind of importable data provides: its CSV columns, its DHIS2 mapping, the key its
 * records are unique on, where a record lies (for jurisdiction), and a batched write.
 */
import type { RecordScope, Principal } from '../../platform/access';
import type { Db } from '../../platform/store/database';
import type { AuditActor, AuditEvent } from '../../platform/http/audit-sink';
import type { DataKind } from '../access';
import type { CaseService } from '../cases';
import type { Problem } from '../model';
import type { NodeReference } from '../reference';

export interface ImportContext {
  ref: NodeReference;
  today: string;
  principal: Principal;
  jobId: string;
  actor: AuditActor;
  /** The name recorded as `updated_by`. */
  by: string;
  now: Date;
  /** Appends an audit entry for the importing user inside the import's transaction. */
  audit(trx: Db, event: AuditEvent): Promise<void>;
  cases: CaseService;
}

/** A problem of one record: the CSV line it starts on, or the index in DHIS2 `dataValues`. */
export interface RowProblem {
  line: number;
  field: string | null;
  code: string;
  params: Record<string, unknown>;
}

export const rowProblem = (line: number, p: Problem): RowProblem => ({ line, field: p.field, code: p.code, params: p.params });

export interface Parsed<R> {
  row: R | null;
  problems: Problem[];
}

export interface Located<R> {
  row: R;
  line: number;
}

/** What an import touched, for the listeners that react to it. */
export class Affected {
  readonly areas = new Set<string>();
  readonly diseases = new Set<string>();
  readonly gates = new Set<string>();
  readonly periods = new Set<string>();

  toJSON() {
    const sorted = (s: Set<string>) => [...s].sort();
    return { areas: sorted(this.areas), diseases: sorted(this.diseases), gates: sorted(this.gates), periods: sorted(this.periods) };
  }
}

export interface WriteOutcome {
  inserted: number;
  updated: number;
  /** Problems only the database could reveal (e.g. a case changed since it was exported). */
  problems: RowProblem[];
}

/** Gathers DHIS2 data values into records: one record per value, or per (orgUnit, period). */
export interface Dhis2Collector<R> {
  add(value: Record<string, unknown>, index: number): { row?: R; problems: Problem[] };
  finish(): { rows: Located<R>[]; problems: RowProblem[] };
}

export interface KindImporter<R> {
  kind: DataKind;
  columns: { required: readonly string[]; optional: readonly string[] };
  /** The columns a record is unique on, as named in the duplicate message. */
  keyColumns: string;
  fromCsv(cells: Record<string, string>, ctx: ImportContext): Parsed<R>;
  dhis2?: (ctx: ImportContext) => Dhis2Collector<R>;
  key(row: R): string;
  /** Where the record lies, and the column that says so. */
  place(row: R, ref: NodeReference): { scope: RecordScope; field: string; value: string };
  batchSize: number;
  write(trx: Db, rows: Located<R>[], ctx: ImportContext, affected: Affected): Promise<WriteOutcome>;
}
