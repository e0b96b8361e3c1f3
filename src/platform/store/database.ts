import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Migration } from 'kysely';
import pg from 'pg';
import { pgliteDialect } from './pglite-dialect';
import { migrateToLatest } from './migrate';

/** The untyped handle passed between modules; each capability narrows it with `tables<T>()`. */
export type Db = Kysely<any>;

/** Narrows the shared handle to the tables a capability declares. */
export function tables<T>(db: Db): Kysely<T> {
  return db as Kysely<T>;
}

export type StoreOptions =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string; schema?: string };

export interface Store {
  readonly db: Db;
  readonly kind: StoreOptions['kind'];
  close(): Promise<void>;
}

// int8 counts and ids fit in a double here; parse them as numbers on both back-ends.
const pgTypes = {
  getTypeParser(oid: number, format?: any) {
    if (oid === 20) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

/** Opens the store (PGlite directory or PostgreSQL URL) and brings its schema to the latest migration. */
export async function openStore(options: StoreOptions, migrations: Record<string, Migration>): Promise<Store> {
  let db: Db;
  let schemaName = 'public';
  if (options.kind === 'pglite') {
    mkdirSync(options.dataDir, { recursive: true });
    const lite = new PGlite(options.dataDir);
    await lite.waitReady;
    db = new Kysely<any>({ dialect: pgliteDialect(lite) });
  } else {
    const schema = options.schema?.replace(/[^a-zA-Z0-9_]/g, '');
    if (schema) {
      schemaName = schema;
      // Tests get their own schema so that concurrent runs never collide; every pooled
      // connection starts with it as its search path.
      const c = new pg.Client({ connectionString: options.url });
      await c.connect();
      try {
        await c.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      } finally {
        await c.end();
      }
    }
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      types: pgTypes as any,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  }
  await sql`select 1`.execute(db);
  await migrateToLatest(db, migrations, schemaName);
  return { db, kind: options.kind, close: () => db.destroy() };
}
