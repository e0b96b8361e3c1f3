/**
 * Exchange benchmark. Two node processes (A → B) on loopback, each with its own database, for each
 * back-end; prints, against a baseline measured in the same run (a plain HTTP POST of the same
 * bytes into the same kind of database, batched the same way, without the exchange layer):
 *   - sustained durable throughput: a backlog committed in A's outbox until applied (committed) on B;
 *   - latency at a steady 100 msg/s, p50/p99, from commit on A to commit of the apply on B.
 * `--faults` instead runs the long fault test: 10,000 messages, 50 SIGKILLs of real nodes.
 *
 *   npx tsx bench/exchange.ts [--messages 5000] [--seconds 10] [--backend pglite|postgres] [--batch 500]
 *                             [--concurrency 2] [--faults]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import type { Migration } from 'kysely';
import pg from 'pg';
import { parseConfig } from '../src/platform/config';
import { loadIdentity } from '../src/platform/identity';
import { openStore } from '../src/platform/store/database';
import { TEST_BACKENDS, TEST_POSTGRES_URL, type TestBackend } from '../src/platform/store/testing';
import { AuditLog, auditMigrations } from '../src/platform/audit';
import { authMigrations } from '../src/platform/http/auth';
import { buildApp, type AppModule } from '../src/platform/http/app';
import { DEFAULT_EXCHANGE_OPTIONS, Exchange, exchangeMigrations, exchangeModule, PROBE_TYPE, sendProbes, TYP } from '../src/platform/exchange';
import { freePort, testUsers } from '../src/platform/exchange/testing';

const SELF = fileURLToPath(import.meta.url);
const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '10' },
    backend: { type: 'string' },
    faults: { type: 'boolean', default: false },
    batch: { type: 'string', default: String(DEFAULT_EXCHANGE_OPTIONS.batchMessages) },
    concurrency: { type: 'string', default: String(DEFAULT_EXCHANGE_OPTIONS.concurrencyPerPeer) },
    role: { type: 'string' },
    spec: { type: 'string' },
  },
});
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

interface NodeSpec {
  role: 'A' | 'B';
  party: string;
  peer: string;
  backend: TestBackend;
  dataDir: string;
  schema: string;
  port: number;
  peerPort: number;
  peerDir: string;
  batch: number;
  concurrency: number;
}

// ---- child: one node with the exchange, the probe types, and the baseline endpoint --------------

const plainTable: Record<string, Migration> = {
  '9000_bench_plain': {
    up: (db) =>
      db.schema.createTable('bench_plain').addColumn('id', 'bigserial', (c) => c.primaryKey()).addColumn('tag', 'text', (c) => c.notNull()).addColumn('body', 'text', (c) => c.notNull()).execute(),
  },
};

async function child(spec: NodeSpec): Promise<void> {
  const identity = await loadIdentity(spec.dataDir);
  const peerIdentity = await loadIdentity(spec.peerDir);
  const config = parseConfig({
    party: spec.party,
    dataDir: spec.dataDir,
    port: spec.port,
    peers: [{ party: spec.peer, baseUrl: `http://127.0.0.1:${spec.peerPort}`, keys: peerIdentity.all.map((k) => k.publicJwk) }],
  });
  const store = await openStore(
    spec.backend === 'pglite' ? { kind: 'pglite', dataDir: join(spec.dataDir, 'db') } : { kind: 'postgres', url: TEST_POSTGRES_URL, schema: spec.schema },
    { ...authMigrations, ...auditMigrations, ...exchangeMigrations, ...plainTable },
  );
  const k = identity.current;
  const auditOptions = { db: store.db, signer: { privateKey: k.privateKey, publicKey: k.publicKey, kid: k.kid }, origin: `borderhealth/${spec.party}` };
  const audit = new AuditLog(auditOptions);
  const exchange = await Exchange.create({ config, identity, db: store.db, audit, probes: true, options: { batchMessages: spec.batch, concurrencyPerPeer: spec.concurrency } });
  const applied = new Map<string, number>();
  exchange.onApplied((events) => events.forEach((e) => applied.set(e.id, e.at)));
  const plainAt = new Map<string, number>();
  // The baseline: the same bytes, batched the same way, one transaction per request, nothing else.
  const plain: AppModule = {
    name: 'bench',
    routes: async (app) => {
      app.post('/bench/plain', { config: { access: 'public' }, bodyLimit: 64 * 1024 * 1024 }, async (req) => {
        const { items } = req.body as { items: { tag: string; body: string }[] };
        await store.db.transaction().execute((trx) => trx.insertInto('bench_plain').values(items).execute());
        const at = Date.now();
        for (const i of items) plainAt.set(i.tag, at);
        return { n: items.length };
      });
    },
  };
  const app = await buildApp({ config, store, identity, audit, users: testUsers(spec.party), node: { party: spec.party, names: { vi: spec.party, 'zh-CN': spec.party, en: spec.party } }, modules: [exchangeModule(exchange), plain], logger: false });
  await app.listen({ host: '127.0.0.1', port: spec.port });
  const peerUrl = `http://127.0.0.1:${spec.peerPort}/api/bench/plain`;
  const postPlain = (items: { tag: string; body: string }[]) =>
    fetch(peerUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) }).then((r) => r.json());
  const sample = async (n: number) => {
    const jws = await exchange.context.signer.sign({ n, pad: '' }, TYP.message);
    return Array.from({ length: n }, (_, i) => ({ tag: `${i}-${randomBytes(4).toString('hex')}`, body: jws }));
  };

  let profiler: Session | undefined;
  const commands: Record<string, (a: any) => Promise<unknown>> = {
    enqueue: async ({ n }) => {
      const t = performance.now();
      await sendProbes(exchange, store.db, { to: spec.peer, count: n, streams: 4 });
      return { ms: performance.now() - t };
    },
    deliver: async () => {
      exchange.start({ warn: () => undefined, error: (o, m) => console.error(m, o) });
      return { at: Date.now() };
    },
    steady: async ({ rate, seconds }) => {
      const committed: [string, number][] = [];
      const t0 = Date.now();
      for (let i = 0; i < rate * seconds; i++) {
        const due = t0 + (i * 1000) / rate;
        if (due > Date.now()) await sleep(due - Date.now());
        const sent = await store.db.transaction().execute((trx) => exchange.send(trx, { to: spec.peer, type: PROBE_TYPE, stream: 'steady', body: { n: i, pad: '' } }));
        committed.push([sent.id, Date.now()]);
      }
      return { committed };
    },
    'plain-burst': async ({ n, batch, concurrency }) => {
      const items = await sample(n);
      const t = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < items.length) {
            const chunk = items.slice(next, (next += batch));
            await postPlain(chunk);
          }
        }),
      );
      return { ms: performance.now() - t };
    },
    'plain-steady': async ({ rate, seconds }) => {
      const items = await sample(rate * seconds);
      const sent: [string, number][] = [];
      const t0 = Date.now();
      for (const [i, item] of items.entries()) {
        const due = t0 + (i * 1000) / rate;
        if (due > Date.now()) await sleep(due - Date.now());
        sent.push([item.tag, Date.now()]);
        await postPlain([item]);
      }
      return { sent };
    },
    // BH_BENCH_PROFILE=DIR: CPU profile of each node during the throughput run, for finding the next bottleneck.
    'profile-start': async () => {
      if (!process.env.BH_BENCH_PROFILE) return {};
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
      return {};
    },
    'profile-stop': async () => {
      if (!profiler) return {};
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(join(process.env.BH_BENCH_PROFILE!, `${spec.role}-${spec.backend}.cpuprofile`), JSON.stringify(profile));
      return {};
    },
    applied: async () => ({ applied: [...applied.entries()], plain: [...plainAt.entries()] }),
    count: async () => ({ applied: applied.size, plain: plainAt.size }),
    exit: async () => {
      await exchange.stop();
      await app.close();
      await store.close();
      setImmediate(() => process.exit(0));
      return {};
    },
  };
  process.on('message', async (m: { id: number; cmd: string; args: unknown }) => {
    const result = await commands[m.cmd](m.args);
    process.send!({ id: m.id, result });
  });
  process.send!({ ready: true });
}

// ---- parent ----------------------------------------------------------------------------------------

function control(c: ChildProcess) {
  let next = 0;
  const waiting = new Map<number, (v: any) => void>();
  c.on('message', (m: { id?: number; result?: unknown }) => {
    if (m.id !== undefined) waiting.get(m.id)?.(m.result);
  });
  return (cmd: string, args: unknown = {}) =>
    new Promise<any>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      c.send({ id, cmd, args });
    });
}

async function pair(backend: TestBackend) {
  const root = mkdtempSync(join(tmpdir(), 'bh-bench-x-'));
  const dirs = [join(root, 'a'), join(root, 'b')];
  await Promise.all(dirs.map((d) => loadIdentity(d)));
  const ports = [await freePort(), await freePort()];
  const schemas = dirs.map(() => `bx_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`);
  const specs: NodeSpec[] = [0, 1].map((i) => ({
    role: i === 0 ? 'A' : 'B',
    party: i === 0 ? 'VN-QN' : 'CN-GX',
    peer: i === 0 ? 'CN-GX' : 'VN-QN',
    backend,
    dataDir: dirs[i],
    schema: schemas[i],
    port: ports[i],
    peerPort: ports[1 - i],
    peerDir: dirs[1 - i],
    batch: Number(values.batch),
    concurrency: Number(values.concurrency),
  }));
  const children = specs.map((s) => fork(SELF, ['--role', 'node', '--spec', JSON.stringify(s)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  await Promise.all(children.map((c) => new Promise((r) => c.on('message', (m: { ready?: boolean }) => m.ready && r(null)))));
  const [a, b] = children.map(control);
  return {
    a,
    b,
    async close() {
      await Promise.all([a('exit'), b('exit')]);
      await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
      rmSync(root, { recursive: true, force: true });
      if (backend === 'postgres') {
        const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
        await client.connect();
        for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
        await client.end();
      }
    },
  };
}

async function waitCount(b: (cmd: string) => Promise<any>, key: 'applied' | 'plain', n: number, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await b('count'))[key] < n) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${n} ${key}`);
    await sleep(20);
  }
}

async function benchBackend(backend: TestBackend, n: number, seconds: number) {
  const rate = 100;
  const p = await pair(backend);
  try {
    // Baseline throughput: same bytes, batched and in flight as the exchange is (default 500 × 2).
    const plain = await p.a('plain-burst', { n, batch: Number(values.batch), concurrency: Number(values.concurrency) });
    const enq = await p.a('enqueue', { n });
    await Promise.all([p.a('profile-start'), p.b('profile-start')]);
    const { at: started } = await p.a('deliver');
    await waitCount(p.b, 'applied', n);
    await Promise.all([p.a('profile-stop'), p.b('profile-stop')]);
    const times: [string, number][] = (await p.b('applied')).applied;
    const exchangeMs = Math.max(...times.map(([, t]) => t)) - started;

    // Latency at a steady rate: each message committed on its own on A.
    const plainSteady = await p.a('plain-steady', { rate, seconds });
    await waitCount(p.b, 'plain', n + rate * seconds);
    const steady = await p.a('steady', { rate, seconds });
    await waitCount(p.b, 'applied', n + rate * seconds);
    const after = await p.b('applied');
    const appliedAt = new Map<string, number>(after.applied);
    const plainAt = new Map<string, number>(after.plain);
    const lat = (steady.committed as [string, number][]).map(([id, t]) => appliedAt.get(id)! - t);
    const base = (plainSteady.sent as [string, number][]).map(([tag, t]) => plainAt.get(tag)! - t);

    const tput = (n / exchangeMs) * 1000;
    const tputBase = (n / plain.ms) * 1000;
    console.log(`\n[${backend}]`);
    console.log(`  throughput, plain POST baseline   ${fmt(tputBase)} msg/s`);
    console.log(`  throughput, exchange (durable)    ${fmt(tput)} msg/s   ${fmt(tput / tputBase, 2)}× of baseline   (target ≥ 2,000)`);
    console.log(`  enqueue (send: sign, seq, outbox, audit)  ${fmt((n / enq.ms) * 1000)} msg/s`);
    console.log(`  latency at ${rate} msg/s, baseline     p50 ${fmt(pct(base, 50), 1)} ms   p99 ${fmt(pct(base, 99), 1)} ms`);
    console.log(`  latency at ${rate} msg/s, exchange     p50 ${fmt(pct(lat, 50), 1)} ms   p99 ${fmt(pct(lat, 99), 1)} ms   max ${fmt(Math.max(...lat), 1)} ms   (target p99 < 200)`);
  } finally {
    await p.close();
  }
}

async function faultRun(total: number, killsPerNode: number) {
  const { login } = await import('../test/support/nodes');
  const { api, probes, startPair, until } = await import('../test/exchange/support');
  console.log(`long fault run: ${fmt(total)} messages VN-QN → CN-GX, ${killsPerNode * 2} SIGKILLs of real node processes (PGlite)`);
  const { vn: a, cn: b, stop } = await startPair();
  const t0 = Date.now();
  try {
    const ta = await login(a.url, 'admin');
    const tb = await login(b.url, 'admin');
    let enqueued = 0;
    let kills = 0;
    const enqueue = (async () => {
      for (let round = 0; enqueued < total; round++) {
        try {
          enqueued = (await probes(a, ta)).sent.total;
          if (enqueued < total) await api(a, ta, '/exchange/probes', { method: 'POST', body: { to: 'CN-GX', count: Math.min(200, total - enqueued), ordered: round % 2 === 0, streams: 5 } });
        } catch {
          // killed mid-request; the sender's count says whether it committed
        }
        await sleep(200);
      }
    })();
    const killer = async (node: typeof a) => {
      for (let i = 0; i < killsPerNode; i++) {
        await sleep(200 + Math.random() * 1500);
        await node.kill('SIGKILL');
        kills++;
        await sleep(Math.random() * 300);
        await node.restart();
      }
    };
    await Promise.all([enqueue, killer(a), killer(b)]);
    await until('all applied', () => probes(b, tb), (s) => s.received.total >= total, 300_000);
    await until('all receipts', () => probes(a, ta), (s) => s.sent.byStatus.delivered === total, 120_000);
    const sent = await probes(a, ta, true);
    const got = await probes(b, tb, true);
    const sameIds = JSON.stringify(sent.sent.ids) === JSON.stringify(got.received.ids);
    const disorder = got.received.streams.filter((s) => s.type === 'exchange.probe.ordered' && !s.inOrder).length;
    console.log(`  kills ${kills}, elapsed ${fmt((Date.now() - t0) / 1000, 1)} s`);
    console.log(`  sent ${fmt(sent.sent.total)}, delivered with receipt ${fmt(sent.sent.byStatus.delivered ?? 0)}`);
    console.log(`  applied ${fmt(got.received.total)}, distinct ${fmt(got.received.distinct)}, same ids as sent: ${sameIds}, ordered streams out of order: ${disorder}`);
    if (got.received.total !== total || got.received.distinct !== total || !sameIds || disorder) process.exitCode = 1;
  } finally {
    await stop();
  }
}

if (values.role === 'node') {
  await child(JSON.parse(values.spec!) as NodeSpec);
} else if (values.faults) {
  await faultRun(10_000, 25);
} else {
  const n = Number(values.messages);
  console.log(`exchange benchmark: ${fmt(n)} messages backlog; latency at 100 msg/s for ${values.seconds} s; two node processes on loopback`);
  for (const backend of TEST_BACKENDS.filter((b) => !values.backend || b === values.backend)) await benchBackend(backend, n, Number(values.seconds));
}
