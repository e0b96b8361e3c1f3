/**
 * When detection runs: on a cron schedule (nightly by default) and after each import. Runs never
 * overlap: a trigger while a run is going is coalesced into one follow-up run after it (the data
 * may have changed since the running one read it), however many triggers arrive meanwhile.
 * Errors are logged and recorded, never thrown into the node.
 */
import { Cron } from 'croner';
import type { DetectionRun, RunTrigger } from './runs';
import { silentLogger, type Logger } from './runner';

export interface SchedulerOptions {
  /** Cron expression (croner syntax); null: no schedule. Default `0 2 * * *` (02:00 nightly). */
  cron?: string | null;
  /** IANA time zone the cron expression is read in (default: the process's). */
  timeZone?: string;
  logger?: Logger;
  /** Called once on start (e.g. to mark runs a stopped node left unfinished). */
  onStart?: () => Promise<unknown>;
}

export type TriggerOutcome = { state: 'started' | 'coalesced'; run: Promise<DetectionRun | null> };

export const DEFAULT_CRON = '0 2 * * *';

/** Serialises detection runs and fires them from a schedule and on demand. */
export class DetectionScheduler {
  readonly #run: (trigger: RunTrigger, requestedBy: string | null) => Promise<DetectionRun>;
  readonly #log: Logger;
  readonly #cronExpr: string | null;
  readonly #timeZone?: string;
  readonly #onStart?: () => Promise<unknown>;
  #job: Cron | null = null;
  #current: Promise<DetectionRun | null> | null = null;
  #pending: { trigger: RunTrigger; requestedBy: string | null; promise: Promise<DetectionRun | null>; resolve: (r: DetectionRun | null) => void } | null = null;
  #stopped = false;

  constructor(run: (trigger: RunTrigger, requestedBy: string | null) => Promise<DetectionRun>, options: SchedulerOptions = {}) {
    this.#run = run;
    this.#log = options.logger ?? silentLogger;
    this.#cronExpr = options.cron === undefined ? DEFAULT_CRON : options.cron;
    this.#timeZone = options.timeZone;
    this.#onStart = options.onStart;
    // validate the expression now, so a bad setting fails at start-up, not at 2 a.m.
    if (this.#cronExpr) new Cron(this.#cronExpr, { paused: true, ...(this.#timeZone ? { timezone: this.#timeZone } : {}) }).stop();
  }

  /** Starts the schedule. */
  async start(): Promise<void> {
    this.#stopped = false;
    if (this.#onStart) {
      await this.#onStart().catch((err) => this.#log.error({ err }, 'detection scheduler: start-up step failed'));
    }
    if (this.#cronExpr && !this.#job) {
      this.#job = new Cron(
        this.#cronExpr,
        { ...(this.#timeZone ? { timezone: this.#timeZone } : {}), unref: true, catch: (err) => this.#log.error({ err }, 'detection scheduler: job failed') },
        () => void this.trigger('schedule'),
      );
    }
  }

  /** Stops the schedule and waits for a run in progress; a coalesced follow-up is dropped. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#job?.stop();
    this.#job = null;
    const pending = this.#pending;
    this.#pending = null;
    pending?.resolve(null);
    await this.#current?.catch(() => null);
  }

  /** The next scheduled run, if any. */
  nextRun(): Date | null {
    return this.#job?.nextRun() ?? null;
  }

  /** Whether a run is in progress. */
  get busy(): boolean {
    return this.#current !== null;
  }

  /**
   * Asks for a run: starts one when idle, else joins the single follow-up run. The promise
   * answers that run's record (null if it could not run, e.g. stopped); it never rejects.
   */
  trigger(trigger: RunTrigger, requestedBy: string | null = null): TriggerOutcome {
    if (this.#stopped) return { state: 'coalesced', run: Promise.resolve(null) };
    if (!this.#current) return { state: 'started', run: this.#launch(trigger, requestedBy) };
    if (!this.#pending) {
      let resolve!: (r: DetectionRun | null) => void;
      const promise = new Promise<DetectionRun | null>((r) => (resolve = r));
      this.#pending = { trigger, requestedBy, promise, resolve };
    }
    return { state: 'coalesced', run: this.#pending.promise };
  }

  /** What the node calls after each import; never throws. */
  runAfterImport(): Promise<DetectionRun | null> {
    return this.trigger('import').run;
  }

  #launch(trigger: RunTrigger, requestedBy: string | null): Promise<DetectionRun | null> {
    const p = (async () => {
      try {
        return await this.#run(trigger, requestedBy);
      } catch (err) {
        this.#log.error({ err, trigger }, 'detection run could not be carried out');
        return null;
      }
    })();
    this.#current = p;
    void p.then(() => {
      this.#current = null;
      const next = this.#pending;
      this.#pending = null;
      if (next && !this.#stopped) {
        void this.#launch(next.trigger, next.requestedBy).then(next.resolve);
      } else next?.resolve(null);
    });
    return p;
  }
}
