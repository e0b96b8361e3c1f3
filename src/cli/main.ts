#!/usr/bin/env node
/**
 * The `borderhealth` command. Each subcommand lives in its own module; this file only dispatches.
 */
import { BhError } from '../platform/errors';

type Command = (args: string[]) => Promise<number>;

const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

const commands: Record<string, { summary: string; run: Command }> = {
  serve: { summary: 'run one node (configured by BH_* environment variables or BH_CONFIG)', run: async (a) => (await import('./serve')).serveCommand(a) },
  demo: { summary: 'run the two-node demo: VN-QN on :8080 and CN-GX on :8081', run: async (a) => (await import('./demo')).demoCommand(a) },
  detect: { summary: 'judge a fixture-shaped JSON file with the detection engine', run: async (a) => (await import('./detect')).detectCommand(a, io) },
  audit: { summary: 'audit verify: re-derive the audit log root from its entries and check the signed checkpoint', run: async (a) => (await import('./audit')).auditCommand(a) },
  import: { summary: 'import a CSV or DHIS2 file of surveillance data (aggregates, screening, vectors, cases) with a progress bar', run: async (a) => (await import('./import')).importCommand(a) },
  export: { summary: 'export surveillance data as CSV or a DHIS2 data value set', run: async (a) => (await import('./export')).exportCommand(a) },
  keys: { summary: 'keys rotate --data DIR: create a new node signing key (old keys stay verifiable)', run: async (a) => (await import('./keys')).keysCommand(a) },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return ['usage: borderhealth <command> [options]', '', ...Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    process.stderr.write(`borderhealth: unknown command "${name}"\n${usage()}\n`);
    return 2;
  }
  return cmd.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const msg = err instanceof BhError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
    process.stderr.write(`borderhealth: ${msg}\n`);
    process.exitCode = 1;
  },
);
