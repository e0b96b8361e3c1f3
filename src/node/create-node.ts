import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { NodeConfig } from '../platform/config';
import { openStore, type Store } from '../platform/store/database';
import { loadIdentity, type NodeIdentity } from '../platform/identity';
import { buildApp } from '../platform/http/app';
import { authMigrations } from '../platform/http/auth';
import { AuditLog, auditMigrations } from '../platform/audit';
import { directoryModule, directoryMigrations, DirectoryStore, seedDirectory, seedDemoUsers } from '../directory';
import { terminologyModule } from '../terminology';
import { auditModule } from '../platform/audit/routes';

/** A running BorderHealth node: its store, keys, audit log and HTTP app. */
export interface BorderHealthNode {
  config: NodeConfig;
  store: Store;
  identity: NodeIdentity;
  audit: AuditLog;
  directory: DirectoryStore;
  app: FastifyInstance;
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Every capability's migrations, in one ordered set. */
export const allMigrations = { ...authMigrations, ...auditMigrations, ...directoryMigrations };

/** Opens the store, loads keys, seeds reference data and builds the app; does not listen. */
export async function createNode(config: NodeConfig, options: { logger?: boolean | object; webDir?: string } = {}): Promise<BorderHealthNode> {
  const identity = await loadIdentity(config.dataDir);
  const store = await openStore(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl, schema: config.databaseSchema }
      : { kind: 'pglite', dataDir: join(config.dataDir, 'db') },
    allMigrations,
  );
  try {
    const audit = new AuditLog({
      db: store.db,
      signer: { privateKey: identity.current.privateKey, publicKey: identity.current.publicKey, kid: identity.current.kid },
      origin: `borderhealth/${config.party}`,
    });
    const directory = new DirectoryStore(store.db);
    await seedDirectory(store.db, config.party);
    if (config.seed) await seedDemoUsers(store.db, config.party, audit);
    const self = await directory.party(config.party);
    const app = await buildApp({
      config,
      store,
      identity,
      audit,
      users: directory,
      node: { party: config.party, names: self?.names ?? { vi: config.party, 'zh-CN': config.party, en: config.party } },
      modules: [directoryModule(directory), terminologyModule(), auditModule(audit)],
      webDir: options.webDir ?? config.webDir,
      logger: options.logger ?? { level: config.logLevel },
    });
    return {
      config,
      store,
      identity,
      audit,
      directory,
      app,
      listen: () => app.listen({ host: config.host, port: config.port }),
      close: async () => {
        await app.close();
        await store.close();
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
