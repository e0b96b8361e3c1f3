import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint, compactVerify, importJWK, type JWK } from 'jose';
import { signCheckpoint } from '../audit';
import { TEST_BACKENDS } from '../store/testing';
import { backoffDelay, type ExchangeOptions } from './context';
import { TYP, payloadOf } from './envelope';
import { PROBE_TYPE, probeSummary, sendProbes } from './probe';
import { freePort, openExchangeTestNodes, type ExchangeTestNode } from './testing';
import type { ExchangeMessage } from './types';

const FAST: Partial<ExchangeOptions> = { retryBaseMs: 50, retryCapMs: 400, refusalRetryCapMs: 400, pollIntervalMs: 100, expirySweepMs: 100, attemptTimeoutMs: 3_000 };
const quiet = { warn: () => undefined, error: () => undefined };

async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('backoff', () => {
  it('is full jitter under an exponential ceiling, capped', () => {
    expect(backoffDelay(0, 200, 30_000, () => 0.999)).toBe(199);
    expect(backoffDelay(3, 200, 30_000, () => 0.5)).toBe(800);
    expect(backoffDelay(20, 200, 30_000, () => 0.999)).toBe(29_970);
    expect(backoffDelay(1000, 200, 30_000, () => 0)).toBe(0);
  });
});

describe.each(TEST_BACKENDS)('delivery between two nodes over HTTP on %s', (backend) => {
  let a: ExchangeTestNode;
  let b: ExchangeTestNode;
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await openExchangeTestNodes(backend, { probes: true, options: FAST });
    [a, b] = opened.nodes;
    dispose = opened.dispose;
  });
  afterAll(() => dispose?.());

  it('retries while the receiver is down and delivers everything once it is back', async () => {
    await a.app.listen({ host: '127.0.0.1', port: Number(new URL(a.url).port) });
    a.exchange.start(quiet);
    await sendProbes(a.exchange, a.store.db, { to: 'CN-GX', count: 60, ordered: true, streams: 2, prefix: 'down' });
    const down = await until('a failed attempt', () => a.exchange.peers(), ([p]) => p.reachable === false);
    expect(down[0].lastError).toMatch(/^BH_EXCHANGE_PEER_UNREACHABLE/);
    expect(down[0].queueDepth).toBe(60);
    await new Promise((r) => setTimeout(r, 1000));
    await b.app.listen({ host: '127.0.0.1', port: Number(new URL(b.url).port) });
    b.exchange.start(quiet); // its greeting lets A retry at once
    const got = await until('all applied', () => probeSummary(b.store.db), (s) => s.received.total >= 60, 10_000);
    expect(got.received.distinct).toBe(60);
    await until('queue drained', () => a.exchange.peers(), ([p]) => p.queueDepth === 0 && p.reachable === true);
  });

  it('delivers ordered and unordered messages, each once, and keeps each side’s signed receipt', async () => {
    const delivered: string[] = [];
    a.exchange.onDelivered((events) => delivered.push(...events.map((e) => e.id)));
    await sendProbes(a.exchange, a.store.db, { to: 'CN-GX', count: 150, ordered: true, streams: 3 });
    await sendProbes(a.exchange, a.store.db, { to: 'CN-GX', count: 50, streams: 2 });
    await sendProbes(b.exchange, b.store.db, { to: 'VN-QN', count: 20, ordered: true });
    const got = await until('all applied on B', () => probeSummary(b.store.db), (s) => s.received.total >= 260);
    expect(got.received).toMatchObject({ total: 260, distinct: 260 });
    for (const s of got.received.streams.filter((x) => x.type.endsWith('ordered'))) expect(s.inOrder).toBe(true);
    await until('all applied on A', () => probeSummary(a.store.db), (s) => s.received.total >= 20);
    const sent = await until('receipts stored on A', () => probeSummary(a.store.db), (s) => s.sent.byStatus.delivered === 260);
    expect(sent.sent.total).toBe(260);
    expect(new Set(delivered).size).toBe(200);

    // A holds B's receipt for each message: signed with B's key, naming the message and B's tree head.
    const bKey = await importJWK(b.identity.current.publicJwk as JWK, 'EdDSA');
    const [one] = await a.exchange.outbox({ status: 'delivered', limit: 1 });
    const timeline = await a.exchange.timeline(one.id);
    const { payload } = await compactVerify(timeline!.receipt!, bKey);
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ messageId: one.id, from: 'VN-QN', to: 'CN-GX' });
    expect(timeline!.deliveredAt! >= timeline!.queuedAt!).toBe(true);
    // B holds the same receipt in its inbox (its own signed statement of what it received).
    expect((await b.exchange.timeline(one.id))!.receipt).toBe(timeline!.receipt);
    const [status] = await a.exchange.peers();
    expect(status).toMatchObject({ party: 'CN-GX', reachable: true, queueDepth: 0 });
    expect(status.peerTreeSize).toBeGreaterThan(0);
  });
});

