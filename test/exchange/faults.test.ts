import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestNode } from '../support/nodes';
import { api, impersonate, postInbox, probes, sleep, startPair, until } from './support';

/**
 * The exchange between two real node processes on loopback (VN-QN → CN-GX), each with its own
 * embedded database. Two pairs run side by side: one is killed over and over while 2,000 messages
 * flow; on the other the receiver is down for 30 seconds, after the refusal set, clock skew and
 * concurrent duplicate deliveries are checked against the real process.
 */
describe('exchange between node processes', () => {
  let chaos: Awaited<ReturnType<typeof startPair>>;
  let calm: Awaited<ReturnType<typeof startPair>>;
  const tokens = new Map<TestNode, string>();
  const token = (n: TestNode) => tokens.get(n)!;

  beforeAll(async () => {
    const pairs = await Promise.allSettled([startPair(), startPair()]);
    const failed = pairs.find((p) => p.status === 'rejected');
    if (failed) {
      // No process may outlive the test: stop the pair that did start.
      await Promise.all(pairs.map((p) => (p.status === 'fulfilled' ? p.value.stop() : null)));
      throw (failed as PromiseRejectedResult).reason;
    }
    [chaos, calm] = pairs.map((p) => (p as PromiseFulfilledResult<Awaited<ReturnType<typeof startPair>>>).value);
    for (const n of [chaos.vn, chaos.cn, calm.vn, calm.cn]) tokens.set(n, await login(n.url, 'admin'));
  }, 120_000);
  afterAll(async () => {
    await Promise.all([chaos?.stop(), calm?.stop()]);
  });

  it('(e) applies a message once when 8 deliveries of it reach the process at the same time', async () => {
    const as = await impersonate(calm.vn, 'CN-GX', 'concurrent');
    const before = (await probes(calm.cn, token(calm.cn))).received.total;
    const msg = await as.sign(as.message());
    const results = await Promise.all(Array.from({ length: 8 }, async () => postInbox(calm.cn, { delivery: await as.delivery(), messages: [msg] })));
    const outcomes = results.map((r) => r.results![0].outcome).sort();
    expect(outcomes).toEqual(['accepted', ...Array(7).fill('duplicate')]);
    expect(new Set(results.map((r) => r.results![0].receipt)).size).toBe(1);
    expect((await probes(calm.cn, token(calm.cn))).received.total).toBe(before + 1);
  });

  it('(d) refuses forged, tampered, expired, wrong-key, alg none and misaddressed messages, and answers a replay as a duplicate', async () => {
    const as = await impersonate(calm.vn, 'CN-GX', 'refusals');
    const kid = as.identity.current.kid;
    const before = (await probes(calm.cn, token(calm.cn))).received.total;
    const valid = await as.sign(as.message());
    const [h, , s] = valid.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...as.message(), body: { n: 666, pad: '' } })).toString('base64url')}.${s}`;
    const past = Date.now() - 3 * 3600_000;
    const cases: [string, string][] = [
      [as.forge({ alg: 'EdDSA', kid, typ: 'bh-message+jws' }, as.message()), 'BH_EXCHANGE_BAD_SIGNATURE'],
      [tampered, 'BH_EXCHANGE_BAD_SIGNATURE'],
      [await as.sign(as.message({ createdAt: new Date(past).toISOString(), expiresAt: new Date(past + 3600_000).toISOString() })), 'BH_EXCHANGE_EXPIRED'],
      [as.forge({ alg: 'EdDSA', kid: 'someone-else', typ: 'bh-message+jws' }, as.message()), 'BH_EXCHANGE_UNKNOWN_KEY'],
      [`${Buffer.from(JSON.stringify({ alg: 'none', kid, typ: 'bh-message+jws' })).toString('base64url')}.${Buffer.from(JSON.stringify(as.message())).toString('base64url')}.`, 'BH_EXCHANGE_ALG_REFUSED'],
      [await as.sign(as.message({ to: 'VN-LS' })), 'BH_EXCHANGE_MISADDRESSED'],
    ];
    const r = await postInbox(calm.cn, { delivery: await as.delivery(), messages: [valid, ...cases.map(([t]) => t), valid] });
    expect(r.status).toBe(200);
    expect(r.results![0].outcome).toBe('accepted');
    expect(r.results!.slice(1, -1).map((x) => x.code)).toEqual(cases.map(([, code]) => code));
    expect(r.results!.at(-1)).toMatchObject({ outcome: 'duplicate', receipt: r.results![0].receipt });
    const replay = await postInbox(calm.cn, { delivery: await as.delivery(), messages: [valid] });
    expect(replay.results![0]).toMatchObject({ outcome: 'duplicate', receipt: r.results![0].receipt });
    expect((await probes(calm.cn, token(calm.cn))).received.total).toBe(before + 1);
    // Each refusal is recorded with its code, for the administrator to see.
    const refused = await api(calm.cn, token(calm.cn), `/exchange/refused?limit=${cases.length}`);
    expect(refused.json.map((x: { code: string }) => x.code).sort()).toEqual(cases.map(([, c]) => c).sort());
  });

  it('(c) accepts ±5 minutes of clock skew and refuses ±1 hour', async () => {
    const as = await impersonate(calm.vn, 'CN-GX', 'skew');
    for (const skew of [-290_000, 290_000]) {
      // The sender's clock is `skew` off: its message and its delivery carry its time.
      const m = as.message({ createdAt: new Date(Date.now() + skew).toISOString(), expiresAt: new Date(Date.now() + skew + 3600_000).toISOString() });
      const r = await postInbox(calm.cn, { delivery: await as.delivery(Date.now() + skew), messages: [await as.sign(m)] });
      expect(r.results?.[0]?.outcome, `skew ${skew}`).toBe('accepted');
    }
    for (const skew of [-3600_000, 3600_000]) {
      const r = await postInbox(calm.cn, { delivery: await as.delivery(Date.now() + skew), messages: [await as.sign(as.message())] });
      expect(r, `skew ${skew}`).toMatchObject({ status: 401, code: 'BH_EXCHANGE_CLOCK_SKEW' });
    }
    const ahead = as.message({ createdAt: new Date(Date.now() + 3600_000).toISOString(), expiresAt: new Date(Date.now() + 7200_000).toISOString() });
    const r = await postInbox(calm.cn, { delivery: await as.delivery(), messages: [await as.sign(ahead)] });
    expect(r.results![0].code).toBe('BH_EXCHANGE_NOT_YET_VALID');
  });

  it.concurrent('(a) applies 2,000 messages exactly once while both nodes are SIGKILLed and restarted at random (≥ 10 kills)', async () => {
    const { vn: a, cn: b } = chaos;
    const total = 2000;
    const events: string[] = [];
    let kills = 0;
    let enqueued = 0;
    const start = Date.now();
    // The sender's own count is the truth: a request cut by a kill may or may not have committed.
    const enqueue = (async () => {
      for (let round = 0; enqueued < total; round++) {
        try {
          enqueued = (await probes(a, token(a))).sent.total;
          if (enqueued >= total) break;
          const count = Math.min(150, total - enqueued);
          await api(a, token(a), '/exchange/probes', { method: 'POST', body: { to: 'CN-GX', count, ordered: round % 2 === 0, streams: 3 } });
        } catch {
          // the sender was killed during the request
        }
        await sleep(100 + Math.random() * 200);
      }
    })();
    // Each kill lands at a random instant once the flow has moved on by a sixth of the total since
    // the last one, so that kills spread over the whole run of enqueueing (A) and applying (B).
    let applied = 0;
    let watching = true;
    const progress = { [a.party]: () => enqueued, [b.party]: () => applied };
    const watchApplied = (async () => {
      while (watching && applied < total) {
        applied = (await probes(b, token(b))).received.total;
        await sleep(150);
      }
    })();
    const killer = async (node: TestNode, times: number) => {
      for (let i = 0; i < times; i++) {
        const mark = progress[node.party]() + total / 6;
        const waitUntil = Date.now() + 15_000;
        while (progress[node.party]() < mark && progress[node.party]() < total && Date.now() < waitUntil) await sleep(50);
        await sleep(Math.random() * 700);
        await node.kill('SIGKILL');
        kills++;
        events.push(`${Date.now() - start} ms: ${node.party} killed (enqueued ${enqueued}, applied ${applied})`);
        await sleep(Math.random() * 300);
        await node.restart();
      }
    };
    await Promise.all([enqueue, killer(a, 5), killer(b, 5)]);
    events.push(`${Date.now() - start} ms: chaos over`);
    watching = false;
    await watchApplied;
    expect(kills).toBeGreaterThanOrEqual(10);

    const received = await until('all messages applied on CN-GX', () => probes(b, token(b)), (s) => s.received.total >= total, 60_000);
    events.push(`${Date.now() - start} ms: all applied`);
    await until('all receipts stored on VN-QN', () => probes(a, token(a)), (s) => s.sent.byStatus.delivered === total, 30_000);
    await sleep(500); // anything applied twice would show up by now
    const sent = await probes(a, token(a), true);
    const got = await probes(b, token(b), true);
    expect(sent.sent.total).toBe(total);
    expect(got.received.total, events.join('\n')).toBe(total);
    if (process.env.BH_TEST_VERBOSE) console.log(events.join('\n'));
    expect(got.received.distinct).toBe(total);
    expect(got.received.ids).toEqual(sent.sent.ids);
    for (const s of received.received.streams.filter((x) => x.type === 'exchange.probe.ordered')) expect(s.inOrder, s.stream).toBe(true);
    const peers = await api(a, token(a), '/exchange/peers');
    expect(peers.json[0]).toMatchObject({ party: 'CN-GX', queueDepth: 0 });
  }, 170_000);

  it.concurrent('(b) delivers everything sent while the receiver was down for 30 s once it returns', async () => {
    const { vn: a, cn: b } = calm;
    const before = (await probes(b, token(b))).received.total;
    await b.kill('SIGKILL');
    const downAt = Date.now();
    await api(a, token(a), '/exchange/probes', { method: 'POST', body: { to: 'CN-GX', count: 100, ordered: true, streams: 2, prefix: 'outage' } });
    await api(a, token(a), '/exchange/probes', { method: 'POST', body: { to: 'CN-GX', count: 100, prefix: 'outage-u' } });
    const peer = await until('the sender to notice', async () => (await api(a, token(a), '/exchange/peers')).json[0], (p) => p.reachable === false, 20_000);
    expect(peer.lastError).toMatch(/^BH_EXCHANGE_PEER_UNREACHABLE/);
    expect(peer.queueDepth).toBe(200);
    await sleep(Math.max(0, 30_000 - (Date.now() - downAt)));
    await b.restart();
    const back = Date.now();
    const got = await until('the backlog applied', () => probes(b, token(b)), (s) => s.received.total >= before + 200, 30_000);
    expect(got.received.total).toBe(before + 200);
    expect(got.received.distinct).toBe(got.received.total);
    for (const s of got.received.streams.filter((x) => x.stream.startsWith('outage-') && x.type === 'exchange.probe.ordered')) expect(s.inOrder).toBe(true);
    // The receiver greets its peers on start, so the sender does not wait out its backoff.
    expect(Date.now() - back).toBeLessThan(15_000);
    await until('the queue drained', async () => (await api(a, token(a), '/exchange/peers')).json[0], (p) => p.queueDepth === 0 && p.reachable === true, 20_000);
  }, 120_000);
});
