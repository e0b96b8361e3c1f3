/**
 * A whole node with the surveillance module, for API tests: the same composition as
 * `createNode` plus `createSurveillance(...).module`, on a throw-away PGlite directory or
 * PostgreSQL schema. Once the module is wired into `createNode`, `openTestNode` gives the same.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { parseConfig } from '../../src/platform/config';
import { openStore, type Store } from '../../src/platform/store/database';
import { loadIdentity } from '../../src/platform/identity';
import { buildApp } from '../../src/platform/http/app';
import { AuditLog } from '../../src/platform/audit';
import { auditModule } from '../../src/platform/audit/routes';
import { allMigrations } from '../../src/node/create-node';
import { directoryModule, DirectoryStore, seedDemoUsers, seedDirectory } from '../../src/directory';
import { terminologyModule } from '../../src/terminology';
import { createSurveillance, surveillanceMigrations, type Surveillance } from '../../src/surveillance';
import { TEST_POSTGRES_URL, type TestBackend } from '../../src/platform/store/testing';

export interface SurveillanceTestNode {
  party: string;
  app: FastifyInstance;
  store: Store;
  audit: AuditLog;
  surveillance: Surveillance;
  dispose(): Promise<void>;
}

export async function openSurveillanceNode(
  backend: TestBackend,
  opts: { party?: string; clock?: () => Date; maxImportBytes?: number } = {},
): Promise<SurveillanceTestNode> {
  const party = opts.party ?? 'VN-QN';
  const dir = mkdtempSync(join(tmpdir(), 'bh-surv-'));
  const schema = backend === 'postgres' ? `s_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}` : undefined;
  const config = parseConfig({
    party,
    dataDir: dir,
    seed: true,
    loginRateLimit: 1000,
    ...(schema ? { databaseUrl: TEST_POSTGRES_URL, databaseSchema: schema } : {}),
  });
  const identity = await loadIdentity(config.dataDir);
  const migrations = { ...allMigrations, ...surveillanceMigrations };
  const store = await openStore(
    schema ? { kind: 'postgres', url: TEST_POSTGRES_URL, schema } : { kind: 'pglite', dataDir: join(dir, 'db') },
    migrations,
  );
  const audit = new AuditLog({
    db: store.db,
    signer: { privateKey: identity.current.privateKey, publicKey: identity.current.publicKey, kid: identity.current.kid },
    origin: `borderhealth/${party}`,
  });
  const directory = new DirectoryStore(store.db);
  await seedDirectory(store.db, party);
  await seedDemoUsers(store.db, party, audit);
  const surveillance = createSurveillance({ db: store.db, party, directory, clock: opts.clock, maxImportBytes: opts.maxImportBytes });
  const self = await directory.party(party);
  const app = await buildApp({
    config,
    store,
    identity,
    audit,
    users: directory,
    node: { party, names: self!.names },
    modules: [directoryModule(directory), terminologyModule(), auditModule(audit), surveillance.module],
    logger: false,
  });
  return {
    party,
    app,
    store,
    audit,
    surveillance,
    async dispose() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      if (schema) {
        const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => c.end());
      }
    },
  };
}

/** Logs in through `inject` and answers the bearer header. */
export async function login(node: { app: FastifyInstance }, username: string): Promise<{ authorization: string }> {
  const r = await node.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: `${username}-demo-2026` } });
  if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
  return { authorization: `Bearer ${r.json().token as string}` };
}
