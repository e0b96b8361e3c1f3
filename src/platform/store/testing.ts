import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Migration } from 'kysely';
import { openStore, type Store } from './database';

/** The back-ends every repository test suite runs against. */
export const TEST_BACKENDS = ['pglite', 'postgres'] as const;
export type TestBackend = (typeof TEST_BACKENDS)[number];

/** PostgreSQL for tests: the machine's server unless TEST_DATABASE_URL says otherwise. */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Opens a throw-away store: a temporary PGlite directory, or a fresh schema in PostgreSQL. */
export async function openTestStore(
  backend: TestBackend,
  migrations: Record<string, Migration>,
): Promise<Store & { dispose(): Promise<void> }> {
  if (backend === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'bh-test-'));
    const store = await openStore({ kind: 'pglite', dataDir: dir }, migrations);
    return {
      ...store,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const store = await openStore({ kind: 'postgres', url: TEST_POSTGRES_URL, schema }, migrations);
  return {
    ...store,
    dispose: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
