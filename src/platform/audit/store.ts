import { sql } from 'kysely';
import { BhError } from '../errors';
import { tables, type Db } from '../store/database';
import { signCheckpoint, type CheckpointSigner } from './checkpoint';
import { completeAuditEntry, decodeAuditEntry, encodeAuditEntry, type AuditEntry, type AuditEntryInput } from './entry';
import { AuditErrors } from './errors';
import {
  consistencyRanges,
  EMPTY_ROOT,
  hashChildren,
  hashLeaf,
  inclusionRanges,
  rangeHash,
  rootHash,
  subtreesCompletedBy,
  subtreesOfRanges,
  type LeafRange,
  type SubtreeRef,
  type SubtreeSource,
} from './merkle';
import type { AuditTables } from './schema';
import { bytesOf, fetchSubtrees, sourceOf, subtreeKey } from './subtrees';
import { verifyLog, type AuditVerification } from './verify-log';

export interface AuditLogOptions {
  db: Db;
  signer: CheckpointSigner;
  /** Checkpoint origin and note key name, e.g. `borderhealth.example/VN-QN`. */
  origin: string;
}

export interface TreeHead {
  treeSize: number;
  rootHash: string;
  checkpoint: string;
  signature: string;
  keyId: string;
}

export interface StoredEntry {
  index: number;
  /** Base64 of the exact bytes that were hashed. */
  bytes: string;
  /** The decoded entry; null when the stored bytes no longer decode as one (tampering). */
  entry: AuditEntry | null;
  leafHash: string;
}

export interface InclusionProofResponse {
  index: number;
  treeSize: number;
  leafHash: string;
  path: string[];
}

export interface ConsistencyProofResponse {
  first: number;
  second: number;
  path: string[];
}

/** Most entries one `entries()` call returns. */
export const MAX_ENTRIES_PER_CALL = 1000;

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

function rangeError(detail: string): BhError {
  return new BhError(AuditErrors.BH_AUDIT_RANGE, { detail });
}

function checkCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw rangeError(`${name} must be a non-negative integer`);
}

/** The tamper-evident audit log: an RFC 9162 Merkle tree kept in the database. */
export class AuditLog {
  readonly #db: Db;
  readonly #signer: CheckpointSigner;
  readonly #origin: string;

  constructor(options: AuditLogOptions) {
    this.#db = options.db;
    this.#signer = options.signer;
    this.#origin = options.origin;
  }

  /**
   * Appends inside the caller's transaction, so the record commits or rolls back with the change
   * it describes. The head row lock serialises appenders until commit: append late in long
   * transactions, and use READ COMMITTED (a stricter level would fail on the contended head row).
   */
  async append(trx: Db, input: AuditEntryInput): Promise<{ index: number }> {
    return (await this.appendMany(trx, [input]))[0];
  }

  /**
   * Appends several entries in order, as one `append` each would, in a constant number of
   * statements (one head bump, one insert of entries, one of the subtrees they complete).
   */
  async appendMany(trx: Db, inputs: readonly AuditEntryInput[]): Promise<{ index: number }[]> {
    if (inputs.length === 0) return [];
    // Outside a transaction the head bump and the row insert could be split by a crash: wrap them.
    if (!trx.isTransaction) return trx.transaction().execute((t) => this.appendMany(t, inputs));
    const db = tables<AuditTables>(trx);
    // Validate and serialise before taking the head lock, so a bad entry never holds it.
    const entries = inputs.map((i) => completeAuditEntry(i));
    const bytes = entries.map((e) => encodeAuditEntry(e));
    const leaves = bytes.map((b) => hashLeaf(b));
    const head = await db
      .updateTable('audit_head')
      .set((eb) => ({ size: eb('size', '+', entries.length) }))
      .where('id', '=', 1)
      .returning('size')
      .executeTakeFirstOrThrow();
    const first = Number(head.size) - entries.length;
    // The rows travel as one JSON parameter: thousands of small parameters cost more to encode
    // than the insert itself (bytes as base64, decoded by the database).
    const rows = entries.map((entry, i) => ({
      i: first + i,
      t: entry.time,
      a: entry.action,
      p: entry.actor.kind === 'anonymous' ? null : entry.actor.party,
      rt: entry.resource?.type ?? null,
      ri: entry.resource?.id ?? null,
      b: Buffer.from(bytes[i]).toString('base64'),
      h: Buffer.from(leaves[i]).toString('base64'),
    }));
    await sql`
      insert into audit_entries (idx, time, action, actor_party, resource_type, resource_id, bytes, leaf_hash)
      select r.i, r.t::timestamptz, r.a, r.p, r.rt, r.ri, decode(r.b, 'base64'), decode(r.h, 'base64')
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(i bigint, t text, a text, p text, rt text, ri text, b text, h text)`.execute(trx);
    // Each perfect subtree a new leaf completes: its left halves are either earlier in this batch
    // (computed here) or were committed before us (read once, together).
    const completed = leaves.map((_, i) => subtreesCompletedBy(first + i));
    const known = new Map<string, Uint8Array>(leaves.map((l, i) => [subtreeKey(0, first + i), l]));
    const older = completed.flat().map((c) => ({ level: c.level - 1, index: 2 * c.index })).filter((r) => (r.index + 1) * 2 ** r.level <= first);
    if (older.length > 0) for (const [k, v] of await fetchSubtrees(db, older)) known.set(k, v);
    const left = sourceOf(known);
    const nodes: { l: number; i: number; h: string }[] = [];
    completed.forEach((subtrees, i) => {
      let right = leaves[i];
      for (const c of subtrees) {
        right = hashChildren(left(c.level - 1, 2 * c.index), right);
        known.set(subtreeKey(c.level, c.index), right);
        nodes.push({ l: c.level, i: c.index, h: Buffer.from(right).toString('base64') });
      }
    });
    if (nodes.length > 0) {
      await sql`
        insert into audit_nodes (level, idx, hash)
        select n.l, n.i, decode(n.h, 'base64') from jsonb_to_recordset(${JSON.stringify(nodes)}::jsonb) as n(l int, i bigint, h text)`.execute(trx);
    }
    return entries.map((_, i) => ({ index: first + i }));
  }

