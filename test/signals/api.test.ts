import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../src/platform/store/testing';
import { weeksBetween, type SignalChange } from '../../src/signals';
import { gateDays, MemorySource, weeklySeries } from './synthetic';
import { openSignalsNode, type SignalsTestNode } from './support';

const NOW = new Date('2025-03-12T05:00:00Z'); // Hà Nội: last completed week 2025-W10
const FIRST = '2019-W01';

function source() {
  const weeks = weeksBetween(FIRST, '2025-W10') + 1;
  return new MemorySource(
    [
      weeklySeries({ area: 'VN-QN-MC', disease: 'dengue', firstWeek: FIRST, weeks, base: 8, amplitude: 0.6, seed: 7, outbreaks: [{ week: '2025-W09', extra: 4 }] }),
      weeklySeries({ area: 'VN-QN-TY', disease: 'measles', firstWeek: FIRST, weeks, base: 5, amplitude: 0.3, seed: 8, outbreaks: [{ week: '2025-W10', extra: 5 }] }),
    ],
    gateDays({ gate: 'mong-cai-dongxing', from: '2025-01-01', days: 71, people: 2000, share: 0.002, surges: { '2025-03-10': 30 }, seed: 5 }),
    [],
  );
}

interface Item {
  id: string;
  kind: string;
  area: string;
  disease: string;
  period: string;
  status: string;
  summary: string;
}

