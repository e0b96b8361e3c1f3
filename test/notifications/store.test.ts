/** The notification store against the real database, on both back-ends: status from the outbox, filters, visibility, search, thread. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeMigrations, uuidv7 } from '../../src/platform/exchange';
import { openTestStore, TEST_BACKENDS } from '../../src/platform/store/testing';
import { tables, type Store } from '../../src/platform/store/database';
import type { ExchangeTables } from '../../src/platform/exchange';
import { notificationsMigrations } from '../../src/notifications';
import { notificationStore as store, type NewNotification } from '../../src/notifications/store';
import { statusOf, type MessageState } from '../../src/notifications/model';

describe.each(TEST_BACKENDS)('notification store on %s', (backend) => {
  let s: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    s = await openTestStore(backend, { ...exchangeMigrations, ...notificationsMigrations });
  });
  afterAll(() => s?.dispose());

  const at = new Date('2026-03-01T00:00:00Z');
  const row = (o: Partial<NewNotification>): NewNotification => ({
    direction: 'outgoing', kind: 'case', origin: 'VN-QN', peer: 'CN-GX', subject_id: randomUUID(), route: null, body: null,
    disease: 'VN-B-12', disease_local: 'VN-B-12', classification: 'confirmed', gate: null, area: 'VN-QN-MC', area_path: ['VN-QN', 'VN-QN-MC'], facility: null,
    version: 1, first_message_id: null, last_message_id: null, confirmed_at: at, queued_at: null, received_at: null, acknowledged_at: null,
    ack_role: null, ack_by: null, ack_note: null, search: '', at, ...o,
  });
  const outbox = async (status: 'pending' | 'delivered' | 'refused' | 'expired') => {
    const id = uuidv7();
    await tables<ExchangeTables>(s.db)
      .insertInto('exchange_outbox')
      .values({ id, to_party: 'CN-GX', type: 'notification.case', stream: `case:${id}`, seq: 1, jws: 'x', created_at: at, expires_at: at, queued_at: at, status, next_attempt_at: at, delivered_at: status === 'delivered' ? new Date(at.getTime() + 5000) : null })
      .execute();
    return id;
  };

  it('derives the status in SQL exactly as statusOf does, and filters by it', async () => {
    const cases: { state: MessageState; ack: boolean; direction: 'outgoing' | 'incoming'; routed: boolean }[] = [];
    for (const direction of ['outgoing', 'incoming'] as const)
      for (const state of [null, 'pending', 'delivered', 'refused', 'expired'] as const)
        for (const ack of [false, true]) cases.push({ state, ack, direction, routed: state !== null });
    const ids: { id: string; expected: string }[] = [];
    for (const c of cases) {
      const msg = c.state ? await outbox(c.state) : null;
      const id = await store.insert(s.db, row({ direction: c.direction, first_message_id: msg, acknowledged_at: c.ack ? at : null, search: 'status-test' }));
      ids.push({ id, expected: statusOf(c.direction, c.state, c.ack, c.routed) });
    }
    for (const { id, expected } of ids) {
      const v = await store.get(s.db, id);
      expect(v!.status).toBe(expected);
      const filtered = await store.list(s.db, { status: v!.status, q: 'status-test', limit: 500, offset: 0 }, { kind: 'all' });
      expect(filtered.items.map((x) => x.id)).toContain(id);
      expect(filtered.items.every((x) => x.status === expected)).toBe(true);
    }
    const delivered = ids.find((x) => x.expected === 'delivered')!;
    expect((await store.get(s.db, delivered.id))!.durations).toMatchObject({ queuedToDelivered: null });
  });

  it('filters by direction, disease (either list), peer, search text (escaped) and the caller’s jurisdiction', async () => {
    const a = await store.insert(s.db, row({ disease: 'VN-B-12', disease_local: 'VN-B-12', search: 'dengue mong cai 100%_x', gate: 'mong-cai-dongxing' }));
    const b = await store.insert(s.db, row({ direction: 'incoming', origin: 'CN-GX', disease: 'CN-B-20', disease_local: 'VN-B-12', area: 'VN-QN-TY', area_path: ['VN-QN', 'VN-QN-TY'], search: 'dengue tien yen', facility: 'tien-yen-health-centre' }));
    const ids = async (f: object, v: Parameters<typeof store.list>[2] = { kind: 'all' }) =>
      (await store.list(s.db, { limit: 500, offset: 0, q: 'dengue', ...f }, v)).items.map((x) => x.id).sort();
    expect(await ids({ disease: 'VN-B-12' })).toEqual([a, b].sort());
    expect(await ids({ disease: 'CN-B-20' })).toEqual([b]);
    expect(await ids({ direction: 'incoming' })).toEqual([b]);
    expect(await ids({ q: '100%_' })).toEqual([a]);
    expect(await ids({ q: '100%%' })).toEqual([]);
    expect(await ids({}, { kind: 'area', area: 'VN-QN-TY' })).toEqual([b]);
    expect(await ids({}, { kind: 'gate', gate: 'mong-cai-dongxing' })).toEqual([a]);
    expect(await ids({}, { kind: 'facility', facility: 'tien-yen-health-centre' })).toEqual([b]);
    expect(await ids({}, { kind: 'none' })).toEqual([]);
    const page = await store.list(s.db, { limit: 1, offset: 0, q: 'dengue' }, { kind: 'all' });
    expect(page).toMatchObject({ total: 2 });
    expect(page.items).toHaveLength(1);
  });

  it('keeps the thread in order and identity requests with their decision', async () => {
    const n = await store.insert(s.db, row({ search: 'thread' }));
    for (const type of ['notified', 'message', 'acknowledged']) await store.addEvent(s.db, { notification_id: n, type, side: 'sent', message_id: null, at, author: 'a', author_role: 'liaison', text: type, detail: { x: 1 } });
    expect((await store.events(s.db, n)).map((e) => e.type)).toEqual(['notified', 'message', 'acknowledged']);
    const id = randomUUID();
    await store.insertRequest(s.db, {
      id, direction: 'outgoing', notification_id: n, peer: 'CN-GX', purpose: 'contact-tracing', legal_basis_code: 'ihr-2005-art-45', legal_basis_text: 'Art. 45',
      requester_name: 'Epi', requester_role: 'epidemiologist', requested_by: 'u1', requested_at: at, status: 'pending', decided_at: null, decided_by_name: null,
      decided_by_role: null, reason: null, request_message_id: null, response_message_id: null,
    });
    await store.decideRequest(s.db, id, { status: 'approved', at, name: 'Liaison', role: 'liaison', reason: null, identity: { fullName: 'X' }, responseMessageId: null });
    expect(await store.requestsOf(s.db, n)).toMatchObject([{ id, status: 'approved', disclosed: true, decidedBy: { name: 'Liaison', role: 'liaison' } }]);
    // Timelines for the statistics: only notifications that were sent.
    const sent = await store.insert(s.db, row({ first_message_id: await outbox('delivered'), queued_at: at, search: 'timeline' }));
    const tl = await store.timelines(s.db, { direction: 'outgoing' }, { kind: 'all' });
    expect(tl.length).toBeGreaterThan(0);
    expect(tl.every((r) => r.timeline.queued !== null || r.peer)).toBe(true);
    void sent;
  });
});
