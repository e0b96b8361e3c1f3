import { sql, type Kysely } from 'kysely';
import { decodeAuditEntry } from './entry';
import { EMPTY_ROOT, hashChildren, hashLeaf, subtreesCompletedBy, type SubtreeRef } from './merkle';
import type { AuditTables } from './schema';
import { bytesOf, fetchSubtrees, subtreeKey } from './subtrees';
import { bytesEqual } from './verify';

/** One finding of a full-log verification. */
export interface AuditProblem {
  kind: 'gap' | 'leaf_hash' | 'entry' | 'columns' | 'node' | 'root' | 'extra';
  index?: number;
  level?: number;
  detail: string;
}

/** The result of `AuditLog.verifyAll()`. */
export interface AuditVerification {
  ok: boolean;
  treeSize: number;
  /** Root re-derived from the stored entry bytes (base64). */
  rootHash: string;
  /** Root the stored subtree hashes give, which is what checkpoints sign (base64; null if incomplete). */
  storedRootHash: string | null;
  /** Total number of problems; `problems` lists the first hundred. */
  problemCount: number;
  problems: AuditProblem[];
}

const BATCH = 1000;
const MAX_LISTED = 100;
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/**
 * Streams every entry in index order, re-hashes its bytes and rebuilds the tree with a stack of
 * perfect subtrees (O(log n) memory), comparing each stored leaf and node hash as it completes.
 */
export async function verifyLog(
  db: Kysely<AuditTables>,
  size: number,
  storedRoot: Uint8Array | null,
): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  let problemCount = 0;
  const report = (p: AuditProblem) => {
    problemCount++;
    if (problems.length < MAX_LISTED) problems.push(p);
  };
  const stack: { level: number; index: number; hash: Uint8Array }[] = [];

  for (let start = 0; start < size; start += BATCH) {
    const end = Math.min(size, start + BATCH);
    const rows = await db
      .selectFrom('audit_entries')
      .selectAll()
      .where('idx', '>=', start)
      .where('idx', '<', end)
      .orderBy('idx')
      .execute();
    const byIndex = new Map(rows.map((r) => [Number(r.idx), r]));
    const expected: SubtreeRef[] = [];
    for (let i = start; i < end; i++) expected.push(...subtreesCompletedBy(i));
    const nodes = await fetchSubtrees(db, expected);

    for (let i = start; i < end; i++) {
      const row = byIndex.get(i);
      let leaf: Uint8Array;
      if (!row) {
        report({ kind: 'gap', index: i, detail: 'entry is missing' });
        leaf = new Uint8Array(32); // keeps the rebuild going; the root will then differ too
      } else {
        const bytes = bytesOf(row.bytes);
        leaf = hashLeaf(bytes);
        if (!bytesEqual(leaf, bytesOf(row.leaf_hash))) {
          report({ kind: 'leaf_hash', index: i, detail: 'stored leaf hash does not match the entry bytes' });
        }
        checkEntry(i, bytes, row, report);
      }
      stack.push({ level: 0, index: i, hash: leaf });
      while (stack.length >= 2 && stack[stack.length - 1].level === stack[stack.length - 2].level) {
        const right = stack.pop()!;
        const left = stack.pop()!;
        const node = { level: left.level + 1, index: left.index / 2, hash: hashChildren(left.hash, right.hash) };
        const have = nodes.get(subtreeKey(node.level, node.index));
        if (!have || !bytesEqual(have, node.hash)) {
          report({
            kind: 'node',
            level: node.level,
            index: node.index,
            detail: have ? 'stored subtree hash differs' : 'stored subtree hash is missing',
          });
        }
        stack.push(node);
      }
    }
  }

  // Smaller subtrees on the right hang off the larger ones to their left, as in the RFC's split.
  let root = stack.length === 0 ? EMPTY_ROOT : stack[stack.length - 1].hash;
  for (let i = stack.length - 2; i >= 0; i--) root = hashChildren(stack[i].hash, root);
  if (!storedRoot) report({ kind: 'root', detail: 'the stored subtrees cannot produce a root' });
  else if (!bytesEqual(storedRoot, root)) report({ kind: 'root', detail: 'stored subtrees give a different root' });

  await checkExtraRows(db, size, report);
  return {
    ok: problemCount === 0,
    treeSize: size,
    rootHash: b64(root),
    storedRootHash: storedRoot ? b64(storedRoot) : null,
    problemCount,
    problems,
  };
}

type Row = AuditTables['audit_entries'];

// The searchable columns are unprotected copies of fields in the hashed bytes; a tampered copy
// would mislead searches without changing any hash, so they are compared too.
function checkEntry(index: number, bytes: Uint8Array, row: Row, report: (p: AuditProblem) => void): void {
  let entry;
  try {
    entry = decodeAuditEntry(bytes);
  } catch (e) {
    report({ kind: 'entry', index, detail: e instanceof Error ? e.message : String(e) });
    return;
  }
  const party = entry.actor.kind === 'anonymous' ? null : entry.actor.party;
  const same =
    new Date(row.time).getTime() === Date.parse(entry.time) &&
    row.action === entry.action &&
    row.actor_party === party &&
    row.resource_type === (entry.resource?.type ?? null) &&
    row.resource_id === (entry.resource?.id ?? null);
  if (!same) report({ kind: 'columns', index, detail: 'search columns differ from the hashed entry' });
}

async function checkExtraRows(db: Kysely<AuditTables>, size: number, report: (p: AuditProblem) => void) {
  const entries = await db
    .selectFrom('audit_entries')
    .select(sql<number>`count(*)::int`.as('n'))
    .where((eb) => eb.or([eb('idx', '>=', size), eb('idx', '<', 0)]))
    .executeTakeFirstOrThrow();
  if (Number(entries.n) > 0) report({ kind: 'extra', detail: `${entries.n} entries lie outside the tree size ${size}` });
  // A node for leaves [idx·2^level, (idx+1)·2^level) may exist only once all its leaves do.
  const nodes = await db
    .selectFrom('audit_nodes')
    .select(sql<number>`count(*)::int`.as('n'))
    .where(sql<boolean>`(idx + 1) * power(2, level)::bigint > ${size}::bigint or level < 1 or idx < 0`)
    .executeTakeFirstOrThrow();
  if (Number(nodes.n) > 0) report({ kind: 'extra', detail: `${nodes.n} subtree hashes lie outside the tree size ${size}` });
}
