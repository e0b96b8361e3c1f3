import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, login, startNodeProcess, type TestNode } from '../support/nodes';

/**
 * Embedded mode must not lose an acknowledged write when the process is killed: a user is
 * created (201 received), the node is SIGKILLed at once, restarted, and the user is there.
 */
describe('embedded store durability', () => {
  let node: TestNode | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'bh-kill-'));
  afterAll(async () => {
    await node?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write across SIGKILL', async () => {
    node = await startNodeProcess({ party: 'VN-QN', dataDir: dir, port: await freePort(), peers: [] });
    const created: string[] = [];
    for (let round = 0; round < 3; round++) {
      const token = await login(node.url, 'admin');
      const username = `durable.${round}`;
      const r = await fetch(`${node.url}/api/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ username, displayName: `Durable ${round}`, role: 'viewer', jurisdiction: { kind: 'party', party: 'VN-QN' }, password: 'durable-password' }),
      });
      expect(r.status).toBe(201);
      created.push(username);
      // Killed right after the acknowledgement: no graceful shutdown, no flush.
      await node.kill('SIGKILL');
      await node.restart();
      const after = await login(node.url, 'admin');
      const users = (await (await fetch(`${node.url}/api/users`, { headers: { authorization: `Bearer ${after}` } })).json()) as { username: string }[];
      expect(users.map((u) => u.username)).toEqual(expect.arrayContaining(created));
      // The audit entry committed with the write survived too.
      const head = (await (await fetch(`${node.url}/api/audit/tree-head`, { headers: { authorization: `Bearer ${after}` } })).json()) as { treeSize: number };
      expect(head.treeSize).toBeGreaterThan(0);
    }
  }, 240_000);
});
