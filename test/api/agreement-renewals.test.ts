/**
 * Agreement renewals through the API, on both back-ends: the demo's assumed renewals, an
 * administrator recording a signed one (audited, replacing the assumption), who may not, and
 * refused requests that answer a coded error in the caller's language and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../src/platform/store/testing';
import { seedDemoRenewals } from '../../src/directory';
import { openTestNode, injectLogin } from '../support/app';

const PLAN = 'vn-provinces-gx-health-plan-2024-2026';
const TRANSFER = 'qn-gx-1369-emergency-transfer-2025-2026';
const MOU = 'hp-nn-health-mou-2026';

interface AgreementView {
  code: string;
  effectiveTo: string | null;
  renewals: { effectiveTo: string; reference: string; demo: boolean; signedOn: string | null; note: Record<string, string> | null; recordedBy: string }[];
  status: { state: string; termEndsOn?: string; endedOn?: string };
}

describe.each(TEST_BACKENDS)('agreement renewals on %s', (backend) => {
  let node: Awaited<ReturnType<typeof openTestNode>>;
  let admin: { authorization: string };
  beforeAll(async () => {
    node = await openTestNode(backend);
    admin = await injectLogin(node, 'admin');
  });
  afterAll(async () => node?.dispose());

  const list = async (on?: string) =>
    (await node.app.inject({ url: '/api/directory/agreements', query: on ? { on } : {}, headers: admin })).json() as AgreementView[];
  const one = async (code: string, on?: string) => (await list(on)).find((a) => a.code === code)!;
  const renew = (code: string, payload: object, headers: Record<string, string> = admin) =>
    node.app.inject({ method: 'POST', url: `/api/directory/agreements/${code}/renewals`, headers, payload });
  const treeSize = async () => (await node.audit.treeHead()).treeSize;

  it('the demo assumes a three-year renewal of the agreements that end this year, marked as such', async () => {
    for (const code of [PLAN, TRANSFER]) {
      const a = await one(code, '2027-06-01');
      expect(a.effectiveTo).toBe('2026-12-31'); // the signed text's date stays as it is
      expect(a.renewals).toEqual([expect.objectContaining({ effectiveTo: '2029-12-31', reference: 'DEMO', demo: true, signedOn: null, recordedBy: 'node:VN-QN' })]);
      expect(a.renewals[0].note!.en).toMatch(/demo assumption/i);
      expect(a.renewals[0].note!.vi).toMatch(/giả định/i);
      expect(a.status).toMatchObject({ state: 'in-force', termEndsOn: '2029-12-31' });
    }
    expect((await one(MOU)).renewals).toEqual([]);
    // Starting again (another start of the node) records nothing more.
    const size = await treeSize();
    await seedDemoRenewals(node.store.db, 'VN-QN', node.audit, new Date().toISOString().slice(0, 10));
    expect((await one(PLAN)).renewals).toHaveLength(1);
    expect(await treeSize()).toBe(size);
  });

  it('only a party-wide administrator records a renewal', async () => {
    const payload = { effectiveTo: '2030-12-31', reference: 'No. 1' };
    for (const username of ['viewer', 'epi', 'liaison']) {
      const r = await renew(TRANSFER, payload, { ...(await injectLogin(node, username)), 'accept-language': 'vi' });
      expect(r.statusCode, username).toBe(403);
      expect(r.json()).toMatchObject({ code: 'BH_FORBIDDEN', message: expect.stringContaining('Vai trò') });
    }
    const created = await node.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { username: 'admin.mongcai', displayName: 'Quản trị Móng Cái', role: 'administrator', jurisdiction: { kind: 'area', area: 'VN-QN-MC' }, password: 'a-long-password' },
    });
    expect(created.statusCode).toBe(201);
    const district = await renew(TRANSFER, payload, await injectLogin(node, 'admin.mongcai', 'a-long-password'));
    expect(district.statusCode).toBe(404);
    expect((await one(TRANSFER)).renewals.filter((x) => !x.demo)).toEqual([]);
  });

  it('refuses what is not a renewal with the registry error in the caller’s language, and changes nothing', async () => {
    const [size, before] = [await treeSize(), await list()];
    const cases: [string, object, string, number, string, string][] = [
      [TRANSFER, { effectiveTo: '2026-06-30', reference: 'x' }, 'vi', 409, 'BH_DIRECTORY_RENEWAL_INVALID', 'không sau ngày hết hiệu lực hiện tại 2026-12-31'],
      [TRANSFER, { effectiveTo: '2026-12-31', reference: 'x' }, 'en', 409, 'BH_DIRECTORY_RENEWAL_INVALID', 'current end date 2026-12-31'],
      ['no-such-agreement', { effectiveTo: '2030-12-31', reference: 'x' }, 'zh-CN', 404, 'BH_DIRECTORY_AGREEMENT_NOT_FOUND', '不存在代码为 no-such-agreement 的协议'],
      [MOU, { effectiveTo: '2040-12-31', reference: 'x' }, 'en', 409, 'BH_DIRECTORY_RENEWAL_AUTOMATIC', 'renews automatically'],
      [TRANSFER, { effectiveTo: '2029-02-30', reference: 'x' }, 'zh-CN', 400, 'BH_DIRECTORY_RENEWAL_BAD_DATE', '2029-02-30 不是有效日期'],
      [TRANSFER, { effectiveTo: '2029-12-31', signedOn: '2026-13-01', reference: 'x' }, 'vi', 400, 'BH_DIRECTORY_RENEWAL_BAD_DATE', '2026-13-01 không phải là ngày hợp lệ'],
      [TRANSFER, { effectiveTo: 'soon', reference: 'x' }, 'vi', 400, 'BH_VALIDATION', 'Yêu cầu không hợp lệ'],
      [TRANSFER, { effectiveTo: '2030-12-31', reference: '   ' }, 'en', 400, 'BH_VALIDATION', 'not valid'],
      [TRANSFER, { effectiveTo: '2030-12-31' }, 'en', 400, 'BH_VALIDATION', 'not valid'],
      [TRANSFER, { effectiveTo: '2030-12-31', reference: 'x', demo: true }, 'en', 400, 'BH_VALIDATION', 'not valid'],
      [TRANSFER, { effectiveTo: '2030-12-31', reference: 'x', note: {} }, 'en', 400, 'BH_VALIDATION', 'not valid'],
    ];
    for (const [code, payload, lang, status, errorCode, text] of cases) {
      const r = await renew(code, payload, { ...admin, 'accept-language': lang });
      expect(r.statusCode, JSON.stringify(payload)).toBe(status);
      expect(r.json().code).toBe(errorCode);
      expect(r.json().message).toContain(text);
    }
    expect(await treeSize()).toBe(size);
    expect(await list()).toEqual(before);
  });

  it('an administrator records the signed renewal: audited, it replaces the demo assumption, and the list shows the new status', async () => {
    const size = await treeSize();
    const payload = { effectiveTo: '2028-12-31', signedOn: '2026-11-30', reference: 'Biên bản số 12/BB-SYT', note: { vi: 'Gia hạn hai năm, ký tại Móng Cái.' } };
    const r = await renew(TRANSFER, payload);
    expect(r.statusCode).toBe(201);
    const body = r.json() as AgreementView;
    expect(body.renewals.map((x) => [x.effectiveTo, x.demo])).toEqual([
      ['2029-12-31', true],
      ['2028-12-31', false],
    ]);
    expect(body.renewals[1]).toMatchObject({ signedOn: '2026-11-30', reference: 'Biên bản số 12/BB-SYT', note: { vi: 'Gia hạn hai năm, ký tại Móng Cái.' }, recordedBy: 'admin' });
    // The signed text decides, even though the demo had assumed a longer renewal.
    expect(body.status).toMatchObject({ state: 'in-force', termEndsOn: '2028-12-31' });
    expect((await one(TRANSFER, '2028-12-31')).status.state).toBe('in-force');
    expect((await one(TRANSFER, '2029-01-01')).status).toEqual({ state: 'expired', endedOn: '2028-12-31' });
    expect((await one(PLAN, '2029-06-01')).status.state).toBe('in-force'); // still on its demo assumption

    expect(await treeSize()).toBe(size + 1);
    const [e] = await node.audit.entries(size, size + 1);
    expect(e.entry).toMatchObject({
      action: 'directory.agreement.renewed',
      resource: { type: 'agreement', id: TRANSFER },
      actor: { kind: 'user', username: 'admin' },
      detail: { previousEnd: '2029-12-31', effectiveTo: '2028-12-31', signedOn: '2026-11-30', demo: false },
    });

    // From now on a renewal must extend the signed one.
    const shorter = await renew(TRANSFER, { effectiveTo: '2027-12-31', reference: 'x' });
    expect(shorter.json()).toMatchObject({ code: 'BH_DIRECTORY_RENEWAL_INVALID' });
    expect(shorter.json().message).toContain('2028-12-31');
  });
});
