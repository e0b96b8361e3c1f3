/** The parties of the cooperation and the areas they hold: structure, names, populations and places. */
import { describe, expect, it } from 'vitest';
import type { Area, Party } from './seed-schema';
import { areaByCode, areaChain, areas, countryOfCode, inBorderBox, inRegionBox, km, nodeOf, parties, partyByCode } from './seed-testing';

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
