/** The border gates and the facilities: where they lie and what they refer to. */
import { describe, expect, it } from 'vitest';
import type { Area } from './seed-schema';
import { areaByCode, countryOfCode, facilities, facilityById, gateById, gates, inBorderBox, inRegionBox, isValidDate, isWithin, km, partyByCode } from './seed-testing';

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
