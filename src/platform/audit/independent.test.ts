import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
// sigstore-js's RFC 6962 inclusion verifier. The package exports only its bundle Verifier, so we
// reach the module that implements the Merkle check directly (the package has no exports map).
import { verifyMerkleInclusion } from '@sigstore/verify/dist/tlog/merkle';
import { consistencyProof, hashLeaf, inclusionProof, MemoryTree } from './merkle';

/**
 * Proofs made by our merkle.ts must be accepted by RFC 9162 verifiers we did not write, and
 * tampered ones rejected: a Python transcription of the RFC's algorithms, and sigstore-js.
 */

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const flip = (b: Uint8Array, at: number) => {
  const c = new Uint8Array(b);
  c[at % c.length] ^= 0x20;
  return c;
};

// Deterministic random trees (sizes 0..300) so that a failure reproduces.
const trees = fc.sample(
  fc
    .integer({ min: 0, max: 300 })
    .chain((n) => fc.array(fc.uint8Array({ maxLength: 32 }), { minLength: n, maxLength: n }))
    .map((bodies) => bodies.map((b, i) => new Uint8Array([...new TextEncoder().encode(`${i}|`), ...b]))),
  { seed: 9162, numRuns: 12 },
);
trees.push(Array.from({ length: 64 }, (_, i) => new TextEncoder().encode(`power of two ${i}`)));

interface Case {
  expect: boolean;
  [k: string]: unknown;
}

function buildCases(): Case[] {
  const cases: Case[] = [];
  trees.forEach((d, t) => {
    const tree = new MemoryTree(d);
    const n = d.length;
    const roots = Array.from({ length: n + 1 }, (_, s) => tree.root(s));
    cases.push({ kind: 'root', entries: d.map(hex), root: hex(roots[n]), expect: true });
    if (n > 0) cases.push({ kind: 'root', entries: d.map(hex), root: hex(flip(roots[n], t)), expect: false });
    for (let i = 0; i < n; i++) {
      const path = inclusionProof(i, n, tree.source).map(hex);
      const c = { kind: 'inclusion', leaf_index: i, tree_size: n, entry_hex: hex(d[i]), path, root: hex(roots[n]) };
      cases.push({ ...c, expect: true });
      cases.push({ ...c, entry_hex: hex(flip(d[i], i)), expect: false });
      cases.push({ ...c, root: hex(flip(roots[n], i)), expect: false });
      if (path.length > 0) {
        const bad = path.map((p, j) => (j === i % path.length ? hex(flip(Buffer.from(p, 'hex'), i)) : p));
        cases.push({ ...c, path: bad, expect: false });
      }
      if (n > 1) cases.push({ ...c, leaf_index: (i + 1) % n, expect: false });
    }
    // Every m ≤ n for the smaller trees, a spread of m for the larger ones.
    const firsts = n <= 64 ? Array.from({ length: n + 1 }, (_, m) => m) : [0, 1, 2, 3, 7, 8, 9, 31, 32, 33, n >> 1, n - 1, n];
    for (const m of firsts) {
      const path = consistencyProof(m, n, tree.source).map(hex);
      const c = { kind: 'consistency', first: m, second: n, first_hash: hex(roots[m]), second_hash: hex(roots[n]), path };
      cases.push({ ...c, expect: true });
      cases.push({ ...c, first_hash: hex(flip(roots[m], m)), expect: false });
      if (m > 0) cases.push({ ...c, second_hash: hex(flip(roots[n], m)), expect: false });
      if (path.length > 0) {
        cases.push({ ...c, path: path.slice(1), expect: false });
        cases.push({ ...c, path: [hex(flip(Buffer.from(path[0], 'hex'), m)), ...path.slice(1)], expect: false });
      }
      // Consistency between two intermediate sizes too, not only against the full tree.
      if (m > 0 && m < n) {
        const mid = m + ((n - m) >> 1);
        const p2 = consistencyProof(m, mid, tree.source).map(hex);
        cases.push({ kind: 'consistency', first: m, second: mid, first_hash: hex(roots[m]), second_hash: hex(roots[mid]), path: p2, expect: true });
      }
    }
  });
  return cases;
}

const python = spawnSync('python3', ['--version']);
const hasPython = python.status === 0;

describe('independent verifiers', () => {
  it.skipIf(!hasPython)('a Python transcription of RFC 9162 §2.1.3.2/§2.1.4.2 agrees on every case', () => {
    const cases = buildCases();
    const script = fileURLToPath(new URL('./independent_verify.py', import.meta.url));
    const run = spawnSync('python3', [script], {
      input: JSON.stringify(cases.map(({ expect: _, ...c }) => c)),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const got = JSON.parse(run.stdout) as boolean[];
    expect(got).toHaveLength(cases.length);
    const wrong = cases.filter((c, i) => got[i] !== c.expect);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(cases.filter((c) => c.expect).length).toBeGreaterThan(1000);
    expect(cases.filter((c) => !c.expect).length).toBeGreaterThan(1000);
  });

  it("sigstore-js's RFC 6962 inclusion verifier accepts our proofs and rejects tampered ones", () => {
    const check = (body: Uint8Array, index: number, size: number, path: Uint8Array[], root: Uint8Array) => {
      const entry = {
        canonicalizedBody: Buffer.from(body),
        inclusionProof: { logIndex: String(index), hashes: path.map((p) => Buffer.from(p)) },
      };
      const checkpoint = { logSize: BigInt(size), logHash: Buffer.from(root) };
      try {
        verifyMerkleInclusion(entry as never, checkpoint as never);
        return true;
      } catch {
        return false;
      }
    };
    let accepted = 0;
    for (const d of trees) {
      const tree = new MemoryTree(d);
      const n = d.length;
      const root = tree.root();
      for (let i = 0; i < n; i++) {
        const path = inclusionProof(i, n, tree.source);
        expect(check(d[i], i, n, path, root)).toBe(true);
        expect(check(flip(d[i], i), i, n, path, root)).toBe(false);
        expect(check(d[i], i, n, path, flip(root, i))).toBe(false);
        if (path.length > 0) expect(check(d[i], i, n, path.map((p, j) => (j === 0 ? flip(p, i) : p)), root)).toBe(false);
        if (n > 1) expect(check(d[i], (i + 1) % n, n, path, root)).toBe(false);
        accepted++;
      }
      // And the leaf hash it computes is ours.
      if (n > 0) expect(hex(tree.source(0, 0))).toBe(hex(hashLeaf(d[0])));
    }
    expect(accepted).toBeGreaterThan(500);
  });
});
