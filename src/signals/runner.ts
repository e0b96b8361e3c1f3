/**
 * The detection runner: judges every series the source has, turns alarms into signals (a repeated
 * alarm never makes a second signal), and records the run.
 */
import type { Db } from '../platform/store/database';
import type { AuditSink } from '../platform/http/audit-sink';
import { addDays, addWeeks, lastCompletedWeek, localDate, type SignalKind } from './model';
import { DetectorCache, judgeGateScreening, judgeVectorSurveys, judgeWeeklySeries } from './judge';
import { emptyDetail, type DetectionRun, type RunDetail, type RunStatus, type RunStore, type RunTrigger, type SourceCounts } from './runs';
import { resolveSettings, ruleFor, type DetectionSettings } from './settings';
import type { NewSignal, SignalStore } from './store';
import type { SeriesSource } from './source';

/** Where areas and gates lie: the party serving them and the area path (for jurisdiction). */
export interface PlaceResolver {
  area(code: string): { party: string; path: string[] } | undefined;
  /** A border gate as seen from this node: its area on this node's side. */
  gate(id: string): { party: string; area: string; path: string[] } | undefined;
}

/** pino-compatible (Fastify's `app.log` fits). */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export interface RunDetectionOptions {
  db: Db;
  store: SignalStore;
  runs: RunStore;
  /** The places, or how to load them afresh for this run. */
  places: PlaceResolver | (() => Promise<PlaceResolver>);
  /** This node's party (the actor of the audit entries). */
  party: string;
  settings?: DetectionSettings;
  audit?: AuditSink;
  /** IANA time zone that decides which weeks and days have ended (default UTC). */
  timeZone?: string;
  trigger?: RunTrigger;
  requestedBy?: string | null;
  /** The instant the run judges as "now" (default: the clock). */
  now?: Date;
  logger?: Logger;
  /** Detectors to reuse across runs. */
  detectors?: DetectorCache;
}

const BATCH = 100;
const MAX_ERROR_SAMPLES = 50;

/**
 * Runs detection once over everything the source has: aggregate weekly series (the last
 * `settings.weeks` completed ISO weeks), gate screening and vector surveys. Never throws for bad
 * data; a failing source or series is recorded in the run, which ends `partial` or `failed`.
 */
