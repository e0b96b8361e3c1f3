import { readFileSync } from 'node:fs';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import {
  seedFileSchemas,
  type AgreementsFile,
  type Area,
  type AreasFile,
  type BorderGatesFile,
  type ContactsFile,
  type Coordinates,
  type FacilitiesFile,
  type PartiesFile,
  type Party,
  type SeedFileName,
  type Text,
  type UsersFile,
} from './seed-schema';
import { CONTACT_ROLE_LABELS } from './contact-roles';

// ---------------------------------------------------------------- loading

function readRaw(name: SeedFileName): unknown {
  return JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')) as unknown;
}

function schemaErrors(schema: TSchema, value: unknown): string[] {
  const out: string[] = [];
  for (const e of Value.Errors(schema, value)) {
    out.push(`${e.path || '/'}: ${e.message}`);
    if (out.length >= 20) break;
  }
  return out;
}

const fileNames = Object.keys(seedFileSchemas) as SeedFileName[];
const raw = Object.fromEntries(fileNames.map((n) => [n, readRaw(n)])) as Record<SeedFileName, unknown>;

// The typed views below are only trusted once the schema tests pass.
const parties = (raw['parties.json'] as PartiesFile).parties;
const agreements = (raw['agreements.json'] as AgreementsFile).agreements;
const areas = (raw['areas.json'] as AreasFile).areas;
const facilities = (raw['facilities.json'] as FacilitiesFile).facilities;
const gates = (raw['border-gates.json'] as BorderGatesFile).borderGates;
const contacts = (raw['contacts.json'] as ContactsFile).contacts;
const users = (raw['users.json'] as UsersFile).users;

const partyByCode = new Map(parties.map((p) => [p.code, p]));
const areaByCode = new Map(areas.map((a) => [a.code, a]));
const facilityById = new Map(facilities.map((f) => [f.id, f]));
const gateById = new Map(gates.map((g) => [g.id, g]));

// ---------------------------------------------------------------- helpers

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

/** The party whose node holds data of `code` (itself, or its parent when it runs no node). */
function nodeOf(code: string): string | undefined {
  const p = partyByCode.get(code);
  if (!p) return undefined;
  if (p.runsNode) return p.code;
  return p.parent ? nodeOf(p.parent) : undefined;
}

/** Ancestor chain of an area, itself first. */
function areaChain(code: string): Area[] {
  const out: Area[] = [];
  for (let a = areaByCode.get(code); a; a = a.parent ? areaByCode.get(a.parent) : undefined) {
    out.push(a);
    if (out.length > 10) throw new Error(`area parent cycle at ${code}`);
  }
  return out;
}

/** Is area `code` the area `root` or below it? */
function isWithin(code: string, root: string): boolean {
  return areaChain(code).some((a) => a.code === root);
}

function countryOfCode(code: string): 'VN' | 'CN' {
  return code.startsWith('VN') ? 'VN' : 'CN';
}

function km(a: Coordinates, b: Coordinates): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Rough box around the Vietnam–China (Guangxi / Yunnan-edge) border region. */
function inBorderBox(c: Coordinates): boolean {
  return c.lat >= 20 && c.lat <= 24.5 && c.lon >= 104 && c.lon <= 110;
}

/** Looser box that every item of the directory must fall in (includes Bạch Long Vĩ and northern Baise). */
function inRegionBox(c: Coordinates): boolean {
  return c.lat >= 19.5 && c.lat <= 25.5 && c.lon >= 103.5 && c.lon <= 110.5;
}

function addDuration(isoDate: string, duration: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(duration);
  if (!m) throw new Error(`bad duration ${duration}`);
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + Number(m[1] ?? 0));
  d.setUTCMonth(d.getUTCMonth() + Number(m[2] ?? 0));
  d.setUTCDate(d.getUTCDate() + Number(m[3] ?? 0));
  return d.toISOString().slice(0, 10);
}

function isValidDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

// Letters that only occur in Vietnamese among the three languages (tone marks, ă, â, đ, ê, ô, ơ, ư).
const VIETNAMESE_LETTER =
  /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;
const HAN = /\p{Script=Han}/u;
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

// ---------------------------------------------------------------- schema