describe.each(TEST_BACKENDS)('signals API on %s', (backend) => {
  let node: SignalsTestNode;
  const changes: SignalChange[] = [];
  beforeAll(async () => {
    node = await openSignalsNode(backend, source(), { now: NOW });
    node.signals.onSignalChanged(async (_trx, c) => void changes.push(c));
    // a run a stopped node left behind is marked interrupted when the scheduler starts
    await node.signals.runs.start('schedule', null, new Date('2025-03-11T19:00:00Z'));
    await node.signals.start();
  });
  afterAll(() => node?.dispose());

  const get = async (user: string, url: string, lang = 'en') => node.app.inject({ url, headers: { ...(await node.login(user)), 'accept-language': lang } });
  const post = async (user: string, url: string, payload?: object, lang = 'en') =>
    node.app.inject({ method: 'POST', url, payload, headers: { ...(await node.login(user)), 'accept-language': lang } });
  const list = async (user: string, query = '') => (await get(user, `/api/signals${query}`)).json() as { items: Item[]; total: number };
  const find = async (pred: (s: Item) => boolean) => (await list('admin')).items.find(pred)!;

  it('runs detection on request (administrator, epidemiologist only) and shows the runs', async () => {
    expect((await post('viewer', '/api/signals/runs')).statusCode).toBe(403);
    expect((await node.app.inject({ method: 'POST', url: '/api/signals/runs' })).statusCode).toBe(401);
    const r = await post('epi', '/api/signals/runs?wait=true');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'succeeded', trigger: 'manual', seriesJudged: 2 });
    expect(r.json().signalsCreated).toBeGreaterThanOrEqual(3);
    const accepted = await post('admin', '/api/signals/runs');
    expect(accepted.statusCode).toBe(202);
    expect(['started', 'coalesced']).toContain(accepted.json().state);
    await node.signals.runNow(); // let it (or its follow-up) finish
    const runs = await get('viewer', '/api/signals/runs');
    expect(runs.statusCode).toBe(200);
    expect(runs.json().runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.json().runs[0]).toMatchObject({ status: 'succeeded', signalsCreated: 0 });
    expect(runs.json()).toMatchObject({ busy: false, nextScheduled: null });
    expect(runs.json().runs.at(-1)).toMatchObject({ trigger: 'schedule', status: 'interrupted' });
    expect(runs.json().runs.filter((x: { status: string }) => x.status === 'running')).toEqual([]);
  });

  it('lists signals within each caller’s jurisdiction', async () => {
    const all = await list('admin');
    const keys = all.items.map((s) => `${s.kind} ${s.area} ${s.period}`);
    expect(keys).toContain('aggregate-detection VN-QN-MC 2025-W09');
    expect(keys).toContain('aggregate-detection VN-QN-TY 2025-W10');
    expect(keys).toContain('gate-screening VN-QN-MC 2025-03-10');
    expect(all.total).toBe(all.items.length);
    expect(all.items.every((s) => s.summary.length > 0)).toBe(true);
    const areas = async (user: string) => [...new Set((await list(user)).items.map((s) => s.area))];
    expect(await areas('epi.mongcai')).toEqual(['VN-QN-MC']);
    expect(await areas('epi.tienyen')).toEqual(['VN-QN-TY']);
    expect(await areas('clinician.mongcai')).toEqual(['VN-QN-MC']);
    expect((await list('gate.mongcai')).items.map((s) => s.kind)).toEqual(['gate-screening']);
    expect((await list('viewer')).total).toBe(all.total);
    expect((await list('liaison')).total).toBe(all.total);
    // filters
    expect((await list('admin', '?kind=gate-screening')).items.map((s) => s.period)).toContain('2025-03-10');
    expect((await list('admin', '?disease=measles')).items.every((s) => s.disease === 'measles')).toBe(true);
    expect((await list('admin', '?area=VN-QN-TY')).items.every((s) => s.area === 'VN-QN-TY')).toBe(true);
    expect((await list('admin', '?limit=1')).items).toHaveLength(1);
    const bad = await get('admin', '/api/signals?status=open');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('BH_VALIDATION');
  });

  it('answers 404 outside the jurisdiction, exactly as for a signal that does not exist', async () => {
    const mc = await find((s) => s.area === 'VN-QN-MC' && s.kind === 'aggregate-detection');
    const outside = await get('epi.tienyen', `/api/signals/${mc.id}`);
    const missing = await get('epi.tienyen', '/api/signals/00000000-0000-0000-0000-000000000000');
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
    expect((await get('gate.mongcai', `/api/signals/${mc.id}`)).statusCode).toBe(404);
    expect((await post('epi.tienyen', `/api/signals/${mc.id}/transitions`, { to: 'under-verification', reason: 'x' })).statusCode).toBe(404);
    expect((await post('epi.tienyen', `/api/signals/${mc.id}/comments`, { text: 'x' })).statusCode).toBe(404);
    const own = await get('clinician.mongcai', `/api/signals/${mc.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().evidence).toMatchObject({ kind: 'aggregate-detection', method: 'farrington-flexible', week: '2025-W09' });
    expect(own.json().evidence.series.counts).toHaveLength(104);
  });

  it('triages a signal from new to closed, audited, with history and listeners told', async () => {
    const mc = await find((s) => s.area === 'VN-QN-MC' && s.kind === 'aggregate-detection' && s.period === '2025-W09');
    const before = (await node.audit.treeHead()).treeSize;
    const steps = [
      { to: 'under-verification', reason: 'Gọi TTYT Móng Cái để xác minh' },
      { to: 'verified', reason: '17 ca sốt xuất huyết được xác nhận' },
      { to: 'risk-assessed', reason: 'Chợ biên giới, mùa mưa', risk: 'high' },
      { to: 'response', reason: 'Triển khai phun hóa chất', response: 'Phun hóa chất diệt muỗi tại phường Ka Long và Trần Phú' },
      { to: 'closed', reason: 'Không có ca mới trong 28 ngày' },
    ];
    for (const s of steps) {
      const r = await post('epi.mongcai', `/api/signals/${mc.id}/transitions`, s);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().status).toBe(s.to);
    }
    const d = (await get('viewer', `/api/signals/${mc.id}`)).json();
    expect(d).toMatchObject({ status: 'closed', risk: 'high', response: 'Phun hóa chất diệt muỗi tại phường Ka Long và Trần Phú', next: [] });
    expect(d.history.map((h: { to: string }) => h.to)).toEqual(steps.map((s) => s.to));
    expect(d.history[0]).toMatchObject({ seq: 1, from: 'new', actor: { name: 'Bùi Văn Toàn' }, reason: 'Gọi TTYT Móng Cái để xác minh' });
    const entries = await node.audit.entries(before, (await node.audit.treeHead()).treeSize);
    const audited = entries.filter((e) => e.entry?.action === 'signal.transitioned');
    expect(audited).toHaveLength(5);
    expect(audited[2].entry).toMatchObject({ actor: { kind: 'user', username: 'epi.mongcai' }, resource: { type: 'signal', id: mc.id }, detail: { from: 'verified', to: 'risk-assessed', risk: 'high' } });
    const told = changes.filter((c) => c.type === 'transitioned' && c.signal.id === mc.id);
    expect(told.map((c) => c.signal.status)).toEqual(steps.map((s) => s.to));
    expect((await list('admin', '?status=closed&risk=high')).items.map((s) => s.id)).toEqual([mc.id]);
  });

  it('refuses an invalid transition with 409 in each language', async () => {
    const ty = await find((s) => s.area === 'VN-QN-TY');
    const expected = {
      en: 'A signal cannot move from “new” to “closed” (new → closed).',
      vi: 'Không thể chuyển tín hiệu từ trạng thái “mới” sang “đã đóng” (new → closed).',
      'zh-CN': '信号不能从“新信号”状态转为“已关闭”（new → closed）。',
    };
    for (const [lang, message] of Object.entries(expected)) {
      const r = await post('epi', `/api/signals/${ty.id}/transitions`, { to: 'closed', reason: 'x' }, lang);
      expect(r.statusCode).toBe(409);
      expect(r.json()).toEqual({ code: 'BH_SIGNAL_INVALID_TRANSITION', message });
      expect(r.headers['content-language']).toBe(lang);
    }
    const noReason = await post('epi', `/api/signals/${ty.id}/transitions`, { to: 'under-verification', reason: ' ' }, 'vi');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toEqual({ code: 'BH_SIGNAL_REASON_REQUIRED', message: 'Mỗi lần thay đổi trạng thái tín hiệu đều phải nêu lý do.' });
    expect((await get('admin', `/api/signals/${ty.id}`)).json()).toMatchObject({ status: 'new', history: [], next: ['under-verification'] });
  });

  it('lets only triage roles move signals; comments from triage, liaison and gate officers', async () => {
    const gate = await find((s) => s.kind === 'gate-screening' && s.period === '2025-03-10');
    for (const user of ['viewer', 'liaison', 'clinician.mongcai', 'gate.mongcai']) {
      const r = await post(user, `/api/signals/${gate.id}/transitions`, { to: 'under-verification', reason: 'x' });
      expect(r.statusCode, user).toBe(403);
      expect(r.json().code).toBe('BH_FORBIDDEN');
    }
    expect((await post('viewer', `/api/signals/${gate.id}/comments`, { text: 'x' })).statusCode).toBe(403);
    expect((await post('clinician.mongcai', `/api/signals/${gate.id}/comments`, { text: 'x' })).statusCode).toBe(403);
    const c = await post('gate.mongcai', `/api/signals/${gate.id}/comments`, { text: '34 hành khách có triệu chứng sốt, đã chuyển 11 người' });
    expect(c.statusCode).toBe(201);
    expect(c.json()).toMatchObject({ author: { name: 'Ngô Đức Long' }, signalId: gate.id });
    expect((await post('liaison', `/api/signals/${gate.id}/comments`, { text: '已通知东兴口岸' })).statusCode).toBe(201);
    expect((await post('epi', `/api/signals/${gate.id}/comments`, { text: '   ' })).statusCode).toBe(400);
    const d = (await get('gate.mongcai', `/api/signals/${gate.id}`)).json();
    expect(d.comments.map((x: { text: string }) => x.text)).toEqual(['34 hành khách có triệu chứng sốt, đã chuyển 11 người', '已通知东兴口岸']);
    expect(d.evidence.rules.map((r: { rule: string }) => r.rule).sort()).toEqual(['symptomatic-jump', 'symptomatic-share']);
    const head = await node.audit.treeHead();
    const last = await node.audit.entries(head.treeSize - 1, head.treeSize);
    expect(last[0].entry).toMatchObject({ action: 'signal.commented', actor: { username: 'liaison' } });
  });

  it('documents its routes in the OpenAPI description', async () => {
    const paths = Object.keys((await node.app.inject('/api/openapi.json')).json().paths).filter((p) => p.startsWith('/api/signals'));
    expect(paths.sort()).toEqual(['/api/signals', '/api/signals/runs', '/api/signals/{id}', '/api/signals/{id}/comments', '/api/signals/{id}/transitions']);
  });
});
