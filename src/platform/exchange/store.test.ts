import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TEST_BACKENDS } from '../store/testing';
import { TYP } from './envelope';
import { NodeSigner } from './keys';
import { PROBE_ORDERED_TYPE, PROBE_TYPE } from './probe';
import { adminHeaders, openExchangeTestNodes, type ExchangeTestNode } from './testing';
import type { ExchangeMessage } from './types';
import { uuidv7 } from './uuid';

/** Outbox and inbox against the real database, on both back-ends. */
describe.each(TEST_BACKENDS)('exchange store on %s', (backend) => {
  let a: ExchangeTestNode;
  let b: ExchangeTestNode;
  let dispose: () => Promise<void>;
  let signerA: NodeSigner;

  beforeAll(async () => {
    const opened = await openExchangeTestNodes(backend, { probes: true });
    [a, b] = opened.nodes;
    dispose = opened.dispose;
    signerA = new NodeSigner(a.identity);
  });
  afterAll(() => dispose?.());

  const message = (stream: string, seq: number, type = PROBE_ORDERED_TYPE): ExchangeMessage => ({
    id: uuidv7(),
    from: 'VN-QN',
    to: 'CN-GX',
    type,
    stream,
    seq,
    createdAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    body: { n: seq, pad: '' },
  });
  const delivery = () => signerA.sign({ from: 'VN-QN', to: 'CN-GX', sentAt: new Date().toISOString(), nonce: 'n' }, TYP.delivery);
  const inject = async (messages: string[]) => {
    const r = await b.app.inject({ method: 'POST', url: '/api/exchange/inbox', payload: { delivery: await delivery(), messages } });
    expect(r.statusCode).toBe(200);
    return r.json().results as { messageId: string; outcome: string; status?: string; receipt?: string }[];
  };
  const appliedSeqs = async (stream: string) =>
    (await sql<{ seq: number }>`select seq::int as seq from exchange_probes where stream = ${stream} order by id`.execute(b.store.db)).rows.map((r) => r.seq);

  it('puts a message in the outbox only if the caller’s transaction commits', async () => {
    await expect(
      a.store.db.transaction().execute(async (trx) => {
        await a.exchange.send(trx, { to: 'CN-GX', type: PROBE_TYPE, stream: 'rollback', body: { n: 1, pad: '' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await a.exchange.outbox({ type: PROBE_TYPE })).toEqual([]);
    // The counter rolled back too: the next message of the stream is seq 1.
    const sent = await a.store.db.transaction().execute((trx) => a.exchange.send(trx, { to: 'CN-GX', type: PROBE_TYPE, stream: 'rollback', body: { n: 2, pad: '' } }));
    expect(sent.seq).toBe(1);
    const [row] = await a.exchange.outbox({ type: PROBE_TYPE });
    expect(row).toMatchObject({ id: sent.id, to: 'CN-GX', stream: 'rollback', seq: 1, status: 'pending', attempts: 0 });
    const size = (await a.audit.treeHead()).treeSize;
    expect((await a.audit.entries(size - 1, size))[0].entry).toMatchObject({ action: 'exchange.message.sent', resource: { type: 'message', id: sent.id }, peer: 'CN-GX' });
  });

  it('numbers a stream without gaps under concurrent transactions, some rolled back', async () => {
    const attempts = 40;
    const results = await Promise.allSettled(
      Array.from({ length: attempts }, (_, i) =>
        a.store.db.transaction().execute(async (trx) => {
          const s1 = await a.exchange.send(trx, { to: 'CN-GX', type: PROBE_TYPE, stream: 'concurrent', body: { n: i, pad: '' } });
          const s2 = await a.exchange.send(trx, { to: 'CN-GX', type: PROBE_TYPE, stream: 'concurrent', body: { n: i, pad: '' } });
          if (i % 5 === 0) throw new Error('rolled back');
          return [s1.seq, s2.seq];
        }),
      ),
    );
    const committed = results.filter((r) => r.status === 'fulfilled');
    expect(committed.length).toBe(attempts - attempts / 5);
    const rows = await sql<{ seq: number }>`select seq::int as seq from exchange_outbox where stream = 'concurrent' order by seq`.execute(a.store.db);
    expect(rows.rows.map((r) => r.seq)).toEqual(Array.from({ length: committed.length * 2 }, (_, i) => i + 1));
  });

  it('applies a message once when 8 deliveries of it arrive at the same time', async () => {
    const token = await signerA.sign(message('concurrent-delivery', 1, PROBE_TYPE), TYP.message);
    const results = (await Promise.all(Array.from({ length: 8 }, () => inject([token])))).map((r) => r[0]);
    expect(results.filter((r) => r.outcome === 'accepted')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(7);
    // Every delivery holds the same signed receipt: the one stored with the message.
    expect(new Set(results.map((r) => r.receipt)).size).toBe(1);
    expect(await appliedSeqs('concurrent-delivery')).toEqual([1]);
    const inbox = await b.exchange.inbox({ peer: 'VN-QN', type: PROBE_TYPE });
    expect(inbox.filter((m) => m.stream === 'concurrent-delivery')).toHaveLength(1);
  });

  it('applies an ordered stream in order when its messages arrive shuffled, singly and in batches', async () => {
    const n = 30;
    const tokens = await Promise.all(Array.from({ length: n }, (_, i) => signerA.sign(message('shuffled', i + 1), TYP.message)));
    const order = [...tokens.keys()].sort(() => Math.random() - 0.5);
    if (order[0] === 0) order.push(order.shift()!); // make sure the first to arrive is not seq 1
    const statuses = new Map<number, string>();
    for (let i = 0; i < order.length; ) {
      const size = 1 + (i % 4); // batches of 1–4, shuffled within too
      const chunk = order.slice(i, i + size);
      const results = await inject(chunk.map((k) => tokens[k]));
      chunk.forEach((k, j) => statuses.set(k + 1, results[j].status!));
      i += size;
    }
    expect(await appliedSeqs('shuffled')).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(statuses.get(order[0] + 1)).toBe('held');
    expect((await b.exchange.inbox({ status: 'held' })).length).toBe(0);
    expect((await b.exchange.peers())[0].heldFromPeer).toBe(0);
    // Redelivering the whole stream afterwards changes nothing.
    const again = await inject(tokens);
    expect(new Set(again.map((r) => r.outcome))).toEqual(new Set(['duplicate']));
    expect(await appliedSeqs('shuffled')).toHaveLength(n);
  });

  it('lets unordered messages fill positions of a stream and records a stale position as duplicate', async () => {
    const first = await inject([await signerA.sign(message('mixed', 2), TYP.message)]);
    expect(first[0].status).toBe('held');
    const filler = await inject([await signerA.sign(message('mixed', 1, PROBE_TYPE), TYP.message)]);
    expect(filler[0].status).toBe('applied');
    expect(await appliedSeqs('mixed')).toEqual([1, 2]);
    // A different message claiming an already used position: received, recorded, never applied.
    const stale = await inject([await signerA.sign(message('mixed', 2), TYP.message)]);
    expect(stale[0]).toMatchObject({ outcome: 'duplicate', status: 'duplicate' });
    expect(await appliedSeqs('mixed')).toEqual([1, 2]);
    expect((await b.exchange.inbox({ status: 'duplicate' })).map((m) => m.id)).toContain(stale[0].messageId);
  });

  it('applies the rest of a batch when one message’s apply fails, and that one when it is sent again', async () => {
    const { Type } = await import('@sinclair/typebox');
    let broken = true;
    b.exchange.registerMessageType({
      type: 'test.flaky',
      bodySchema: Type.Object({ n: Type.Integer() }, { additionalProperties: false }),
      ordered: false,
      apply: async (trx, m) => {
        if (broken && m.body.n === 2) throw new Error('the capability failed');
        await sql`insert into exchange_probes (message_id, from_party, type, stream, seq, n, applied_at) values (${m.id}::uuid, ${m.from}, ${m.type}, ${m.stream}, ${m.seq}, ${m.body.n}, now())`.execute(trx);
      },
    });
    const flaky = (seq: number) => signerA.sign({ ...message('flaky', seq, 'test.flaky'), body: { n: seq } }, TYP.message);
    const tokens = await Promise.all([1, 2, 3].map(flaky));
    const first = await inject(tokens);
    expect(first.map((r) => r.outcome)).toEqual(['accepted', 'failed', 'accepted']);
    expect(await appliedSeqs('flaky')).toEqual([1, 3]);
    broken = false;
    const again = await inject(tokens);
    expect(again.map((r) => r.outcome)).toEqual(['duplicate', 'accepted', 'duplicate']);
    expect(await appliedSeqs('flaky')).toEqual([1, 3, 2]);
  });

  it('records acknowledgements and answers timelines; admin views need a session', async () => {
    const sent = await a.exchange.send(a.store.db, { to: 'CN-GX', type: PROBE_TYPE, stream: 'ack', body: { n: 1, pad: '' } });
    expect(await a.store.db.transaction().execute((trx) => a.exchange.acknowledgeOutgoing(trx, sent.id))).toBe(true);
    expect(await a.store.db.transaction().execute((trx) => a.exchange.acknowledgeOutgoing(trx, sent.id))).toBe(false);
    const tl = await a.exchange.timeline(sent.id);
    expect(tl).toMatchObject({ direction: 'outgoing', peer: 'CN-GX', status: 'pending', deliveredAt: null });
    expect(tl!.acknowledgedAt).not.toBeNull();
    expect(await a.exchange.timeline('not-a-uuid')).toBeNull();
    const [incoming] = await b.exchange.inbox({ status: 'applied', limit: 1 });
    expect(await b.store.db.transaction().execute((trx) => b.exchange.acknowledgeIncoming(trx, incoming.id))).toBe(true);
    expect((await b.exchange.timeline(incoming.id))!).toMatchObject({ direction: 'incoming', peer: 'VN-QN', status: 'applied' });
    expect((await b.exchange.timeline(incoming.id))!.acknowledgedAt).not.toBeNull();
    const headers = await adminHeaders(a.app);
    for (const url of ['/api/exchange/peers', '/api/exchange/outbox?status=pending', '/api/exchange/inbox', `/api/exchange/messages/${sent.id}`]) {
      expect((await a.app.inject({ url })).statusCode, url).toBe(401);
      const r = await a.app.inject({ url, headers });
      expect(r.statusCode, url).toBe(200);
    }
    const peers = (await a.app.inject({ url: '/api/exchange/peers', headers })).json();
    expect(peers[0]).toMatchObject({ party: 'CN-GX', reachable: null });
    expect(peers[0].queueDepth).toBeGreaterThan(0);
    expect((await a.app.inject({ url: '/api/exchange/messages/00000000-0000-7000-8000-000000000000', headers })).statusCode).toBe(404);
    // The link test, as an administrator runs it.
    const queued = await a.app.inject({ method: 'POST', url: '/api/exchange/probes', headers, payload: { to: 'CN-GX', count: 3, ordered: true, prefix: 'admin' } });
    expect(queued.statusCode).toBe(200);
    expect(queued.json()).toEqual({ queued: 3 });
    const summary = (await a.app.inject({ url: '/api/exchange/probes?ids=true', headers })).json();
    expect(summary.sent.ids.length).toBe(summary.sent.total);
    expect((await a.app.inject({ method: 'POST', url: '/api/exchange/probes', headers, payload: { to: 'XX-YY', count: 1 } })).json().code).toBe('BH_EXCHANGE_NOT_A_PEER');
  });
});
