/**
 * End to end on two real node processes on loopback (VN-QN and CN-GX): a case imported through
 * Móng Cái – Dongxing confirmed on VN-QN appears on CN-GX within seconds; CN-GX's liaison officer
 * acknowledges and VN-QN sees it; a threaded request and answer; an identity request from CN-GX
 * approved by VN-QN's liaison officer. Bounded in time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestNodes } from '../support/nodes';
import { importedCase } from './support';

type Json = Record<string, any>;

describe('cross-border notification between two node processes', () => {
  let nodes: Awaited<ReturnType<typeof startTestNodes>>;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    nodes = await startTestNodes();
    for (const [side, url] of [['vn', nodes.vn.url], ['cn', nodes.cn.url]] as const)
      for (const u of ['epi', 'liaison']) tokens[`${side}:${u}`] = await login(url, u);
  }, 120_000);
  afterAll(() => nodes?.stop(), 60_000);

  const call = async (side: 'vn' | 'cn', user: string, method: string, path: string, body?: unknown) => {
    const r = await fetch(`${nodes[side].url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[`${side}:${user}`]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : {}) as Json };
  };
  const until = async <T>(what: string, fn: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const v = await fn();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out: ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('confirm → notified → acknowledged → thread → identity approved, in under a minute', async () => {
    const started = Date.now();
    const created = await call('vn', 'epi', 'POST', '/api/cases', importedCase());
    expect(created.status).toBe(201);
    const caseId = created.body.id as string;

    // Within seconds an incoming notification appears on CN-GX, linked to VN-QN's case.
    const incoming = await until('incoming on CN-GX', async () => (await call('cn', 'liaison', 'GET', `/api/notifications?direction=incoming&subject=${caseId}`)).body.items?.[0] as Json | undefined, 10_000);
    const arrivedMs = Date.now() - started;
    expect(incoming).toMatchObject({ origin: 'VN-QN', subjectId: caseId, status: 'received', gate: 'mong-cai-dongxing', classification: 'confirmed' });
    expect(arrivedMs).toBeLessThan(10_000);
    const outgoing = (await call('vn', 'liaison', 'GET', `/api/notifications?direction=outgoing&subject=${caseId}`)).body.items[0] as Json;
    expect(outgoing.firstMessageId).toBe(incoming.firstMessageId);

    // CN-GX's liaison officer acknowledges; VN-QN sees it.
    expect((await call('cn', 'liaison', 'POST', `/api/notifications/${incoming.id}/acknowledge`, { note: 'Received, tracing contacts in Dongxing.' })).status).toBe(200);
    const acked = await until('acknowledged on VN-QN', async () => {
      const d = (await call('vn', 'liaison', 'GET', `/api/notifications/${outgoing.id}`)).body;
      return d.status === 'acknowledged' ? d : undefined;
    });
    expect(acked.acknowledgement).toMatchObject({ role: 'liaison', note: 'Received, tracing contacts in Dongxing.' });
    expect(acked.timeline.deliveredAt).not.toBeNull();
    expect(acked.message.receipt).toMatch(/^ey/);

    // A threaded request for information and its answer.
    expect((await call('cn', 'epi', 'POST', `/api/notifications/${incoming.id}/messages`, { text: 'Travel companions?', kind: 'request' })).status).toBe(201);
    const question = await until('question on VN-QN', async () =>
      (await call('vn', 'liaison', 'GET', `/api/notifications/${outgoing.id}`)).body.events.find((e: Json) => e.type === 'message' && e.side === 'received') as Json | undefined,
    );
    expect((await call('vn', 'liaison', 'POST', `/api/notifications/${outgoing.id}/messages`, { text: 'Two, both in Móng Cái.', kind: 'answer', inReplyTo: question.detail.messageId })).status).toBe(201);
    await until('answer on CN-GX', async () => (await call('cn', 'epi', 'GET', `/api/notifications/${incoming.id}`)).body.events.some((e: Json) => e.side === 'received' && e.text === 'Two, both in Móng Cái.'));

    // Identifiers: requested by CN-GX with a legal basis, approved by VN-QN's liaison officer.
    const req = await call('cn', 'epi', 'POST', `/api/notifications/${incoming.id}/identity-requests`, { purpose: 'contact-tracing', legalBasis: { code: 'ihr-2005-art-45', text: 'IHR (2005) Art. 45: tracing contacts of a confirmed case' } });
    expect(req.status).toBe(201);
    await until('request on VN-QN', async () => (await call('vn', 'liaison', 'GET', `/api/notifications/${outgoing.id}`)).body.identityRequests.some((r: Json) => r.id === req.body.id));
    expect((await call('vn', 'liaison', 'POST', `/api/identity-requests/${req.body.id}/decision`, { approve: true })).body.status).toBe('approved');
    await until('approval on CN-GX', async () => (await call('cn', 'epi', 'GET', `/api/notifications/${incoming.id}`)).body.identityRequests.some((r: Json) => r.id === req.body.id && r.disclosed));
    const identity = await call('cn', 'epi', 'GET', `/api/identity-requests/${req.body.id}/identity`);
    expect(identity.body).toMatchObject({ fullName: 'Nguyễn Thị Hoa', idNumber: '022190001234' });

    // Timeliness on both sides.
    const t = (await call('vn', 'liaison', 'GET', '/api/notifications/timeliness?peer=CN-GX&disease=VN-B-12')).body;
    expect(t.groups[0]).toMatchObject({ peer: 'CN-GX', disease: 'VN-B-12', notifications: 1 });
    expect(t.groups[0].intervals.confirmedToAcknowledged.within24h).toBe(1);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 70_000);
});
