import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestStore, TEST_BACKENDS } from '../../src/platform/store/testing';
import { directoryMigrations, DirectoryStore, seedDirectory } from '../../src/directory';
import { createSurveillance, surveillanceMigrations, type CaseFields, type Surveillance } from '../../src/surveillance';
import { AGGREGATES, aggregateColumns, aggregatePage, SCREENING, screeningColumns, screeningPage, upsertRows, VECTORS, vectorColumns, vectorPage } from '../../src/surveillance/data-store';
import { caseStore } from '../../src/surveillance/case-store';
import type { AggregateCount } from '../../src/surveillance/records';

const actor = { kind: 'user' as const, id: 'u1', username: 'epi', party: 'VN-QN' };
const NOW = new Date('2025-03-01T03:00:00Z');

const fields: CaseFields = {
  disease: 'VN-B-01',
  classification: 'suspected',
  onsetDate: '2025-02-10',
  reportDate: '2025-02-14',
  confirmationDate: null,
  age: 30,
  sex: 'female',
  residenceArea: 'VN-QN-MC',
  infectionPlace: { country: 'CN', area: 'CN-GX-FCG-DX', description: ' market  ' },
  imported: { country: 'CN', entryGate: 'mong-cai-dongxing', entryDate: '2025-02-08' },
  outcome: 'under-treatment',
  reportingFacility: 'mong-cai-general-hospital',
  contacts: { vn: 2, cn: 1 },
  travel: [{ place: 'Dongxing', country: 'CN', from: '2025-02-01', to: null }],
};

const agg = (period: string, area: string, count: number, ageGroup: AggregateCount['ageGroup'] = '25-44', sex: AggregateCount['sex'] = 'female'): AggregateCount => ({
  period,
  periodKind: period.includes('W') ? 'week' : 'month',
  area,
  disease: 'VN-B-01',
  ageGroup,
  sex,
  count,
});

