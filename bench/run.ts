/**
 * `npm run bench`: runs every benchmark in turn, each in its own process so that memory
 * figures are its own. Each prints its ratio against a baseline measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benches = ['audit.ts', 'detection.ts', 'surveillance-import.ts', 'exchange.ts'];
const only = process.argv.slice(2);
let failed = 0;
for (const b of benches) {
  const path = fileURLToPath(new URL(b, import.meta.url));
  if (!existsSync(path) || (only.length && !only.some((o) => b.startsWith(o)))) continue;
  console.log(`\n=== bench/${b} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
