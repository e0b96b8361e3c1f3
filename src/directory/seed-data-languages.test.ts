/** Every name and text of the seed in three languages, each in its own script. */
import { describe, expect, it } from 'vitest';
import type { Text } from './seed-schema';
import { CONTACT_ROLE_LABELS } from './contact-roles';
import { areas, contacts, countryOfCode, facilities, fileNames, gates, HAN, parties, raw, VIETNAMESE_LETTER } from './seed-testing';

// Traditional-only forms of characters common in this data set; none may appear in zh-CN.
const TRADITIONAL_ONLY = /[廣東衛醫關門區縣陽龍寧興華國協議檢鄉鎮際橋島灣寶貴實設備應預會員傳廳聯絡處長務號壯邊憑點鐵雙療護診斷學]/u;
// English names are plain ASCII, plus the en dash and typographic apostrophe.
const ENGLISH = /^[\x20-\x7E\u2013\u2019]+$/u;
/** Genuine Vietnamese names that carry no diacritic at all. */
const VI_NAMES_WITHOUT_DIACRITICS = new Set(['Na Hang', 'Ninh Giang']);

function isText(v: unknown): v is Text {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v).sort();
  return keys.length === 3 && keys[0] === 'en' && keys[1] === 'vi' && keys[2] === 'zh-CN';
}

/** Every Text value in a JSON tree, with its path. */
function collectTexts(v: unknown, path = ''): Array<{ path: string; text: Text }> {
  if (isText(v)) return [{ path, text: v }];
  if (Array.isArray(v)) return v.flatMap((x, i) => collectTexts(x, `${path}[${i}]`));
  if (typeof v === 'object' && v !== null) {
    return Object.entries(v).flatMap(([k, x]) => collectTexts(x, `${path}.${k}`));
  }
  return [];
}

/** Vietnamese-side Text values whose vi form must be written with Vietnamese letters. */
function vietnameseSideTexts(): Array<{ where: string; text: Text }> {
  const out: Array<{ where: string; text: Text }> = [];
  for (const p of parties.filter((x) => x.country === 'VN')) {
    out.push({ where: `party ${p.code} names`, text: p.names });
    out.push({ where: `party ${p.code} shortNames`, text: p.shortNames });
    out.push({ where: `party ${p.code} healthAuthority`, text: p.healthAuthority });
  }
  for (const a of areas.filter((x) => countryOfCode(x.code) === 'VN')) {
    out.push({ where: `area ${a.code} names`, text: a.names });
    out.push({ where: `area ${a.code} shortNames`, text: a.shortNames });
    if (a.formerProvince) out.push({ where: `area ${a.code} formerProvince`, text: a.formerProvince });
  }
  for (const f of facilities.filter((x) => countryOfCode(x.party) === 'VN')) {
    out.push({ where: `facility ${f.id} names`, text: f.names });
    out.push({ where: `facility ${f.id} address`, text: f.address });
  }
  for (const g of gates) out.push({ where: `gate ${g.id} vn.name`, text: g.vn.name });
  for (const c of contacts.filter((x) => countryOfCode(x.party) === 'VN')) {
    out.push({ where: `contact ${c.id} title`, text: c.title });
  }
  return out;
}

describe('seed data: names in three languages', () => {
  const allTexts = [
    ...fileNames.flatMap((n) => collectTexts(raw[n], n)),
    ...Object.entries(CONTACT_ROLE_LABELS).map(([code, text]) => ({ path: `contact role ${code}`, text })),
  ];

  it('finds the Text values it checks', () => {
    expect(allTexts.length).toBeGreaterThan(400);
  });

  it('has three trimmed, NFC-normalised forms', () => {
    const bad = allTexts.flatMap(({ path, text }) =>
      (['vi', 'zh-CN', 'en'] as const)
        .filter((k) => text[k].trim() !== text[k] || text[k].length === 0 || text[k].normalize('NFC') !== text[k])
        .map((k) => `${path}.${k}: ${JSON.stringify(text[k])}`),
    );
    expect(bad).toEqual([]);
  });

  it('writes zh-CN in simplified Chinese characters', () => {
    const bad = allTexts
      .filter(({ text }) => !HAN.test(text['zh-CN']) || TRADITIONAL_ONLY.test(text['zh-CN']) || VIETNAMESE_LETTER.test(text['zh-CN']))
      .map(({ path, text }) => `${path}: ${text['zh-CN']}`);
    expect(bad).toEqual([]);
  });

  it('writes en in plain Latin letters and vi without Chinese characters', () => {
    const badEn = allTexts.filter(({ text }) => !ENGLISH.test(text.en)).map(({ path, text }) => `${path}: ${text.en}`);
    expect(badEn).toEqual([]);
    const badVi = allTexts.filter(({ text }) => HAN.test(text.vi)).map(({ path, text }) => `${path}: ${text.vi}`);
    expect(badVi).toEqual([]);
  });

  it('writes Vietnamese-side names with Vietnamese letters', () => {
    const bad = vietnameseSideTexts()
      .filter(({ text }) => !VIETNAMESE_LETTER.test(text.vi) && !VI_NAMES_WITHOUT_DIACRITICS.has(text.vi))
      .map(({ where, text }) => `${where}: ${text.vi}`);
    expect(bad).toEqual([]);
  });

  it('gives Chinese-side names in Chinese characters', () => {
    const bad = [
      ...parties.filter((p) => p.country === 'CN').map((p) => ({ where: p.code, text: p.names })),
      ...areas.filter((a) => countryOfCode(a.code) === 'CN').map((a) => ({ where: a.code, text: a.shortNames })),
      ...facilities.filter((f) => countryOfCode(f.party) === 'CN').map((f) => ({ where: f.id, text: f.names })),
      ...gates.map((g) => ({ where: g.id, text: g.cn.name })),
    ].filter(({ text }) => !/^[\p{Script=Han}（）()·—]+$/u.test(text['zh-CN']));
    expect(bad.map(({ where, text }) => `${where}: ${text['zh-CN']}`)).toEqual([]);
  });
});
