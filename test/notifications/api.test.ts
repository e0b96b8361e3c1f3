/**
 * The notification flows through the API of two whole in-process nodes, on both back-ends:
 * confirm an imported case → notified; update → ordered update; acknowledge → shown on the
 * sender; thread; identity request approved and refused; permissions and jurisdiction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../src/platform/store/testing';
import { importedCase, login, openPeeredNodes, waitFor, type PeeredNodes } from './support';

type Json = Record<string, any>;

describe.each(TEST_BACKENDS)('notification API on %s', (backend) => {
  let nodes: PeeredNodes;
  const h: Record<string, { authorization: string }> = {};
  beforeAll(async () => {
    nodes = await openPeeredNodes(backend);
    for (const [side, node] of [['vn', nodes.vn], ['cn', nodes.cn]] as const)
      for (const u of ['admin', 'epi', 'liaison', 'viewer', side === 'vn' ? 'epi.tienyen' : 'epi.dongxing']) h[`${side}:${u}`] = await login(node, u);
  }, 120_000);
  afterAll(() => nodes?.dispose(), 60_000);

  const call = async (side: 'vn' | 'cn', user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
    const r = await nodes[side].app.inject({ method, url, payload: payload as never, headers: h[`${side}:${user}`] });
    return { status: r.statusCode, body: r.body ? (JSON.parse(r.body) as Json) : {} };
  };
  const incomingFor = (caseId: string) =>
    waitFor(async () => (await call('cn', 'liaison', 'GET', `/api/notifications?direction=incoming&subject=${caseId}`)).body.items?.[0] as Json | undefined, 20_000, 'incoming notification');

  let caseId = '';
  let cnId = '';
  let vnId = '';

  it('notifies the party across the gate of entry when an imported case is confirmed', async () => {
    const created = await call('vn', 'epi', 'POST', '/api/cases', importedCase());
    expect(created.status).toBe(201);
    caseId = created.body.id;
    const out = await call('vn', 'liaison', 'GET', `/api/notifications?direction=outgoing&subject=${caseId}`);
    expect(out.body.items).toHaveLength(1);
    const n = out.body.items[0];
    vnId = n.id;
    expect(n).toMatchObject({ peer: 'CN-GX', kind: 'case', disease: 'VN-B-12', classification: 'confirmed', route: { routed: true, basis: 'entry-gate', concerned: 'CN-GX-FCG', node: 'CN-GX' } });
    expect(['queued', 'delivered']).toContain(n.status);
    expect(n.timeline.confirmedAt).not.toBeNull();

    const incoming = await incomingFor(caseId);
    cnId = incoming.id;
    expect(incoming).toMatchObject({ direction: 'incoming', status: 'received', peer: 'VN-QN', gate: 'mong-cai-dongxing', area: 'CN-GX-FCG-DX', disease: 'VN-B-12', classification: 'confirmed' });
    expect(incoming.diseaseLocal).toMatch(/^CN-/);
    expect(incoming.body.case).toMatchObject({ ageGroup: '25-44', sex: 'female', contacts: { vn: 3, cn: 2 }, entry: { gate: 'mong-cai-dongxing' } });
    expect(JSON.stringify(incoming)).not.toContain('Nguyễn Thị Hoa');
    // The sender sees it delivered.
    await waitFor(async () => (await call('vn', 'liaison', 'GET', `/api/notifications/${vnId}`)).body.status === 'delivered', 20_000, 'delivered');
  });

  it('finds the incoming notification by search in any language and keeps it within jurisdiction', async () => {
    for (const q of ['dongxing', '东兴', 'móng cái', caseId.slice(0, 8)]) {
      const r = await call('cn', 'epi', 'GET', `/api/notifications?q=${encodeURIComponent(q)}`);
      expect(r.body.items.map((n: Json) => n.id), q).toContain(cnId);
    }
    expect((await call('cn', 'epi.dongxing', 'GET', `/api/notifications/${cnId}`)).status).toBe(200);
    // A Pingxiang epidemiologist is not told about a Dongxing case; a viewer reads aggregates only.
    const px = await login(nodes.cn, 'epi.pingxiang');
    expect((await nodes.cn.app.inject({ method: 'GET', url: `/api/notifications/${cnId}`, headers: px })).statusCode).toBe(404);
    expect((await call('cn', 'viewer', 'GET', '/api/notifications')).status).toBe(403);
    expect((await call('cn', 'viewer', 'GET', '/api/notifications/timeliness?direction=incoming')).status).toBe(200);
  });

  it('sends updates in order on the case stream', async () => {
    const c = (await call('vn', 'epi', 'GET', `/api/cases/${caseId}`)).body;
    const r1 = await call('vn', 'epi', 'PATCH', `/api/cases/${caseId}`, { version: c.version, outcome: 'recovered' });
    expect(r1.status).toBe(200);
    const r2 = await call('vn', 'epi', 'PATCH', `/api/cases/${caseId}`, { version: r1.body.version, contacts: { vn: 4, cn: 5 } });
    expect(r2.status).toBe(200);
    // An identity change is not part of the minimum data set: no message.
    const r3 = await call('vn', 'epi', 'PATCH', `/api/cases/${caseId}`, { version: r2.body.version, identity: { fullName: 'Nguyễn Thị Hoà', phone: '0912000000' } });
    expect(r3.status).toBe(200);
    const got = await waitFor(async () => {
      const d = (await call('cn', 'liaison', 'GET', `/api/notifications/${cnId}`)).body;
      return d.version === r2.body.version ? d : undefined;
    });
    expect(got.body.case).toMatchObject({ outcome: 'recovered', contacts: { vn: 4, cn: 5 } });
    expect(got.events.map((e: Json) => e.type)).toEqual(['notified', 'updated', 'updated']);
    expect(got.events[2].detail.changed).toEqual(['contacts']);
    const sent = (await call('vn', 'liaison', 'GET', `/api/notifications/${vnId}`)).body;
    expect(sent.events.map((e: Json) => e.type)).toEqual(['notified', 'updated', 'updated']);
  });

  it('acknowledgement by the receiving liaison officer shows on the sender', async () => {
    expect((await call('cn', 'epi', 'POST', `/api/notifications/${cnId}/acknowledge`, {})).status).toBe(403);
    const ack = await call('cn', 'liaison', 'POST', `/api/notifications/${cnId}/acknowledge`, { note: '已收到，东兴疾控正在追踪密切接触者。' });
    expect(ack.status).toBe(200);
    expect(ack.body.status).toBe('acknowledged');
    expect((await call('cn', 'liaison', 'POST', `/api/notifications/${cnId}/acknowledge`, {})).body.code).toBe('BH_NOTIFICATION_ALREADY_ACKNOWLEDGED');
    const sender = await waitFor(async () => {
      const d = (await call('vn', 'liaison', 'GET', `/api/notifications/${vnId}`)).body;
      return d.status === 'acknowledged' ? d : undefined;
    });
    expect(sender.acknowledgement).toMatchObject({ role: 'liaison', note: '已收到，东兴疾控正在追踪密切接触者。' });
    expect(sender.message.acknowledgedAt).not.toBeNull();
    expect(sender.durations.confirmedToAcknowledged).toBeGreaterThanOrEqual(0);
  });

  it('threads requests for information and answers', async () => {
    const q = await call('cn', 'epi', 'POST', `/api/notifications/${cnId}/messages`, { text: 'Which bus did the case take from Dongxing?', kind: 'request' });
    expect(q.status).toBe(201);
    const got = await waitFor(async () => {
      const d = (await call('vn', 'liaison', 'GET', `/api/notifications/${vnId}`)).body;
      return d.events.find((e: Json) => e.type === 'message') as Json | undefined;
    });
    expect(got).toMatchObject({ side: 'received', authorRole: 'epidemiologist', text: 'Which bus did the case take from Dongxing?' });
    const a = await call('vn', 'liaison', 'POST', `/api/notifications/${vnId}/messages`, { text: 'Xe khách 07:30, ghế 12.', kind: 'answer', inReplyTo: got.detail.messageId });
    expect(a.status).toBe(201);
    await waitFor(async () => (await call('cn', 'epi', 'GET', `/api/notifications/${cnId}`)).body.events.some((e: Json) => e.type === 'message' && e.side === 'received' && e.text === 'Xe khách 07:30, ghế 12.'));
  });

  it('identifiers cross only on a request with a legal basis that the home side approves', async () => {
    const bad = await call('cn', 'epi', 'POST', `/api/notifications/${cnId}/identity-requests`, { purpose: 'contact-tracing' });
    expect(bad.status).toBe(400);
    const r = await call('cn', 'epi', 'POST', `/api/notifications/${cnId}/identity-requests`, {
      purpose: 'contact-tracing',
      legalBasis: { code: 'ihr-2005-art-45', text: 'IHR (2005) Art. 45(2)(a): contact tracing of a confirmed case' },
    });
    expect(r.status).toBe(201);
    const requestId = r.body.id;
    expect(r.body.status).toBe('pending');
    // The home side sees it, and only its liaison officer (or administrator) decides.
    const pending = await waitFor(async () => (await call('vn', 'liaison', 'GET', `/api/notifications/${vnId}`)).body.identityRequests.find((x: Json) => x.id === requestId) as Json | undefined);
    expect(pending).toMatchObject({ direction: 'incoming', status: 'pending', legalBasis: { code: 'ihr-2005-art-45' }, requester: { role: 'epidemiologist' } });
    expect((await call('vn', 'epi', 'POST', `/api/identity-requests/${requestId}/decision`, { approve: true })).status).toBe(403);
    const d = await call('vn', 'liaison', 'POST', `/api/identity-requests/${requestId}/decision`, { approve: true, reason: 'Approved under IHR Art. 45' });
    expect(d.status).toBe(200);
    expect(d.body.status).toBe('approved');
    const done = await waitFor(async () => {
      const x = (await call('cn', 'epi', 'GET', `/api/notifications/${cnId}`)).body.identityRequests.find((y: Json) => y.id === requestId) as Json;
      return x?.status === 'approved' ? x : undefined;
    });
    expect(done.disclosed).toBe(true);
    const values = await call('cn', 'epi', 'GET', `/api/identity-requests/${requestId}/identity`);
    expect(values.body).toMatchObject({ fullName: 'Nguyễn Thị Hoà', phone: '0912000000' });
    expect((await call('cn', 'admin', 'GET', `/api/identity-requests/${requestId}/identity`)).status).toBe(403);

    // A refusal needs a reason and carries no identifiers.
    const r2 = await call('cn', 'liaison', 'POST', `/api/notifications/${cnId}/identity-requests`, { purpose: 'case-investigation', legalBasis: { code: 'cooperation-agreement', text: 'Kế hoạch hợp tác 2024–2026' } });
    await waitFor(async () => (await call('vn', 'liaison', 'GET', `/api/notifications/${vnId}`)).body.identityRequests.some((x: Json) => x.id === r2.body.id));
    expect((await call('vn', 'liaison', 'POST', `/api/identity-requests/${r2.body.id}/decision`, { approve: false })).body.code).toBe('BH_NOTIFICATION_REASON_REQUIRED');
    expect((await call('vn', 'admin', 'POST', `/api/identity-requests/${r2.body.id}/decision`, { approve: false, reason: 'Already disclosed' })).status).toBe(200);
    await waitFor(async () => (await call('cn', 'liaison', 'GET', `/api/notifications/${cnId}`)).body.identityRequests.some((x: Json) => x.id === r2.body.id && x.status === 'refused' && !x.disclosed));

    // Both sides audited the disclosure with purpose, legal basis and peer.
    const audited = async (side: 'vn' | 'cn', action: string) => {
      const log = nodes[side].audit;
      const size = (await log.treeHead()).treeSize;
      const all = await log.entries(Math.max(0, size - 500), size);
      return all.flatMap((e) => (e.entry && e.entry.action === action ? [e.entry] : []));
    };
    const disclosed = (await audited('vn', 'notification.identity.disclosed')).find((e) => (e.detail as Json).requestId === requestId)!;
    expect(disclosed).toMatchObject({ peer: 'CN-GX', purpose: expect.stringContaining('contact-tracing'), legalBasis: expect.stringContaining('ihr-2005-art-45') });
    expect((disclosed.detail as Json).fields).toEqual(expect.arrayContaining(['fullName', 'phone']));
    const received = (await audited('cn', 'notification.identity.received')).find((e) => e.resource?.id === requestId)!;
    expect(received).toMatchObject({ peer: 'VN-QN', actor: { kind: 'peer', party: 'VN-QN' }, legalBasis: expect.stringContaining('IHR (2005) Art. 45') });
    // Audit entries name the fields disclosed, never their values.
    expect(JSON.stringify(await audited('cn', 'notification.identity.received'))).not.toContain('Nguyễn');
    expect((await audited('cn', 'notification.identity.read')).some((e) => e.resource?.id === requestId)).toBe(true);
    expect((await audited('vn', 'notification.identity.refused')).some((e) => (e.detail as Json).requestId === r2.body.id)).toBe(true);
  });

  it('timeliness per peer and disease', async () => {
    const r = await call('vn', 'viewer', 'GET', '/api/notifications/timeliness');
    expect(r.status).toBe(200);
    const g = r.body.groups.find((x: Json) => x.peer === 'CN-GX' && x.disease === 'VN-B-12');
    expect(g.notifications).toBe(1);
    expect(g.intervals.queuedToDelivered.count).toBe(1);
    expect(g.intervals.deliveredToAcknowledged.count).toBe(1);
    expect(g.intervals.confirmedToAcknowledged.within24h).toBe(1);
    const inc = await call('cn', 'liaison', 'GET', '/api/notifications/timeliness?direction=incoming&peer=VN-QN');
    expect(inc.body.groups.at(-1).intervals.receivedToAcknowledged.count).toBe(1);
  });

  it('shares a verified signal with its curve, and only a verified one', async () => {
    const evidence = {
      kind: 'aggregate-detection', area: 'VN-QN-MC', disease: 'VN-B-12', week: '2026-W40', observed: 14, expected: 4.2, upperbound: 9.1,
      method: 'farrington-flexible', params: { b: 5 }, methodReason: '5 years', reason: '14 cases against an upper bound of 9.1',
      judged: [{ week: '2026-W40', observed: 14, expected: 4.2, upperbound: 9.1, alarm: true }], alarmWeeks: ['2026-W40'],
      series: { firstWeek: '2026-W37', counts: [3, 5, 4, 14] },
    } as const;
    const [signal] = await nodes.vn.store.db.transaction().execute((trx) =>
      nodes.vn.signals.store.insertNew(trx, [{ kind: 'aggregate-detection', place: 'VN-QN-MC', disease: 'VN-B-12', period: '2026-W40', party: 'VN-QN', area: 'VN-QN-MC', areaPath: ['VN-QN', 'VN-QN-MC'], gate: null, evidence: evidence as never }], null),
    );
    expect((await call('vn', 'liaison', 'POST', `/api/notifications/signals/${signal.id}/share`, {})).body.code).toBe('BH_NOTIFICATION_SIGNAL_NOT_VERIFIED');
    for (const to of ['under-verification', 'verified']) expect((await call('vn', 'epi', 'POST', `/api/signals/${signal.id}/transitions`, { to, reason: 'checked with the district' })).status).toBe(200);
    expect((await call('vn', 'epi', 'POST', `/api/notifications/signals/${signal.id}/share`, {})).status).toBe(403);
    expect((await call('vn', 'liaison', 'POST', `/api/notifications/signals/${signal.id}/share`, { to: ['VN-LS'] })).body.code).toBe('BH_NOTIFICATION_NO_PEER');
    const shared = await call('vn', 'liaison', 'POST', `/api/notifications/signals/${signal.id}/share`, { note: 'Dengue cluster in Móng Cái, week 40.' });
    expect(shared.status).toBe(201);
    expect(shared.body.notifications).toMatchObject([{ kind: 'signal', peer: 'CN-GX', direction: 'outgoing' }]);
    const got = await waitFor(async () => (await call('cn', 'liaison', 'GET', `/api/notifications?kind=signal&subject=${signal.id}`)).body.items?.[0] as Json | undefined);
    expect(got.body).toMatchObject({ status: 'verified', disease: { code: 'VN-B-12' }, note: 'Dengue cluster in Móng Cái, week 40.', evidence: { method: 'farrington-flexible', observed: 14 } });
    expect(got.body.evidence.curve.map((p: Json) => p.observed)).toEqual([3, 5, 4, 14]);
    expect(got.body.evidence.curve.at(-1)).toMatchObject({ t: '2026-W40', alarm: true, upperbound: 9.1 });
    expect(got.diseaseLocal).toMatch(/^CN-/);
    // Acknowledged on the receiving side, shown on the sender.
    expect((await call('cn', 'liaison', 'POST', `/api/notifications/${got.id}/acknowledge`, {})).status).toBe(200);
    await waitFor(async () => (await call('vn', 'liaison', 'GET', `/api/notifications/${shared.body.notifications[0].id}`)).body.status === 'acknowledged');
    const partners = await call('vn', 'liaison', 'GET', '/api/notifications/partners');
    expect(partners.body).toEqual([{ party: 'CN-GX', notification: expect.any(Array), informationSharing: expect.any(Array) }]);
  });

  it('records why a confirmed imported case could not be notified', async () => {
    // Imported from Laos: no party of the cooperation is concerned.
    const created = await call('vn', 'epi', 'POST', '/api/cases', importedCase({ imported: { country: 'LA', entryGate: null, entryDate: importedCase().imported.entryDate }, infectionPlace: { country: 'LA', area: null, description: null } }));
    expect(created.status).toBe(201);
    const out = (await call('vn', 'liaison', 'GET', `/api/notifications?subject=${created.body.id}`)).body.items;
    expect(out).toMatchObject([{ status: 'unrouted', route: { routed: false, reason: 'no-candidate' } }]);
    expect((await call('vn', 'liaison', 'POST', `/api/notifications/${out[0].id}/messages`, { text: 'x' })).body.code).toBe('BH_NOTIFICATION_NOT_ROUTED');
    const detail = await call('vn', 'epi', 'GET', `/api/notifications/${out[0].id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.events.map((e: Json) => e.type)).toEqual(['unrouted']);
  });
});
