/**
 * The signals capability: signals from outbreak detection, gate screening and vector surveys,
 * their triage lifecycle (WHO EWARS / EBS), the detection runner and its schedule, and the API.
 */
import type { AppModule } from '../platform/http/app';
import type { AuditSink } from '../platform/http/audit-sink';
import type { Db } from '../platform/store/database';
import type { DirectoryStore } from '../directory';
import { DetectorCache } from './judge';
import { runDetection, silentLogger, type Logger, type PlaceResolver } from './runner';
import { RunStore, type DetectionRun } from './runs';
import { DetectionScheduler } from './scheduler';
import { resolveSettings, type DetectionSettingsInput } from './settings';
import { SignalEvents, SignalStore, type SignalListener } from './store';
import { signalRoutes } from './routes';
import type { SeriesSource } from './source';
import './access';
import './errors';

export type { SeriesSource, WeeklySeries, GateScreeningDay, VectorSurvey } from './source';
export type { Signal, SignalDetail, SignalComment, SignalChange, SignalListener, NewSignal } from './store';
export type { DetectionRun, RunTrigger, RunStatus, RunDetail } from './runs';
export type { DetectionSettingsInput, DiseaseRule, MethodChoice, GateSettings, VectorSettings } from './settings';
export type { PlaceResolver, Logger } from './runner';
export { SignalStore, SignalEvents } from './store';
export { RunStore } from './runs';
export { DetectionScheduler, DEFAULT_CRON } from './scheduler';
export { runDetection } from './runner';
export { resolveSettings, NOUFAILY, EARS_C2 } from './settings';
export { signalsMigrations } from './tables';
export { SignalErrors } from './errors';
export * from './model';

export interface SignalsDeps {
  db: Db;
  /** This node's party. */
  party: string;
  directory: DirectoryStore;
  /** Surveillance data (the node implements it with surveillance's queries). */
  source: SeriesSource;
  /** The node's audit log: run results and every signal created are appended to it. */
  audit?: AuditSink;
  settings?: DetectionSettingsInput;
  /** Cron expression for scheduled runs (default `0 2 * * *`); null: none. */
  cron?: string | null;
  /** Time zone for the schedule and for which weeks have ended (default: the party's, from the directory). */
  timeZone?: string;
  /** Where to log (pino-compatible); a function is asked at each use, so `() => app.log` works before the app exists. */
  logger?: Logger | (() => Logger | undefined);
  /** The clock detection judges "now" by (tests fix it). */
  clock?: () => Date;
}

/** The signals capability of one node. */
export interface Signals {
  module: AppModule;
  store: SignalStore;
  runs: RunStore;
  scheduler: DetectionScheduler;
  /** Listens to every change of a signal, inside the transaction making it (a throw rolls it back). Answers an unsubscribe function. */
  onSignalChanged(listener: SignalListener): () => void;
  /** Runs detection now (or joins the follow-up run); answers the run's record, null if it could not run. */
  runNow(requestedBy?: string | null): Promise<DetectionRun | null>;
  /** What the node calls after each import; runs are coalesced and never throw. */
  runAfterImport(): Promise<DetectionRun | null>;
  /** Starts the schedule (and marks runs a stopped node left unfinished as interrupted). */
  start(): Promise<void>;
  /** Stops the schedule and waits for a run in progress. */
  stop(): Promise<void>;
}

/** Where areas and gates lie, from the directory: the serving party and area path. */
export async function directoryPlaces(directory: DirectoryStore, party: string): Promise<PlaceResolver> {
  const serving = new Map((await directory.parties()).map((p) => [p.code, p.servingParty]));
  const areas = new Map((await directory.areas()).map((a) => [a.code, { party: serving.get(a.party) ?? a.party, path: a.path }]));
  const country = party.split('-')[0];
  const gates = new Map<string, { party: string; area: string; path: string[] }>();
  for (const g of await directory.gates()) {
    const sides = [g.vn, g.cn].map((s) => (s as { area?: string } | undefined)?.area).filter((a): a is string => typeof a === 'string');
    // this node's side of the gate pair: the one it serves, else the one in its country
    const area = sides.find((a) => areas.get(a)?.party === party) ?? sides.find((a) => a.startsWith(`${country}-`));
    const loc = area ? areas.get(area) : undefined;
    if (area && loc) gates.set(String(g.id), { party: loc.party, area, path: loc.path });
  }
  return { area: (code) => areas.get(code), gate: (id) => gates.get(id) };
}

/** Builds the signals capability: store, runner, scheduler (not started) and HTTP module. */
export async function createSignals(deps: SignalsDeps): Promise<Signals> {
  const settings = resolveSettings(deps.settings);
  const timeZone = deps.timeZone ?? (await deps.directory.party(deps.party))?.timezone;
  const current = (): Logger => (typeof deps.logger === 'function' ? deps.logger() : deps.logger) ?? silentLogger;
  const log: Logger = {
    info: (o, m) => current().info(o, m),
    warn: (o, m) => current().warn(o, m),
    error: (o, m) => current().error(o, m),
  };
  const events = new SignalEvents();
  const store = new SignalStore(deps.db, events);
  const runs = new RunStore(deps.db);
  const detectors = new DetectorCache();
  const scheduler = new DetectionScheduler(
    (trigger, requestedBy) =>
      runDetection(deps.source, {
        db: deps.db,
        store,
        runs,
        places: () => directoryPlaces(deps.directory, deps.party),
        party: deps.party,
        settings,
        audit: deps.audit,
        timeZone,
        trigger,
        requestedBy,
        logger: log,
        detectors,
        ...(deps.clock ? { now: deps.clock() } : {}),
      }),
    { cron: deps.cron, timeZone, logger: log, onStart: () => runs.markInterrupted() },
  );
  const facilityPath = async (id: string) => {
    const f = await deps.directory.facility(id);
    return f ? ((await deps.directory.area(f.area))?.path ?? [f.area]) : null;
  };
  return {
    module: { name: 'signals', routes: signalRoutes({ store, runs, scheduler, facilityPath }) },
    store,
    runs,
    scheduler,
    onSignalChanged: (listener) => events.on(listener),
    runNow: (requestedBy = null) => scheduler.trigger('manual', requestedBy).run,
    runAfterImport: () => scheduler.runAfterImport(),
    start: () => scheduler.start(),
    stop: () => scheduler.stop(),
  };
}
