import { describe, expect, it } from 'vitest';
import { DetectionScheduler, type DetectionRun, type RunTrigger } from '../../src/signals';
import { emptyDetail } from '../../src/signals/runs';

/** A run function whose runs finish when the test says so. */
function controllableRuns() {
  const started: { trigger: RunTrigger; finish: (fail?: boolean) => void }[] = [];
  let active = 0;
  let maxActive = 0;
  const run = (trigger: RunTrigger, requestedBy: string | null) =>
    new Promise<DetectionRun>((resolve, reject) => {
      active++;
      maxActive = Math.max(maxActive, active);
      started.push({
        trigger,
        finish: (fail = false) => {
          active--;
          if (fail) reject(new Error('database gone'));
          else
            resolve({
              id: `run-${started.length}`,
              trigger,
              requestedBy,
              status: 'succeeded',
              startedAt: new Date().toISOString(),
              finishedAt: new Date().toISOString(),
              seriesJudged: 0,
              alarms: 0,
              signalsCreated: 0,
              errors: 0,
              detail: emptyDetail(),
            });
        },
      });
    });
  return { run, started, maxActive: () => maxActive };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('detection scheduler', () => {
  it('never overlaps runs: triggers during a run coalesce into one follow-up run', async () => {
    const c = controllableRuns();
    const errors: unknown[] = [];
    const s = new DetectionScheduler(c.run, { cron: null, logger: { info() {}, warn() {}, error: (o) => errors.push(o) } });
    const first = s.trigger('manual', 'u1');
    expect(first.state).toBe('started');
    expect(s.busy).toBe(true);
    const second = s.trigger('import');
    const third = s.trigger('schedule');
    const fourth = s.runAfterImport();
    expect([second.state, third.state]).toEqual(['coalesced', 'coalesced']);
    expect(second.run).toBe(third.run);
    expect(c.started).toHaveLength(1);
    c.started[0].finish();
    expect((await first.run)?.trigger).toBe('manual');
    await tick();
    expect(c.started).toHaveLength(2); // exactly one follow-up
    expect(c.started[1].trigger).toBe('import');
    c.started[1].finish();
    const [r2, r3, r4] = await Promise.all([second.run, third.run, fourth]);
    expect(r2?.id).toBe('run-2');
    expect(r3).toBe(r2);
    expect(r4).toBe(r2);
    expect(c.maxActive()).toBe(1);
    expect(s.busy).toBe(false);
    expect(errors).toEqual([]);
  });

  it('logs a failed run and goes on; the promise answers null instead of throwing', async () => {
    const c = controllableRuns();
    const errors: unknown[] = [];
    const s = new DetectionScheduler(c.run, { cron: null, logger: { info() {}, warn() {}, error: (o) => errors.push(o) } });
    const t = s.trigger('schedule');
    c.started[0].finish(true);
    expect(await t.run).toBeNull();
    expect(errors).toHaveLength(1);
    const again = s.trigger('manual');
    expect(again.state).toBe('started');
    c.started[1].finish();
    expect(await again.run).not.toBeNull();
  });

  it('stop waits for the run in progress and drops the follow-up', async () => {
    const c = controllableRuns();
    const s = new DetectionScheduler(c.run, { cron: null });
    await s.start();
    const a = s.trigger('manual');
    const b = s.trigger('import');
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await tick();
    expect(stopped).toBe(false);
    c.started[0].finish();
    await stopping;
    expect(await a.run).not.toBeNull();
    expect(await b.run).toBeNull();
    expect(c.started).toHaveLength(1);
    expect(s.trigger('manual').state).toBe('coalesced'); // stopped: nothing runs
  });

  it('fires on its cron schedule, and refuses a bad expression at construction', async () => {
    expect(() => new DetectionScheduler(async () => Promise.reject(new Error('x')), { cron: 'every night' })).toThrow();
    const c = controllableRuns();
    let started = 0;
    const s = new DetectionScheduler(c.run, { cron: '* * * * * *', timeZone: 'Asia/Ho_Chi_Minh', onStart: async () => started++ });
    await s.start();
    expect(started).toBe(1);
    expect(s.nextRun()).toBeInstanceOf(Date);
    const deadline = Date.now() + 3000;
    while (c.started.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(c.started[0]?.trigger).toBe('schedule');
    c.started[0].finish();
    await s.stop();
    expect(s.nextRun()).toBeNull();
    expect(new DetectionScheduler(c.run).nextRun()).toBeNull(); // default 0 2 * * *, not started
  });
});