describe('seed data: schema', () => {
  it.each(fileNames)('%s matches its schema', (name) => {
    expect(schemaErrors(seedFileSchemas[name], raw[name])).toEqual([]);
  });

  it('every file carries explanatory notes', () => {
    for (const name of fileNames) {
      expect((raw[name] as { notes: string[] }).notes.length, name).toBeGreaterThan(0);
    }
  });

  it('no file contains passwords or secrets', () => {
    for (const name of fileNames) {
      expect(JSON.stringify(raw[name]), name).not.toMatch(/"(password|passwordHash|secret|token)"/i);
    }
  });
});

// ---------------------------------------------------------------- uniqueness

describe('seed data: identifiers', () => {
  it('codes and ids are unique', () => {
    expect(duplicates(parties.map((p) => p.code))).toEqual([]);
    expect(duplicates(areas.map((a) => a.code))).toEqual([]);
    expect(duplicates(facilities.map((f) => f.id))).toEqual([]);
    expect(duplicates(gates.map((g) => g.id))).toEqual([]);
    expect(duplicates(agreements.map((a) => a.code))).toEqual([]);
    expect(duplicates(contacts.map((c) => c.id))).toEqual([]);
    expect(duplicates(contacts.map((c) => c.email))).toEqual([]);
    expect(duplicates(contacts.map((c) => c.phone))).toEqual([]);
  });

  it('usernames are unique per node', () => {
    expect(duplicates(users.map((u) => `${u.party}/${u.username}`))).toEqual([]);
  });
});

// ---------------------------------------------------------------- parties

describe('seed data: parties', () => {
  it('contains the parties of the cooperation', () => {
    expect(parties.map((p) => p.code).sort()).toEqual(
      ['CN-GX', 'CN-GX-BS', 'CN-GX-CZ', 'CN-GX-FCG', 'CN-GX-NN', 'VN-CB', 'VN-HP', 'VN-LS', 'VN-QN', 'VN-TQ'].sort(),
    );
  });

  it('has consistent country, level, timezone and node structure', () => {
    for (const p of parties) {
      expect(countryOfCode(p.code), p.code).toBe(p.country);
      expect(p.timezone, p.code).toBe(p.country === 'VN' ? 'Asia/Ho_Chi_Minh' : 'Asia/Shanghai');
      expect(p.languages[0], p.code).toBe(p.country === 'VN' ? 'vi' : 'zh-CN');
      if (p.parent !== null) {
        const parent = partyByCode.get(p.parent);
        expect(parent, `${p.code} parent`).toBeDefined();
        expect(parent?.country, p.code).toBe(p.country);
        expect(p.code.startsWith(`${p.parent}-`), p.code).toBe(true);
      }
      if (!p.runsNode) {
        expect(p.parent, `${p.code} runs no node, so needs a parent`).not.toBeNull();
      }
      expect(nodeOf(p.code), `${p.code} is served by some node`).toBeDefined();
    }
    for (const code of ['VN-QN', 'VN-LS', 'VN-CB', 'VN-TQ', 'VN-HP']) {
      const p = partyByCode.get(code) as Party;
      expect(p.level, code).toBe('province');
      expect(p.runsNode, code).toBe(true);
    }
    const gx = partyByCode.get('CN-GX') as Party;
    expect(gx.level).toBe('region');
    expect(gx.runsNode).toBe(true);
    for (const code of ['CN-GX-NN', 'CN-GX-FCG', 'CN-GX-CZ', 'CN-GX-BS']) {
      const p = partyByCode.get(code) as Party;
      expect(p.parent, code).toBe('CN-GX');
      expect(p.runsNode, code).toBe(false);
      expect(nodeOf(code), code).toBe('CN-GX');
    }
  });

  it('points each party at its own top area', () => {
    for (const p of parties) {
      const a = areaByCode.get(p.area);
      expect(a, `${p.code}.area`).toBeDefined();
      expect(a?.party, `${p.code}.area`).toBe(p.code);
    }
  });
});

// ---------------------------------------------------------------- areas

