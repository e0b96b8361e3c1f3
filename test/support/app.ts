import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { parseConfig, type NodeConfig } from '../../src/platform/config';
import { createNode, type BorderHealthNode } from '../../src/node/create-node';
import { TEST_POSTGRES_URL, type TestBackend } from '../../src/platform/store/testing';

/** An in-process node for `inject` tests, on a throw-away PGlite directory or PostgreSQL schema. */
export async function openTestNode(
  backend: TestBackend,
  overrides: Partial<NodeConfig> = {},
): Promise<BorderHealthNode & { dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-node-'));
  const schema = backend === 'postgres' ? `n_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}` : undefined;
  const config = parseConfig({
    party: 'VN-QN',
    dataDir: dir,
    seed: true,
    ...(backend === 'postgres' ? { databaseUrl: TEST_POSTGRES_URL, databaseSchema: schema } : {}),
    ...overrides,
  });
  const node = await createNode(config, { logger: false });
  return {
    ...node,
    async dispose() {
      await node.close();
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
export async function injectLogin(node: BorderHealthNode, username: string, password = `${username}-demo-2026`) {
  const r = await node.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
  return { authorization: `Bearer ${r.json().token as string}` };
}
