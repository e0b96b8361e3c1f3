import { sql, type Kysely } from 'kysely';
import { BhError } from '../errors';
import { AuditErrors } from './errors';
import type { SubtreeRef, SubtreeSource } from './merkle';
import type { AuditTables } from './schema';

/** Copies a bytea value into a plain Uint8Array (pg returns Buffer, PGlite Uint8Array). */
export const bytesOf = (v: Uint8Array): Uint8Array => new Uint8Array(v);

/** Map key of a perfect subtree. */
export const subtreeKey = (level: number, index: number): string => `${level}:${index}`;
const key = subtreeKey;

/** Reads the given perfect subtrees (level 0 from the entries, higher levels from audit_nodes). */
export async function fetchSubtrees(db: Kysely<AuditTables>, refs: readonly SubtreeRef[]): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  const leaves = refs.filter((r) => r.level === 0).map((r) => r.index);
  const nodes = refs.filter((r) => r.level > 0);
  if (leaves.length > 0) {
    const rows = await db.selectFrom('audit_entries').select(['idx', 'leaf_hash']).where('idx', 'in', leaves).execute();
    for (const r of rows) found.set(key(0, Number(r.idx)), bytesOf(r.leaf_hash));
  }
  if (nodes.length > 0) {
    const pairs = sql.join(nodes.map((n) => sql`(${n.level}::int, ${n.index}::bigint)`));
    const rows = await db
      .selectFrom('audit_nodes')
      .select(['level', 'idx', 'hash'])
      .where(sql<boolean>`(level, idx) in (${pairs})`)
      .execute();
    for (const r of rows) found.set(key(Number(r.level), Number(r.idx)), bytesOf(r.hash));
  }
  return found;
}

/** A subtree source over fetched hashes; a missing one means the stored tree is damaged. */
export function sourceOf(found: Map<string, Uint8Array>): SubtreeSource {
  return (level, index) => {
    const h = found.get(key(level, index));
    if (!h) throw new BhError(AuditErrors.BH_AUDIT_CORRUPT, { detail: `subtree (${level}, ${index}) is missing` });
    return h;
  };
}

