/** Test harness for signals: a store with the tables signals needs, and a node-like app around it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openTestStore, type TestBackend } from '../../src/platform/store/testing';
import { authMigrations } from '../../src/platform/http/auth';
import { AuditLog, auditMigrations } from '../../src/platform/audit';
import { testSigner } from '../../src/platform/audit/testing';
import { parseConfig } from '../../src/platform/config';
import { loadIdentity } from '../../src/platform/identity';
import { buildApp } from '../../src/platform/http/app';
import { directoryMigrations, directoryModule, DirectoryStore, seedDemoUsers, seedDirectory } from '../../src/directory';
import { createSignals, signalsMigrations, type DetectionSettingsInput, type SeriesSource, type Signals } from '../../src/signals';

export const PARTY = 'VN-QN';

/** A store with the platform, directory and signals tables, the directory seeded, and an audit log. */
export async function openSignalsStore(backend: TestBackend) {
  const store = await openTestStore(backend, { ...authMigrations, ...auditMigrations, ...directoryMigrations, ...signalsMigrations });
  await seedDirectory(store.db, PARTY);
  const audit = new AuditLog({ db: store.db, signer: testSigner(), origin: `borderhealth/${PARTY}` });
  return { store, audit, directory: new DirectoryStore(store.db) };
}

export interface SignalsTestNode {
  app: FastifyInstance;
  signals: Signals;
  audit: AuditLog;
  store: Awaited<ReturnType<typeof openTestStore>>;
  login(username: string): Promise<{ authorization: string }>;
  dispose(): Promise<void>;
}

/** An API node of VN-QN with the directory, demo users and signals (no schedule), as create-node will wire it. */
export async function openSignalsNode(backend: TestBackend, source: SeriesSource, options: { settings?: DetectionSettingsInput; now?: Date } = {}): Promise<SignalsTestNode> {
  const { store, audit, directory } = await openSignalsStore(backend);
  const dir = mkdtempSync(join(tmpdir(), 'bh-signals-'));
  await seedDemoUsers(store.db, PARTY, audit);
  const config = parseConfig({ party: PARTY, dataDir: dir });
  const identity = await loadIdentity(dir);
  const now = options.now;
  const signals = await createSignals({ db: store.db, party: PARTY, directory, source, audit, settings: options.settings, cron: null, ...(now ? { clock: () => now } : {}) });
  const app = await buildApp({
    config,
    store,
    identity,
    audit,
    users: directory,
    node: { party: PARTY, names: { vi: PARTY, 'zh-CN': PARTY, en: PARTY } },
    modules: [directoryModule(directory), signals.module],
    logger: false,
  });
  const tokens = new Map<string, string>();
  return {
    app,
    signals,
    audit,
    store,
    async login(username) {
      let token = tokens.get(username);
      if (!token) {
        const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: `${username}-demo-2026` } });
        if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
        token = r.json().token as string;
        tokens.set(username, token);
      }
      return { authorization: `Bearer ${token}` };
    },
    async dispose() {
      await signals.stop();
      await app.close();
      await store.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