  /**
   * Appends in a transaction of its own (for events with no surrounding change, e.g. failed
   * logins). Never call it while holding a transaction: on PGlite that waits on itself forever.
   */
  appendNow(entry: AuditEntryInput): Promise<{ index: number }> {
    return this.#db.transaction().execute((trx) => this.append(trx, entry));
  }

  /** The committed number of entries. */
  async size(): Promise<number> {
    const row = await tables<AuditTables>(this.#db)
      .selectFrom('audit_head')
      .select('size')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return Number(row.size);
  }

  async #subtreesFor(ranges: readonly LeafRange[], extra: SubtreeRef[] = []): Promise<SubtreeSource> {
    return sourceOf(await fetchSubtrees(tables<AuditTables>(this.#db), [...subtreesOfRanges(ranges), ...extra]));
  }

  /** MTH of the first `size` entries from at most log2(size)+1 stored subtrees. */
  async rootAt(size: number): Promise<Uint8Array> {
    if (size === 0) return EMPTY_ROOT;
    return rootHash(size, await this.#subtreesFor([[0, size]]));
  }

  /** The current signed tree head. Nodes are append-only, so reading the size first is consistent. */
  async treeHead(): Promise<TreeHead> {
    const treeSize = await this.size();
    const root = await this.rootAt(treeSize);
    const { note, signature } = signCheckpoint(this.#signer, this.#origin, treeSize, root);
    return { treeSize, rootHash: b64(root), checkpoint: note, signature, keyId: this.#signer.kid };
  }

  /** Entries [start, end) with their exact hashed bytes; `end` is clamped to the tree size. */
  async entries(start: number, end: number): Promise<StoredEntry[]> {
    checkCount(start, 'start');
    checkCount(end, 'end');
    if (end < start) throw rangeError('end must not be before start');
    if (end - start > MAX_ENTRIES_PER_CALL) throw rangeError(`at most ${MAX_ENTRIES_PER_CALL} entries per call`);
    const size = await this.size();
    if (start > size) throw rangeError(`start is beyond the tree size ${size}`);
    const stop = Math.min(end, size);
    if (stop === start) return [];
    const rows = await tables<AuditTables>(this.#db)
      .selectFrom('audit_entries')
      .select(['idx', 'bytes', 'leaf_hash'])
      .where('idx', '>=', start)
      .where('idx', '<', stop)
      .orderBy('idx')
      .execute();
    return rows.map((r) => {
      const bytes = bytesOf(r.bytes);
      return { index: Number(r.idx), bytes: b64(bytes), entry: decodeOrNull(bytes), leafHash: b64(bytesOf(r.leaf_hash)) };
    });
  }

  /** RFC 9162 inclusion proof for entry `index` in the tree of `treeSize` entries. */
  async inclusionProof(index: number, treeSize: number): Promise<InclusionProofResponse> {
    checkCount(index, 'index');
    checkCount(treeSize, 'treeSize');
    if (index >= treeSize) throw rangeError('index must be smaller than treeSize');
    const size = await this.size();
    if (treeSize > size) throw rangeError(`treeSize is beyond the tree size ${size}`);
    const ranges = inclusionRanges(index, treeSize);
    const source = await this.#subtreesFor(ranges, [{ level: 0, index }]);
    return {
      index,
      treeSize,
      leafHash: b64(source(0, index)),
      path: ranges.map(([s, e]) => b64(rangeHash(s, e, source))),
    };
  }

  /** RFC 9162 consistency proof from the tree of `first` entries to that of `second`. */
  async consistencyProof(first: number, second: number): Promise<ConsistencyProofResponse> {
    checkCount(first, 'first');
    checkCount(second, 'second');
    if (first > second) throw rangeError('first must not exceed second');
    const size = await this.size();
    if (second > size) throw rangeError(`second is beyond the tree size ${size}`);
    const ranges = consistencyRanges(first, second);
    const source = await this.#subtreesFor(ranges);
    return { first, second, path: ranges.map(([s, e]) => b64(rangeHash(s, e, source))) };
  }

  /** Re-derives the whole tree from the stored entry bytes and compares every stored hash (O(n)). */
  async verifyAll(): Promise<AuditVerification> {
    const size = await this.size();
    const stored = await this.rootAt(size).catch(() => null);
    return verifyLog(tables<AuditTables>(this.#db), size, stored);
  }
}

// Entries are listed even when a stored row no longer validates; verifyAll is what judges them.
function decodeOrNull(bytes: Uint8Array): AuditEntry | null {
  try {
    return decodeAuditEntry(bytes);
  } catch {
    return null;
  }
}
