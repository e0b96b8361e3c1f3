import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign as edSign, createHmac, type KeyObject } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { parseConfig } from '../config';
import { loadIdentity, rotateKey, type NodeIdentity } from '../identity';
import { AuditLog, auditMigrations } from '../audit';
import { authMigrations, hashPassword, type UserRecord, type UserSource } from '../http/auth';
import { buildApp } from '../http/app';
import { openTestStore, type TestBackend } from '../store/testing';
import type { Store } from '../store/database';
import type { ExchangeOptions } from './context';
import { Exchange } from './exchange';
import { exchangeModule } from './routes';
import { exchangeMigrations } from './schema';

/** Test support: in-process nodes (store, audit, exchange, HTTP app) peered over loopback. */

export interface ExchangeTestNode {
  party: string;
  identity: NodeIdentity;
  store: Store;
  audit: AuditLog;
  exchange: Exchange;
  app: FastifyInstance;
  url: string;
  dataDir: string;
}

export interface TestNodesOptions {
  parties?: string[];
  options?: Partial<ExchangeOptions>;
  /** Per-party clocks (ms since epoch). */
  clocks?: Record<string, () => number>;
  probes?: boolean;
  /** Listen on loopback and start the delivery workers (otherwise inject-only, no delivery). */
  listen?: boolean;
  /** Parties whose node key is rotated once before start (so they have an old and a new key). */
  rotate?: string[];
  /** Keys of extra peers to trust, by party (e.g. a party no node runs). */
  extraPeers?: { party: string; baseUrl: string; keys: Record<string, unknown>[] }[];
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const quiet = { warn: () => undefined, error: () => undefined };
let adminHash: Promise<string> | undefined;

/** A user source with one administrator per party (`admin` / `admin-test-pass`). */
export function testUsers(party: string): UserSource {
  adminHash ??= hashPassword('admin-test-pass');
  const admin = async (): Promise<UserRecord> => ({
    id: `admin-${party}`,
    username: 'admin',
    displayName: 'Admin',
    party,
    role: 'administrator',
    jurisdiction: { kind: 'party', party },
    passwordHash: await adminHash!,
    disabled: false,
  });
  return {
    byUsername: async (u) => (u === 'admin' ? admin() : undefined),
    byId: async (id) => (id === `admin-${party}` ? admin() : undefined),
  };
}

/** Opens peered in-process nodes on one back-end; `dispose` stops and removes everything. */
export async function openExchangeTestNodes(backend: TestBackend, o: TestNodesOptions = {}) {
  const parties = o.parties ?? ['VN-QN', 'CN-GX'];
  const dirs = parties.map(() => mkdtempSync(join(tmpdir(), 'bh-exch-')));
  const identities = await Promise.all(dirs.map((d, i) => (o.rotate?.includes(parties[i]) ? loadIdentity(d).then(() => rotateKey(d)) : loadIdentity(d))));
  const ports = await Promise.all(parties.map(() => freePort()));
  const nodes: ExchangeTestNode[] = [];
  const stores: (Store & { dispose(): Promise<void> })[] = [];
  for (const [i, party] of parties.entries()) {
    const store = await openTestStore(backend, { ...authMigrations, ...auditMigrations, ...exchangeMigrations });
    stores.push(store);
    const identity = identities[i];
    const peers = [
      ...parties.flatMap((p, j) => (j === i ? [] : [{ party: p, baseUrl: `http://127.0.0.1:${ports[j]}`, keys: identities[j].all.map((k) => k.publicJwk) }])),
      ...(o.extraPeers ?? []),
    ];
    const config = parseConfig({ party, dataDir: dirs[i], port: ports[i], peers });
    const k = identity.current;
    const audit = new AuditLog({ db: store.db, signer: { privateKey: k.privateKey, publicKey: k.publicKey, kid: k.kid }, origin: `borderhealth/${party}` });
    const exchange = await Exchange.create({ config, identity, db: store.db, audit, options: o.options, probes: o.probes, now: o.clocks?.[party], log: quiet });
    const app = await buildApp({
      config,
      store,
      identity,
      audit,
      users: testUsers(party),
      node: { party, names: { vi: party, 'zh-CN': party, en: party } },
      modules: [exchangeModule(exchange)],
      logger: false,
    });
    nodes.push({ party, identity, store, audit, exchange, app, url: config.publicUrl, dataDir: dirs[i] });
  }
  if (o.listen) {
    for (const n of nodes) await n.app.listen({ host: '127.0.0.1', port: Number(new URL(n.url).port) });
    for (const n of nodes) n.exchange.start(quiet);
  }
  return {
    nodes,
    async dispose() {
      await Promise.all(nodes.map((n) => n.exchange.stop()));
      await Promise.all(nodes.map((n) => n.app.close()));
      await Promise.all(stores.map((s) => s.dispose()));
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** Hand-crafts a compact JWS with any header, signed by `key` as the header's alg says (for refusal tests). */
export function craftToken(header: Record<string, unknown>, payload: unknown, key?: KeyObject | Buffer): string {
  const input = `${b64(header)}.${b64(payload)}`;
  if (header.alg === 'none' || !key) return `${input}.`;
  if (header.alg === 'HS256') return `${input}.${createHmac('sha256', key as Buffer).update(input).digest('base64url')}`;
  return `${input}.${edSign(null, Buffer.from(input), key as KeyObject).toString('base64url')}`;
}

/** Logs in as the test administrator through `inject`; answers the authorization header. */
export async function adminHeaders(app: FastifyInstance): Promise<{ authorization: string }> {
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'admin-test-pass' } });
  if (r.statusCode !== 200) throw new Error(`login failed: ${r.statusCode} ${r.body}`);
  return { authorization: `Bearer ${r.json().token as string}` };
}
