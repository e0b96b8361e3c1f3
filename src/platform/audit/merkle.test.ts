import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  consistencyProof,
  EMPTY_ROOT,
  hashChildren,
  hashLeaf,
  inclusionProof,
  MemoryTree,
  rootHash,
  splitPoint,
  subtreesOfRange,
} from './merkle';
import { nodeSha256 } from './testing';
import { fromBase64, rootFromEntries, toBase64, verifyConsistency, verifyInclusion, webCryptoSha256 } from './verify';

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// Known answers from transparency-dev/merkle (Apache-2.0), the reference implementation behind
// Trillian and the Go CT libraries: testonly/constants.go (LeafInputs, NodeHashes, RootHashes)
// and proof/verify_test.go (inclusionProofs — leaf numbers there are 1-based — and
// consistencyProofs). These are the same 8-leaf vectors as google/certificate-transparency's
// merkle tests.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
const NODE_HASHES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  [
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
];
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION: { leaf: number; size: number; proof: string[] }[] = [
  { leaf: 1, size: 1, proof: [] },
  {
    leaf: 1,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    leaf: 6,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { leaf: 3, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    leaf: 2,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const CONSISTENCY: { size1: number; size2: number; proof: string[] }[] = [
  { size1: 1, size2: 1, proof: [] },
  {
    size1: 1,
    size2: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    size1: 6,
    size2: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    size1: 2,
    size2: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    size1: 6,
    size2: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];
// proof/verify_test.go's sha256SomeHash: an arbitrary well-formed hash that is in no tree.
const SOME_HASH = hex('abacaba000000000000000000000000000000000000000000060061e00123456');

/** RFC 9162 §2.1.1 MTH straight from its recursive definition: the reference for our range code. */
function refMth(d: Uint8Array[]): Uint8Array {
  if (d.length === 0) return EMPTY_ROOT;
  if (d.length === 1) return hashLeaf(d[0]);
  const k = splitPoint(d.length);
  return hashChildren(refMth(d.slice(0, k)), refMth(d.slice(k)));
}
/** RFC 9162 §2.1.3.1 PATH(m, D[n]), recursively. */
function refPath(m: number, d: Uint8Array[]): Uint8Array[] {
  if (d.length <= 1) return [];
  const k = splitPoint(d.length);
  return m < k ? [...refPath(m, d.slice(0, k)), refMth(d.slice(k))] : [...refPath(m - k, d.slice(k)), refMth(d.slice(0, k))];
}
/** RFC 9162 §2.1.4.1 SUBPROOF(m, D[n], b), recursively. */
function refSubproof(m: number, d: Uint8Array[], b: boolean): Uint8Array[] {
  if (m === d.length) return b ? [] : [refMth(d)];
  const k = splitPoint(d.length);
  return m <= k
    ? [...refSubproof(m, d.slice(0, k), b), refMth(d.slice(k))]
    : [...refSubproof(m - k, d.slice(k), false), refMth(d.slice(0, k))];
}

const flip = (b: Uint8Array, at: number, bit = 1) => {
  const c = new Uint8Array(b);
  c[at % c.length] ^= bit;
  return c;
};

describe('merkle known answers (transparency-dev/merkle vectors)', () => {
  const tree = new MemoryTree(LEAVES);

  it('reproduces every node hash and every root for sizes 0..8', () => {
    NODE_HASHES.forEach((level, l) => level.forEach((h, i) => expect(toHex(tree.source(l, i))).toBe(h)));
    ROOTS.forEach((r, size) => expect(toHex(tree.root(size))).toBe(r));
    expect(toHex(EMPTY_ROOT)).toBe(ROOTS[0]);
  });

  it('generates the published inclusion proofs and verifies them', async () => {
    for (const v of INCLUSION) {
      const proof = inclusionProof(v.leaf - 1, v.size, tree.source);
      expect(proof.map(toHex)).toEqual(v.proof);
      const ok = await verifyInclusion(nodeSha256, {
        index: v.leaf - 1,
        treeSize: v.size,
        leafHash: hashLeaf(LEAVES[v.leaf - 1]),
        path: proof,
        rootHash: hex(ROOTS[v.size]),
      });
      expect(ok).toBe(true);
    }
  });

  it('generates the published consistency proofs and verifies them', async () => {
    for (const v of CONSISTENCY) {
      const proof = consistencyProof(v.size1, v.size2, tree.source);
      expect(proof.map(toHex)).toEqual(v.proof);
      const input = { first: v.size1, second: v.size2, firstRoot: hex(ROOTS[v.size1]), secondRoot: hex(ROOTS[v.size2]) };
      expect(await verifyConsistency(nodeSha256, { ...input, path: proof })).toBe(true);
    }
  });

  it('rejects the corrupted inclusion probes of proof/verify_test.go', async () => {
    for (const v of INCLUSION.slice(1)) {
      const [index, size, root, leaf] = [v.leaf - 1, v.size, hex(ROOTS[v.size]), hashLeaf(LEAVES[v.leaf - 1])];
      const proof = v.proof.map(hex);
      const probes = [
        { index: index - 1 },
        { index: index + 1 },
        { index: index ^ 2 },
        { treeSize: size * 2 },
        { treeSize: Math.floor(size / 2) },
        { leafHash: new TextEncoder().encode('WrongLeaf') },
        { rootHash: EMPTY_ROOT },
        { rootHash: SOME_HASH },
        { path: [...proof, new Uint8Array(0)] },
        { path: [...proof, root] },
        { path: [new Uint8Array(0), ...proof] },
        { path: [root, ...proof] },
        ...proof.map((_, i) => ({ path: proof.map((p, j) => (i === j ? flip(p, 0, 8) : p)) })),
        ...(proof.length > 0 ? [{ path: proof.slice(0, -1) }] : []),
        ...(proof.length > 1 ? [{ path: [proof[0], SOME_HASH, ...proof.slice(1)] }] : []),
      ];
      for (const probe of probes) {
        const ok = await verifyInclusion(nodeSha256, { index, treeSize: size, leafHash: leaf, path: proof, rootHash: root, ...probe });
        expect(ok, JSON.stringify(Object.keys(probe))).toBe(false);
      }
    }
  });

  it('rejects the corrupted consistency probes of proof/verify_test.go', async () => {
    for (const v of CONSISTENCY.filter((c) => c.proof.length > 0)) {
      const [first, second, firstRoot, secondRoot] = [v.size1, v.size2, hex(ROOTS[v.size1]), hex(ROOTS[v.size2])];
      const proof = v.proof.map(hex);
      const wrong = new TextEncoder().encode('WrongRoot');
      const probes = [
        { first: first - 1 },
        { first: first + 1 },
        { first: first ^ 2 },
        { second: second * 2 },
        { second: Math.floor(second / 2) },
        { firstRoot: wrong },
        { secondRoot: wrong },
        { firstRoot: secondRoot, secondRoot: firstRoot },
        { path: [] },
        { path: [...proof, new Uint8Array(0)] },
        { path: [...proof, firstRoot] },
        { path: [...proof, secondRoot] },
        { path: [new Uint8Array(0), ...proof] },
        { path: [firstRoot, ...proof] },
        { path: [secondRoot, ...proof] },
        { path: [proof[0], ...proof] },
        { path: proof.slice(0, -1) },
        ...proof.map((_, i) => ({ path: proof.map((p, j) => (i === j ? flip(p, 0, 16) : p)) })),
      ];
      for (const probe of probes) {
        const ok = await verifyConsistency(nodeSha256, { first, second, firstRoot, secondRoot, path: proof, ...probe });
        expect(ok, JSON.stringify(probe)).toBe(false);
      }
    }
  });

  it('handles the trivial consistency cases like the reference', async () => {
    const a = hex(ROOTS[3]);
    const v = (first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, path: Uint8Array[] = []) =>
      verifyConsistency(nodeSha256, { first, second, firstRoot, secondRoot, path });
    expect(await v(0, 0, EMPTY_ROOT, EMPTY_ROOT)).toBe(true);
    expect(await v(0, 5, EMPTY_ROOT, hex(ROOTS[5]))).toBe(true);
    expect(await v(3, 3, a, a)).toBe(true);
    expect(await v(3, 3, a, hex(ROOTS[4]))).toBe(false);
    expect(await v(3, 3, a, a, [EMPTY_ROOT])).toBe(false);
    expect(await v(0, 5, EMPTY_ROOT, hex(ROOTS[5]), [EMPTY_ROOT])).toBe(false);
    expect(await v(0, 5, a, hex(ROOTS[5]))).toBe(false); // size 0 commits to SHA-256("")
    expect(await v(4, 3, hex(ROOTS[4]), a)).toBe(false); // time travel
    expect(await v(1, 2, hex(ROOTS[1]), hex(ROOTS[2]))).toBe(false); // empty proof
  });

  it('verifies a single-entry tree like proof/verify_test.go', async () => {
    const h = hashLeaf(new TextEncoder().encode('data'));
    const v = (leafHash: Uint8Array, rootHash: Uint8Array) => verifyInclusion(nodeSha256, { index: 0, treeSize: 1, leafHash, path: [], rootHash });
    expect(await v(h, h)).toBe(true);
    expect(await v(new Uint8Array(0), h)).toBe(false);
    expect(await v(h, new Uint8Array(0))).toBe(false);
    for (const [index, treeSize] of [[0, 0], [1, 0], [2, 1]]) {
      expect(await verifyInclusion(nodeSha256, { index, treeSize, leafHash: SOME_HASH, path: [], rootHash: EMPTY_ROOT })).toBe(false);
    }
  });
});

// Entries are prefixed with their index so that no two leaves are equal: with duplicate leaves a
// proof for one position can legitimately verify for another, which is not tampering.
const treeArb = fc
  .integer({ min: 0, max: 300 })
  .chain((n) => fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: n, maxLength: n }))
  .map((bodies) => bodies.map((b, i) => new Uint8Array([...new TextEncoder().encode(`${i}:`), ...b])));

describe('merkle properties', () => {
  it('range-based roots and proofs equal the RFC recursive definitions', () => {
    fc.assert(
      fc.property(treeArb.filter((d) => d.length <= 70), (d) => {
        const tree = new MemoryTree(d);
        for (let n = 0; n <= d.length; n++) {
          const prefix = d.slice(0, n);
          expect(toHex(tree.root(n))).toBe(toHex(refMth(prefix)));
          for (let m = 0; m < n; m++) expect(inclusionProof(m, n, tree.source).map(toHex)).toEqual(refPath(m, prefix).map(toHex));
          for (let m = 1; m < n; m++) {
            expect(consistencyProof(m, n, tree.source).map(toHex)).toEqual(refSubproof(m, prefix, true).map(toHex));
          }
        }
      }),
      { numRuns: 15 },
    );
  });

  it('every inclusion proof verifies, and tampering with entry, proof, root, index or size fails', async () => {
    await fc.assert(
      fc.asyncProperty(treeArb, fc.nat(), async (d, seed) => {
        const tree = new MemoryTree(d);
        const n = d.length;
        const root = tree.root();
        expect(toHex(await rootFromEntries(nodeSha256, d))).toBe(toHex(root));
        for (let i = 0; i < n; i++) {
          const path = inclusionProof(i, n, tree.source);
          const base = { index: i, treeSize: n, leafHash: hashLeaf(d[i]), path, rootHash: root };
          expect(await verifyInclusion(nodeSha256, base)).toBe(true);
          const r = seed + i * 7919;
          expect(await verifyInclusion(nodeSha256, { ...base, leafHash: hashLeaf(flip(d[i].length ? d[i] : new Uint8Array(1), r)) })).toBe(false);
          expect(await verifyInclusion(nodeSha256, { ...base, rootHash: flip(root, r, 1 << r % 8) })).toBe(false);
          if (path.length > 0) {
            const at = r % path.length;
            expect(await verifyInclusion(nodeSha256, { ...base, path: path.map((p, j) => (j === at ? flip(p, r) : p)) })).toBe(false);
          }
          if (n > 1) expect(await verifyInclusion(nodeSha256, { ...base, index: (i + 1 + (r % (n - 1))) % n })).toBe(false);
          // A different size, checked against that size's own root: a checkpoint binds both, and
          // RFC 9162 verification only sees the size through the path's shape.
          const other = i + 1 + (r % (n - i));
          if (other !== n) expect(await verifyInclusion(nodeSha256, { ...base, treeSize: other, rootHash: tree.root(other) })).toBe(false);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('every consistency proof verifies, and tampering with roots, proof or sizes fails', async () => {
    await fc.assert(
      fc.asyncProperty(treeArb, fc.nat(), async (d, seed) => {
        const tree = new MemoryTree(d);
        const n = d.length;
        const roots = Array.from({ length: n + 1 }, (_, s) => tree.root(s));
        for (let m = 0; m <= n; m++) {
          const path = consistencyProof(m, n, tree.source);
          const base = { first: m, second: n, firstRoot: roots[m], secondRoot: roots[n], path };
          expect(await verifyConsistency(nodeSha256, base)).toBe(true);
          const r = seed + m * 104729;
          expect(await verifyConsistency(nodeSha256, { ...base, firstRoot: flip(roots[m], r) })).toBe(false);
          // The empty tree is a prefix of every tree, so only m > 0 constrains the second root.
          if (m > 0) expect(await verifyConsistency(nodeSha256, { ...base, secondRoot: flip(roots[n], r) })).toBe(false);
          if (path.length > 0) {
            const at = r % path.length;
            expect(await verifyConsistency(nodeSha256, { ...base, path: path.map((p, j) => (j === at ? flip(p, r) : p)) })).toBe(false);
            expect(await verifyConsistency(nodeSha256, { ...base, path: path.slice(0, -1) })).toBe(false);
          }
          // Claiming other sizes, each with its own genuine root, must not verify with this proof —
          // unless it happens to be that claim's genuine proof too (e.g. empty for 0 → 0).
          const same = (a: Uint8Array[], b: Uint8Array[]) => a.map(toHex).join() === b.map(toHex).join();
          const m2 = r % (n + 1);
          const asM2 = await verifyConsistency(nodeSha256, { ...base, first: m2, firstRoot: roots[m2] });
          if (m2 !== m) expect(asM2).toBe(same(path, consistencyProof(m2, n, tree.source)));
          const n2 = m + (r % (n - m + 1));
          const asN2 = await verifyConsistency(nodeSha256, { ...base, second: n2, secondRoot: roots[n2] });
          if (n2 !== n) expect(asN2).toBe(same(path, consistencyProof(m, n2, tree.source)));
        }
      }),
      { numRuns: 25 },
    );
  });

  it('random pairs m ≤ n inside one large tree verify', async () => {
    const d = Array.from({ length: 1500 }, (_, i) => new TextEncoder().encode(`entry ${i}`));
    const tree = new MemoryTree(d);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 1500 }), async (a, b) => {
        const [m, n] = a <= b ? [a, b] : [b, a];
        const path = consistencyProof(m, n, tree.source);
        expect(await verifyConsistency(nodeSha256, { first: m, second: n, firstRoot: tree.root(m), secondRoot: tree.root(n), path })).toBe(true);
        if (n > 0) {
          const i = a % n;
          const ok = await verifyInclusion(nodeSha256, { index: i, treeSize: n, leafHash: hashLeaf(d[i]), path: inclusionProof(i, n, tree.source), rootHash: tree.root(n) });
          expect(ok).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('merkle helpers', () => {
  it('decomposes aligned ranges into perfect subtrees and refuses unaligned ones', () => {
    expect(subtreesOfRange(0, 7)).toEqual([{ level: 2, index: 0 }, { level: 1, index: 2 }, { level: 0, index: 6 }]);
    expect(subtreesOfRange(8, 12)).toEqual([{ level: 2, index: 2 }]);
    expect(() => subtreesOfRange(1, 3)).toThrow(RangeError);
    expect(() => rootHash(-1, () => EMPTY_ROOT)).toThrow(RangeError);
    expect(() => inclusionProof(3, 3, () => EMPTY_ROOT)).toThrow(RangeError);
    expect(() => consistencyProof(4, 3, () => EMPTY_ROOT)).toThrow(RangeError);
  });

  it('WebCrypto and node:crypto hashes agree, and base64 helpers are strict', async () => {
    const d = LEAVES;
    expect(toHex(await rootFromEntries(webCryptoSha256, d))).toBe(ROOTS[8]);
    expect(toBase64(fromBase64('AAECAw=='))).toBe('AAECAw==');
    expect(() => fromBase64('AAECAw')).toThrow();
  });
});
