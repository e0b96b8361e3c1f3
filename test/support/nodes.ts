import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { ChildProcess } from 'node:child_process';
import { loadIdentity } from '../../src/platform/identity';
import { spawnNode, waitHealthy } from '../../src/cli/spawn-node';

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface TestNode {
  party: string;
  url: string;
  dataDir: string;
  child: ChildProcess;
  logs: string[];
  /** Starts the node process again on the same data directory and port. */
  restart(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

interface NodeSpec {
  party: string;
  dataDir: string;
  port: number;
  peers: unknown[];
  env?: Record<string, string>;
}

/** Starts one node process and waits for it to be healthy. */
export async function startNodeProcess(spec: NodeSpec): Promise<TestNode> {
  const url = `http://127.0.0.1:${spec.port}`;
  const logs: string[] = [];
  const launch = () =>
    spawnNode(
      {
        BH_PARTY: spec.party,
        BH_DATA_DIR: spec.dataDir,
        BH_PORT: String(spec.port),
        BH_HOST: '127.0.0.1',
        BH_SEED: '1',
        BH_PEERS: JSON.stringify(spec.peers),
        BH_LOG_LEVEL: 'warn',
        ...spec.env,
      },
      (line) => {
        logs.push(line);
        if (logs.length > 500) logs.shift();
      },
    );
  const node: TestNode = {
    party: spec.party,
    url,
    dataDir: spec.dataDir,
    child: launch(),
    logs,
    async restart() {
      node.child = launch();
      await waitHealthy(url, 60_000, node.child);
    },
    async kill(signal = 'SIGKILL') {
      if (node.child.exitCode !== null || node.child.signalCode) return;
      const exited = new Promise((r) => node.child.once('exit', r));
      node.child.kill(signal);
      await exited;
    },
  };
  try {
    await waitHealthy(url, 60_000, node.child);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${logs.join('\n')}`);
  }
  return node;
}

/** Two demo-seeded nodes, VN-QN and CN-GX, peered with each other, on free ports with fresh data. */
export async function startTestNodes(): Promise<{ vn: TestNode; cn: TestNode; stop(): Promise<void> }> {
  const root = mkdtempSync(join(tmpdir(), 'bh-nodes-'));
  const specs = [
    { party: 'VN-QN', dataDir: join(root, 'vn-qn'), port: await freePort() },
    { party: 'CN-GX', dataDir: join(root, 'cn-gx'), port: await freePort() },
  ];
  const ids = await Promise.all(specs.map((s) => loadIdentity(s.dataDir)));
  const peersOf = (i: number) =>
    specs
      .filter((_, j) => j !== i)
      .map((s) => ({ party: s.party, baseUrl: `http://127.0.0.1:${s.port}`, keys: ids[specs.indexOf(s)].all.map((k) => k.publicJwk) }));
  const [vn, cn] = await Promise.all(specs.map((s, i) => startNodeProcess({ ...s, peers: peersOf(i) })));
  return {
    vn,
    cn,
    async stop() {
      await Promise.all([vn.kill('SIGTERM'), cn.kill('SIGTERM')]);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Logs in over HTTP and answers a bearer token. */
export async function login(url: string, username: string, password = `${username}-demo-2026`): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login ${username} failed: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { token: string }).token;
}
