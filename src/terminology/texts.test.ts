import { describe, expect, it } from 'vitest';
import { LANGS, loadTerminology, rawTerminologyData, validateTerminologyData, type Text } from './index';
import { plainStrings } from '../platform/i18n-testing';

const t = loadTerminology();
const raw = rawTerminologyData();
const HAN = /\p{Script=Han}/u;

/** The texts the API serves to users, with where they come from. */
function servedTexts(): { where: string; text: Text }[] {
  const out: { where: string; text: Text }[] = [];
  for (const d of t.diseases()) {
    out.push({ where: `${d.code} names`, text: d.names }, { where: `${d.code} basis`, text: t.basisOf(d) });
    if (d.notes) out.push({ where: `${d.code} notes`, text: d.notes });
    t.equivalentOf(d.code)!.notes.forEach((text, i) => out.push({ where: `${d.code} equivalence note ${i}`, text }));
  }
  return out;
}

describe('texts users see', () => {
  const texts = servedTexts();

  it('are found: names, legal bases and notes of both lists and the cross-walk', () => {
    expect(texts.length).toBeGreaterThan(113 * 2 + 11 + 30);
  });

  it('are given in the three languages, trimmed and non-empty', () => {
    const bad = texts.flatMap(({ where, text }) =>
      LANGS.filter((l) => typeof text[l] !== 'string' || !text[l].trim() || text[l].trim() !== text[l]).map((l) => `${where} ${l}`),
    );
    expect(bad).toEqual([]);
  });

  it('are translated: Chinese in Han characters, no Han in Vietnamese or English, sentences not copied', () => {
    const bad = texts.flatMap(({ where, text }) => [
      ...(HAN.test(text['zh-CN']) ? [] : [`${where} zh-CN: ${text['zh-CN']}`]),
      ...(HAN.test(text.vi) ? [`${where} vi: ${text.vi}`] : []),
      ...(HAN.test(text.en) ? [`${where} en: ${text.en}`] : []),
      ...(text.en.length >= 25 && (text.vi === text.en || text['zh-CN'] === text.en) ? [`${where}: copied from English`] : []),
    ]);
    expect(bad).toEqual([]);
  });

  it('cite each entry\u2019s provision by code', () => {
    expect(t.byCode('VN-B-12')?.basis).toBe('vn-law-03-2007-art3-1b');
    expect(t.basisOf(t.byCode('VN-B-29')!).en).toContain('26/2023/QĐ-TTg');
    expect(t.basisOf(t.byCode('CN-A-01')!)['zh-CN']).toContain('甲类');
    expect(t.equivalentOf('CN-B-05')?.notes).toEqual([
      { vi: 'Loại B ở Trung Quốc, nhóm A ở Việt Nam.', 'zh-CN': '中国为乙类，越南为A类。', en: 'Class B in China, group A in Vietnam.' },
    ]);
  });

  it('leave no free text in one language only in the lists and the cross-walk', () => {
    const codeFields = /\.(code|group|class|basis|cn|vn|relation)$|\.(icd10|vn)\[\]$|\.aliases\.(vi|zh-CN|en)\[\]$/;
    const bad = (['vn', 'cn', 'equivalence'] as const).flatMap((file) => {
      const { source: _source, notes: _notes, relationSemantics: _semantics, ...served } = raw[file] as unknown as Record<string, unknown>;
      return plainStrings(served)
        .filter(({ path }) => !codeFields.test(path))
        .map(({ path, value }) => `${file}${path}: ${value}`);
    });
    expect(bad).toEqual([]);
  });

  it('are refused by validation when a note is a plain string or a basis is not cited', () => {
    const data = rawTerminologyData();
    (data.vn.diseases[0] as { notes?: unknown }).notes = 'English only';
    (data.equivalence.mappings[3] as { note?: unknown }).note = 'English only';
    const result = validateTerminologyData(data);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors.join('\n');
    expect(errors).toContain('vn-notifiable.json/diseases/0/notes');
    expect(errors).toContain('equivalence.json/mappings/3/note');

    const bases = rawTerminologyData();
    (bases.cn.diseases[0] as { basis: string }).basis = 'cn-no-such-law';
    bases.vn.bases['vn-uncited'] = { vi: 'Không', 'zh-CN': '无', en: 'None' };
    expect(validateTerminologyData(bases)).toMatchObject({
      ok: false,
      errors: expect.arrayContaining(['CN-A-01: unknown basis cn-no-such-law', 'vn-notifiable.json: basis vn-uncited is cited by no entry']),
    });
  });
});
