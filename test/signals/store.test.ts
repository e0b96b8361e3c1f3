import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TEST_BACKENDS } from '../../src/platform/store/testing';
import { BhError } from '../../src/platform/errors';
import { SignalEvents, SignalStore, lifecycleProblems, type NewSignal, type SignalChange } from '../../src/signals';
import { openSignalsStore, PARTY } from './support';

const actor = { id: 'u-epi', name: 'Đỗ Thị Lan Anh' };

function aggregate(area: string, path: string[], disease: string, period: string): NewSignal {
  return {
    kind: 'aggregate-detection',
    place: area,
    disease,
    period,
    party: PARTY,
    area,
    areaPath: path,
    gate: null,
    evidence: {
      kind: 'aggregate-detection',
      area,
      disease,
      week: period,
      observed: 20,
      expected: 5,
      upperbound: 11,
      method: 'farrington-flexible',
      params: { b: 5 },
      methodReason: 'test',
      reason: `20 cases in ${period}`,
      judged: [],
      alarmWeeks: [period],
      series: { firstWeek: period, counts: [20] },
    },
  };
}

const gateSignal: NewSignal = {
  kind: 'gate-screening',
  place: 'mong-cai-dongxing',
  disease: 'symptomatic-travellers',
  period: '2025-03-10',
  party: PARTY,
  area: 'VN-QN-MC',
  areaPath: ['VN-QN', 'VN-QN-MC'],
  gate: 'mong-cai-dongxing',
  evidence: { kind: 'gate-screening', gate: 'mong-cai-dongxing', date: '2025-03-10', people: 2000, symptomatic: 34, referred: 11, quarantined: 3, rules: [], reason: 'surge' },
};

