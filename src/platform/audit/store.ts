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
import { bytesOf, fetchSubtrees, sourceOf } from './subtrees';
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
    // Outside a transaction the head bump and the row insert could be split by a crash: wrap them.
    if (!trx.isTransaction) return trx.transaction().execute((t) => this.append(t, input));
    const db = tables<AuditTables>(trx);
    // Validate and serialise before taking the head lock, so a bad entry never holds it.
    const entry = completeAuditEntry(input);
    const bytes = encodeAuditEntry(entry);
    const leaf = hashLeaf(bytes);
    const head = await db
      .updateTable('audit_head')
      .set((eb) => ({ size: eb('size', '+', 1) }))
      .where('id', '=', 1)
      .returning('size')
      .executeTakeFirstOrThrow();
    const index = Number(head.size) - 1;
    await db
      .insertInto('audit_entries')
      .values({
        idx: index,
        time: new Date(entry.time),
        action: entry.action,
        actor_party: entry.actor.kind === 'anonymous' ? null : entry.actor.party,
        resource_type: entry.resource?.type ?? null,
        resource_id: entry.resource?.id ?? null,
        bytes: Buffer.from(bytes),
        leaf_hash: Buffer.from(leaf),
      })
      .execute();
    // Store each perfect subtree this leaf completes; its left halves were committed before us.
    const completed = subtreesCompletedBy(index);
    if (completed.length > 0) {
      const left = sourceOf(await fetchSubtrees(db, completed.map((c) => ({ level: c.level - 1, index: 2 * c.index }))));
      let right = leaf;
      const rows = completed.map((c) => {
        right = hashChildren(left(c.level - 1, 2 * c.index), right);
        return { level: c.level, idx: c.index, hash: Buffer.from(right) };
      });
      await db.insertInto('audit_nodes').values(rows).execute();
    }
    return { index };
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
