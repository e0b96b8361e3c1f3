import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { NodeConfig } from '../platform/config';
import { openStore, type Store } from '../platform/store/database';
import { loadIdentity, type NodeIdentity } from '../platform/identity';
import { buildApp } from '../platform/http/app';
import { authMigrations } from '../platform/http/auth';
import { AuditLog, auditMigrations } from '../platform/audit';
import { directoryModule, directoryMigrations, DirectoryStore, seedDemoRenewals, seedDirectory, seedDemoUsers } from '../directory';
import { terminologyModule } from '../terminology';
import { auditModule } from '../platform/audit/routes';
import { Exchange, exchangeMigrations, exchangeModule } from '../platform/exchange';
import { createSurveillance, surveillanceMigrations, type Surveillance } from '../surveillance';
import { createSignals, signalsMigrations, type Signals } from '../signals';
import { seriesSourceFrom } from './series-source';
import { createNotifications, notificationsMigrations } from '../notifications';

/** A running BorderHealth node: its store, keys, audit log and HTTP app. */
export interface BorderHealthNode {
  config: NodeConfig;
  store: Store;
  identity: NodeIdentity;
  audit: AuditLog;
  directory: DirectoryStore;
  exchange: Exchange;
  surveillance: Surveillance;
  signals: Signals;
  app: FastifyInstance;
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Every capability's migrations, in one ordered set. */
export const allMigrations = { ...authMigrations, ...auditMigrations, ...directoryMigrations, ...exchangeMigrations, ...surveillanceMigrations, ...signalsMigrations, ...notificationsMigrations };

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
    if (config.seed) {
      await seedDemoUsers(store.db, config.party, audit);
      // The demo assumes the renewal of agreements about to end, so its cross-border flows keep working.
      await seedDemoRenewals(store.db, config.party, audit, new Date().toISOString().slice(0, 10));
    }
    const self = await directory.party(config.party);
    // Probes: the administrators' link test, which the exchange fault tests and benchmark drive.
    const exchange = await Exchange.create({ config, identity, db: store.db, audit, probes: true });
    const surveillance = createSurveillance({ db: store.db, party: config.party, directory });
    let app: FastifyInstance | undefined;
    const signals = await createSignals({
      db: store.db,
      party: config.party,
      directory,
      source: seriesSourceFrom(surveillance),
      audit,
      logger: () => app?.log,
    });
    // Detection follows every import; the import's answer does not wait for it.
    surveillance.onImported(() => void signals.runAfterImport());
    // Cross-border notification: follows case writes, registers its message types with the exchange.
    const notifications = createNotifications({
      db: store.db,
      party: config.party,
      peers: config.peers.map((p) => p.party),
      exchange,
      audit,
      surveillance,
      signals,
      identityOf: (db, caseId) => surveillance.identityOf(db, caseId),
    });
    app = await buildApp({
      config,
      store,
      identity,
      audit,
      users: directory,
      node: { party: config.party, names: self?.names ?? { vi: config.party, 'zh-CN': config.party, en: config.party } },
      modules: [directoryModule(directory), terminologyModule(), auditModule(audit), exchangeModule(exchange), surveillance.module, signals.module, notifications.module],
      webDir: options.webDir ?? config.webDir,
      logger: options.logger ?? { level: config.logLevel },
    });
    const server = app;
    return {
      config,
      store,
      identity,
      audit,
      directory,
      exchange,
      surveillance,
      signals,
      app: server,
      listen: async () => {
        const address = await server.listen({ host: config.host, port: config.port });
        exchange.start(server.log);
        await signals.start();
        return address;
      },
      close: async () => {
        await signals.stop();
        await exchange.stop();
        await server.close();
        await store.close();
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
