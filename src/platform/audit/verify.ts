/**
 * RFC 9162 §2.1.3.2 / §2.1.4.2 proof verification. Pure: no Node imports, because the web app
 * re-exports this file and verifies proofs in the browser with WebCrypto. The hash is passed in.
 */

/** An asynchronous SHA-256: WebCrypto in the browser, node:crypto or WebCrypto on the server. */
export type Sha256 = (bytes: Uint8Array) => Promise<Uint8Array>;

const HASH_SIZE = 32;

/** SHA-256 through WebCrypto (`crypto.subtle`), available in browsers and in Node ≥ 20. */
export const webCryptoSha256: Sha256 = async (bytes) =>
  new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Constant-shape byte comparison (all inputs here are public, so timing does not matter). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Leaf hash: SHA-256(0x00 ‖ entry). */
export function leafHashOf(sha256: Sha256, entry: Uint8Array): Promise<Uint8Array> {
  return sha256(concat(Uint8Array.of(0x00), entry));
}

function nodeHash(sha256: Sha256, left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(concat(Uint8Array.of(0x01), left, right));
}

// Sizes can exceed 2^31, where JS bitwise operators would wrap; plain arithmetic stays exact.
const isOdd = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);
const isCount = (x: number) => Number.isSafeInteger(x) && x >= 0;
const allHashes = (xs: readonly Uint8Array[]) => xs.every((x) => x instanceof Uint8Array && x.length === HASH_SIZE);

export interface InclusionInput {
  index: number;
  treeSize: number;
  leafHash: Uint8Array;
  path: readonly Uint8Array[];
  rootHash: Uint8Array;
}

/** RFC 9162 §2.1.3.2: true iff `leafHash` is leaf `index` of the tree of `treeSize` with `rootHash`. */
export async function verifyInclusion(sha256: Sha256, p: InclusionInput): Promise<boolean> {
  if (!isCount(p.index) || !isCount(p.treeSize) || !Array.isArray(p.path)) return false;
  if (!allHashes([p.leafHash, p.rootHash, ...p.path])) return false;
  // 1. leaf_index ≥ tree_size fails.
  if (p.index >= p.treeSize) return false;
  // 2. fn = leaf_index, sn = tree_size − 1. 3. r = hash.
  let fn = p.index;
  let sn = p.treeSize - 1;
  let r = p.leafHash;
  // 4. For each p in the path:
  for (const node of p.path) {
    if (sn === 0) return false; // a. more path than tree.
    if (isOdd(fn) || fn === sn) {
      r = await nodeHash(sha256, node, r); // b.i
      // b.ii: climb past the levels where this node has no right sibling.
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = await nodeHash(sha256, r, node); // b. otherwise
    }
    fn = half(fn); // c.
    sn = half(sn);
  }
  // 5. sn must reach 0 exactly and r must be the root.
  return sn === 0 && bytesEqual(r, p.rootHash);
}

export interface ConsistencyInput {
  first: number;
  second: number;
  firstRoot: Uint8Array;
  secondRoot: Uint8Array;
  path: readonly Uint8Array[];
}

/** RFC 9162 §2.1.4.2: true iff the tree (second, secondRoot) extends the tree (first, firstRoot). */
export async function verifyConsistency(sha256: Sha256, p: ConsistencyInput): Promise<boolean> {
  if (!isCount(p.first) || !isCount(p.second) || !Array.isArray(p.path)) return false;
  if (!allHashes([p.firstRoot, p.secondRoot, ...p.path])) return false;
  if (p.first > p.second) return false;
  // Cases the RFC leaves implicit, with nothing to prove and so an empty path: a tree is
  // consistent with itself, and the empty tree (whose root is SHA-256("")) with every tree.
  if (p.first === p.second) return p.path.length === 0 && bytesEqual(p.firstRoot, p.secondRoot);
  if (p.first === 0) return p.path.length === 0 && bytesEqual(p.firstRoot, await sha256(new Uint8Array(0)));
  // 1. An empty path fails.
  if (p.path.length === 0) return false;
  // 2. If first is a power of two, the old root is itself the first node of the proof.
  const path = isPowerOfTwo(p.first) ? [p.firstRoot, ...p.path] : [...p.path];
  // 3. fn = first − 1, sn = second − 1.
  let fn = p.first - 1;
  let sn = p.second - 1;
  // 4. Skip the levels where the old tree's last node is a right child.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5. fr = sr = path[0].
  let fr = path[0];
  let sr = path[0];
  // 6. For each subsequent c:
  for (const c of path.slice(1)) {
    if (sn === 0) return false; // a.
    if (isOdd(fn) || fn === sn) {
      fr = await nodeHash(sha256, c, fr); // b.i
      sr = await nodeHash(sha256, c, sr); // b.ii
      if (!isOdd(fn)) {
        // b.iii
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = await nodeHash(sha256, sr, c); // b. otherwise: only the new tree grows.
    }
    fn = half(fn); // c.
    sn = half(sn);
  }
  // 7. Both roots must be reproduced and the whole path consumed.
  return bytesEqual(fr, p.firstRoot) && bytesEqual(sr, p.secondRoot) && sn === 0;
}

function isPowerOfTwo(x: number): boolean {
  while (x > 1 && x % 2 === 0) x /= 2;
  return x === 1;
}

/** MTH over whole entries (not hashes): what a client recomputes from downloaded entries. */
export async function rootFromEntries(sha256: Sha256, entries: Iterable<Uint8Array>): Promise<Uint8Array> {
  const leaves: Uint8Array[] = [];
  for (const e of entries) leaves.push(await leafHashOf(sha256, e));
  return rootFromLeafHashes(sha256, leaves);
}

/** MTH over leaf hashes, built left to right with a stack of perfect subtrees (a compact range). */
export async function rootFromLeafHashes(sha256: Sha256, leaves: readonly Uint8Array[]): Promise<Uint8Array> {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  const stack: { size: number; hash: Uint8Array }[] = [];
  for (const leaf of leaves) {
    let top = { size: 1, hash: leaf };
    while (stack.length > 0 && stack[stack.length - 1].size === top.size) {
      const left = stack.pop()!;
      top = { size: left.size * 2, hash: await nodeHash(sha256, left.hash, top.hash) };
    }
    stack.push(top);
  }
  // The right-most, smaller subtrees hang off the larger ones to their left (RFC's k-split).
  let acc = stack[stack.length - 1].hash;
  for (let i = stack.length - 2; i >= 0; i--) acc = await nodeHash(sha256, stack[i].hash, acc);
  return acc;
}

/** Standard base64 (RFC 4648 §4) encoding without Node's Buffer. */
export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Strict standard base64 decoding; throws on anything that does not round-trip. */
export function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  if (toBase64(out) !== text) throw new Error('not canonical base64');
  return out;
}
