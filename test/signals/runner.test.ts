import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../src/platform/store/testing';
import {
  directoryPlaces,
  RunStore,
  runDetection,
  SignalStore,
  addWeeks,
  weeksBetween,
  type AggregateEvidence,
  type GateEvidence,
  type Signal,
  type VectorEvidence,
} from '../../src/signals';
import { gateDays, MemorySource, weeklySeries } from './synthetic';
import { openSignalsStore, PARTY } from './support';

// Wednesday 12 March 2025 in Hà Nội: the last completed ISO week is 2025-W10, judged W07–W10.
const NOW = new Date('2025-03-12T05:00:00Z');
const TZ = 'Asia/Ho_Chi_Minh';
const FIRST = '2019-W01';
const WEEKS = weeksBetween(FIRST, '2025-W11') + 1; // includes the current, unfinished week

const QUIET_AREAS = ['VN-QN-HL', 'VN-QN-CP', 'VN-QN-UB', 'VN-QN-DT', 'VN-QN-QY', 'VN-QN-VD', 'VN-QN-HH', 'VN-QN-BL', 'VN-QN-BC', 'VN-QN-DH'];

function buildSource(): MemorySource {
  const series = [
    // dengue in Móng Cái, seasonal, with an outbreak planted in 2025-W09
    weeklySeries({ area: 'VN-QN-MC', disease: 'dengue', firstWeek: FIRST, weeks: WEEKS, base: 8, amplitude: 0.6, seed: 7, outbreaks: [{ week: '2025-W09', extra: 4 }] }),
    // influenza in Tiên Yên: only ~95 weeks of data (EARS), outbreak in 2025-W10
    weeklySeries({ area: 'VN-QN-TY', disease: 'influenza', firstWeek: '2023-W20', weeks: weeksBetween('2023-W20', '2025-W10') + 1, base: 6, amplitude: 0.3, seed: 11, outbreaks: [{ week: '2025-W10', extra: 5 }] }),
    // quiet series: no outbreak anywhere
    ...QUIET_AREAS.flatMap((area, i) => [
      weeklySeries({ area, disease: 'dengue', firstWeek: FIRST, weeks: WEEKS, base: 3 + i, amplitude: 0.6, seed: 100 + i }),
      weeklySeries({ area, disease: 'hfmd', firstWeek: FIRST, weeks: WEEKS, base: 5 + i, amplitude: 0.4, seed: 200 + i }),
    ]),
    // an area the directory does not know: an error of the run, not a crash
    { area: 'XX-NOWHERE', disease: 'dengue', firstWeek: FIRST, counts: [1, 2, 3] },
  ];
  const screening = [
    ...gateDays({ gate: 'mong-cai-dongxing', from: '2025-01-01', days: 71, people: 2000, share: 0.002, surges: { '2025-03-10': 30 }, seed: 5 }),
  ];
  const surveys = [
    { area: 'VN-QN-MC', date: '2025-03-05', kind: 'mosquito' as const, houseIndex: 8, breteauIndex: 25, containerIndex: 6 },
    { area: 'VN-QN-MC', date: '2025-03-05', kind: 'mosquito' as const, houseIndex: 3, breteauIndex: 12, containerIndex: 2 },
    { area: 'VN-QN-HL', date: '2025-03-06', kind: 'mosquito' as const, houseIndex: 3, breteauIndex: 10 },
    { area: 'VN-QN-BL', date: '2025-03-07', kind: 'rodent' as const, rodentDensity: 4, fleaIndex: 1.3 },
    { area: 'VN-QN-CP', date: '2025-01-02', kind: 'mosquito' as const, breteauIndex: 40 }, // older than the 28 judged days
  ];
  return new MemorySource(series, screening, surveys);
}

