import { randomUUID } from 'node:crypto';
import { tables, type Db } from '../platform/store/database';
import { json } from '../platform/store/json';
import type { DetectionRun, RunDetail, RunStatus, RunTrigger, SourceCounts } from './model';
import type { SignalTables } from './tables';

const t = (db: Db) => tables<SignalTables>(db);

export { RUN_TRIGGERS, type RunTrigger, type RunStatus, type SourceCounts, type RunDetail, type DetectionRun } from './model';

export function emptyCounts(): SourceCounts {
  return { judged: 0, notJudgeable: 0, alarms: 0, created: 0, errors: 0 };
}

export function emptyDetail(): RunDetail {
  return {
    aggregate: { ...emptyCounts(), series: 0, methods: {}, weeks: [] },
    gate: emptyCounts(),
    vector: emptyCounts(),
    errorSamples: [],
    durationMs: null,
  };
}

const toRun = (r: SignalTables['detection_runs']): DetectionRun => ({
  id: r.id,
  trigger: r.trigger as RunTrigger,
  requestedBy: r.requested_by,
  status: r.status as RunStatus,
  startedAt: new Date(r.started_at).toISOString(),
  finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  seriesJudged: r.series_judged,
  alarms: r.alarms,
  signalsCreated: r.signals_created,
  errors: r.errors,
  detail: r.detail as RunDetail,
});

/** The record of detection runs, so people can see when detection last ran and how it went. */
export class RunStore {
  constructor(private readonly db: Db) {}

  /** Records the start of a run (committed at once, so a crash leaves a trace). */
  async start(trigger: RunTrigger, requestedBy: string | null, now = new Date()): Promise<DetectionRun> {
    const r = await t(this.db)
      .insertInto('detection_runs')
      .values({
        id: randomUUID(),
        trigger,
        requested_by: requestedBy,
        status: 'running',
        started_at: now,
        finished_at: null,
        series_judged: 0,
        alarms: 0,
        signals_created: 0,
        errors: 0,
        detail: json(emptyDetail()),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRun(r);
  }

  /** Records the end of a run. */
  async finish(
    trx: Db,
    id: string,
    end: { status: Exclude<RunStatus, 'running'>; seriesJudged: number; alarms: number; signalsCreated: number; errors: number; detail: RunDetail },
    now = new Date(),
  ): Promise<DetectionRun> {
    const r = await t(trx)
      .updateTable('detection_runs')
      .set({
        status: end.status,
        finished_at: now,
        series_judged: end.seriesJudged,
        alarms: end.alarms,
        signals_created: end.signalsCreated,
        errors: end.errors,
        detail: json(end.detail),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRun(r);
  }

  async get(id: string): Promise<DetectionRun | undefined> {
    const r = await t(this.db).selectFrom('detection_runs').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toRun(r);
  }

  /** The most recent runs, newest first. */
  async recent(limit = 20): Promise<DetectionRun[]> {
    const rows = await t(this.db).selectFrom('detection_runs').selectAll().orderBy('started_at', 'desc').orderBy('id').limit(limit).execute();
    return rows.map(toRun);
  }

  /** Marks runs left 'running' by a node that stopped (called when the scheduler starts). */
  async markInterrupted(now = new Date()): Promise<number> {
    const r = await t(this.db)
      .updateTable('detection_runs')
      .set({ status: 'interrupted', finished_at: now })
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}
