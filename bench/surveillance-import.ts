/**
 * Surveillance import benchmark. For each back-end, imports a 200 000-row aggregate CSV (streamed,
 * checked, written all-or-nothing with batched upserts) and compares its throughput with a baseline
 * measured in the same run: plain batched INSERTs (500 rows per statement, one transaction) of the
 * same rows into a table of the same shape. Also times re-importing the same file (every row
 * unchanged) and the same data as a DHIS2 data value set.
 *
 *   npx tsx bench/surveillance-import.ts [--rows N]
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import type { Migration } from 'kysely';
import { openTestStore, TEST_BACKENDS } from '../src/platform/store/testing';
import { AuditLog, auditMigrations } from '../src/platform/audit';
import { testSigner } from '../src/platform/audit/testing';
import { directoryMigrations, DirectoryStore, seedDirectory } from '../src/directory';
import { AGE_GROUPS, SEXES, addWeeks, createSurveillance, surveillanceMigrations } from '../src/surveillance';
import { runImport } from '../src/surveillance/importers/run';
import { aggregatesImporter } from '../src/surveillance/importers/aggregates';
import { ImportJob } from '../src/surveillance/importers/jobs';
import { actorName } from '../src/surveillance/cases';
import { toDhis2Period } from '../src/surveillance/periods';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' } } });
const N = Number(values.rows);
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

const baselineTable: Record<string, Migration> = {
  '9000_bench_aggregates': {
    up: (db) =>
      db.schema
        .createTable('bench_aggregates')
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('period_kind', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('disease', 'text', (c) => c.notNull())
        .addColumn('age_group', 'text', (c) => c.notNull())
        .addColumn('sex', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('bench_aggregates_pk', ['period', 'area', 'disease', 'age_group', 'sex'])
        .execute(),
  },
};

async function main() {
  console.log(`surveillance import benchmark: ${fmt(N)} aggregate rows`);
  for (const backend of TEST_BACKENDS) {
    const store = await openTestStore(backend, { ...auditMigrations, ...directoryMigrations, ...surveillanceMigrations, ...baselineTable });
    try {
      await seedDirectory(store.db, 'VN-QN');
      const clock = () => new Date('2025-12-31T00:00:00Z');
      const s = createSurveillance({ db: store.db, party: 'VN-QN', directory: new DirectoryStore(store.db), clock, maxImportBytes: 2 ** 31 });
      const ref = await s.reference();
      const areas = [...ref.areas.values()].filter((a) => a.own).map((a) => a.code);
      const diseases = [...ref.diseases];
      const rows: string[][] = [];
      for (let w = 0; rows.length < N; w++) {
        const period = addWeeks('2024-W01', w);
        for (const area of areas)
          for (const disease of diseases)
            for (const g of AGE_GROUPS)
              for (const sex of SEXES) if (rows.length < N) rows.push([period, area, disease, g, sex, String((w * 7 + rows.length) % 97)]);
      }
      const csv = Buffer.from(['period,area,disease,age_group,sex,count', ...rows.map((r) => r.join(','))].join('\n') + '\n');
      const dhis2 = Buffer.from(
        JSON.stringify({ dataValues: rows.map((r) => ({ dataElement: r[2], period: toDhis2Period(r[0]), orgUnit: r[1], categoryOptionCombo: `${r[3]}_${r[4]}`, value: r[5] })) }),
      );

      // Baseline: the same rows, already parsed, as plain multi-row INSERTs.
      let t = performance.now();
      const now = new Date();
      await store.db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += 500) {
          await trx
            .insertInto('bench_aggregates')
            .values(rows.slice(i, i + 500).map((r) => ({ period: r[0], period_kind: 'week', area: r[1], disease: r[2], age_group: r[3], sex: r[4], count: Number(r[5]), updated_at: now, updated_by: 'bench' })))
            .execute();
        }
      });
      const baseline = performance.now() - t;

      const audit = new AuditLog({ db: store.db, signer: testSigner(), origin: 'bench/surveillance' });
      const principal = { userId: 'bench', username: 'bench', displayName: 'bench', party: 'VN-QN', role: 'epidemiologist' as const, jurisdiction: { kind: 'party' as const, party: 'VN-QN' } };
      const actor = { kind: 'user' as const, id: 'bench', username: 'bench', party: 'VN-QN' };
      const importOnce = async (bytes: Buffer, format: 'csv' | 'dhis2') => {
        const job = new ImportJob(crypto.randomUUID(), 'bench', 'aggregates', format, bytes.length);
        const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536));
        const started = performance.now();
        await runImport({
          db: store.db,
          job,
          importer: aggregatesImporter,
          format,
          input: Readable.from(chunks),
          events: s.events,
          maxBytes: 2 ** 31,
          log: (e) => console.error(e),
          ctx: { ref, today: ref.today(clock()), principal, jobId: job.id, actor, by: actorName(actor), now: clock(), audit: (trx, e) => audit.append(trx, { ...e, actor }).then(() => undefined), cases: s.cases },
        });
        if (job.state !== 'succeeded') throw new Error(`import ${job.state}: ${JSON.stringify(job.report('en').errors.slice(0, 3))}`);
        return { ms: performance.now() - started, job };
      };
      const first = await importOnce(csv, 'csv');
      const again = await importOnce(csv, 'csv');
      const viaDhis2 = await importOnce(dhis2, 'dhis2');
      const rate = (ms: number) => (N / ms) * 1000;
      console.log(`\n[${backend}]  CSV ${fmt(csv.length / 2 ** 20, 1)} MiB, DHIS2 JSON ${fmt(dhis2.length / 2 ** 20, 1)} MiB`);
      console.log(`  plain batched INSERT (baseline)   ${fmt(rate(baseline))} rows/s`);
      console.log(`  CSV import, new rows              ${fmt(rate(first.ms))} rows/s   ratio ${fmt(baseline / first.ms, 2)}× of baseline   (inserted ${fmt(first.job.inserted)})`);
      console.log(`  CSV import, same file again       ${fmt(rate(again.ms))} rows/s   ratio ${fmt(baseline / again.ms, 2)}×   (unchanged ${fmt(again.job.unchanged)})`);
      console.log(`  DHIS2 import, same data           ${fmt(rate(viaDhis2.ms))} rows/s   ratio ${fmt(baseline / viaDhis2.ms, 2)}×   (unchanged ${fmt(viaDhis2.job.unchanged)})`);
    } finally {
      await store.dispose();
    }
  }
  const mem = process.memoryUsage();
  console.log(`\nmemory: rss ${fmt(mem.rss / 2 ** 20)} MiB, heap used ${fmt(mem.heapUsed / 2 ** 20)} MiB`);
}

await main();
