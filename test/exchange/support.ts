import { generateKeyPairSync } from 'node:crypto';
import { loadIdentity } from '../../src/platform/identity';
import { NodeSigner } from '../../src/platform/exchange/keys';
import { TYP } from '../../src/platform/exchange';
import { uuidv7 } from '../../src/platform/exchange/uuid';
import { craftToken } from '../../src/platform/exchange/testing';
import type { ExchangeMessage, InboxItemResult } from '../../src/platform/exchange';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startNodeProcess, type TestNode } from '../support/nodes';

/** Helpers for the exchange's process-level tests: talk to real node processes over HTTP. */

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * VN-QN and CN-GX node processes peered with each other (as `startTestNodes`), except that if one
 * fails to start the other is stopped too, so that no process outlives the test.
 */
export async function startPair(): Promise<{ vn: TestNode; cn: TestNode; stop(): Promise<void> }> {
  const root = mkdtempSync(join(tmpdir(), 'bh-exchange-'));
  const specs = [
    { party: 'VN-QN', dataDir: join(root, 'vn-qn'), port: await freePort() },
    { party: 'CN-GX', dataDir: join(root, 'cn-gx'), port: await freePort() },
  ];
  const ids = await Promise.all(specs.map((s) => loadIdentity(s.dataDir)));
  const peersOf = (i: number) => [{ party: specs[1 - i].party, baseUrl: `http://127.0.0.1:${specs[1 - i].port}`, keys: ids[1 - i].all.map((k) => k.publicJwk) }];
  const started = await Promise.allSettled(specs.map((s, i) => startNodeProcess({ ...s, peers: peersOf(i) })));
  const nodes = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.kill('SIGTERM')));
    rmSync(root, { recursive: true, force: true });
  };
  const failure = started.find((r) => r.status === 'rejected');
  if (failure) {
    await stop();
    throw (failure as PromiseRejectedResult).reason;
  }
  return { vn: nodes[0], cn: nodes[1], stop };
}

/** Calls a node's API with a bearer token; answers status and parsed JSON. */
export async function api(node: TestNode, token: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const r = await fetch(`${node.url}/api${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
    signal: AbortSignal.timeout(20_000),
  });
  return { status: r.status, json: (await r.json()) as any };
}

export interface ProbeSummary {
  sent: { total: number; byStatus: Record<string, number>; ids?: string[] };
  received: { total: number; distinct: number; streams: { from: string; stream: string; type: string; count: number; inOrder: boolean }[]; ids?: string[] };
}

/** A node's probe summary (sent and applied), retrying while the node restarts. */
export async function probes(node: TestNode, token: string, ids = false): Promise<ProbeSummary> {
  for (;;) {
    let r: Awaited<ReturnType<typeof api>> | undefined;
    try {
      r = await api(node, token, `/exchange/probes${ids ? '?ids=true' : ''}`);
    } catch {
      // down or restarting
    }
    if (r?.status === 200) return r.json as ProbeSummary;
    if (r && r.status < 500) throw new Error(`probes on ${node.party}: HTTP ${r.status} ${JSON.stringify(r.json)}`);
    await sleep(200);
  }
}

/** Waits until `check` holds, polling; fails with the last value after `ms`. */
export async function until<T>(what: string, probe: () => Promise<T>, check: (v: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T;
  for (;;) {
    last = await probe();
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}: ${JSON.stringify(last).slice(0, 800)}`);
    await sleep(250);
  }
}

/** Signs tokens as the node whose data directory this is (the test reads its key file); one stream per caller. */
export async function impersonate(node: TestNode, to: string, stream: string) {
  const identity = await loadIdentity(node.dataDir);
  const signer = new NodeSigner(identity);
  let seq = 0;
  const message = (over: Partial<ExchangeMessage> = {}): ExchangeMessage => ({
    id: uuidv7(),
    from: node.party,
    to,
    type: 'exchange.probe',
    stream,
    seq: ++seq,
    createdAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    body: { n: seq, pad: '' },
    ...over,
  });
  return {
    identity,
    message,
    sign: (m: unknown) => signer.sign(m, TYP.message),
    delivery: (sentAt = Date.now()) => signer.sign({ from: node.party, to, sentAt: new Date(sentAt).toISOString(), nonce: 'test' }, TYP.delivery),
    forge: (header: Record<string, unknown>, payload: unknown) => craftToken(header, payload, generateKeyPairSync('ed25519').privateKey),
  };
}

/** POSTs a raw inbox request to a node process. */
export async function postInbox(node: TestNode, body: unknown): Promise<{ status: number; code?: string; results?: InboxItemResult[] }> {
  const r = await fetch(`${node.url}/api/exchange/inbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  const json = (await r.json()) as { code?: string; results?: InboxItemResult[] };
  return { status: r.status, ...json };
}
