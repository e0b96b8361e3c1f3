import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BhError } from '../errors';
import { openTestStore, TEST_BACKENDS } from '../store/testing';
import { rawEd25519PublicKey, verifyCheckpoint } from './checkpoint';
import { encodeAuditEntry, completeAuditEntry } from './entry';
import { auditMigrations } from './index';
import { MemoryTree } from './merkle';
import { AuditLog } from './store';
import { nodeSha256, sampleEntry, testSigner } from './testing';
import { fromBase64, leafHashOf, verifyConsistency, verifyInclusion } from './verify';

const ORIGIN = 'borderhealth.example/VN-QN';

async function expectRange(p: Promise<unknown>): Promise<void> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(BhError);
  expect((e as BhError).code).toBe('BH_AUDIT_RANGE');
  expect((e as BhError).status).toBe(400);
}

describe.each(TEST_BACKENDS)('audit log on %s', (backend) => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  const signer = testSigner('node-key-2025');
  let log: AuditLog;
  // What we expect the log to hold, in order, built independently of the store.
  const expected: Uint8Array[] = [];

  beforeAll(async () => {
    store = await openTestStore(backend, auditMigrations);
    log = new AuditLog({ db: store.db, signer, origin: ORIGIN });
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it('starts empty with a signed empty tree head', async () => {
    const head = await log.treeHead();
    expect(head.treeSize).toBe(0);
    expect(head.rootHash).toBe(Buffer.from(new MemoryTree().root()).toString('base64'));
    expect(verifyCheckpoint(head.checkpoint, rawEd25519PublicKey(signer.publicKey), ORIGIN).size).toBe(0);
  });

  it('appends inside transactions; rolled-back appends vanish without leaving gaps', async () => {
    for (let n = 0; n < 70; n++) {
      const input = sampleEntry(n);
      if (n % 7 === 3) {
        // The business change fails after the audit append: both must disappear.
        await expect(
          store.db.transaction().execute(async (trx) => {
            await log.append(trx, input);
            throw new Error('business change failed');
          }),
        ).rejects.toThrow('business change failed');
        continue;
      }
      const { index } = n % 2 === 0 ? await store.db.transaction().execute((trx) => log.append(trx, input)) : await log.appendNow(input);
      expect(index).toBe(expected.length);
      expected.push(encodeAuditEntry(completeAuditEntry(input)));
    }
    expect(await log.size()).toBe(expected.length);
    // Appending outside a transaction still wraps head bump and insert in one.
    const { index } = await log.append(store.db, sampleEntry(1000));
    expect(index).toBe(expected.length);
    expected.push(encodeAuditEntry(completeAuditEntry(sampleEntry(1000))));
  });

  it('gives contiguous indices to 50 concurrent transactions', async () => {
    const before = expected.length;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.db.transaction().execute((trx) => log.append(trx, sampleEntry(2000 + i)))),
    );
    const indices = results.map((r) => r.index).sort((a, b) => a - b);
    expect(indices).toEqual(Array.from({ length: 50 }, (_, i) => before + i));
    // Record the expected bytes in commit order, as stored.
    const rows = await log.entries(before, before + 50);
    for (const r of rows) expected.push(fromBase64(r.bytes));
    expect(rows.map((r) => r.index)).toEqual(indices);
  });

  it('appends batches of every size at every offset as single appends would, concurrently too', async () => {
    // Sizes chosen so batches start and end on and off power-of-two boundaries (stored subtrees
    // straddling the batch start are read, those inside it computed).
    for (const size of [1, 2, 3, 5, 8, 13, 1, 31, 64, 7]) {
      const inputs = Array.from({ length: size }, (_, i) => sampleEntry(3000 + expected.length + i));
      const before = expected.length;
      const indexes = await store.db.transaction().execute((trx) => log.appendMany(trx, inputs));
      expect(indexes.map((r) => r.index)).toEqual(inputs.map((_, i) => before + i));
      for (const input of inputs) expected.push(encodeAuditEntry(completeAuditEntry(input)));
      expect((await log.treeHead()).rootHash).toBe(Buffer.from(new MemoryTree(expected).root()).toString('base64'));
    }
    // A batch rolled back leaves nothing; an empty batch is nothing.
    await expect(
      store.db.transaction().execute(async (trx) => {
        await log.appendMany(trx, [sampleEntry(1), sampleEntry(2)]);
        throw new Error('business change failed');
      }),
    ).rejects.toThrow('business change failed');
    expect(await log.appendMany(store.db, [])).toEqual([]);
    // Concurrent batches get disjoint contiguous ranges.
    const before = expected.length;
    const batches = await Promise.all(
      [3, 4, 9].map((n, b) => store.db.transaction().execute((trx) => log.appendMany(trx, Array.from({ length: n }, (_, i) => sampleEntry(5000 + 10 * b + i))))),
    );
    const all = batches.flat().map((r) => r.index).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 16 }, (_, i) => before + i));
    for (const r of await log.entries(before, before + 16)) expected.push(fromBase64(r.bytes));
  });

  it('serves a tree head whose root is merkle.ts over the entry bytes, with a valid checkpoint', async () => {
    const head = await log.treeHead();
    const reference = new MemoryTree(expected);
    expect(head.treeSize).toBe(expected.length);
    expect(head.rootHash).toBe(Buffer.from(reference.root()).toString('base64'));
    expect(head.keyId).toBe('node-key-2025');
    const v = verifyCheckpoint(head.checkpoint, rawEd25519PublicKey(signer.publicKey), ORIGIN);
    expect(v).toEqual({ origin: ORIGIN, size: expected.length, rootHash: reference.root() });
    expect(head.checkpoint).toContain(head.signature);
  });

  it('returns the exact hashed bytes and parsed entries', async () => {
    const rows = await log.entries(0, 10);
    expect(rows).toHaveLength(10);
    for (const r of rows) {
      const bytes = fromBase64(r.bytes);
      expect(Buffer.from(bytes)).toEqual(Buffer.from(expected[r.index]));
      expect(Buffer.from(await leafHashOf(nodeSha256, bytes)).toString('base64')).toBe(r.leafHash);
      expect(r.entry).toEqual(JSON.parse(new TextDecoder().decode(bytes)));
    }
    expect(await log.entries(expected.length - 2, expected.length + 100)).toHaveLength(2);
    expect(await log.entries(expected.length, expected.length + 5)).toEqual([]);
    await expectRange(log.entries(5, 4));
    await expectRange(log.entries(-1, 4));
    await expectRange(log.entries(0, 1001));
    await expectRange(log.entries(expected.length + 1, expected.length + 2));
  });

  it('serves inclusion and consistency proofs that verify', async () => {
    const n = expected.length;
    const reference = new MemoryTree(expected);
    const sizes = [1, 2, 3, 7, 8, 9, 31, 32, 33, 64, 100, n - 1, n];
    for (const size of sizes) {
      const root = reference.root(size);
      for (const index of new Set([0, 1, size >> 1, size - 2, size - 1].filter((i) => i >= 0 && i < size))) {
        const p = await log.inclusionProof(index, size);
        expect(p.index).toBe(index);
        expect(p.treeSize).toBe(size);
        const ok = await verifyInclusion(nodeSha256, {
          index,
          treeSize: size,
          leafHash: await leafHashOf(nodeSha256, expected[index]),
          path: p.path.map(fromBase64),
          rootHash: root,
        });
        expect(ok, `inclusion ${index} in ${size}`).toBe(true);
        expect(p.leafHash).toBe(Buffer.from(reference.source(0, index)).toString('base64'));
      }
      for (const first of new Set([0, 1, 2, 5, 8, size >> 1, size - 1, size].filter((m) => m >= 0 && m <= size))) {
        const c = await log.consistencyProof(first, size);
        const ok = await verifyConsistency(nodeSha256, {
          first,
          second: size,
          firstRoot: reference.root(first),
          secondRoot: root,
          path: c.path.map(fromBase64),
        });
        expect(ok, `consistency ${first} → ${size}`).toBe(true);
      }
    }
    await expectRange(log.inclusionProof(n, n));
    await expectRange(log.inclusionProof(0, n + 1));
    await expectRange(log.inclusionProof(-1, n));
    await expectRange(log.inclusionProof(0.5, n));
    await expectRange(log.consistencyProof(5, 4));
    await expectRange(log.consistencyProof(1, n + 1));
  });

  it('answers proofs from stored subtrees: about one node row per entry, none outside the tree', async () => {
    const { nodes } = await store.db
      .selectFrom('audit_nodes')
      .select(sql<number>`count(*)::int`.as('nodes'))
      .executeTakeFirstOrThrow();
    // A tree of n leaves has n − popcount(n) complete interior subtrees.
    const n = expected.length;
    const popcount = n.toString(2).split('1').length - 1;
    expect(nodes).toBe(n - popcount);
  });

  it('verifyAll passes on an intact log and detects a changed stored byte', async () => {
    const clean = await log.verifyAll();
    expect(clean.problems).toEqual([]);
    expect(clean.ok).toBe(true);
    expect(clean.rootHash).toBe((await log.treeHead()).rootHash);
    expect(clean.storedRootHash).toBe(clean.rootHash);

    const victim = 17;
    const original = expected[victim];
    const tampered = new Uint8Array(original);
    tampered[tampered.length - 3] ^= 0x01;
    await store.db.updateTable('audit_entries').set({ bytes: Buffer.from(tampered) }).where('idx', '=', victim).execute();
    const bad = await log.verifyAll();
    expect(bad.ok).toBe(false);
    expect(bad.problems).toContainEqual(expect.objectContaining({ kind: 'leaf_hash', index: victim }));
    expect(bad.rootHash).not.toBe(bad.storedRootHash);

    // Rewriting the leaf hash as well is caught by the stored subtree hashes above it.
    const { hashLeaf } = await import('./merkle');
    await store.db
      .updateTable('audit_entries')
      .set({ leaf_hash: Buffer.from(hashLeaf(tampered)) })
      .where('idx', '=', victim)
      .execute();
    const worse = await log.verifyAll();
    expect(worse.ok).toBe(false);
    expect(worse.problems.some((p) => p.kind === 'node' || p.kind === 'root')).toBe(true);

    // Search columns are copies of hashed fields; editing one is reported too.
    await store.db.updateTable('audit_entries').set({ bytes: Buffer.from(original), leaf_hash: Buffer.from(hashLeaf(original)) }).where('idx', '=', victim).execute();
    await store.db.updateTable('audit_entries').set({ action: 'auth.logout' }).where('idx', '=', 3).execute();
    const cols = await log.verifyAll();
    expect(cols.problems).toEqual([expect.objectContaining({ kind: 'columns', index: 3 })]);
  });
});