describe.each(TEST_BACKENDS)('signal store on %s', (backend) => {
  let env: Awaited<ReturnType<typeof openSignalsStore>>;
  let store: SignalStore;
  const events = new SignalEvents();
  const seen: SignalChange['type'][] = [];
  beforeAll(async () => {
    env = await openSignalsStore(backend);
    store = new SignalStore(env.store.db, events);
    events.on(async (trx, change) => {
      // listeners run inside the change's transaction: they see it before commit
      const row = await sql<{ status: string }>`select status from signals where id = ${change.signal.id}`.execute(trx);
      expect(row.rows[0]?.status).toBe(change.signal.status);
      seen.push(change.type);
    });
  });
  afterAll(() => env?.store.dispose());
  const db = () => env.store.db;

  it('creates a signal once per kind, place, disease and period, even from concurrent transactions', async () => {
    const rows = [aggregate('VN-QN-MC', ['VN-QN', 'VN-QN-MC'], 'dengue', '2025-W09'), aggregate('VN-QN-TY', ['VN-QN', 'VN-QN-TY'], 'dengue', '2025-W09'), gateSignal];
    const [a, b] = await Promise.all([db().transaction().execute((trx) => store.insertNew(trx, rows, null)), db().transaction().execute((trx) => store.insertNew(trx, rows, null))]);
    expect(a.length + b.length).toBe(3);
    const again = await db().transaction().execute((trx) => store.insertNew(trx, [rows[0], aggregate('VN-QN-MC', ['VN-QN', 'VN-QN-MC'], 'dengue', '2025-W10')], null));
    expect(again.map((s) => s.period)).toEqual(['2025-W10']);
    expect((await store.list({ limit: 50, offset: 0 }, { party: PARTY })).total).toBe(4);
    expect(seen.filter((t) => t === 'created')).toHaveLength(4);
    // the constraint itself refuses a duplicate that bypasses ON CONFLICT
    await expect(
      sql`insert into signals (id, kind, place, disease, period, party, area, area_path, status, evidence, created_at, updated_at)
          values ('dup', 'gate-screening', 'mong-cai-dongxing', 'symptomatic-travellers', '2025-03-10', 'VN-QN', 'VN-QN-MC', '[]', 'new', '{}', now(), now())`.execute(db()),
    ).rejects.toThrow(/signals_dedupe|duplicate key/);
  });

  it('filters by jurisdiction, kind and fields', async () => {
    const list = async (v: Parameters<SignalStore['list']>[1], f: Partial<Parameters<SignalStore['list']>[0]> = {}) =>
      (await store.list({ limit: 50, offset: 0, ...f }, v)).items.map((s) => `${s.place} ${s.period}`).sort();
    expect(await list({ party: PARTY, area: 'VN-QN-MC' })).toEqual(['VN-QN-MC 2025-W09', 'VN-QN-MC 2025-W10', 'mong-cai-dongxing 2025-03-10']);
    expect(await list({ party: PARTY, area: 'VN-QN-TY' })).toEqual(['VN-QN-TY 2025-W09']);
    expect(await list({ party: PARTY, gate: 'mong-cai-dongxing' })).toEqual(['mong-cai-dongxing 2025-03-10']);
    expect(await list({ party: PARTY, kinds: ['gate-screening'] })).toEqual(['mong-cai-dongxing 2025-03-10']);
    expect(await list({ party: PARTY, facilityPath: ['VN-QN', 'VN-QN-TY'] })).toEqual(['VN-QN-TY 2025-W09']);
    expect(await list({ party: 'CN-GX' })).toEqual([]);
    expect(await list({ party: PARTY }, { area: 'VN-QN', kind: 'aggregate-detection', disease: 'dengue', status: 'new' })).toHaveLength(3);
    const page = await store.list({ limit: 2, offset: 2 }, { party: PARTY });
    expect(page).toMatchObject({ total: 4 });
    expect(page.items).toHaveLength(2);
  });

  it('moves a signal through its lifecycle with history, and refuses invalid moves with 409', async () => {
    const [s] = (await store.list({ limit: 1, offset: 0, area: 'VN-QN-TY' }, { party: PARTY })).items;
    const move = (c: { to: string; reason: string; risk?: string; response?: string }) => db().transaction().execute((trx) => store.transition(trx, s.id, c, actor));
    await move({ to: 'under-verification', reason: 'asked the district' });
    await move({ to: 'verified', reason: 'cases confirmed' });
    const err = await move({ to: 'closed', reason: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(BhError);
    expect(err).toMatchObject({ code: 'BH_SIGNAL_INVALID_TRANSITION', status: 409, params: { from: 'verified', to: 'closed' } });
    await move({ to: 'risk-assessed', reason: 'market town', risk: 'moderate' });
    const after = await store.get(s.id);
    expect(after).toMatchObject({ status: 'risk-assessed', risk: 'moderate', response: null });
    const history = await store.history(s.id);
    expect(history.map((h) => h.to)).toEqual(['under-verification', 'verified', 'risk-assessed']);
    expect(history[2]).toMatchObject({ actor, risk: 'moderate', reason: 'market town' });
    expect(lifecycleProblems({ state: { status: 'risk-assessed', risk: 'moderate' }, history })).toEqual([]);
    expect(seen.filter((t) => t === 'transitioned')).toHaveLength(3);
  });

  it('serialises concurrent triage of one signal: exactly one of two equal moves wins', async () => {
    const [s] = (await store.list({ limit: 1, offset: 0, kind: 'gate-screening' }, { party: PARTY })).items;
    const attempt = () => db().transaction().execute((trx) => store.transition(trx, s.id, { to: 'under-verification', reason: 'on it' }, actor)).then(() => 'ok', (e: BhError) => e.code);
    const results = await Promise.all([attempt(), attempt()]);
    expect(results.sort()).toEqual(['BH_SIGNAL_INVALID_TRANSITION', 'ok']);
    expect(await store.history(s.id)).toHaveLength(1);
  });

  it('a listener that throws rolls the change back', async () => {
    const [s] = (await store.list({ limit: 1, offset: 0, area: 'VN-QN-MC', kind: 'aggregate-detection' }, { party: PARTY })).items;
    const off = events.on(async () => {
      throw new Error('peer unreachable');
    });
    await expect(db().transaction().execute((trx) => store.transition(trx, s.id, { to: 'under-verification', reason: 'x' }, actor))).rejects.toThrow('peer unreachable');
    off();
    expect(await store.get(s.id)).toMatchObject({ status: 'new' });
    expect(await store.history(s.id)).toEqual([]);
  });

  it('keeps comments in order with their author', async () => {
    const [s] = (await store.list({ limit: 1, offset: 0, kind: 'gate-screening' }, { party: PARTY })).items;
    await db().transaction().execute((trx) => store.addComment(trx, s.id, actor, '  Đã liên hệ trạm kiểm dịch Đông Hưng  '));
    await db().transaction().execute((trx) => store.addComment(trx, s.id, { id: 'u2', name: '李明' }, '东兴方面已确认'));
    const d = await store.detail(s.id);
    expect(d!.comments.map((c) => [c.author.name, c.text])).toEqual([
      ['Đỗ Thị Lan Anh', 'Đã liên hệ trạm kiểm dịch Đông Hưng'],
      ['李明', '东兴方面已确认'],
    ]);
    await expect(db().transaction().execute((trx) => store.addComment(trx, 'missing', actor, 'x'))).rejects.toMatchObject({ code: 'BH_NOT_FOUND' });
  });
});