describe('seed data: areas', () => {
  it('has well-formed hierarchy and ownership', () => {
    const childLevel: Record<string, string[]> = {
      province: ['district', 'prefecture'],
      prefecture: ['county'],
      district: [],
      county: [],
    };
    for (const a of areas) {
      const party = partyByCode.get(a.party);
      expect(party, `${a.code}.party`).toBeDefined();
      expect(countryOfCode(a.code), a.code).toBe(party?.country);
      expect(areaChain(a.code).length, a.code).toBeGreaterThan(0);
      if (a.parent === null) {
        expect(a.level, a.code).toBe('province');
        continue;
      }
      const parent = areaByCode.get(a.parent);
      expect(parent, `${a.code}.parent`).toBeDefined();
      if (!parent) continue;
      expect(a.code.startsWith(`${parent.code}-`), `${a.code} code extends its parent's`).toBe(true);
      expect(childLevel[parent.level], `${parent.level} → ${a.level} (${a.code})`).toContain(a.level);
      expect(nodeOf(a.party), `${a.code} is held by the same node as its parent`).toBe(nodeOf(parent.party));
    }
  });

  it('lists every district-level unit of the Vietnamese provinces', () => {
    const children = (code: string) => areas.filter((a) => a.parent === code).map((a) => a.shortNames.vi);
    expect(children('VN-QN').sort()).toEqual(
      ['Hạ Long', 'Móng Cái', 'Cẩm Phả', 'Uông Bí', 'Đông Triều', 'Quảng Yên', 'Vân Đồn', 'Cô Tô', 'Tiên Yên', 'Đầm Hà', 'Hải Hà', 'Bình Liêu', 'Ba Chẽ'].sort(),
    );
    expect(children('VN-LS')).toHaveLength(11);
    expect(children('VN-CB')).toHaveLength(10);
    expect(children('VN-TQ')).toHaveLength(7 + 11); // former Tuyên Quang + former Hà Giang
    expect(children('VN-HP').length).toBeGreaterThanOrEqual(15);
    expect(areas.filter((a) => a.formerProvince?.vi === 'Hà Giang')).toHaveLength(11);
  });

  it('lists the Guangxi prefectures and their counties', () => {
    const children = (code: string) => areas.filter((a) => a.parent === code).map((a) => a.shortNames.en).sort();
    expect(children('CN-GX')).toEqual(['Baise', 'Chongzuo', 'Fangchenggang', 'Nanning']);
    expect(children('CN-GX-FCG')).toEqual(['Dongxing', 'Fangcheng', 'Gangkou', 'Shangsi']);
    expect(children('CN-GX-CZ')).toEqual(['Daxin', 'Fusui', 'Jiangzhou', 'Longzhou', 'Ningming', 'Pingxiang', 'Tiandeng']);
    expect(children('CN-GX-BS')).toEqual(expect.arrayContaining(['Napo', 'Jingxi']));
    expect(children('CN-GX-NN').length).toBeGreaterThan(0);
  });

  it('has plausible populations', () => {
    for (const a of areas) {
      expect(Number.isInteger(a.population) && a.population > 0, a.code).toBe(true);
      expect(a.populationYear, a.code).toBeLessThanOrEqual(new Date().getUTCFullYear());
      expect(a.populationYear, a.code).toBeGreaterThanOrEqual(2015);
      const parent = a.parent ? areaByCode.get(a.parent) : undefined;
      if (parent) expect(a.population, `${a.code} < parent`).toBeLessThan(parent.population);
    }
    // Where all children are listed, they add up to the parent within 10 %.
    const complete = areas.filter((a) => (a.level === 'province' && a.code.startsWith('VN')) || a.level === 'prefecture');
    for (const parent of complete) {
      const sum = areas.filter((a) => a.parent === parent.code).reduce((s, a) => s + a.population, 0);
      expect(Math.abs(sum - parent.population) / parent.population, `${parent.code}: children ${sum} vs ${parent.population}`).toBeLessThan(0.1);
    }
  });

  it('has border flags consistent with the map', () => {
    for (const a of areas.filter((x) => x.border && x.parent)) {
      expect(areaByCode.get(a.parent as string)?.border, `${a.code} borders, so its parent does`).toBe(true);
    }
    const borderIn = (code: string) => areas.filter((a) => a.parent === code && a.border).map((a) => a.code).sort();
    expect(borderIn('VN-QN')).toEqual(['VN-QN-BL', 'VN-QN-HH', 'VN-QN-MC']);
    expect(borderIn('VN-HP')).toEqual([]);
    expect(borderIn('CN-GX-FCG')).toEqual(['CN-GX-FCG-DX', 'CN-GX-FCG-FC']);
    expect(borderIn('CN-GX-NN')).toEqual([]);
  });

  it('has centroids in the region and border areas inside the border box', () => {
    for (const a of areas) {
      expect(inRegionBox(a.centroid), `${a.code} ${JSON.stringify(a.centroid)}`).toBe(true);
      if (a.border) expect(inBorderBox(a.centroid), `${a.code} ${JSON.stringify(a.centroid)}`).toBe(true);
    }
  });

  it('has districts/counties near their parent', () => {
    for (const a of areas.filter((x) => x.level === 'district' || x.level === 'county')) {
      const parent = areaByCode.get(a.parent as string) as Area;
      // 200 km: Bạch Long Vĩ lies far offshore of Hải Phòng, Guangxi prefectures are large.
      expect(km(a.centroid, parent.centroid), a.code).toBeLessThan(200);
    }
  });

  it('uses the administrative suffix of the unit type in Chinese names', () => {
    const cnSuffix: Record<string, RegExp> = {
      'urban-district': /区$/u,
      county: /县$/u,
      'autonomous-county': /自治县$/u,
      city: /市$/u,
      'prefecture-level-city': /市$/u,
      'autonomous-region': /自治区$/u,
    };
    const vnSuffix: Record<string, RegExp> = {
      province: /省$/u,
      'centrally-run-city': /市$/u,
      city: /市$/u,
      town: /市社$/u,
      'rural-district': /县$/u,
      'urban-district': /郡$/u,
    };
    for (const a of areas) {
      const re = (countryOfCode(a.code) === 'VN' ? vnSuffix : cnSuffix)[a.unitType];
      expect(re, `${a.code} unitType ${a.unitType}`).toBeDefined();
      expect(a.names['zh-CN'], a.code).toMatch(re as RegExp);
    }
  });
});

