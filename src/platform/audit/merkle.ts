import { createHash } from 'node:crypto';

/**
 * RFC 9162 §2.1 Merkle Tree Hash over SHA-256, written so that every hash a proof needs is
 * assembled from *perfect* subtrees (2^level leaves starting at index·2^level). The store keeps
 * exactly those subtrees, so roots and proofs cost O(log n) reads instead of a walk over leaves.
 */

export const HASH_SIZE = 32;

/** A perfect subtree: 2^level leaves starting at leaf index·2^level. */
export interface SubtreeRef {
  level: number;
  index: number;
}

/** Answers the hash of a perfect subtree (level 0 is the leaf hash). */
export type SubtreeSource = (level: number, index: number) => Uint8Array;

/** A half-open leaf range [start, end) whose MTH is one element of a proof. */
export type LeafRange = readonly [start: number, end: number];

/** SHA-256 of the concatenated parts. */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** MTH({}) = SHA-256() — the root of the empty tree. */
export const EMPTY_ROOT: Uint8Array = sha256();

/** Leaf hash: SHA-256(0x00 ‖ entry). */
export function hashLeaf(entry: Uint8Array): Uint8Array {
  return sha256(LEAF_PREFIX, entry);
}

/** Interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE_PREFIX, left, right);
}

/** The largest power of two strictly smaller than n (n ≥ 2): the RFC's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function checkSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative safe integer`);
}

/**
 * The perfect subtrees whose MTH-composition is MTH(D[start:end]): powers of two in descending
 * order. Every range produced by the RFC's recursion starts on a multiple of a power of two at
 * least its length, which is exactly what makes this decomposition line up with stored nodes.
 */
export function subtreesOfRange(start: number, end: number): SubtreeRef[] {
  checkSize(start, 'start');
  checkSize(end, 'end');
  if (end <= start) throw new RangeError('empty or inverted range');
  const out: SubtreeRef[] = [];
  let pos = start;
  while (pos < end) {
    let size = 1;
    let level = 0;
    while (size * 2 <= end - pos) {
      size *= 2;
      level++;
    }
    if (pos % size !== 0) throw new RangeError(`range [${start}, ${end}) is not aligned to perfect subtrees`);
    out.push({ level, index: pos / size });
    pos += size;
  }
  return out;
}

/** MTH(D[start:end]) from perfect subtrees, folded right-to-left as the RFC's recursion does. */
export function rangeHash(start: number, end: number, source: SubtreeSource): Uint8Array {
  const parts = subtreesOfRange(start, end);
  let acc = source(parts[parts.length - 1].level, parts[parts.length - 1].index);
  for (let i = parts.length - 2; i >= 0; i--) acc = hashChildren(source(parts[i].level, parts[i].index), acc);
  return acc;
}

/** MTH of the first `size` leaves. */
export function rootHash(size: number, source: SubtreeSource): Uint8Array {
  checkSize(size, 'size');
  return size === 0 ? EMPTY_ROOT : rangeHash(0, size, source);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) as leaf ranges, leaf-side first. */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  checkSize(index, 'index');
  checkSize(size, 'size');
  if (index >= size) throw new RangeError('index must be smaller than the tree size');
  const out: LeafRange[] = [];
  // Walk down from the root, collecting the sibling at each split; reverse gives bottom-up order.
  let [lo, hi, m] = [0, size, index];
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (m < k) {
      out.push([lo + k, hi]);
      hi = lo + k;
    } else {
      out.push([lo, lo + k]);
      lo += k;
      m -= k;
    }
  }
  return out.reverse();
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true) as leaf ranges; empty when m is 0 or n. */
export function consistencyRanges(first: number, second: number): LeafRange[] {
  checkSize(first, 'first');
  checkSize(second, 'second');
  if (first > second) throw new RangeError('first must not exceed second');
  if (first === 0 || first === second) return [];
  const out: LeafRange[] = [];
  let [lo, hi, m, b] = [0, second, first, true];
  for (;;) {
    const n = hi - lo;
    if (m === n) {
      // SUBPROOF(m, D[m], b): nothing when the old root is the verifier's own, else MTH(D[m]).
      if (!b) out.push([lo, hi]);
      break;
    }
    const k = splitPoint(n);
    if (m <= k) {
      out.push([lo + k, hi]);
      hi = lo + k;
    } else {
      out.push([lo, lo + k]);
      lo += k;
      m -= k;
      b = false;
    }
  }
  return out.reverse();
}

/** Every perfect subtree the given ranges need, without duplicates. */
export function subtreesOfRanges(ranges: readonly LeafRange[]): SubtreeRef[] {
  const seen = new Map<string, SubtreeRef>();
  for (const [s, e] of ranges) for (const r of subtreesOfRange(s, e)) seen.set(`${r.level}:${r.index}`, r);
  return [...seen.values()];
}

/** Inclusion proof (audit path) for leaf `index` in the tree of `size` leaves. */
export function inclusionProof(index: number, size: number, source: SubtreeSource): Uint8Array[] {
  return inclusionRanges(index, size).map(([s, e]) => rangeHash(s, e, source));
}

/** Consistency proof between the trees of `first` and `second` leaves. */
export function consistencyProof(first: number, second: number, source: SubtreeSource): Uint8Array[] {
  return consistencyRanges(first, second).map(([s, e]) => rangeHash(s, e, source));
}

/** The perfect subtrees that complete when leaf `index` is appended (levels ≥ 1), lowest first. */
export function subtreesCompletedBy(index: number): SubtreeRef[] {
  checkSize(index, 'index');
  const out: SubtreeRef[] = [];
  const count = index + 1;
  for (let level = 1, size = 2; count % size === 0; level++, size *= 2) out.push({ level, index: count / size - 1 });
  return out;
}

/** All levels of a tree held in memory: the reference source for tests and full re-verification. */
export class MemoryTree {
  /** levels[l][i] = hash of the perfect subtree (l, i). */
  readonly levels: Uint8Array[][] = [[]];

  constructor(entries: Iterable<Uint8Array> = []) {
    for (const e of entries) this.append(e);
  }

  get size(): number {
    return this.levels[0].length;
  }

  /** Appends one entry and records every perfect subtree it completes. */
  append(entry: Uint8Array): void {
    this.appendLeafHash(hashLeaf(entry));
  }

  /** Appends an already-hashed leaf. */
  appendLeafHash(leaf: Uint8Array): void {
    this.levels[0].push(leaf);
    for (const { level, index } of subtreesCompletedBy(this.size - 1)) {
      const below = this.levels[level - 1];
      (this.levels[level] ??= [])[index] = hashChildren(below[2 * index], below[2 * index + 1]);
    }
  }

  /** A subtree source over this tree; throws for subtrees that do not exist yet. */
  readonly source: SubtreeSource = (level, index) => {
    const h = this.levels[level]?.[index];
    if (!h) throw new RangeError(`no perfect subtree (${level}, ${index}) in a tree of ${this.size}`);
    return h;
  };

  /** MTH of the first `size` leaves (default: all). */
  root(size = this.size): Uint8Array {
    return rootHash(size, this.source);
  }
}
