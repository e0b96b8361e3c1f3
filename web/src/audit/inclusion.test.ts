import { describe, expect, it } from 'vitest';
import { checkInclusion, rootFromInclusionPath, stableJson } from './inclusion';
import { leafHashOf, rootFromLeafHashes, toBase64, verifyInclusion, webCryptoSha256 as sha256 } from './verify';
import type { AuditRecord } from '../api/types';

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) over leaf hashes, straight from the definition. */
async function path(m: number, leaves: Uint8Array[]): Promise<Uint8Array[]> {
  const n = leaves.length;
  if (n <= 1) return [];
  let k = 1;
  while (k * 2 < n) k *= 2;
  if (m < k) return [...(await path(m, leaves.slice(0, k))), await rootFromLeafHashes(sha256, leaves.slice(k))];
  return [...(await path(m - k, leaves.slice(k))), await rootFromLeafHashes(sha256, leaves.slice(0, k))];
}

const entry = (i: number) => ({
  time: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
  actor: { kind: 'user', id: `u${i}`, username: `user${i}`, party: 'VN-QN' },
  action: 'auth.login',
  resource: null,
  purpose: null,
  legalBasis: null,
  peer: null,
  outcome: 'success',
});

async function log(size: number) {
  const records: AuditRecord[] = [];
  const leaves: Uint8Array[] = [];
  for (let i = 0; i < size; i++) {
    const bytes = new TextEncoder().encode(JSON.stringify(entry(i)));
    const leaf = await leafHashOf(sha256, bytes);
    leaves.push(leaf);
    records.push({ index: i, bytes: toBase64(bytes), entry: entry(i), leafHash: toBase64(leaf) });
  }
  return { records, leaves, root: await rootFromLeafHashes(sha256, leaves) };
}

describe('in-browser inclusion verification', () => {
  it('recomputes the root for every leaf of trees of size 1 to 17, agreeing with the shared verifier', async () => {
    for (let n = 1; n <= 17; n++) {
      const { leaves, root } = await log(n);
      for (let m = 0; m < n; m++) {
        const p = await path(m, leaves);
        const computed = await rootFromInclusionPath(sha256, m, n, leaves[m], p);
        expect(computed && toBase64(computed), `n=${n} m=${m}`).toBe(toBase64(root));
        expect(await verifyInclusion(sha256, { index: m, treeSize: n, leafHash: leaves[m], path: p, rootHash: root })).toBe(true);
      }
    }
  });

  it('accepts a genuine entry and reports the recomputed root', async () => {
    const { records, leaves, root } = await log(11);
    const r = await checkInclusion({
      record: records[6],
      proof: { index: 6, treeSize: 11, leafHash: records[6].leafHash, path: (await path(6, leaves)).map(toBase64) },
      treeSize: 11,
      rootHash: toBase64(root),
    });
    expect(r).toMatchObject({ ok: true, computedRoot: toBase64(root), leafHash: records[6].leafHash });
  });

  it('rejects altered bytes, a displayed entry that differs, a wrong path and a wrong root', async () => {
    const { records, leaves, root } = await log(9);
    const proof = { index: 4, treeSize: 9, leafHash: records[4].leafHash, path: (await path(4, leaves)).map(toBase64) };
    const base = { record: records[4], proof, treeSize: 9, rootHash: toBase64(root) };

    const tampered = new TextEncoder().encode(JSON.stringify({ ...entry(4), outcome: 'denied' }));
    expect((await checkInclusion({ ...base, record: { ...records[4], bytes: toBase64(tampered) } })).reason).toBe('leaf-mismatch');
    expect((await checkInclusion({ ...base, record: { ...records[4], entry: { ...entry(4), action: 'auth.logout' } } })).reason).toBe('entry-mismatch');
    const badPath = [...proof.path];
    badPath[0] = toBase64(new Uint8Array(32));
    expect((await checkInclusion({ ...base, proof: { ...proof, path: badPath } })).reason).toBe('root-mismatch');
    expect((await checkInclusion({ ...base, proof: { ...proof, path: proof.path.slice(1) } })).ok).toBe(false);
    expect((await checkInclusion({ ...base, rootHash: toBase64(new Uint8Array(32)) })).reason).toBe('root-mismatch');
    expect((await checkInclusion({ ...base, proof: { ...proof, index: 5 } })).reason).toBe('proof-mismatch');
  });

  it('compares entries independently of key order', () => {
    expect(stableJson({ b: 1, a: [{ y: 2, x: null }] })).toBe(stableJson({ a: [{ x: null, y: 2 }], b: 1 }));
  });

  it('has a node hash that matches RFC 9162 (SHA-256 of 0x01 ‖ left ‖ right)', async () => {
    const a = await leafHashOf(sha256, new Uint8Array([1]));
    const b = await leafHashOf(sha256, new Uint8Array([2]));
    const want = await sha256(concat(Uint8Array.of(1), a, b));
    expect(toBase64((await rootFromInclusionPath(sha256, 0, 2, a, [b]))!)).toBe(toBase64(want));
  });
});
