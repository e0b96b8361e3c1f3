import type { AuditRecord, InclusionProof } from '../api/types';
import { bytesEqual, fromBase64, leafHashOf, toBase64, verifyInclusion, webCryptoSha256, type Sha256 } from './verify';

async function nodeHash(sha256: Sha256, left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  const buf = new Uint8Array(1 + left.length + right.length);
  buf[0] = 0x01;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return sha256(buf);
}

/**
 * RFC 9162 §2.1.3.2 steps 2–5 without the final comparison: the root that an inclusion path
 * leads to from a leaf hash, or null when the path does not fit a tree of that size. The page
 * shows this root next to the tree head's, so a person sees what was actually recomputed.
 */
export async function rootFromInclusionPath(
  sha256: Sha256,
  index: number,
  treeSize: number,
  leafHash: Uint8Array,
  path: readonly Uint8Array[],
): Promise<Uint8Array | null> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return null;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(sha256, p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await nodeHash(sha256, r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/** JSON with object keys sorted, to compare two parsed values structurally. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export type InclusionFailure =
  | 'malformed'
  | 'leaf-mismatch'
  | 'entry-mismatch'
  | 'proof-mismatch'
  | 'path-invalid'
  | 'root-mismatch';

export interface InclusionCheck {
  ok: boolean;
  reason?: InclusionFailure;
  /** base64 of SHA-256(0x00 ‖ entry bytes), computed here. */
  leafHash: string | null;
  /** base64 of the root the path led to, computed here (null if the path does not fit). */
  computedRoot: string | null;
  expectedRoot: string;
  treeSize: number;
}

/**
 * Checks that an audit entry is in the log whose signed tree head is (treeSize, rootHash):
 * re-hashes the entry's exact bytes, checks they are the entry shown, folds the inclusion path
 * up to a root and compares it with the tree head's.
 */
export async function checkInclusion(
  input: { record: AuditRecord; proof: InclusionProof; treeSize: number; rootHash: string },
  sha256: Sha256 = webCryptoSha256,
): Promise<InclusionCheck> {
  const { record, proof, treeSize, rootHash } = input;
  const base = { leafHash: null, computedRoot: null, expectedRoot: rootHash, treeSize };
  let bytes: Uint8Array;
  let root: Uint8Array;
  let path: Uint8Array[];
  try {
    bytes = fromBase64(record.bytes);
    root = fromBase64(rootHash);
    path = proof.path.map(fromBase64);
  } catch {
    return { ok: false, reason: 'malformed', ...base };
  }
  const leaf = await leafHashOf(sha256, bytes);
  const result = { ...base, leafHash: toBase64(leaf) };
  if (toBase64(leaf) !== record.leafHash || (proof.leafHash && proof.leafHash !== record.leafHash)) {
    return { ok: false, reason: 'leaf-mismatch', ...result };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, reason: 'malformed', ...result };
  }
  if (stableJson(parsed) !== stableJson(record.entry)) return { ok: false, reason: 'entry-mismatch', ...result };
  if (proof.index !== record.index || proof.treeSize !== treeSize) return { ok: false, reason: 'proof-mismatch', ...result };
  const computed = await rootFromInclusionPath(sha256, record.index, treeSize, leaf, path);
  if (!computed) return { ok: false, reason: 'path-invalid', ...result };
  const withRoot = { ...result, computedRoot: toBase64(computed) };
  if (!bytesEqual(computed, root)) return { ok: false, reason: 'root-mismatch', ...withRoot };
  // The shared RFC 9162 verifier must agree (it is what the server and the CLI use too).
  const agreed = await verifyInclusion(sha256, { index: record.index, treeSize, leafHash: leaf, path, rootHash: root });
  return agreed ? { ok: true, ...withRoot } : { ok: false, reason: 'path-invalid', ...withRoot };
}