describe.each(TEST_BACKENDS)('detection runner on %s', (backend) => {
  let env: Awaited<ReturnType<typeof openSignalsStore>>;
  let store: SignalStore;
  let runs: RunStore;
  const source = buildSource();
  const run = (e = env, s = store, r = runs) =>
    runDetection(source, { db: e.store.db, store: s, runs: r, places: () => directoryPlaces(e.directory, PARTY), party: PARTY, audit: e.audit, timeZone: TZ, now: NOW, trigger: 'manual' });
  const all = async (s = store) => (await s.list({ limit: 500, offset: 0 }, { party: PARTY })).items;

  beforeAll(async () => {
    env = await openSignalsStore(backend);
    store = new SignalStore(env.store.db);
    runs = new RunStore(env.store.db);
  });
  afterAll(() => env?.store.dispose());

  let first: Signal[];
  it('turns the planted outbreak into a signal with its evidence, and records the run', async () => {
    const r = await run();
    first = await all();
    const mc = source.series[0];
    const sig = first.find((s) => s.kind === 'aggregate-detection' && s.area === 'VN-QN-MC' && s.disease === 'dengue' && s.period === '2025-W09');
    expect(sig).toBeDefined();
    expect(sig).toMatchObject({ status: 'new', place: 'VN-QN-MC', party: 'VN-QN', areaPath: ['VN-QN', 'VN-QN-MC'], gate: null, runId: r.id });
    const ev = sig!.evidence as AggregateEvidence;
    const t = weeksBetween(FIRST, '2025-W09');
    expect(ev).toMatchObject({ kind: 'aggregate-detection', area: 'VN-QN-MC', disease: 'dengue', week: '2025-W09', observed: mc.counts[t], method: 'farrington-flexible' });
    expect(ev.params).toMatchObject({ b: 5, w: 3, noPeriods: 10, pastWeeksNotIncluded: 26, thresholdMethod: 'nbPlugin', alpha: 0.05 });
    expect(ev.upperbound).toBeLessThan(ev.observed);
    expect(ev.expected).toBeGreaterThan(0);
    expect(ev.expected!).toBeLessThan(ev.upperbound!);
    expect(ev.series.counts).toHaveLength(104);
    expect(ev.series.counts).toEqual(mc.counts.slice(t - 103, t + 1));
    expect(ev.series.firstWeek).toBe(addWeeks('2025-W09', -103));
    expect(ev.judged.map((w) => w.week)).toEqual(['2025-W07', '2025-W08', '2025-W09', '2025-W10']);
    expect(ev.alarmWeeks).toContain('2025-W09');
    expect(ev.reason).toMatch(/exceed the upper bound/);
    expect(ev.methodReason).toMatch(/b = 5/);

    // the unfinished current week is never judged
    expect(first.some((s) => s.period === '2025-W11')).toBe(false);

    // the short series is judged by EARS C2
    const flu = first.find((s) => s.area === 'VN-QN-TY' && s.disease === 'influenza');
    expect(flu).toMatchObject({ period: '2025-W10' });
    expect(flu!.evidence).toMatchObject({ method: 'ears', params: { variant: 'C2', baseline: 7 } });

    // gate screening: the surge day, with both rules and the baseline it was judged on
    const gate = first.filter((s) => s.kind === 'gate-screening');
    expect(gate.map((s) => s.period)).toContain('2025-03-10');
    const g = gate.find((s) => s.period === '2025-03-10')!;
    expect(g).toMatchObject({ place: 'mong-cai-dongxing', gate: 'mong-cai-dongxing', area: 'VN-QN-MC', disease: 'symptomatic-travellers' });
    const gev = g.evidence as GateEvidence;
    const day = source.screening.find((d) => d.date === '2025-03-10')!;
    expect(gev).toMatchObject({ people: day.people, symptomatic: day.symptomatic });
    expect(gev.rules.map((x) => x.rule).sort()).toEqual(['symptomatic-jump', 'symptomatic-share']);
    const jump = gev.rules.find((x) => x.rule === 'symptomatic-jump')!;
    if (jump.rule === 'symptomatic-jump') {
      expect(jump.baseline.dates).toHaveLength(9); // C2: 7 baseline days and the 2-day guard band
      expect(jump.baseline.dates.at(-1)).toBe('2025-03-09');
      expect(jump.upperbound).toBeLessThan(day.symptomatic);
    }

    // vector indices: WHO thresholds, one signal per area, day and survey kind
    const vec = first.filter((s) => s.kind === 'vector-index');
    expect(vec.map((s) => `${s.area} ${s.disease} ${s.period}`).sort()).toEqual(['VN-QN-BL plague 2025-03-07', 'VN-QN-MC dengue 2025-03-05']);
    const mcv = vec.find((s) => s.area === 'VN-QN-MC')!.evidence as VectorEvidence;
    expect(mcv.exceeded).toEqual([
      { index: 'houseIndex', value: 8, threshold: 5 },
      { index: 'breteauIndex', value: 25, threshold: 20 },
    ]);
    expect(mcv.surveys).toHaveLength(2);

    // the run record
    expect(r).toMatchObject({ status: 'partial', trigger: 'manual', signalsCreated: first.length, errors: 1 });
    expect(r.seriesJudged).toBe(source.series.length - 1);
    expect(r.detail.aggregate.methods).toEqual({ 'farrington-flexible': 20 + 1, ears: 1 });
    expect(r.detail.errorSamples).toEqual([{ source: 'aggregate', subject: 'XX-NOWHERE/dengue', message: 'unknown area XX-NOWHERE' }]);
    expect(r.finishedAt).not.toBeNull();
    expect((await runs.recent(5))[0].id).toBe(r.id);

    // both the signals and the run are in the audit log
    const head = await env.audit.treeHead();
    const entries = await env.audit.entries(0, head.treeSize);
    const actions = entries.map((e) => e.entry?.action);
    expect(actions).toContain('signal.created');
    expect(actions.at(-1)).toBe('signal.detection.run');
    const ids = entries.filter((e) => e.entry?.action === 'signal.created').flatMap((e) => (e.entry!.detail as { signals: string[] }).signals);
    expect(ids.sort()).toEqual(first.map((s) => s.id).sort());
  });

  it('quiet series raise no more alarms than the method’s false-alarm rate', () => {
    const quiet = first.filter((s) => s.kind === 'aggregate-detection' && QUIET_AREAS.includes(s.area));
    // 20 series × 4 weeks judged at alpha 0.05: about 4 expected by chance; 10 is far beyond it
    expect(quiet.length).toBeLessThanOrEqual(10);
  });

  it('a second run creates nothing and leaves triaged signals as they are', async () => {
    const sig = first.find((s) => s.period === '2025-W09' && s.area === 'VN-QN-MC')!;
    await env.store.db.transaction().execute((trx) => store.transition(trx, sig.id, { to: 'under-verification', reason: 'calling Móng Cái CDC' }, { id: 'u1', name: 'Epi' }));
    const triaged = await store.get(sig.id);
    const r = await run();
    expect(r.signalsCreated).toBe(0);
    expect(r.alarms).toBeGreaterThan(0);
    expect(await all()).toHaveLength(first.length);
    expect(await store.get(sig.id)).toEqual(triaged);
  });

  it('two runs at the same time never create a duplicate', async () => {
    const fresh = await openSignalsStore(backend);
    try {
      const s2 = new SignalStore(fresh.store.db);
      const r2 = new RunStore(fresh.store.db);
      const [a, b] = await Promise.all([run(fresh, s2, r2), run(fresh, s2, r2)]);
      const rows = await all(s2);
      expect(a.signalsCreated + b.signalsCreated).toBe(rows.length);
      expect(rows.length).toBe(first.length);
      const keys = rows.map((s) => `${s.kind}|${s.place}|${s.disease}|${s.period}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(new Set(keys)).toEqual(new Set(first.map((s) => `${s.kind}|${s.place}|${s.disease}|${s.period}`)));
    } finally {
      await fresh.store.dispose();
    }
  });

  it('a failing source is recorded and does not stop the other sources', async () => {
    const broken = buildSource();
    broken.weeklySeries = async () => {
      throw new Error('surveillance database unavailable');
    };
    const r = await runDetection(broken, { db: env.store.db, store, runs, places: () => directoryPlaces(env.directory, PARTY), party: PARTY, timeZone: TZ, now: NOW });
    expect(r.status).toBe('partial');
    expect(r.detail.errorSamples[0]).toMatchObject({ source: 'aggregate', subject: 'weeklySeries', message: 'surveillance database unavailable' });
    expect(r.detail.gate.judged).toBeGreaterThan(0);
  });
});