describe.each(TEST_BACKENDS)('surveillance store on %s', (backend) => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let s: Surveillance;
  beforeAll(async () => {
    store = await openTestStore(backend, { ...directoryMigrations, ...surveillanceMigrations });
    await seedDirectory(store.db, 'VN-QN');
    s = createSurveillance({ db: store.db, party: 'VN-QN', directory: new DirectoryStore(store.db), clock: () => NOW });
  });
  afterAll(async () => store?.dispose());

  it('upserts aggregate counts in batches: new, changed and unchanged rows are told apart', async () => {
    const rows = [agg('2025-W05', 'VN-QN-MC', 3), agg('2025-W05', 'VN-QN-MC', 1, '0-4', 'male'), agg('2025-W07', 'VN-QN-MC', 2), agg('2025-02', 'VN-QN-TY', 9)];
    const write = (r: AggregateCount[]) => store.db.transaction().execute((trx) => upsertRows(trx, AGGREGATES, aggregateColumns(r), 'epi', NOW));
    expect(await write(rows)).toMatchObject({ inserted: 4, updated: 0 });
    expect(await write(rows)).toEqual({ inserted: 0, updated: 0, changed: [] });
    const again = await write([{ ...rows[0], count: 4 }, rows[1], agg('2025-W06', 'VN-QN-MC', 0)]);
    expect(again).toMatchObject({ inserted: 1, updated: 1 });
    expect(again.changed.map((k) => k.period).sort()).toEqual(['2025-W05', '2025-W06']);
    const all = await aggregatePage(store.db, {}, null, 100);
    expect(all).toHaveLength(5);
    expect(all.find((r) => r.period === '2025-W05' && r.ageGroup === '25-44')?.count).toBe(4);
    // Paging by key reaches every row once.
    const first = await aggregatePage(store.db, {}, null, 2);
    const rest = await aggregatePage(store.db, {}, [first[1].period, first[1].area, first[1].disease, first[1].ageGroup, first[1].sex], 100);
    expect([...first, ...rest]).toEqual(all);
  });

  it('weekly series are dense over ISO weeks and summed over age and sex', async () => {
    const series = await s.weeklySeries({ diseases: ['VN-B-01'] });
    expect(series.weeks).toEqual(['2025-W05', '2025-W06', '2025-W07']);
    expect(series.series).toEqual([{ area: 'VN-QN-MC', disease: 'VN-B-01', counts: [5, 0, 2] }]);
    const wide = await s.weeklySeries({ areas: ['VN-QN-MC'], from: '2025-W03', to: '2025-W08' });
    expect(wide.series[0].counts).toEqual([0, 0, 5, 0, 2, 0]);
    expect((await s.weeklySeries({ areas: [] })).series).toEqual([]);
  });

  it('totals per area carry the population for maps', async () => {
    const t = await s.totals({ periodKind: 'week' }, 'area');
    expect(t).toEqual([{ area: 'VN-QN-MC', disease: null, count: 7, population: expect.any(Number) }]);
    expect(t[0].population).toBeGreaterThan(0);
    expect(await s.totals({ periodKind: 'month' }, 'disease')).toEqual([{ area: null, disease: 'VN-B-01', count: 9, population: null }]);
  });

  it('upserts screening days and vector surveys with nulls kept', async () => {
    const day = { gate: 'mong-cai-dongxing', date: '2025-02-14', people: 1200, vehicles: 300, consignments: 150, samples: 12, symptomatic: 4, referred: 1, quarantined: 0 };
    const w = (c: Record<string, unknown[]>, spec = SCREENING) => store.db.transaction().execute((trx) => upsertRows(trx, spec, c, 'gate.mongcai', NOW));
    expect(await w(screeningColumns([day]))).toMatchObject({ inserted: 1 });
    expect(await w(screeningColumns([day]))).toMatchObject({ inserted: 0, updated: 0 });
    expect(await w(screeningColumns([{ ...day, referred: 2 }]))).toMatchObject({ inserted: 0, updated: 1 });
    expect(await screeningPage(store.db, { gates: ['mong-cai-dongxing'] }, null, 10)).toEqual([{ ...day, referred: 2 }]);
    expect(await screeningPage(store.db, { gates: [] }, null, 10)).toEqual([]);
    const v = { area: 'VN-QN-MC', surveyDate: '2025-02-10', houseIndex: 12.5, breteauIndex: 0.1 + 0.2 + 20, containerIndex: null, rodentDensity: null, fleaIndex: 1.25, species: 'Aedes aegypti; Xenopsylla cheopis' };
    expect(await w(vectorColumns([v]), VECTORS)).toMatchObject({ inserted: 1 });
    expect(await w(vectorColumns([v]), VECTORS)).toMatchObject({ inserted: 0, updated: 0 });
    expect(await vectorPage(store.db, {}, null, 10)).toEqual([v]);
  });

  it('writes cases through a transaction, with listeners inside it', async () => {
    const seen: string[] = [];
    const off = s.onCaseChanged(async (trx, change) => {
      // The listener sees the case in the same transaction as the write.
      const inTrx = await caseStore.get(trx, change.after.id);
      seen.push(`${change.before?.version ?? 0}->${change.after.version}:${inTrx?.version}:${change.changedFields.length}`);
    });
    const c = await store.db.transaction().execute((trx) => s.cases.create(trx, { fields, identity: { fullName: ' Nguyễn Văn A ', idType: 'CCCD', idNumber: '022200000001', phone: null, address: null, dateOfBirth: '1994-05-01' } }, { actor }));
    expect(c.infectionPlace.description).toBe('market');
    expect(c.version).toBe(1);
    const r = await store.db.transaction().execute((trx) =>
      s.cases.update(trx, c, { patch: { classification: 'confirmed', confirmationDate: '2025-02-16' }, expectedVersion: 1 }, { actor }),
    );
    expect(r.after).toMatchObject({ classification: 'confirmed', version: 2 });
    expect(r.changed.sort()).toEqual(['classification', 'confirmationDate']);
    off();
    expect(seen).toEqual([`0->1:1:15`, `1->2:2:2`]);
    expect(await caseStore.identity(store.db, c.id)).toMatchObject({ fullName: 'Nguyễn Văn A', idNumber: '022200000001' });
  });

  it('a failing listener rolls the case write back', async () => {
    const off = s.onCaseChanged(async () => {
      throw new Error('outbox unavailable');
    });
    await expect(store.db.transaction().execute((trx) => s.cases.create(trx, { fields }, { actor }))).rejects.toThrow('outbox unavailable');
    off();
    const { n } = (await sql<{ n: number }>`select count(*)::int as n from surveillance_cases`.execute(store.db)).rows[0];
    expect(Number(n)).toBe(1);
  });

  it('refuses a stale version and an invalid reclassification', async () => {
    const [c] = (await caseStore.list(store.db, {}, { kind: 'all' }, { limit: 1, offset: 0 })).items;
    await expect(store.db.transaction().execute((trx) => s.cases.update(trx, c, { patch: { outcome: 'recovered' }, expectedVersion: 1 }, { actor }))).rejects.toMatchObject({
      code: 'BH_SURVEILLANCE_VERSION_CONFLICT',
      status: 409,
    });
    await expect(store.db.transaction().execute((trx) => s.cases.update(trx, c, { patch: { classification: 'suspected' }, expectedVersion: 2 }, { actor }))).rejects.toMatchObject({
      code: 'BH_SURVEILLANCE_INVALID_TRANSITION',
    });
    expect((await caseStore.get(store.db, c.id))?.version).toBe(2);
  });

  it('keeps identifiers out of the case table', async () => {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_name in ('surveillance_cases', 'case_identities') and table_schema = current_schema()`.execute(store.db);
    const cols = (t: string) => rows.filter((r) => r.table_name === t).map((r) => r.column_name);
    for (const c of ['full_name', 'id_number', 'phone', 'address', 'date_of_birth']) {
      expect(cols('surveillance_cases')).not.toContain(c);
      expect(cols('case_identities')).toContain(c);
    }
  });
});
