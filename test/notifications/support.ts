/**
 * Test support: two whole in-process nodes (VN-QN and CN-GX, `createNode` with every capability)
 * peered over loopback on one back-end, and the case a test confirms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { parseConfig } from '../../src/platform/config';
import { loadIdentity } from '../../src/platform/identity';
import { TEST_POSTGRES_URL, type TestBackend } from '../../src/platform/store/testing';
import { createNode, type BorderHealthNode } from '../../src/node/create-node';
import { freePort } from '../support/nodes';

export interface PeeredNodes {
  vn: BorderHealthNode;
  cn: BorderHealthNode;
  dispose(): Promise<void>;
}

/** VN-QN and CN-GX, listening on loopback and delivering to each other. */
export async function openPeeredNodes(backend: TestBackend, parties: [string, string] = ['VN-QN', 'CN-GX']): Promise<PeeredNodes> {
  const dirs = parties.map(() => mkdtempSync(join(tmpdir(), 'bh-notif-')));
  const ids = await Promise.all(dirs.map((d) => loadIdentity(d)));
  const ports = [await freePort(), await freePort()];
  const schemas = parties.map(() => (backend === 'postgres' ? `nt_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}` : undefined));
  const nodes: BorderHealthNode[] = [];
  for (const [i, party] of parties.entries()) {
    const j = 1 - i;
    const config = parseConfig({
      party,
      dataDir: dirs[i],
      host: '127.0.0.1',
      port: ports[i],
      seed: true,
      loginRateLimit: 1000,
      peers: [{ party: parties[j], baseUrl: `http://127.0.0.1:${ports[j]}`, keys: ids[j].all.map((k) => k.publicJwk) }],
      ...(schemas[i] ? { databaseUrl: TEST_POSTGRES_URL, databaseSchema: schemas[i] } : {}),
    });
    nodes.push(await createNode(config, { logger: false }));
  }
  for (const n of nodes) await n.listen();
  return {
    vn: nodes[0],
    cn: nodes[1],
    async dispose() {
      for (const n of nodes) await n.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
      const used = schemas.filter(Boolean);
      if (used.length) {
        const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
        await c.connect();
        try {
          for (const s of used) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
        } finally {
          await c.end();
        }
      }
    },
  };
}

/** Logs in through `inject` and answers the bearer header. */
export async function login(node: BorderHealthNode, username: string): Promise<{ authorization: string }> {
  const r = await node.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: `${username}-demo-2026` } });
  if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
  return { authorization: `Bearer ${r.json().token as string}` };
}

/** A day `n` days before today (UTC), as YYYY-MM-DD. */
export const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** A confirmed case imported from China through Móng Cái – Dongxing, as `POST /api/cases` takes it. */
export function importedCase(overrides: Record<string, unknown> = {}) {
  return {
    disease: 'VN-B-12',
    classification: 'confirmed',
    onsetDate: daysAgo(4),
    reportDate: daysAgo(2),
    confirmationDate: daysAgo(1),
    age: 34,
    sex: 'female',
    residenceArea: 'VN-QN-MC',
    infectionPlace: { country: 'CN', area: 'CN-GX-FCG-DX', description: 'Dongxing market' },
    imported: { country: 'CN', entryGate: 'mong-cai-dongxing', entryDate: daysAgo(5) },
    outcome: 'under-treatment',
    reportingFacility: 'mong-cai-general-hospital',
    contacts: { vn: 3, cn: 2 },
    travel: [{ place: 'Dongxing', country: 'CN', from: daysAgo(12), to: daysAgo(5) }],
    identity: { fullName: 'Nguyễn Thị Hoa', idType: 'CCCD', idNumber: '022190001234', phone: '+84 912 345 678', address: '12 Trần Phú, Móng Cái', dateOfBirth: '1991-03-14' },
    ...overrides,
  };
}

/** Polls until `fn` answers something truthy (or throws after `ms`). */
export async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, ms = 20_000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
