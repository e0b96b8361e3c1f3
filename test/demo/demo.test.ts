import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { login } from '../support/nodes';
import { waitHealthy } from '../../src/cli/spawn-node';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** `npm start` runs `borderhealth demo`; this runs the same command on free ports and a fresh folder. */
describe('the demo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bh-demo-'));
  let child: ReturnType<typeof spawn> | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts two peered nodes with their own keys and data that answer health', async () => {
    // Two consecutive free ports (the demo puts CN-GX on base + 1), below the ephemeral range: the
    // demo listens only after seeding, and meanwhile any outgoing connection of a suite running
    // beside it could be given an ephemeral port.
    let base = 0;
    do base = 20_000 + Math.floor(Math.random() * 10_000);
    while (!(await portFree(base)) || !(await portFree(base + 1)));
    child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'demo', '--data', dir, '--base-port', String(base)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const vn = `http://127.0.0.1:${base}`;
    const cn = `http://127.0.0.1:${base + 1}`;
    // Start-up time is measured in the issue note, not asserted here: CI runs other suites beside.
    await Promise.all([waitHealthy(vn, 180_000), waitHealthy(cn, 180_000)]).catch((e: Error) => {
      throw new Error(`${e.message}\n--- demo output ---\n${out}`);
    });
    const [a, b] = (await Promise.all([vn, cn].map(async (u) => (await fetch(`${u}/.well-known/borderhealth/node.json`)).json()))) as { party: string; publicKey: { kid: string } }[];
    expect(a.party).toBe('VN-QN');
    expect(b.party).toBe('CN-GX');
    expect(a.publicKey.kid).not.toBe(b.publicKey.kid);
    for (const d of ['vn-qn', 'cn-gx']) {
      const keys = readdirSync(join(dir, d, 'keys'));
      expect(statSync(join(dir, d, 'keys', keys[0])).mode & 0o777).toBe(0o600);
    }
    // The administrator of each node signs in with the documented password.
    await login(vn, 'admin', 'admin-demo-2026');
    await login(cn, 'admin', 'admin-demo-2026');
    // Then it loads the surveillance history, runs detection and prints the URLs and accounts.
    const deadline = Date.now() + 240_000;
    while (!out.includes('Press Ctrl+C') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(out).toMatch(/VN-QN: imported \d+ aggregates.*detection raised [1-9]\d* signals/);
    expect(out).toMatch(/CN-GX: imported \d+ aggregates.*detection raised [1-9]\d* signals/);
    // No private key material ever appears in output.
    expect(out).toContain(vn);
    expect(out).toContain('admin-demo-2026');
    expect(out).not.toMatch(/PRIVATE KEY|"d":/);
  }, 420_000);
});
