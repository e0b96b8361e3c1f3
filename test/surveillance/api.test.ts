/** The surveillance API of a whole node, on both back-ends: access, audit, concurrency, hooks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../src/platform/store/testing';
import type { ImportCompleted } from '../../src/surveillance';
import { login, openSurveillanceNode, type SurveillanceTestNode } from './support';
import { CLOCK } from './generators';

type H = { authorization: string };

const newCase = (over: Record<string, unknown> = {}) => ({
  disease: 'VN-B-01',
  classification: 'suspected',
  onsetDate: '2025-02-10',
  reportDate: '2025-02-14',
  age: 34,
  sex: 'male',
  residenceArea: 'VN-QN-MC',
  reportingFacility: 'mong-cai-general-hospital',
  infectionPlace: { country: 'CN', area: 'CN-GX-FCG-DX', description: 'chợ Đông Hưng' },
  imported: { country: 'CN', entryGate: 'mong-cai-dongxing', entryDate: '2025-02-09' },
  outcome: 'under-treatment',
  contacts: { vn: 3, cn: 2 },
  travel: [{ place: 'Đông Hưng', country: 'CN', from: '2025-02-05', to: '2025-02-09' }],
  identity: { fullName: 'Trần Thị Bích', idType: 'CCCD', idNumber: '022190001234', phone: '0912345678', address: 'Phường Trần Phú, Móng Cái', dateOfBirth: '1990-06-01' },
  ...over,
});

describe.each(TEST_BACKENDS)('surveillance API on %s', (backend) => {
  let node: SurveillanceTestNode;
  const as: Record<string, H> = {};
  const imported: ImportCompleted[] = [];

  beforeAll(async () => {
    node = await openSurveillanceNode(backend, { clock: CLOCK, maxImportBytes: 200_000 });
    for (const u of ['admin', 'epi', 'epi.mongcai', 'epi.tienyen', 'gate.mongcai', 'viewer', 'clinician.mongcai']) as[u] = await login(node, u);
    node.surveillance.onImported((e) => void imported.push(e));
  });
  afterAll(async () => node?.dispose());

  const inject = (method: string, url: string, who: string, payload?: unknown, lang = 'en') =>
    node.app.inject({ method: method as 'GET', url, headers: { ...as[who], 'accept-language': lang }, payload: payload as string });
  const auditTail = async (n: number) => {
    const size = (await node.audit.treeHead()).treeSize;
    return (await node.audit.entries(size - n, size)).map((e) => e.entry);
  };

  let mcCase: { id: string; version: number };
  let tyCase: { id: string };

  it('reports a case; the record carries no identifiers and the write is audited', async () => {
    const r = await inject('POST', '/api/cases', 'epi', newCase());
    expect(r.statusCode, r.body).toBe(201);
    mcCase = r.json();
    expect(mcCase).toMatchObject({ classification: 'suspected', ageGroup: '25-44', version: 1, createdBy: 'epi' });
    expect(r.body).not.toMatch(/Trần Thị Bích|022190001234|0912345678|1990-06-01/);
    const [entry] = await auditTail(1);
    expect(entry).toMatchObject({ action: 'surveillance.case.created', resource: { type: 'case', id: mcCase.id } });
    const ty = await inject('POST', '/api/cases', 'epi', newCase({ residenceArea: 'VN-QN-TY', reportingFacility: 'tien-yen-health-centre', imported: null, identity: undefined }));
    expect(ty.statusCode, ty.body).toBe(201);
    tyCase = ty.json();
  });

  it('refuses invalid cases with a code and a localized message', async () => {
    const future = await inject('POST', '/api/cases', 'epi', newCase({ reportDate: '2025-03-05' }), 'vi');
    expect(future.statusCode).toBe(400);
    expect(future.json()).toEqual({ code: 'BH_SURVEILLANCE_FUTURE_DATE', message: 'Ngày báo cáo (2025-03-05) là ngày trong tương lai.' });
    const cn = await inject('POST', '/api/cases', 'epi', newCase({ disease: 'CN-B-01' }), 'zh-CN');
    expect(cn.json().code).toBe('BH_SURVEILLANCE_UNKNOWN_DISEASE');
    expect(cn.json().message).toContain('病种');
    const outside = await inject('POST', '/api/cases', 'epi.mongcai', newCase({ residenceArea: 'VN-QN-TY', imported: null }));
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('BH_SURVEILLANCE_OUTSIDE_JURISDICTION');
  });

  it('applies roles and jurisdictions: 403 without the permission, 404 outside the jurisdiction', async () => {
    expect((await inject('GET', '/api/cases', 'viewer')).statusCode).toBe(403);
    expect((await inject('POST', '/api/cases', 'viewer', newCase())).statusCode).toBe(403);
    const missing = await inject('GET', '/api/cases/00000000-0000-4000-8000-000000000000', 'epi.mongcai');
    const outside = await inject('GET', `/api/cases/${tyCase.id}`, 'epi.mongcai');
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
    expect((await inject('GET', `/api/cases/${mcCase.id}`, 'epi.mongcai')).statusCode).toBe(200);
    const listed = (await inject('GET', '/api/cases', 'epi.mongcai')).json();
    expect(listed.items.map((c: { id: string }) => c.id)).toEqual([mcCase.id]);
    expect((await inject('GET', '/api/cases?area=VN-QN', 'epi')).json().total).toBe(2);
    // A gate officer sees the cases that entered through their gate; a clinician those of their facility.
    expect((await inject('GET', '/api/cases', 'gate.mongcai')).json().items.map((c: { id: string }) => c.id)).toEqual([mcCase.id]);
    expect((await inject('GET', '/api/cases', 'clinician.mongcai')).json().items.map((c: { id: string }) => c.id)).toEqual([mcCase.id]);
    expect((await inject('GET', '/api/cases?imported=false', 'epi')).json().items.map((c: { id: string }) => c.id)).toEqual([tyCase.id]);
  });

  it('reads identifiers only with their own permission, and always audits the read', async () => {
    expect((await inject('GET', `/api/cases/${mcCase.id}/identity`, 'admin')).statusCode).toBe(403);
    expect((await inject('GET', `/api/cases/${mcCase.id}/identity`, 'gate.mongcai')).statusCode).toBe(403);
    const before = (await node.audit.treeHead()).treeSize;
    const r = await inject('GET', `/api/cases/${mcCase.id}/identity?purpose=contact-tracing`, 'epi');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ caseId: mcCase.id, fullName: 'Trần Thị Bích', idNumber: '022190001234' });
    const [entry] = await auditTail(1);
    expect((await node.audit.treeHead()).treeSize).toBe(before + 1);
    expect(entry).toMatchObject({ action: 'surveillance.case.identity.read', purpose: 'contact-tracing', resource: { id: mcCase.id } });
    expect(entry?.legalBasis).toContain('03/2007/QH12');
    expect((await inject('GET', `/api/cases/${tyCase.id}/identity`, 'epi.mongcai')).statusCode).toBe(404);
    expect((await inject('GET', `/api/cases/${tyCase.id}/identity`, 'epi')).statusCode).toBe(404);
    expect((await auditTail(1))[0]).toMatchObject({ action: 'surveillance.case.identity.read', outcome: 'failed' });
  });

  it('reclassifies along the state machine with optimistic concurrency', async () => {
    const up = await inject('PATCH', `/api/cases/${mcCase.id}`, 'epi.mongcai', { version: 1, classification: 'confirmed', confirmationDate: '2025-02-15' });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ version: 2, classification: 'confirmed', updatedBy: 'epi.mongcai' });
    expect(up.json().classificationHistory.map((h: { to: string }) => h.to)).toEqual(['suspected', 'confirmed']);
    const stale = await inject('PATCH', `/api/cases/${mcCase.id}`, 'epi', { version: 1, outcome: 'recovered' }, 'vi');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('BH_SURVEILLANCE_VERSION_CONFLICT');
    const back = await inject('PATCH', `/api/cases/${mcCase.id}`, 'epi', { version: 2, classification: 'probable' }, 'zh-CN');
    expect(back.statusCode).toBe(409);
    expect(back.json()).toEqual({ code: 'BH_SURVEILLANCE_INVALID_TRANSITION', message: '确诊病例不能重新分类为临床诊断病例。' });
    const same = await inject('PATCH', `/api/cases/${mcCase.id}`, 'epi', { version: 2, outcome: 'under-treatment' });
    expect(same.json().version).toBe(2);
    const died = await inject('PATCH', `/api/cases/${mcCase.id}`, 'epi', { version: 2, outcome: 'died' });
    expect(died.json().version).toBe(3);
    expect((await inject('PATCH', `/api/cases/${mcCase.id}`, 'epi', { version: 3, outcome: 'recovered' })).json().code).toBe('BH_SURVEILLANCE_OUTCOME_FINAL');
    expect((await inject('PATCH', `/api/cases/${tyCase.id}`, 'epi.mongcai', { version: 1, outcome: 'recovered' })).statusCode).toBe(404);
  });

  it('runs case hooks inside the write transaction: a failing hook leaves no case', async () => {
    const off = node.surveillance.onCaseChanged(async (_trx, change) => {
      if (change.after.disease === 'VN-B-02') throw new Error('outbox full');
    });
    const r = await inject('POST', '/api/cases', 'epi', newCase({ disease: 'VN-B-02' }));
    off();
    expect(r.statusCode).toBe(500);
    expect((await inject('GET', '/api/cases?disease=VN-B-02', 'epi')).json().total).toBe(0);
  });

  it('gate officers record and read their own gate only', async () => {
    const day = { gate: 'mong-cai-dongxing', date: '2025-02-20', people: 5000, vehicles: 700, consignments: 300, samples: 20, symptomatic: 6, referred: 2, quarantined: 1 };
    const r = await inject('PUT', '/api/surveillance/screening', 'gate.mongcai', day);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().result).toBe('inserted');
    expect((await inject('PUT', '/api/surveillance/screening', 'gate.mongcai', day)).json().result).toBe('unchanged');
    expect((await inject('PUT', '/api/surveillance/screening', 'gate.mongcai', { ...day, gate: 'hoanh-mo-dongzhong' })).statusCode).toBe(404);
    const bad = await inject('PUT', '/api/surveillance/screening', 'gate.mongcai', { ...day, referred: 7 }, 'vi');
    expect(bad.json()).toEqual({ code: 'BH_SURVEILLANCE_EXCEEDS', message: 'Số người chuyển viện (7) không được lớn hơn Số người có triệu chứng (6).' });
    expect((await inject('PUT', '/api/surveillance/screening', 'epi', { ...day, gate: 'hoanh-mo-dongzhong' })).statusCode).toBe(200);
    const mine = (await inject('GET', '/api/surveillance/screening', 'gate.mongcai')).json();
    expect(mine.items.map((d: { gate: string }) => d.gate)).toEqual(['mong-cai-dongxing']);
    expect((await inject('GET', '/api/surveillance/screening', 'epi')).json().items).toHaveLength(2);
    expect((await inject('GET', '/api/surveillance/screening', 'epi.tienyen')).json().items).toHaveLength(0);
    expect((await inject('PUT', '/api/surveillance/vectors', 'gate.mongcai', { area: 'VN-QN-MC', surveyDate: '2025-02-10', houseIndex: 5 })).statusCode).toBe(403);
    const v = await inject('PUT', '/api/surveillance/vectors', 'epi.mongcai', { area: 'VN-QN-MC', surveyDate: '2025-02-10', houseIndex: 5, breteauIndex: 7, species: 'Aedes albopictus' });
    expect(v.json()).toMatchObject({ result: 'inserted', containerIndex: null });
  });

  it('imports all or nothing, reports every bad line in the caller’s language, and tells the listeners once written', async () => {
    const csv = ['period,area,disease,age_group,sex,count', '2025-W06,VN-QN-MC,VN-B-01,25-44,male,4', '2025-W06,VN-QN-TY,VN-B-01,25-44,male,2', '2025-W06,VN-QN-MC,VN-B-01,25-44,male,5', ''].join('\n');
    const r = await inject('POST', '/api/surveillance/imports?kind=aggregates&format=csv', 'epi.mongcai', csv, 'vi');
    expect(r.statusCode).toBe(422);
    expect(r.json().errors).toEqual([
      { line: 3, field: 'area', code: 'BH_SURVEILLANCE_OUTSIDE_JURISDICTION', message: 'Địa bàn: "VN-QN-TY" nằm ngoài phạm vi quản lý của bạn.' },
      { line: 4, field: null, code: 'BH_SURVEILLANCE_IMPORT_DUPLICATE', message: 'Trùng bản ghi với dòng 2 (mỗi bản ghi phải là duy nhất theo period, area, disease, age_group, sex).' },
    ]);
    expect(imported).toHaveLength(0);
    const ok = await inject('POST', '/api/surveillance/imports?kind=aggregates&format=csv', 'epi', csv.split('\n').slice(0, 3).join('\n'));
    expect(ok.json()).toMatchObject({ state: 'succeeded', inserted: 2, updated: 0, unchanged: 0 });
    expect(imported.at(-1)).toMatchObject({ kind: 'aggregates', inserted: 2, affected: { areas: ['VN-QN-MC', 'VN-QN-TY'], diseases: ['VN-B-01'], periods: ['2025-W06'] } });
    const missing = await inject('POST', '/api/surveillance/imports?kind=aggregates&format=csv', 'epi', 'period,area,disease,sex,count,extra\n', 'zh-CN');
    expect(missing.json().errors.map((e: { message: string }) => e.message)).toEqual(['此类数据没有“extra”列。', '缺少“age_group”列。']);
    expect((await inject('POST', '/api/surveillance/imports?kind=aggregates&format=csv', 'viewer', csv)).statusCode).toBe(403);
    expect((await inject('POST', '/api/surveillance/imports?kind=aggregates&format=csv', 'gate.mongcai', csv)).statusCode).toBe(403);
    expect((await inject('POST', '/api/surveillance/imports?kind=cases&format=dhis2', 'epi', '{}')).json().code).toBe('BH_SURVEILLANCE_IMPORT_NOT_SUPPORTED');
  });

  it('reads DHIS2 screening values into gate-days, missing values being 0', async () => {
    const set = {
      dataSet: 'BH-SCREENING',
      period: '20250221',
      dataValues: [
        { dataElement: 'SCREEN_PEOPLE', orgUnit: 'mong-cai-dongxing', value: '800' },
        { dataElement: 'SCREEN_SYMPTOMATIC', orgUnit: 'mong-cai-dongxing', value: '3' },
        { dataElement: 'SCREEN_REFERRED', orgUnit: 'mong-cai-dongxing', value: 4 },
      ],
    };
    const bad = await inject('POST', '/api/surveillance/imports?kind=screening&format=dhis2', 'gate.mongcai', JSON.stringify(set));
    expect(bad.json().errors).toMatchObject([{ line: 2, field: 'value', code: 'BH_SURVEILLANCE_EXCEEDS' }]);
    set.dataValues[2].value = 1;
    const ok = await inject('POST', '/api/surveillance/imports?kind=screening&format=dhis2', 'gate.mongcai', JSON.stringify(set));
    expect(ok.json()).toMatchObject({ state: 'succeeded', inserted: 1 });
    const day = (await inject('GET', '/api/surveillance/screening?from=2025-02-21&to=2025-02-21', 'gate.mongcai')).json().items[0];
    expect(day).toMatchObject({ people: 800, symptomatic: 3, referred: 1, vehicles: 0, quarantined: 0 });
    const broken = await inject('POST', '/api/surveillance/imports?kind=screening&format=dhis2', 'gate.mongcai', '{"dataValues":[{"dataElement":"SCREEN_PEOPLE"},');
    // The complete first value is read (and refused for what it lacks); the structure breaks after it.
    expect(broken.json().errors.at(-1)).toMatchObject({ line: 1, code: 'BH_SURVEILLANCE_IMPORT_MALFORMED_JSON' });
    expect(broken.json().errors.slice(0, -1).map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([[0, 'period'], [0, 'orgUnit'], [0, 'value']]);
  });

  it('lets the uploader follow a streaming import with its job, and nobody else', async () => {
    const jobId = '11111111-2222-4333-8444-555555555555';
    const lines = ['period,area,disease,age_group,sex,count'];
    for (let i = 0; i < 2000; i++) lines.push(`2024-W${String((i % 52) + 1).padStart(2, '0')},VN-QN-CP,VN-B-${String((Math.floor(i / 52) % 38) + 1).padStart(2, '0')},${['0-4', '65+'][i % 2]},${i < 1000 ? 'female' : 'male'},${i}`);
    const text = lines.join('\n') + '\n';
    // A slow upload: the first half, a pause during which the job is polled, then the rest.
    const { PassThrough } = await import('node:stream');
    const body = new PassThrough();
    const pending = node.app.inject({ method: 'POST', url: `/api/surveillance/imports?kind=aggregates&format=csv&jobId=${jobId}`, headers: { ...as.epi, 'content-type': 'text/csv', 'content-length': String(Buffer.byteLength(text)) }, payload: body });
    body.write(text.slice(0, text.length / 2));
    let progress: { state: string; processedRows: number; processedBytes: number; totalBytes: number } | undefined;
    for (let i = 0; i < 100 && !(progress && progress.processedRows > 0); i++) {
      await new Promise((r) => setTimeout(r, 20));
      const r = await inject('GET', `/api/surveillance/imports/${jobId}`, 'epi');
      if (r.statusCode === 200) progress = r.json();
    }
    expect(progress).toMatchObject({ state: 'receiving', totalBytes: Buffer.byteLength(text) });
    expect(progress!.processedRows).toBeGreaterThan(0);
    expect(progress!.processedBytes).toBeLessThan(Buffer.byteLength(text));
    expect((await inject('GET', `/api/surveillance/imports/${jobId}`, 'epi.mongcai')).statusCode).toBe(404);
    body.end(text.slice(text.length / 2));
    const done = await pending;
    expect(done.json()).toMatchObject({ state: 'succeeded', inserted: 2000, processedRows: 2000 });
    expect((await inject('GET', `/api/surveillance/imports/${jobId}`, 'epi')).json()).toMatchObject({ state: 'succeeded', writtenRows: 2000 });
    expect((await inject('POST', `/api/surveillance/imports?kind=aggregates&format=csv&jobId=${jobId}`, 'epi', text)).statusCode).toBe(409);
  });

  it('refuses an upload over the limit', async () => {
    const big = 'period,area,disease,age_group,sex,count\n' + '2025-W01,VN-QN-MC,VN-B-01,0-4,male,1\n'.repeat(8000);
    const r = await inject('POST', '/api/surveillance/imports?kind=aggregates&format=csv', 'epi', big);
    expect(r.statusCode).toBe(413);
    expect(r.json().code).toBe('BH_SURVEILLANCE_IMPORT_TOO_LARGE');
  });

  it('serves weekly series and totals within the jurisdiction', async () => {
    const s = (await inject('GET', '/api/surveillance/series/weekly?disease=VN-B-01&from=2025-W05&to=2025-W07', 'epi.mongcai')).json();
    expect(s).toEqual({ from: '2025-W05', to: '2025-W07', weeks: ['2025-W05', '2025-W06', '2025-W07'], series: [{ area: 'VN-QN-MC', disease: 'VN-B-01', counts: [0, 4, 0] }] });
    const all = (await inject('GET', '/api/surveillance/series/weekly?disease=VN-B-01&from=2025-W05&to=2025-W07', 'viewer')).json();
    expect(all.series.map((x: { area: string }) => x.area)).toEqual(['VN-QN-MC', 'VN-QN-TY']);
    expect((await inject('GET', '/api/surveillance/series/weekly?from=2025-W60', 'viewer')).json().code).toBe('BH_SURVEILLANCE_BAD_PERIOD');
    const totals = (await inject('GET', '/api/surveillance/totals?periodKind=week&from=2025-W06&to=2025-W06&by=area', 'viewer')).json();
    expect(totals.map((t: { area: string; count: number }) => [t.area, t.count])).toEqual([['VN-QN-MC', 4], ['VN-QN-TY', 2]]);
    expect((await inject('GET', '/api/surveillance/aggregates?area=VN-QN-TY', 'epi.mongcai')).json().items).toEqual([]);
  });

  it('audits a long list of cases with every id disclosed', async () => {
    const header = 'id,disease,classification,onset_date,report_date,confirmation_date,age,sex,residence_area,infection_country,infection_area,infection_description,imported,import_country,entry_gate,entry_date,outcome,reporting_facility,contacts_vn,contacts_cn,travel';
    const rows = Array.from({ length: 230 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')},VN-C-01,suspected,,2025-01-20,,${i % 90},female,VN-QN-HL,VN,,,false,,,,unknown,qn-general-hospital,0,0,`);
    const r = await inject('POST', '/api/surveillance/imports?kind=cases&format=csv', 'epi', [header, ...rows].join('\n'));
    expect(r.json(), JSON.stringify(r.json().errors?.slice(0, 2))).toMatchObject({ state: 'succeeded', inserted: 230 });
    const before = (await node.audit.treeHead()).treeSize;
    const list = (await inject('GET', '/api/cases?disease=VN-C-01&limit=500', 'epi')).json();
    expect(list.items).toHaveLength(230);
    const entries = await auditTail((await node.audit.treeHead()).treeSize - before);
    expect(entries.map((e) => e?.action)).toEqual(['surveillance.case.list', 'surveillance.case.list', 'surveillance.case.list']);
    expect(entries.flatMap((e) => (e?.detail as { ids: string[] }).ids).sort()).toEqual(list.items.map((c: { id: string }) => c.id).sort());
  });

  it('re-importing an old case export over newer edits is a conflict, and exports are audited', async () => {
    const exported = (await inject('GET', '/api/surveillance/export?kind=cases&format=csv', 'epi')).body;
    expect((await auditTail(1))[0]).toMatchObject({ action: 'surveillance.case.export' });
    expect(exported).not.toMatch(/Trần Thị Bích|022190001234/);
    const same = await inject('POST', '/api/surveillance/imports?kind=cases&format=csv', 'epi', exported);
    expect(same.json()).toMatchObject({ state: 'succeeded', inserted: 0, updated: 0, unchanged: 232 });
    const cur = (await inject('GET', `/api/cases/${tyCase.id}`, 'epi')).json();
    await inject('PATCH', `/api/cases/${tyCase.id}`, 'epi', { version: cur.version, outcome: 'recovered' });
    const stale = await inject('POST', '/api/surveillance/imports?kind=cases&format=csv', 'epi', exported);
    expect(stale.statusCode).toBe(422);
    expect(stale.json().errors).toMatchObject([{ field: 'version', code: 'BH_SURVEILLANCE_IMPORT_STALE_VERSION' }]);
    expect((await inject('GET', `/api/cases/${tyCase.id}`, 'epi')).json().outcome).toBe('recovered');
    expect((await inject('GET', '/api/surveillance/export?kind=cases&format=csv', 'viewer')).statusCode).toBe(403);
  });
});
