import { sql, type Migration } from 'kysely';
import type { Json } from '../platform/store/json';

/** The signals capability's tables as Kysely sees them. */
export interface SignalTables {
  signals: {
    id: string;
    kind: string;
    /** The area code, or the gate id for gate signals: the "where" of the duplicate key. */
    place: string;
    disease: string;
    /** ISO week ('2024-W05') for weekly series, calendar date for daily sources. */
    period: string;
    /** The party whose node serves the signal's area (for jurisdiction). */
    party: string;
    area: string;
    /** The area and its ancestors, top down (jsonb array), for jurisdiction filtering. */
    area_path: Json;
    gate: string | null;
    status: string;
    risk: string | null;
    response: string | null;
    evidence: Json;
    run_id: string | null;
    created_at: Date;
    updated_at: Date;
  };
  signal_transitions: {
    signal_id: string;
    seq: number;
    from_status: string;
    to_status: string;
    reason: string;
    risk: string | null;
    response: string | null;
    actor_id: string;
    actor_name: string;
    at: Date;
  };
  signal_comments: {
    id: string;
    signal_id: string;
    author_id: string;
    author_name: string;
    text: string;
    at: Date;
  };
  detection_runs: {
    id: string;
    trigger: string;
    requested_by: string | null;
    status: string;
    started_at: Date;
    finished_at: Date | null;
    series_judged: number;
    alarms: number;
    signals_created: number;
    errors: number;
    /** Per-source counts, the method mix, and the first errors (jsonb). */
    detail: Json;
  };
}

export const signalsMigrations: Record<string, Migration> = {
  '0400_signals_tables': {
    up: async (db) => {
      const s = db.schema;
      await s
        .createTable('signals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('disease', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('party', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('area_path', 'jsonb', (c) => c.notNull())
        .addColumn('gate', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('risk', 'text')
        .addColumn('response', 'text')
        .addColumn('evidence', 'jsonb', (c) => c.notNull())
        .addColumn('run_id', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        // One signal per source, place, disease and period, however often detection runs.
        .addUniqueConstraint('signals_dedupe', ['kind', 'place', 'disease', 'period'])
        .addCheckConstraint(
          'signals_status',
          sql`status in ('new','under-verification','verified','discarded','risk-assessed','response','closed')`,
        )
        .addCheckConstraint('signals_risk', sql`risk is null or risk in ('low','moderate','high','very-high')`)
        .execute();
      await s.createIndex('signals_status_created').on('signals').columns(['status', 'created_at']).execute();
      await s.createIndex('signals_created').on('signals').column('created_at').execute();
      await s.createIndex('signals_area_path').on('signals').using('gin').column('area_path').execute();

      await s
        .createTable('signal_transitions')
        .addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('from_status', 'text', (c) => c.notNull())
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('risk', 'text')
        .addColumn('response', 'text')
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('signal_transitions_pk', ['signal_id', 'seq'])
        .execute();

      await s
        .createTable('signal_comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id'))
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .execute();
      await s.createIndex('signal_comments_signal').on('signal_comments').columns(['signal_id', 'at']).execute();

      await s
        .createTable('detection_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('started_at', 'timestamptz', (c) => c.notNull())
        .addColumn('finished_at', 'timestamptz')
        .addColumn('series_judged', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('alarms', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('signals_created', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('errors', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('detail', 'jsonb', (c) => c.notNull())
        .execute();
      await s.createIndex('detection_runs_started').on('detection_runs').column('started_at').execute();
    },
  },
};