// ---------------------------------------------------------------- border gates

describe('seed data: border gates', () => {
  it('references existing border areas on the right side', () => {
    for (const g of gates) {
      const vn = areaByCode.get(g.vn.area);
      expect(vn, `${g.id}.vn.area`).toBeDefined();
      expect(countryOfCode(vn?.code ?? ''), g.id).toBe('VN');
      expect(vn?.border, `${g.id}.vn.area is a border area`).toBe(true);
      const cn = areaByCode.get(g.cn.area);
      expect(cn, `${g.id}.cn.area`).toBeDefined();
      expect(countryOfCode(cn?.code ?? ''), g.id).toBe('CN');
      expect(cn?.border, `${g.id}.cn.area is a border area`).toBe(true);
      if (g.partOf !== undefined) {
        expect(g.partOf, g.id).not.toBe(g.id);
        expect(gateById.get(g.partOf), `${g.id}.partOf`).toBeDefined();
      }
      if (g.statusSince !== undefined) expect(isValidDate(g.statusSince), g.id).toBe(true);
    }
  });

  it('has coordinates in the border box, sides close together and near their areas', () => {
    for (const g of gates) {
      for (const s of [g.vn, g.cn]) {
        expect(inBorderBox(s.coordinates), `${g.id} ${JSON.stringify(s.coordinates)}`).toBe(true);
        expect(km(s.coordinates, (areaByCode.get(s.area) as Area).centroid), `${g.id} ${s.area}`).toBeLessThan(60);
      }
      // Railway inspection happens at the stations, which are further apart than a road gate's two sides.
      const limit = g.modes.includes('rail') ? 25 : 3;
      expect(km(g.vn.coordinates, g.cn.coordinates), g.id).toBeLessThan(limit);
    }
  });

  it('includes the main gate pairs, with Móng Cái – Dongxing at marker 1369', () => {
    for (const id of ['mong-cai-dongxing', 'huu-nghi-youyiguan', 'dong-dang-pingxiang-rail', 'ta-lung-shuikou', 'tra-linh-longbang', 'hoanh-mo-dongzhong', 'chi-ma-aidian']) {
      expect(gateById.has(id), id).toBe(true);
    }
    const mc = gateById.get('mong-cai-dongxing');
    expect(mc?.status).toBe('international');
    expect(mc?.marker).toBe('1369');
    expect(gateById.get('dong-dang-pingxiang-rail')?.modes).toEqual(['rail']);
  });
});

