import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  LANGS,
  categoryOf,
  createTerminology,
  foldForSearch,
  icd10Matches,
  isValidIcd10Ref,
  loadTerminology,
  normalizeIcd10,
  rawTerminologyData,
  validateTerminologyData,
  type Disease,
} from './index';

const t = loadTerminology();
const all = t.diseases();
const codes = (ds: readonly Disease[]) => ds.map((d) => d.code);
const count = (ds: readonly Disease[], cat: string) => ds.filter((d) => categoryOf(d) === cat).length;

describe('data files', () => {
  it('load and validate', () => {
    expect(validateTerminologyData(rawTerminologyData()).ok).toBe(true);
    expect(loadTerminology()).toBe(t);
  });

  it('hold the documented number of entries per group and class', () => {
    expect([count(t.vn, 'A'), count(t.vn, 'B'), count(t.vn, 'C')]).toEqual([13, 38, 22]);
    expect([count(t.cn, 'A'), count(t.cn, 'B'), count(t.cn, 'C')]).toEqual([2, 27, 11]);
  });

  it('name each legal source', () => {
    expect(t.sources.vn.instrument).toContain('03/2007/QH12');
    expect(t.sources.cn.name).toContain('传染病防治法');
    expect(t.sources.cn.effective).toBe('2025-09-01');
    expect(t.sources.equivalence.name).not.toBe('');
    expect(t.sources.icd10.name).toContain('ICD-10');
  });

  it('give every entry three non-blank names and well-formed ICD-10 codes', () => {
    for (const d of all) {
      for (const lang of LANGS) expect(d.names[lang].trim(), `${d.code} ${lang}`).not.toBe('');
      expect(d.icd10.length, d.code).toBeGreaterThan(0);
      for (const ref of d.icd10) expect(isValidIcd10Ref(ref), `${d.code} ${ref}`).toBe(true);
      expect(d.names['zh-CN'], d.code).toMatch(/\p{Script=Han}/u);
    }
  });

  it('use unique codes whose letter is the group or class', () => {
    expect(new Set(codes(all)).size).toBe(all.length);
    for (const d of all) expect(d.code).toMatch(new RegExp(`^${d.system}-${categoryOf(d)}-\\d{2}$`));
  });

  it('are served frozen', () => {
    const d = t.byCode('VN-A-01')!;
    expect(Object.isFrozen(d) && Object.isFrozen(d.names) && Object.isFrozen(d.icd10)).toBe(true);
  });

  it('carry the later additions in the right group', () => {
    expect(t.byCode('VN-B-29')?.names.vi).toContain('COVID-19');
    expect(t.byCode('VN-B-28')?.names.vi).toBe('Bệnh đậu mùa khỉ');
    expect(codes(t.search('Nipah', { system: 'VN' }))).toEqual(['VN-A-13']);
    expect(t.byCode('CN-B-01')?.names['zh-CN']).toBe('新型冠状病毒感染');
    expect(t.byCode('CN-B-12')?.names['zh-CN']).toBe('猴痘');
    expect(t.byCode('CN-C-10')?.names['zh-CN']).toBe('手足口病');
    expect(t.byCode('CN-B-06')?.names['zh-CN']).toBe('人感染新亚型流感');
  });

  it('give every ICD-10 code a title in icd10.json', () => {
    for (const d of all)
      for (const ref of d.icd10)
        for (const end of ref.split('-')) expect(t.icd10(end)?.names.en, `${d.code} ${end}`).toBeTruthy();
  });
});