describe('delivery to a peer that answers wrongly', () => {
  let server: Server | undefined;
  let dispose: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await dispose?.();
    server?.close();
  });

  it('marks a message delivered only on a valid receipt; stops on final refusals; expires old messages', async () => {
    // A fake VN-LS node whose answers the test controls, signing with the key A trusts for it.
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const jwk = publicKey.export({ format: 'jwk' }) as JWK;
    const kid = await calculateJwkThumbprint(jwk);
    const port = await freePort();
    let mode: 'forged' | 'wrong-id' | 'valid' | 'refuse-final' | 'refuse-curable' = 'forged';
    const { craftToken } = await import('./testing');
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const { messages } = JSON.parse(body) as { messages: string[] };
        const head = { treeSize: 1, rootHash: Buffer.alloc(32).toString('base64'), keyId: kid, ...signCheckpoint({ privateKey, publicKey, kid }, 'borderhealth/VN-LS', 1, new Uint8Array(32)) };
        const treeHead = { treeSize: head.treeSize, rootHash: head.rootHash, checkpoint: head.note, signature: head.signature, keyId: kid };
        const results = messages.map((m) => {
          const msg = payloadOf<ExchangeMessage>(m);
          if (mode === 'refuse-final') return { messageId: msg.id, outcome: 'refused', code: 'BH_EXCHANGE_BAD_SIGNATURE' };
          if (mode === 'refuse-curable') return { messageId: msg.id, outcome: 'refused', code: 'BH_EXCHANGE_UNKNOWN_TYPE' };
          const receipt = { messageId: mode === 'wrong-id' ? '00000000-0000-7000-8000-000000000000' : msg.id, from: 'VN-QN', to: 'VN-LS', receivedAt: new Date().toISOString(), status: 'applied', treeHead };
          const key = mode === 'forged' ? generateKeyPairSync('ed25519').privateKey : privateKey;
          return { messageId: msg.id, outcome: 'accepted', status: 'applied', receipt: craftToken({ alg: 'EdDSA', kid, typ: TYP.receipt }, receipt, key) };
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results }));
      });
    });
    await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
    const opened = await openExchangeTestNodes('pglite', {
      parties: ['VN-QN'],
      probes: true,
      listen: true,
      options: FAST,
      extraPeers: [{ party: 'VN-LS', baseUrl: `http://127.0.0.1:${port}`, keys: [{ ...jwk, kid }] }],
    });
    dispose = opened.dispose;
    const [a] = opened.nodes;
    const send = () => a.exchange.send(a.store.db, { to: 'VN-LS', type: PROBE_TYPE, stream: 's', body: { n: 1, pad: '' } });
    const state = async (id: string) => (await a.exchange.outbox({ peer: 'VN-LS' })).find((m) => m.id === id)!;

    const m1 = await send();
    await until('a forged receipt rejected', () => state(m1.id), (m) => m.attempts >= 2);
    expect(await state(m1.id)).toMatchObject({ status: 'pending', lastError: 'BH_EXCHANGE_RECEIPT_INVALID' });
    mode = 'wrong-id';
    const attempts = (await state(m1.id)).attempts;
    await until('a receipt for another message rejected', () => state(m1.id), (m) => m.attempts >= attempts + 2);
    expect((await state(m1.id)).status).toBe('pending');
    mode = 'valid';
    await until('delivered on a valid receipt', () => state(m1.id), (m) => m.status === 'delivered');

    mode = 'refuse-curable';
    const m2 = await send();
    await until('retried after a curable refusal', () => state(m2.id), (m) => m.attempts >= 2);
    expect(await state(m2.id)).toMatchObject({ status: 'pending', lastError: 'BH_EXCHANGE_UNKNOWN_TYPE' });
    mode = 'refuse-final';
    await until('given up after a final refusal', () => state(m2.id), (m) => m.status === 'refused');
    expect((await state(m2.id)).lastError).toBe('BH_EXCHANGE_BAD_SIGNATURE');

    server.close();
    const m3 = await a.exchange.send(a.store.db, { to: 'VN-LS', type: PROBE_TYPE, stream: 's', body: { n: 3, pad: '' }, ttlSeconds: 1 });
    await until('expired', () => state(m3.id), (m) => m.status === 'expired', 10_000);
    const [peer] = await a.exchange.peers();
    expect(peer).toMatchObject({ party: 'VN-LS', undeliverable: 2, queueDepth: 0 });
  });
});