// ---------------------------------------------------------------- facilities

describe('seed data: facilities', () => {
  it('has at least 40 facilities of every kind on both sides', () => {
    expect(facilities.length).toBeGreaterThanOrEqual(40);
    for (const country of ['VN', 'CN'] as const) {
      const kinds = new Set(facilities.filter((f) => countryOfCode(f.party) === country).map((f) => f.kind));
      for (const k of ['hospital', 'cdc', 'quarantine', 'health-department'] as const) expect(kinds.has(k), `${country} ${k}`).toBe(true);
    }
  });

  it('references existing parties, areas, gates and parent organisations', () => {
    for (const f of facilities) {
      const party = partyByCode.get(f.party);
      expect(party, `${f.id}.party`).toBeDefined();
      expect(areaByCode.has(f.area), `${f.id}.area`).toBe(true);
      expect(isWithin(f.area, party?.area ?? ''), `${f.id}: area ${f.area} lies within ${f.party}`).toBe(true);
      if (f.gate !== undefined) {
        const g = gateById.get(f.gate);
        expect(g, `${f.id}.gate`).toBeDefined();
        const gateSide = countryOfCode(f.party) === 'VN' ? g?.vn : g?.cn;
        expect(gateSide?.area, `${f.id} sits in its gate's area`).toBe(f.area);
      }
      if (f.parentOrganization !== undefined) {
        const parent = facilityById.get(f.parentOrganization);
        expect(parent, `${f.id}.parentOrganization`).toBeDefined();
        expect(parent?.id, f.id).not.toBe(f.id);
        expect(countryOfCode(parent?.party ?? ''), f.id).toBe(countryOfCode(f.party));
      }
    }
  });

  it('gives every land gate a quarantine unit on at least the Vietnamese side', () => {
    const served = new Set(facilities.filter((f) => f.kind === 'quarantine' && f.gate).map((f) => `${countryOfCode(f.party)}:${f.gate}`));
    for (const g of gates.filter((x) => x.partOf === undefined)) {
      expect(served.has(`VN:${g.id}`) || g.id === 'ly-van-shuolong' || g.id === 'binh-nghi-pingerguan', g.id).toBe(true);
    }
    expect(served.has('CN:mong-cai-dongxing')).toBe(true);
    expect(served.has('CN:huu-nghi-youyiguan')).toBe(true);
  });

  it('has coordinates near the facility area', () => {
    for (const f of facilities) {
      const a = areaByCode.get(f.area) as Area;
      expect(inRegionBox(f.coordinates), f.id).toBe(true);
      if (a.border) expect(inBorderBox(f.coordinates), f.id).toBe(true);
      const limit = a.level === 'district' || a.level === 'county' ? 60 : 250;
      expect(km(f.coordinates, a.centroid), `${f.id} vs ${a.code}`).toBeLessThan(limit);
    }
  });

  it('includes the facilities the cooperation names', () => {
    for (const id of [
      'qn-general-hospital', 'qn-cdc', 'mong-cai-general-hospital', 'ls-general-hospital', 'ls-cdc', 'cb-cdc', 'hp-cdc',
      'viet-tiep-hospital', 'gx-cdc', 'dongxing-peoples-hospital', 'fcg-first-peoples-hospital', 'pingxiang-peoples-hospital',
      'cz-peoples-hospital', 'dongxing-customs', 'youyiguan-customs',
    ]) {
      expect(facilityById.has(id), id).toBe(true);
    }
    expect(facilityById.get('dongxing-peoples-hospital')?.names['zh-CN']).toBe('东兴市人民医院');
    expect(facilityById.get('gx-cdc')?.names['zh-CN']).toBe('广西壮族自治区疾病预防控制中心');
  });
});

// ---------------------------------------------------------------- agreements