describe('equivalence', () => {
  const raw = rawTerminologyData();
  const eq = raw.equivalence;

  it('maps every Chinese entry exactly once, to existing Vietnamese entries', () => {
    expect(eq.mappings.map((m) => m.cn).sort()).toEqual(codes(t.cn).slice().sort());
    for (const m of eq.mappings) {
      for (const v of m.vn) expect(t.byCode(v)?.system, `${m.cn} → ${v}`).toBe('VN');
      expect(m.relation === 'none', m.cn).toBe(m.vn.length === 0);
      if (m.relation !== 'exact' || m.vn.length > 1) expect(m.note, m.cn).toBeTruthy();
    }
  });

  it('accounts for every Vietnamese entry once: mapped or without counterpart', () => {
    const mapped = new Set(eq.mappings.flatMap((m) => m.vn));
    const unmapped = eq.vnWithoutCounterpart.map((u) => u.vn);
    for (const v of unmapped) expect(t.byCode(v)?.system).toBe('VN');
    for (const d of t.vn) expect(mapped.has(d.code) !== unmapped.includes(d.code), d.code).toBe(true);
  });

  it('answers in both directions', () => {
    expect(codes(t.equivalentOf('CN-B-14')?.targets ?? [])).toEqual(['VN-B-09', 'VN-B-10']);
    expect(t.equivalentOf('VN-B-09')).toMatchObject({ relation: 'narrower' });
    expect(codes(t.equivalentOf('VN-B-09')?.targets ?? [])).toEqual(['CN-B-14']);
    expect(t.equivalentOf('CN-B-06')?.relation).toBe('broader');
    expect(t.equivalentOf('VN-A-02')?.relation).toBe('narrower');
    expect(t.equivalentOf('CN-B-10')?.relation).toBe('narrower');
    expect(t.equivalentOf('VN-B-24')).toMatchObject({ relation: 'broader', targets: [{ code: 'CN-B-10' }] });
    expect(t.equivalentOf('cn-a-01')).toMatchObject({ relation: 'exact', targets: [{ code: 'VN-A-03' }] });
    expect(t.equivalentOf('CN-B-21')).toMatchObject({ relation: 'none', targets: [] });
    expect(t.equivalentOf('VN-A-04')?.relation).toBe('none');
    expect(t.equivalentOf('VN-A-04')?.notes.length).toBe(1);
    expect(t.equivalentOf('XX-A-01')).toBeUndefined();
  });

  it('is symmetric: each Vietnamese target points back to its Chinese entry', () => {
    for (const c of t.cn)
      for (const v of t.equivalentOf(c.code)?.targets ?? [])
        expect(codes(t.equivalentOf(v.code)?.targets ?? []), `${c.code} ↔ ${v.code}`).toContain(c.code);
  });
});

describe('ICD-10 lookup', () => {
  it('matches a code inside a listed category, subcategory or range', () => {
    expect(codes(t.byIcd10('A00'))).toEqual(['VN-A-08', 'CN-A-02']);
    expect(codes(t.byIcd10('A92.0'))).toEqual(['VN-B-36']);
    expect(codes(t.byIcd10('A91'))).toEqual(['VN-B-12', 'CN-B-11']);
    expect(codes(t.byIcd10('B16.9'))).toEqual(['VN-B-22', 'CN-B-04']);
    expect(codes(t.byIcd10('A15.0'))).toEqual(['VN-B-07', 'CN-B-15']);
    expect(codes(t.byIcd10('A75.1'))).toEqual(['VN-B-14', 'VN-C-16']);
    expect(codes(t.byIcd10('A75.2'))).toEqual(['VN-B-14', 'VN-C-16', 'CN-C-06']);
    expect(codes(t.byIcd10('A24.2'))).toEqual(['VN-B-35']);
    expect(codes(t.byIcd10('U07.1', { system: 'CN' }))).toEqual(['CN-B-01']);
  });

  it('accepts loose input and rejects malformed codes', () => {
    expect(codes(t.byIcd10(' a920 '))).toEqual(['VN-B-36']);
    expect(t.byIcd10('not a code')).toEqual([]);
    expect(t.byIcd10('A91-A90')).toEqual([]);
    expect(normalizeIcd10('b15-b19')).toBe('B15-B19');
  });

  it('does not treat a broader query as a match unless asked', () => {
    expect(t.byIcd10('A92')).toEqual([]);
    expect(codes(t.byIcd10('A92', { includeNarrower: true }))).toEqual(['VN-A-06', 'VN-B-27', 'VN-B-36']);
    expect(t.byIcd10('A75').map((d) => d.code)).toEqual(['VN-C-16']);
  });

  it('knows range containment', () => {
    expect(icd10Matches('A90-A91', 'A91.0')).toBe(true);
    expect(icd10Matches('A75.0-A75.2', 'A75')).toBe(false);
    expect(icd10Matches('A75-A79', 'A75.0-A75.2')).toBe(true);
    expect(icd10Matches('J09', 'J10')).toBe(false);
    expect(t.icd10('B16.9')?.code).toBe('B15-B19');
    expect(t.icd10('A24.2')?.names['zh-CN']).toBe('亚急性和慢性类鼻疽');
  });
});

