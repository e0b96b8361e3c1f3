/**
 * Reference data as the directory and terminology APIs serve it, on both back-ends: every text a
 * user reads comes in Vietnamese, Chinese and English; every other string is a code, an
 * identifier, a date or a contact detail. Rows an earlier version of the seed files wrote
 * (English-only contact roles and gate notes) are served sensibly and rewritten at the next seed.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../src/platform/store/testing';
import { CONTACT_ROLE_LABELS, seedDirectory } from '../../src/directory';
import { openTestNode, injectLogin } from '../support/app';

const ENDPOINTS = [
  '/api/directory/parties',
  '/api/directory/agreements',
  '/api/directory/areas',
  '/api/directory/facilities',
  '/api/directory/gates',
  '/api/directory/contacts',
  '/api/terminology/diseases',
];

/** Strings that are not prose: codes, identifiers, dates, names of people, contact details, user-entered references. */
const NOT_PROSE = new Set(
  [
    ...['code', 'id', 'party', 'parent', 'level', 'country', 'kind', 'timezone', 'servingParty', 'path', 'area', 'parties'],
    ...['signedOn', 'effectiveFrom', 'effectiveTo', 'term', 'noticePeriod', 'scopes', 'capabilities', 'state', 'termEndsOn'],
    ...['noticeDeadline', 'endedOn', 'startsOn', 'agreement', 'reference', 'recordedBy', 'recordedAt', 'status', 'modes'],
    ...['marker', 'partOf', 'statusSince', 'role', 'name', 'organization', 'phone', 'email', 'languages', 'list', 'group'],
    ...['icd10', 'basis', 'relation'],
  ],
);
const LANGS = ['vi', 'zh-CN', 'en'] as const;
const isTextLike = (v: object) => Object.keys(v).length > 0 && Object.keys(v).every((k) => (LANGS as readonly string[]).includes(k));

/** Problems in an answer: prose outside a Text, and Texts missing a language. Renewal notes may be partial (typed by users). */
function problems(v: unknown, path: string, key = ''): string[] {
  if (typeof v === 'string') return NOT_PROSE.has(key) ? [] : [`${path}: ${v}`];
  if (Array.isArray(v)) return v.flatMap((x, i) => problems(x, `${path}[${i}]`, key));
  if (typeof v !== 'object' || v === null) return [];
  if (isTextLike(v)) {
    if (/\.renewals\[\d+\]\.note$/.test(path)) return [];
    const text = v as Record<string, unknown>;
    return LANGS.filter((l) => typeof text[l] !== 'string' || !(text[l] as string).trim()).map((l) => `${path}.${l} missing`);
  }
  return Object.entries(v).flatMap(([k, x]) => problems(x, `${path}.${k}`, k));
}

describe.each(TEST_BACKENDS)('reference texts on %s', (backend) => {
  let node: Awaited<ReturnType<typeof openTestNode>>;
  let admin: { authorization: string };
  const get = async <T = unknown>(url: string) => {
    const r = await node.app.inject({ url, headers: admin });
    expect(r.statusCode, url).toBe(200);
    return r.json() as T;
  };
  beforeAll(async () => {
    node = await openTestNode(backend);
    admin = await injectLogin(node, 'admin');
  });
  afterAll(async () => node?.dispose());

  it('serve every text users read in the three languages', async () => {
    for (const url of ENDPOINTS) {
      const body = await get<unknown[]>(url);
      expect(body.length, url).toBeGreaterThan(0);
      expect(problems(body, url)).toEqual([]);
    }
  });

  it('serve a contact role as a code with its label, gate notes and disease notes as Texts', async () => {
    const contacts = await get<{ id: string; role: string; roleLabel: unknown }[]>('/api/directory/contacts');
    for (const c of contacts) expect(c.roleLabel, c.id).toEqual(CONTACT_ROLE_LABELS[c.role as keyof typeof CONTACT_ROLE_LABELS]);
    expect(contacts.find((c) => c.id === 'qn-mong-cai-emergency')?.role).toBe('liaison-1369-emergency-transfer');

    const gate = (await get<{ id: string; notes?: Record<string, string> }[]>('/api/directory/gates')).find((g) => g.id === 'mong-cai-dongxing');
    expect(gate?.notes?.vi).toContain('cầu Bắc Luân II');
    expect(gate?.notes?.en).toContain('Bac Luan II bridge');

    const sars = await get<{ basis: string; basisLabel: Record<string, string>; notes: Record<string, string> }>('/api/terminology/diseases/VN-A-09');
    expect(sars.basis).toBe('vn-law-03-2007-art3-1a');
    expect(sars.basisLabel.en).toContain('Article 3(1)(a)');
    expect(sars.notes['zh-CN']).toMatch(/\p{Script=Han}/u);
    const one = await get<{ equivalent: { notes: Record<string, string>[] } }>('/api/terminology/diseases/CN-B-05');
    expect(one.equivalent.notes).toEqual([expect.objectContaining({ vi: 'Loại B ở Trung Quốc, nhóm A ở Việt Nam.' })]);
  });

  it('serve rows of an earlier seed sensibly and rewrite them at the next seed', async () => {
    const db = node.store.db;
    await sql`update contacts set data = jsonb_set(data, '{role}', '"liaison officer, international cooperation"') where id = 'qn-doh-international'`.execute(db);
    await sql`update border_gates set data = jsonb_set(data, '{notes}', '"English-only note"') where id = 'mong-cai-dongxing'`.execute(db);
    const contact = async () => get<{ role: string; roleLabel: Record<string, string> }>('/api/directory/contacts/qn-doh-international');
    const gate = async () => (await get<{ id: string; notes?: unknown }[]>('/api/directory/gates')).find((g) => g.id === 'mong-cai-dongxing')!;

    expect((await contact()).roleLabel.vi).toBe('liaison officer, international cooperation');
    expect((await gate()).notes).toBeUndefined();

    await seedDirectory(db, 'VN-QN');
    expect(await contact()).toMatchObject({ role: 'liaison-international', roleLabel: CONTACT_ROLE_LABELS['liaison-international'] });
    expect((await gate()).notes).toMatchObject({ 'zh-CN': expect.stringContaining('北仑河二桥') });
  });
});
