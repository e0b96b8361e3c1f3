/**
 * Import jobs: the progress and outcome of one upload, kept in the node's memory so that a web
 * page or the CLI can follow an import while it streams (`GET /api/surveillance/imports/:jobId`).
 */
import { BhError } from '../../platform/errors';
import type { Locale } from '../../platform/i18n';
import type { DataKind, ImportReport, JobState } from '../model';
import { renderMessage } from '../errors';
import type { RowProblem } from './kind';

export type { JobState, ImportReport } from '../model';

export class ImportJob {
  state: JobState = 'receiving';
  readonly startedAt = new Date();
  finishedAt: Date | null = null;
  processedBytes = 0;
  processedRows = 0;
  validRows = 0;
  writtenRows = 0;
  inserted = 0;
  updated = 0;
  unchanged = 0;
  errors: RowProblem[] = [];
  failure: BhError | null = null;

  constructor(
    readonly id: string,
    readonly ownerId: string,
    readonly kind: DataKind,
    readonly format: 'csv' | 'dhis2',
    readonly totalBytes: number | null,
  ) {}

  get done(): boolean {
    return this.state === 'succeeded' || this.state === 'rejected' || this.state === 'failed';
  }

  error(line: number, field: string | null, code: string, params: Record<string, unknown>): void {
    this.errors.push({ line, field, code, params });
  }

  finish(state: 'succeeded' | 'rejected' | 'failed'): void {
    this.state = state;
    this.finishedAt = new Date();
    this.errors.sort((a, b) => a.line - b.line);
  }

  report(locale: Locale, errorOffset = 0, errorLimit = 1000): ImportReport {
    return {
      jobId: this.id,
      kind: this.kind,
      format: this.format,
      state: this.state,
      startedAt: this.startedAt.toISOString(),
      finishedAt: this.finishedAt?.toISOString() ?? null,
      totalBytes: this.totalBytes,
      processedBytes: this.processedBytes,
      processedRows: this.processedRows,
      validRows: this.validRows,
      writtenRows: this.writtenRows,
      inserted: this.inserted,
      updated: this.updated,
      unchanged: this.unchanged,
      errorCount: this.errors.length,
      errorOffset,
      errors: this.errors.slice(errorOffset, errorOffset + errorLimit).map((e) => ({
        line: e.line,
        field: e.field,
        code: e.code,
        message: renderMessage(e.code, e.params, locale),
      })),
      failure: this.failure ? { code: this.failure.code, message: this.failure.localized(locale) } : null,
    };
  }
}

/** The jobs of one node: at most `maxRunning` at once, finished ones kept for `keepMs`. */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  constructor(
    private readonly maxRunning = 4,
    private readonly keepMs = 3_600_000,
    private readonly maxKept = 500,
  ) {}

  start(id: string, ownerId: string, kind: DataKind, format: 'csv' | 'dhis2', totalBytes: number | null): ImportJob {
    this.prune();
    if (this.jobs.has(id)) throw new BhError('BH_SURVEILLANCE_IMPORT_JOB_EXISTS', { id });
    if ([...this.jobs.values()].filter((j) => !j.done).length >= this.maxRunning) throw new BhError('BH_SURVEILLANCE_IMPORT_BUSY');
    const job = new ImportJob(id, ownerId, kind, format, totalBytes);
    this.jobs.set(id, job);
    return job;
  }

  /** A job of the given user (another user's job is not found). */
  get(id: string, ownerId: string): ImportJob | undefined {
    const j = this.jobs.get(id);
    return j && j.ownerId === ownerId ? j : undefined;
  }

  private prune(now = Date.now()): void {
    const finished = [...this.jobs.values()].filter((j) => j.done);
    for (const j of finished) if (now - j.finishedAt!.getTime() > this.keepMs) this.jobs.delete(j.id);
    const extra = finished.filter((j) => this.jobs.has(j.id)).length - this.maxKept;
    for (const j of finished.slice(0, Math.max(0, extra))) this.jobs.delete(j.id);
  }
}