describe('search', () => {
  it('finds Vietnamese names without diacritics or case', () => {
    expect(codes(t.search('sot xuat huyet'))).toContain('VN-B-12');
    expect(codes(t.search('SỐT XUẤT HUYẾT DENGUE'))[0]).toBe('VN-B-12');
    expect(codes(t.search('tay chan mieng'))).toEqual(['VN-B-16', 'CN-C-10']);
    expect(codes(t.search('dau mua khi', { system: 'VN' }))).toEqual(['VN-B-28']);
    expect(codes(t.search('Đậu mùa', { system: 'VN' }))[0]).toBe('VN-A-04');
    expect(codes(t.search('benh dai', { langs: ['vi'], system: 'VN' }))).toEqual(['VN-B-05']);
  });

  it('finds Chinese names by substring', () => {
    expect(codes(t.search('肝炎'))).toEqual(['VN-B-22', 'CN-B-04']);
    expect(codes(t.search('猴痘', { system: 'CN' }))).toEqual(['CN-B-12']);
    expect(codes(t.search('腹泻', { system: 'CN' }))).toEqual(['CN-C-11']);
    expect(codes(t.search('禽流感', { system: 'CN' }))).toEqual(['CN-B-06']);
  });

  it('finds English names and aliases', () => {
    expect(codes(t.search('Dengue', { langs: ['en'] }))).toEqual(['CN-B-11', 'VN-B-12']);
    expect(codes(t.search('HEPATITIS'))).toEqual(['VN-B-22', 'CN-B-04']);
    expect(codes(t.search('mpox'))).toEqual(['VN-B-28', 'CN-B-12']);
    expect(codes(t.search('covid'))).toEqual(['VN-B-29', 'CN-B-01']);
    expect(codes(t.search('VN-C-0', { system: 'VN' })).length).toBe(9);
  });

  it('matches queries whose words appear apart', () => {
    expect(codes(t.search('dengue sot', { system: 'VN' }))).toEqual(['VN-B-12']);
    expect(codes(t.search('登革 出血'))).toEqual(['VN-B-12']);
    expect(codes(t.search('fever renal haemorrhagic'))).toEqual(['VN-C-17', 'CN-B-08']);
  });

  it('respects language, list and limit options and ignores blank queries', () => {
    expect(t.search('肝炎', { langs: ['en'] })).toEqual([]);
    expect(t.search('hepatitis', { system: 'CN' }).every((d) => d.system === 'CN')).toBe(true);
    expect(t.search('fever', { limit: 3 })).toHaveLength(3);
    expect(t.search('   ')).toEqual([]);
    expect(t.search('—')).toEqual([]);
  });

  it('finds an entry from any piece of any of its names (property)', () => {
    const names = all.flatMap((d) => LANGS.map((lang) => ({ d, name: d.names[lang] })));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: names.length - 1 }),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        (i, a, b, shout) => {
          const { d, name } = names[i];
          const start = a % name.length;
          const end = start + 1 + (b % (name.length - start));
          const piece = name.slice(start, end);
          fc.pre(foldForSearch(piece) !== '');
          const query = shout ? piece.toUpperCase() : piece;
          return t.search(query).includes(d);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('validation', () => {
  it('rejects duplicate codes, blank names, bad ICD-10 codes and broken mappings', () => {
    const raw = rawTerminologyData();
    raw.vn.diseases[1].code = raw.vn.diseases[0].code;
    raw.cn.diseases[0].names['zh-CN'] = ' ';
    raw.cn.diseases[1].icd10 = ['A0'];
    const result = validateTerminologyData(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(/zh-CN|icd10/);

    const raw2 = rawTerminologyData();
    raw2.vn.diseases[1].code = raw2.vn.diseases[0].code;
    raw2.vn.diseases[2].icd10 = ['A90-A91', 'A99'];
    raw2.equivalence.mappings.pop();
    raw2.equivalence.mappings[0].vn = ['VN-A-99'];
    const r2 = validateTerminologyData(raw2);
    expect(r2.ok).toBe(false);
    if (!r2.ok) {
      const text = r2.errors.join('\n');
      expect(text).toContain('duplicate disease code VN-A-01');
      expect(text).toContain('A99 has no title');
      expect(text).toContain('CN-C-11 has no mapping');
      expect(text).toContain('unknown Vietnamese code VN-A-99');
    }
    expect(() => createTerminology(raw2)).toThrow(/Invalid terminology data/);
  });

  it('rejects a Vietnamese entry that is neither mapped nor listed without counterpart', () => {
    const raw = rawTerminologyData();
    raw.equivalence.vnWithoutCounterpart.shift();
    const r = validateTerminologyData(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toContain('VN-A-04 is neither mapped');
  });
});
