import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { BhError } from '../errors';

/** Runs every migration not yet applied, in name order; names are prefixed with a number. */
export async function migrateToLatest(db: Kysely<any>, migrations: Record<string, Migration>, schema = 'public'): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  // Named explicitly: unqualified, Kysely would find another schema's migration tables and skip its own.
  const migrator = new Migrator({ db, provider, migrationTableSchema: schema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new BhError('BH_STORE_MIGRATION_FAILED', { migration: failed }, { cause: error });
  }
}
