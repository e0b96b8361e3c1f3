/**
 * Audit log benchmark. Prints, for each back-end, the cost of an audited write against a plain
 * write of the same bytes (baseline, same run), and the latency of proofs served from stored
 * subtree hashes against recomputing them from every leaf (baseline, same run).
 *
 *   npx tsx bench/audit.ts [--entries N]
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { sql, type Migration } from 'kysely';
import { AuditLog, auditMigrations, encodeAuditEntry, completeAuditEntry } from '../src/platform/audit';
import { hashLeaf, inclusionProof, MemoryTree } from '../src/platform/audit/merkle';
import { openTestStore, TEST_BACKENDS } from '../src/platform/store/testing';
import { sampleEntry, testSigner } from '../src/platform/audit/testing';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '3000' } } });
const N = Number(values.entries);

const baselineTable: Record<string, Migration> = {
  '9000_bench_plain': {
    up: (db) => db.schema.createTable('bench_plain').addColumn('id', 'bigserial', (c) => c.primaryKey()).addColumn('bytes', 'bytea', (c) => c.notNull()).execute(),
  },
};

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function main() {
  console.log(`audit log benchmark: ${N} entries per run, one transaction per write`);
  for (const backend of TEST_BACKENDS) {
    const store = await openTestStore(backend, { ...auditMigrations, ...baselineTable });
    try {
      const log = new AuditLog({ db: store.db, signer: testSigner(), origin: 'bench/audit' });
      const inputs = Array.from({ length: N }, (_, i) => sampleEntry(i));
      const bytes = inputs.map((e) => encodeAuditEntry(completeAuditEntry(e)));

      let t = performance.now();
      for (const b of bytes) await store.db.transaction().execute((trx) => trx.insertInto('bench_plain').values({ bytes: Buffer.from(b) }).execute());
      const plain = performance.now() - t;

      t = performance.now();
      for (const e of inputs) await store.db.transaction().execute((trx) => log.append(trx, e));
      const audited = performance.now() - t;

      const size = await log.size();
      const probes = 200;
      t = performance.now();
      for (let i = 0; i < probes; i++) await log.inclusionProof((i * 7919) % size, size);
      const stored = (performance.now() - t) / probes;

      // Baseline: what a log without stored subtrees must do, read every leaf and rebuild.
      t = performance.now();
      const rebuilds = 5;
      for (let i = 0; i < rebuilds; i++) {
        const rows = await store.db.selectFrom('audit_entries').select('bytes').orderBy('idx').execute();
        const tree = new MemoryTree();
        for (const r of rows) tree.appendLeafHash(hashLeaf(new Uint8Array(r.bytes)));
        inclusionProof((i * 7919) % size, size, tree.source);
      }
      const naive = (performance.now() - t) / rebuilds;

      t = performance.now();
      const head = await log.treeHead();
      const headMs = performance.now() - t;
      const { count } = await store.db.selectFrom('audit_nodes').select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow();

      console.log(`\n[${backend}]`);
      console.log(`  plain insert (baseline)   ${fmt((N / plain) * 1000)} writes/s`);
      console.log(`  audited append            ${fmt((N / audited) * 1000)} writes/s   ratio ${fmt(plain / audited, 2)}× of baseline throughput`);
      console.log(`  inclusion proof (stored)  ${fmt(stored, 3)} ms     vs rebuild from ${fmt(size)} leaves ${fmt(naive, 1)} ms   → ${fmt(naive / stored, 0)}× faster`);
      console.log(`  signed tree head          ${fmt(headMs, 2)} ms     (size ${head.treeSize}; ${count} stored subtree hashes)`);
    } finally {
      await store.dispose();
    }
  }
  const mem = process.memoryUsage();
  console.log(`\nmemory: rss ${fmt(mem.rss / 2 ** 20)} MiB, heap used ${fmt(mem.heapUsed / 2 ** 20)} MiB`);
}

await main();
