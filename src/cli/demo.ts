import { resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { loadIdentity } from '../platform/identity';
import { DEMO_USERS, demoPassword } from '../directory/demo-users';
import { parseOptions } from './args';
import { spawnNode, waitHealthy } from './spawn-node';
import { seedDemoSurveillance } from '../demo/seed-surveillance';

/** The demo's two nodes. */
export const DEMO_NODES = [
  { party: 'VN-QN', dir: 'vn-qn', port: 8080 },
  { party: 'CN-GX', dir: 'cn-gx', port: 8081 },
] as const;

/** `borderhealth demo`: two nodes, each with its own embedded database and keys, peered with each other. */
export async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { data: { type: 'string' }, 'base-port': { type: 'string' } });
  const root = resolve(values.data ?? 'data');
  const basePort = values['base-port'] ? Number(values['base-port']) : 8080;
  const nodes = DEMO_NODES.map((n, i) => ({ ...n, port: basePort + i, dataDir: resolve(root, n.dir), url: `http://127.0.0.1:${basePort + i}` }));
  const identities = await Promise.all(nodes.map((n) => loadIdentity(n.dataDir)));
  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill('SIGTERM'));
  process.once('SIGINT', stopAll);
  process.once('SIGTERM', stopAll);
  nodes.forEach((n, i) => {
    const peers = nodes
      .filter((p) => p !== n)
      .map((p) => ({ party: p.party, baseUrl: p.url, keys: identities[nodes.indexOf(p)].all.map((k) => k.publicJwk) }));
    const child = spawnNode(
      {
        BH_PARTY: n.party,
        BH_DATA_DIR: n.dataDir,
        BH_PORT: String(n.port),
        BH_HOST: '127.0.0.1',
        BH_SEED: '1',
        BH_PEERS: JSON.stringify(peers),
        BH_LOG_LEVEL: process.env.BH_LOG_LEVEL ?? 'warn',
      },
      (line) => process.stdout.write(`[${n.party}] ${line}\n`),
    );
    children[i] = child;
  });
  try {
    await Promise.all(nodes.map((n, i) => waitHealthy(n.url, 60_000, children[i])));
  } catch (e) {
    stopAll();
    throw e;
  }
  process.stdout.write('Both nodes are up; loading five years of surveillance history and running detection…\n');
  const seeded = await Promise.all(nodes.map((n) => seedDemoSurveillance(n.url, n.party).catch((e: Error) => `${n.party}: ${e.message}`)));
  const lines = ['', ...seeded.map((l) => `  ${l}`), '', 'BorderHealth demo is running:', ''];
  for (const n of nodes) {
    lines.push(`  ${n.party}  ${n.url}   (API docs: ${n.url}/api/docs, data: ${n.dataDir})`);
    for (const u of DEMO_USERS.filter((u) => u.party === n.party)) {
      lines.push(`      ${u.username.padEnd(18)} ${demoPassword(u.username).padEnd(28)} ${u.role}`);
    }
    lines.push('');
  }
  lines.push('Press Ctrl+C to stop both nodes.', '');
  process.stdout.write(lines.join('\n'));
  const code = await new Promise<number>((res) => {
    let exited = 0;
    for (const c of children)
      c.once('exit', (code) => {
        exited++;
        if (code && code !== 0) stopAll();
        if (exited === children.length) res(0);
      });
  });
  return code;
}
