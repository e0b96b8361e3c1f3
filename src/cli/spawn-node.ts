import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const MAIN = resolve(fileURLToPath(new URL('./main.ts', import.meta.url)));

/** Starts `borderhealth serve` in a child process with the given environment. */
export function spawnNode(env: Record<string, string>, output: (line: string) => void): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        output(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    });
  }
  return child;
}

/** Waits until a node answers /api/health, or fails after the timeout. */
export async function waitHealthy(baseUrl: string, timeoutMs = 60_000, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`node at ${baseUrl} exited with code ${child.exitCode}`);
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`node at ${baseUrl} did not become healthy within ${timeoutMs} ms`);
}
