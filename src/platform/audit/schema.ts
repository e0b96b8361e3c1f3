import { sql, type Migration } from 'kysely';

/** Row types of the audit tables, for `tables<AuditTables>(db)`. */
export interface AuditTables {
  audit_entries: {
    idx: number;
    time: Date;
    action: string;
    actor_party: string | null;
    resource_type: string | null;
    resource_id: string | null;
    bytes: Uint8Array;
    leaf_hash: Uint8Array;
  };
  audit_nodes: { level: number; idx: number; hash: Uint8Array };
  audit_head: { id: number; size: number };
}

/** The audit log's schema. Entries and nodes are append-only; the head is one row. */
export const auditMigrations: Record<string, Migration> = {
  '0100_audit_log': {
    up: async (db) => {
      await db.schema
        .createTable('audit_entries')
        .addColumn('idx', 'bigint', (c) => c.primaryKey())
        .addColumn('time', 'timestamptz', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor_party', 'text')
        .addColumn('resource_type', 'text')
        .addColumn('resource_id', 'text')
        .addColumn('bytes', 'bytea', (c) => c.notNull())
        .addColumn('leaf_hash', 'bytea', (c) => c.notNull())
        .execute();
      // The columns copied out of `bytes` exist only so that operators can search the log.
      await db.schema.createIndex('audit_entries_time').on('audit_entries').column('time').execute();
      await db.schema.createIndex('audit_entries_action').on('audit_entries').columns(['action', 'time']).execute();
      await db.schema
        .createIndex('audit_entries_resource')
        .on('audit_entries')
        .columns(['resource_type', 'resource_id'])
        .execute();
      // Hashes of perfect subtrees of 2^level leaves (level ≥ 1; leaves live in audit_entries).
      await db.schema
        .createTable('audit_nodes')
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('idx', 'bigint', (c) => c.notNull())
        .addColumn('hash', 'bytea', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_nodes_pk', ['level', 'idx'])
        .execute();
      // One row whose lock serialises appends: the row lock taken by UPDATE is held to commit.
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('size', 'bigint', (c) => c.notNull())
        .execute();
      await db.insertInto('audit_head').values({ id: 1, size: 0 }).execute();
    },
    down: async (db) => {
      await db.schema.dropTable('audit_head').execute();
      await db.schema.dropTable('audit_nodes').execute();
      await db.schema.dropTable('audit_entries').execute();
    },
  },
};