export async function runDetection(source: SeriesSource, options: RunDetectionOptions): Promise<DetectionRun> {
  const { db, store, runs } = options;
  const log = options.logger ?? silentLogger;
  const settings = options.settings ?? resolveSettings();
  const cache = options.detectors ?? new DetectorCache();
  const now = options.now ?? new Date();
  const t0 = performance.now();
  const run = await runs.start(options.trigger ?? 'manual', options.requestedBy ?? null);
  const detail: RunDetail = emptyDetail();
  const fail = (where: 'aggregate' | 'gate' | 'vector' | 'run', subject: string, e: unknown, counts?: SourceCounts) => {
    if (counts) counts.errors++;
    const message = e instanceof Error ? e.message : String(e);
    if (detail.errorSamples.length < MAX_ERROR_SAMPLES) detail.errorSamples.push({ source: where, subject, message });
    log.warn({ run: run.id, source: where, subject, err: message }, 'detection: series failed');
  };
  const candidates: NewSignal[] = [];
  let status: Exclude<RunStatus, 'running'> = 'succeeded';
  try {
    const places = typeof options.places === 'function' ? await options.places() : options.places;
    const today = localDate(now, options.timeZone);
    const last = lastCompletedWeek(today);
    const weeks = Array.from({ length: settings.weeks }, (_, i) => addWeeks(last, i - settings.weeks + 1));
    detail.aggregate.weeks = weeks;

    // aggregate weekly series
    const agg = detail.aggregate;
    try {
      const all = await source.weeklySeries({
        ...(settings.areas ? { areas: settings.areas } : {}),
        ...(settings.diseases ? { diseases: settings.diseases } : {}),
      });
      agg.series = all.length;
      for (const s of all) {
        try {
          const loc = places.area(s.area);
          if (!loc) throw new Error(`unknown area ${s.area}`);
          const j = judgeWeeklySeries(s, weeks, ruleFor(settings, s.disease), cache);
          if (j.outcome !== 'judged') {
            agg.notJudgeable++;
            continue;
          }
          agg.judged++;
          agg.methods[j.method] = (agg.methods[j.method] ?? 0) + 1;
          agg.alarms += j.alarms.length;
          for (const ev of j.alarms) {
            candidates.push({ kind: 'aggregate-detection', place: s.area, disease: s.disease, period: ev.week, party: loc.party, area: s.area, areaPath: loc.path, gate: null, evidence: ev });
          }
        } catch (e) {
          fail('aggregate', `${s.area}/${s.disease}`, e, agg);
        }
      }
    } catch (e) {
      fail('aggregate', 'weeklySeries', e, agg);
    }

    // gate screening
    const gate = detail.gate;
    try {
      const judgedFrom = addDays(today, -(settings.gate.days - 1));
      const rows = await source.gateScreening({ from: addDays(judgedFrom, -settings.gate.lookbackDays), to: today });
      const j = judgeGateScreening(rows, judgedFrom, settings.gate, cache);
      gate.judged += j.judged;
      gate.notJudgeable += j.notJudgeable;
      gate.alarms += j.alarms.length;
      for (const ev of j.alarms) {
        const loc = places.gate(ev.gate);
        if (!loc) {
          fail('gate', ev.gate, new Error(`unknown border gate ${ev.gate}`), gate);
          continue;
        }
        candidates.push({ kind: 'gate-screening', place: ev.gate, disease: settings.gate.disease, period: ev.date, party: loc.party, area: loc.area, areaPath: loc.path, gate: ev.gate, evidence: ev });
      }
    } catch (e) {
      fail('gate', 'gateScreening', e, gate);
    }

    // vector surveys
    const vec = detail.vector;
    try {
      const rows = await source.vectorSurveys({ from: addDays(today, -(settings.vector.days - 1)), to: today });
      const j = judgeVectorSurveys(rows, settings.vector);
      vec.judged += j.judged;
      vec.alarms += j.alarms.length;
      for (const ev of j.alarms) {
        const loc = places.area(ev.area);
        if (!loc) {
          fail('vector', ev.area, new Error(`unknown area ${ev.area}`), vec);
          continue;
        }
        const disease = settings.vector.diseases[ev.surveyKind];
        candidates.push({ kind: 'vector-index', place: ev.area, disease, period: ev.date, party: loc.party, area: ev.area, areaPath: loc.path, gate: null, evidence: ev });
      }
    } catch (e) {
      fail('vector', 'vectorSurveys', e, vec);
    }

    // store: batches of signals, each with its audit entry, in one transaction each
    const countsOf: Record<SignalKind, SourceCounts | undefined> = {
      'aggregate-detection': agg,
      'gate-screening': gate,
      'vector-index': vec,
      'cross-border': undefined,
      manual: undefined,
    };
    for (let i = 0; i < candidates.length; i += BATCH) {
      const batch = candidates.slice(i, i + BATCH);
      await db.transaction().execute(async (trx) => {
        const created = await store.insertNew(trx, batch, run.id);
        for (const s of created) countsOf[s.kind]!.created++;
        if (options.audit && created.length > 0) {
          await options.audit.append(trx, {
            action: 'signal.created',
            actor: { kind: 'node', party: options.party },
            resource: { type: 'detection-run', id: run.id },
            detail: { signals: created.map((s) => s.id) },
          });
        }
      });
    }
    if (agg.errors + gate.errors + vec.errors > 0) status = 'partial';
  } catch (e) {
    status = 'failed';
    fail('run', run.id, e);
    log.error({ run: run.id, err: e }, 'detection run failed');
  }
  detail.durationMs = Math.round(performance.now() - t0);
  const sum = (k: keyof SourceCounts) => detail.aggregate[k] + detail.gate[k] + detail.vector[k];
  const end = {
    status,
    seriesJudged: detail.aggregate.judged,
    alarms: sum('alarms'),
    signalsCreated: sum('created'),
    errors: sum('errors') + detail.errorSamples.filter((e) => e.source === 'run').length,
    detail,
  };
  const finished = await db.transaction().execute(async (trx) => {
    const r = await runs.finish(trx, run.id, end);
    if (options.audit) {
      await options.audit.append(trx, {
        action: 'signal.detection.run',
        actor: { kind: 'node', party: options.party },
        resource: { type: 'detection-run', id: run.id },
        outcome: status === 'failed' ? 'failed' : 'success',
        detail: { trigger: r.trigger, status, seriesJudged: end.seriesJudged, alarms: end.alarms, signalsCreated: end.signalsCreated, errors: end.errors },
      });
    }
    return r;
  });
  log.info({ run: run.id, status, seriesJudged: end.seriesJudged, alarms: end.alarms, signalsCreated: end.signalsCreated, errors: end.errors, ms: detail.durationMs }, 'detection run finished');
  return finished;
}