describe('seed data: agreements', () => {
  it('references existing parties of both countries, facilities and gates', () => {
    for (const a of agreements) {
      for (const p of a.parties) expect(partyByCode.has(p), `${a.code}: ${p}`).toBe(true);
      const countries = new Set(a.parties.map(countryOfCode));
      expect(countries.size, `${a.code} is cross-border`).toBe(2);
      for (const f of a.facilities ?? []) expect(facilityById.has(f), `${a.code}: ${f}`).toBe(true);
      for (const g of a.gates ?? []) expect(gateById.has(g), `${a.code}: ${g}`).toBe(true);
    }
  });

  it('has consistent dates, terms and renewal rules', () => {
    for (const a of agreements) {
      for (const d of [a.signedOn, a.effectiveFrom, a.effectiveTo]) if (d !== null) expect(isValidDate(d), `${a.code} ${d}`).toBe(true);
      if (a.effectiveTo !== null) expect(a.effectiveFrom <= a.effectiveTo, a.code).toBe(true);
      if (a.effectiveTo !== null) expect(a.signedOn <= a.effectiveTo, a.code).toBe(true);
      if (a.signedOnEstimated) {
        expect(a.signedOn, `${a.code}: a placeholder signing date equals effectiveFrom`).toBe(a.effectiveFrom);
        expect(a.notes?.en ?? '', `${a.code}: notes say the signing date is a placeholder`).toMatch(/signing date/i);
      }
      if (a.term !== null && a.effectiveTo !== null) {
        const end = new Date(`${addDuration(a.effectiveFrom, a.term)}T00:00:00Z`);
        end.setUTCDate(end.getUTCDate() - 1);
        expect(end.toISOString().slice(0, 10), `${a.code}: effectiveTo = effectiveFrom + term − 1 day`).toBe(a.effectiveTo);
      }
      if (a.renewal.kind === 'automatic') {
        const start = '2000-01-01';
        expect(addDuration(start, a.renewal.noticePeriod) < addDuration(start, a.renewal.term), `${a.code}: notice shorter than term`).toBe(true);
      }
    }
  });

  it('records the Hải Phòng – Nanning MOU as signed', () => {
    const mou = agreements.find((a) => a.parties.includes('VN-HP') && a.parties.includes('CN-GX-NN'));
    expect(mou).toBeDefined();
    expect(mou?.signedOn).toBe('2026-02-11');
    expect(mou?.signedOnEstimated).toBeUndefined();
    expect(mou?.term).toBe('P5Y');
    expect(mou?.renewal).toEqual({ kind: 'automatic', term: 'P5Y', noticePeriod: 'P6M' });
  });

  it('records the 1369 emergency-transfer memorandum', () => {
    const m = agreements.find((a) => a.scopes.includes('emergency-transfer'));
    expect(m?.parties).toEqual(expect.arrayContaining(['VN-QN', 'CN-GX']));
    expect(m?.facilities).toEqual(expect.arrayContaining(['mong-cai-general-hospital', 'dongxing-peoples-hospital']));
    expect(m?.gates).toContain('mong-cai-dongxing');
  });
});

// ---------------------------------------------------------------- contacts

describe('seed data: contacts', () => {
  it('references existing parties, areas and organisations consistently', () => {
    for (const c of contacts) {
      const party = partyByCode.get(c.party);
      expect(party, `${c.id}.party`).toBeDefined();
      expect(areaByCode.has(c.area), `${c.id}.area`).toBe(true);
      expect(isWithin(c.area, party?.area ?? ''), `${c.id}: area within party`).toBe(true);
      const org = facilityById.get(c.organization);
      expect(org, `${c.id}.organization`).toBeDefined();
      expect(org?.party, `${c.id}: organisation belongs to the contact's party`).toBe(c.party);
      const vn = party?.country === 'VN';
      expect(c.phone.startsWith(vn ? '+84 ' : '+86 '), c.id).toBe(true);
      // Reserved .example domain (RFC 2606): no real mailbox can receive demo mail.
      expect(c.email.endsWith(vn ? '.vn.example' : '.cn.example'), c.id).toBe(true);
      expect(vn ? VIETNAMESE_LETTER.test(c.name) : HAN.test(c.name), `${c.id} name in local script`).toBe(true);
    }
  });

  it('covers every node and province', () => {
    const byNode = (node: string) => contacts.filter((c) => nodeOf(c.party) === node);
    expect(contacts.filter((c) => c.party === 'VN-QN').length).toBeGreaterThanOrEqual(2);
    expect(contacts.filter((c) => c.party === 'CN-GX').length).toBeGreaterThanOrEqual(2);
    expect(byNode('CN-GX').length).toBeGreaterThanOrEqual(2);
    for (const p of ['VN-LS', 'VN-CB', 'VN-TQ', 'VN-HP']) expect(contacts.filter((c) => c.party === p).length, p).toBeGreaterThanOrEqual(1);
    const qnAreas = new Set(contacts.filter((c) => c.party === 'VN-QN').map((c) => c.area));
    expect(qnAreas.has('VN-QN-MC')).toBe(true);
    expect(qnAreas.has('VN-QN-TY')).toBe(true);
  });
});

