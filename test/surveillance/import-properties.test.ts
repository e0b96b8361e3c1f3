/**
 * Property tests of the importers through the node's API, on both back-ends: random valid files
 * round-trip through CSV and DHIS2 export/import; importing twice changes nothing; a randomly
 * corrupted file is refused with the right lines (or dataValues indices) and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { TEST_BACKENDS } from '../../src/platform/store/testing';
import { login, openSurveillanceNode, type SurveillanceTestNode } from './support';
import { aggregateArb, aggregateKey, caseArb, CLOCK, refOf, screeningArb, screeningKey, toCsv, toDhis2, vectorArb, vectorKey, type Ref, type Row } from './generators';

const RUNS = Number(process.env.BH_PROPERTY_RUNS ?? 8);

type Kind = 'aggregates' | 'screening' | 'vectors' | 'cases';

describe.each(TEST_BACKENDS)('importer properties on %s', (backend) => {
  let node: SurveillanceTestNode;
  let auth: { authorization: string };
  let ref: Ref;

  beforeAll(async () => {
    node = await openSurveillanceNode(backend, { clock: CLOCK });
    auth = await login(node, 'epi');
    ref = refOf(await node.surveillance.reference());
  });
  afterAll(async () => node?.dispose());

  const post = async (kind: Kind, format: 'csv' | 'dhis2', payload: string, lang = 'en') => {
    const r = await node.app.inject({
      method: 'POST',
      url: `/api/surveillance/imports?kind=${kind}&format=${format}`,
      headers: { ...auth, 'content-type': format === 'csv' ? 'text/csv' : 'application/json', 'accept-language': lang },
      payload,
    });
    return { status: r.statusCode, body: r.json() };
  };
  const exportOf = async (kind: Kind, format: 'csv' | 'dhis2') => {
    const r = await node.app.inject({ url: `/api/surveillance/export?kind=${kind}&format=${format}`, headers: auth });
    expect(r.statusCode).toBe(200);
    return r.body;
  };

  const kinds: { kind: Kind; arb: (r: Ref) => fc.Arbitrary<Row>; key: (x: Row) => string; dhis2: boolean }[] = [
    { kind: 'aggregates', arb: aggregateArb, key: aggregateKey, dhis2: true },
    { kind: 'screening', arb: screeningArb, key: screeningKey, dhis2: true },
    { kind: 'vectors', arb: vectorArb, key: vectorKey, dhis2: true },
    { kind: 'cases', arb: caseArb, key: (x) => x.id, dhis2: false },
  ];

  for (const k of kinds) {
    it(`${k.kind}: random valid files import, re-import as unchanged, and round-trip through export`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(k.arb(ref), { minLength: 1, maxLength: 40, selector: k.key }),
          fc.boolean(),
          fc.constantFrom('\n', '\r\n'),
          async (rows, viaDhis2, eol) => {
            const columns = fc.sample(fc.shuffledSubarray(Object.keys(rows[0]), { minLength: Object.keys(rows[0]).length }), 1)[0];
            const file = viaDhis2 && k.dhis2 ? JSON.stringify(toDhis2(k.kind as 'aggregates', rows)) : toCsv(columns, rows, eol);
            const format = viaDhis2 && k.dhis2 ? 'dhis2' : 'csv';
            const first = await post(k.kind, format, file);
            expect(first.status, JSON.stringify(first.body.errors)).toBe(200);
            expect(first.body.inserted + first.body.updated + first.body.unchanged).toBe(rows.length);
            const second = await post(k.kind, format, file);
            expect(second.body).toMatchObject({ state: 'succeeded', inserted: 0, updated: 0, unchanged: rows.length });

            // Every generated record is in the export as it was written.
            const csv = await exportOf(k.kind, 'csv');
            const exported = new Map((parse(csv, { columns: true }) as Row[]).map((x) => [k.key(x), x]));
            for (const x of rows) {
              const e = exported.get(k.key(x))!;
              expect(e, k.key(x)).toBeDefined();
              for (const [c, v] of Object.entries(x)) {
                if (c === 'travel' && v) expect(JSON.parse(e[c])).toEqual(JSON.parse(v));
                else expect(e[c], c).toBe(v);
              }
            }
            // Export → import changes nothing, in either format.
            expect((await post(k.kind, 'csv', csv)).body).toMatchObject({ state: 'succeeded', inserted: 0, updated: 0 });
            if (k.dhis2) expect((await post(k.kind, 'dhis2', await exportOf(k.kind, 'dhis2'))).body).toMatchObject({ state: 'succeeded', inserted: 0, updated: 0 });
          },
        ),
        { numRuns: RUNS },
      );
    });
  }

  /** Ways to break a CSV record of aggregate counts (each is invalid whatever the rest of the file). */
  const aggregateCorruptions: ((x: Row, prev: Row | undefined) => Row | string[])[] = [
    (x) => ({ ...x, count: `-${Number(x.count) + 1}` }),
    (x) => ({ ...x, count: 'many' }),
    (x) => ({ ...x, count: '' }),
    (x) => ({ ...x, area: 'VN-QN-NOWHERE' }),
    (x) => ({ ...x, disease: 'CN-B-01' }),
    (x) => ({ ...x, period: '2025-W60' }),
    (x) => ({ ...x, period: '2025-13' }),
    (x) => ({ ...x, period: '2030-W01' }),
    (x) => ({ ...x, age_group: '15-25' }),
    (x) => ({ ...x, sex: 'F' }),
    (x) => Object.values(x).slice(1),
    (x, prev) => (prev ? { ...prev } : { ...x, count: '-1' }),
  ];

  it('aggregates: a randomly corrupted CSV is refused at exactly the corrupted lines, and nothing is written', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(aggregateArb(ref), { minLength: 2, maxLength: 40, selector: aggregateKey }),
        fc.array(fc.tuple(fc.nat(), fc.nat(aggregateCorruptions.length - 1)), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('vi', 'zh-CN', 'en'),
        async (rows, hits, lang) => {
          const columns = Object.keys(rows[0]);
          const corrupted = new Map<number, number>();
          for (const [i, how] of hits) corrupted.set(i % rows.length, how);
          const lines = rows.map((x, i) => {
            const how = corrupted.get(i);
            const prevIntact = i > 0 && !corrupted.has(i - 1) ? rows[i - 1] : undefined;
            const out = how === undefined ? x : aggregateCorruptions[how](x, prevIntact);
            return Array.isArray(out) ? out.map((v) => `"${v}"`).join(',') : columns.map((c) => `"${(out as Row)[c]}"`).join(',');
          });
          const file = [columns.join(','), ...lines].join('\n') + '\n';
          const before = await exportOf('aggregates', 'csv');
          const r = await post('aggregates', 'csv', file, lang);
          expect(r.status).toBe(422);
          expect(r.body.inserted + r.body.updated).toBe(0);
          const errorLines = new Set((r.body.errors as { line: number }[]).map((e) => e.line));
          expect([...errorLines].sort((a, b) => a - b)).toEqual([...corrupted.keys()].map((i) => i + 2).sort((a, b) => a - b));
          for (const e of r.body.errors as { message: string }[]) {
            if (lang === 'zh-CN') expect(e.message).toMatch(/\p{Script=Han}/u);
            if (lang === 'vi') expect(e.message).toMatch(/[\u00C0-\u1EF9]/);
          }
          expect(await exportOf('aggregates', 'csv')).toBe(before);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  const dhis2Corruptions: ((v: Record<string, unknown>) => Record<string, unknown>)[] = [
    (v) => ({ ...v, value: '-4' }),
    (v) => ({ ...v, value: 'x' }),
    (v) => ({ ...v, orgUnit: 'CN-GX-FCG-DX' }),
    (v) => ({ ...v, dataElement: 'SCREEN_PEOPLE' }),
    (v) => ({ ...v, period: '2025W60' }),
    (v) => ({ ...v, period: '20250214' }),
    (v) => ({ ...v, categoryOptionCombo: 'adult_female' }),
    (v) => ({ ...v, deleted: true }),
    ({ period: _p, ...v }) => v,
  ];

  it('aggregates: a randomly corrupted DHIS2 file is refused at exactly the corrupted indices, and nothing is written', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(aggregateArb(ref), { minLength: 2, maxLength: 40, selector: aggregateKey }),
        fc.array(fc.tuple(fc.nat(), fc.nat(dhis2Corruptions.length - 1)), { minLength: 1, maxLength: 5 }),
        async (rows, hits) => {
          const { dataValues } = toDhis2('aggregates', rows);
          const corrupted = new Set<number>();
          for (const [i, how] of hits) {
            const at = i % dataValues.length;
            corrupted.add(at);
            dataValues[at] = dhis2Corruptions[how](dataValues[at]);
          }
          const before = await exportOf('aggregates', 'dhis2');
          const r = await post('aggregates', 'dhis2', JSON.stringify({ dataSet: 'BH-WEEKLY', dataValues }));
          expect(r.status).toBe(422);
          expect([...new Set((r.body.errors as { line: number }[]).map((e) => e.line))].sort((a, b) => a - b)).toEqual([...corrupted].sort((a, b) => a - b));
          expect(await exportOf('aggregates', 'dhis2')).toBe(before);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it('screening: a count over its bound is refused at its line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(screeningArb(ref), { minLength: 1, maxLength: 20, selector: screeningKey }), fc.nat(), async (rows, i) => {
        const at = i % rows.length;
        const bad = rows.map((x, j) => (j === at ? { ...x, symptomatic: String(Number(x.people) + 1) } : x));
        const before = await exportOf('screening', 'csv');
        const r = await post('screening', 'csv', toCsv(Object.keys(rows[0]), bad));
        expect(r.status).toBe(422);
        expect(r.body.errors.map((e: { line: number }) => e.line)).toEqual([at + 2]);
        expect(r.body.errors[0]).toMatchObject({ field: 'symptomatic', code: 'BH_SURVEILLANCE_EXCEEDS' });
        expect(await exportOf('screening', 'csv')).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });
});