// ---------------------------------------------------------------- users

describe('seed data: users', () => {
  it('lives on node parties and has jurisdictions within the node', () => {
    for (const u of users) {
      const party = partyByCode.get(u.party);
      expect(party?.runsNode, `${u.username}@${u.party} is on a node`).toBe(true);
      const j = u.jurisdiction;
      const where = `${u.party}/${u.username}`;
      switch (j.kind) {
        case 'party':
          expect(nodeOf(j.party), where).toBe(u.party);
          break;
        case 'area': {
          const a = areaByCode.get(j.area);
          expect(a, where).toBeDefined();
          expect(nodeOf(a?.party ?? ''), where).toBe(u.party);
          break;
        }
        case 'facility': {
          const f = facilityById.get(j.facility);
          expect(f, where).toBeDefined();
          expect(nodeOf(f?.party ?? ''), where).toBe(u.party);
          break;
        }
        case 'gate': {
          const g = gateById.get(j.gate);
          expect(g, where).toBeDefined();
          const sideArea = party?.country === 'VN' ? g?.vn.area : g?.cn.area;
          expect(sideArea, where).toBeTruthy();
          expect(nodeOf(areaByCode.get(sideArea ?? '')?.party ?? ''), where).toBe(u.party);
          break;
        }
      }
      expect(party?.country === 'VN' ? VIETNAMESE_LETTER.test(u.displayName) : HAN.test(u.displayName), `${where} displayName`).toBe(true);
    }
  });

  it('gives each node the full set of demo roles', () => {
    for (const node of ['VN-QN', 'CN-GX']) {
      const mine = users.filter((u) => u.party === node);
      for (const role of ['administrator', 'epidemiologist', 'gate-officer', 'clinician', 'liaison', 'viewer'] as const) {
        expect(mine.some((u) => u.role === role), `${node} ${role}`).toBe(true);
      }
      const admin = mine.find((u) => u.username === 'admin');
      expect(admin?.role, node).toBe('administrator');
      expect(admin?.jurisdiction, node).toEqual({ kind: 'party', party: node });
      const epis = mine.filter((u) => u.role === 'epidemiologist');
      expect(epis.filter((u) => u.jurisdiction.kind === 'party').length, node).toBeGreaterThanOrEqual(1);
      const districts = new Set(epis.flatMap((u) => (u.jurisdiction.kind === 'area' ? [u.jurisdiction.area] : [])));
      expect(districts.size, `${node}: two district-limited epidemiologists`).toBeGreaterThanOrEqual(2);
      expect(mine.find((u) => u.role === 'liaison')?.jurisdiction.kind, node).toBe('party');
    }
    const find = (party: string, username: string) => users.find((u) => u.party === party && u.username === username);
    expect(find('VN-QN', 'epi.mongcai')?.jurisdiction).toEqual({ kind: 'area', area: 'VN-QN-MC' });
    expect(find('VN-QN', 'epi.tienyen')?.jurisdiction).toEqual({ kind: 'area', area: 'VN-QN-TY' });
    expect(find('CN-GX', 'epi.dongxing')?.jurisdiction).toEqual({ kind: 'area', area: 'CN-GX-FCG-DX' });
    expect(find('VN-QN', 'gate.mongcai')?.jurisdiction).toEqual({ kind: 'gate', gate: 'mong-cai-dongxing' });
    expect(find('CN-GX', 'gate.dongxing')?.jurisdiction).toEqual({ kind: 'gate', gate: 'mong-cai-dongxing' });
  });
});

// ---------------------------------------------------------------- languages

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
