/**
 * The routing rule (pure): who is notified of a case, from the directory and agreements. Examples
 * on the real seed directory, and properties on random directories: never this country, always
 * covered by an agreement in force for `notification`, gate of entry first, and no party code
 * written into the rule (renaming every party and area renames the answer, nothing else).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import parties from '../../src/directory/data/parties.json' with { type: 'json' };
import areas from '../../src/directory/data/areas.json' with { type: 'json' };
import gates from '../../src/directory/data/border-gates.json' with { type: 'json' };
import agreements from '../../src/directory/data/agreements.json' with { type: 'json' };
import { agreementStatus, servingParty, type Agreement } from '../../src/directory';
import { candidatesFor, partyChain, peersFor, routeCase, type RoutingCase, type RoutingDirectory, type RoutingParty } from '../../src/notifications/routing';

/** The seed directory as the rule sees it, on a day. */
function seedDirectory(on: string): RoutingDirectory {
  const nodes = new Map(parties.parties.map((p) => [p.code, { code: p.code, parent: p.parent, runsNode: p.runsNode }]));
  return {
    parties: parties.parties.map((p) => ({ code: p.code, country: p.country, parent: p.parent, runsNode: p.runsNode, servingParty: servingParty(p.code, nodes) })),
    areas: areas.areas.map((a) => ({ code: a.code, party: a.party })),
    gates: gates.borderGates.map((g) => ({ id: g.id, sides: [{ country: 'VN', area: g.vn.area }, { country: 'CN', area: g.cn.area }] })),
    agreements: (agreements.agreements as unknown as Agreement[]).map((a) => ({ code: a.code, parties: a.parties, scopes: a.scopes, inForce: agreementStatus(a, on).state === 'in-force' })),
  };
}

const everyone = () => true;
const DAY = '2026-06-01';

describe('routing on the seed directory', () => {
  const dir = seedDirectory(DAY);
  const base: RoutingCase = { residenceArea: 'VN-QN-MC', imported: { country: 'CN', entryGate: 'mong-cai-dongxing' }, infectionPlace: { country: 'CN', area: null } };

  it('a Quảng Ninh case through Móng Cái – Dongxing goes to Guangxi, concerning Fangchenggang', () => {
    expect(routeCase(base, 'VN-QN', dir, everyone)).toEqual({
      routed: true,
      basis: 'entry-gate',
      concerned: 'CN-GX-FCG',
      area: 'CN-GX-FCG-DX',
      node: 'CN-GX',
      agreements: ['qn-gx-1369-emergency-transfer-2025-2026', 'vn-provinces-gx-health-plan-2024-2026'],
    });
  });

  it('without a gate, the place of infection decides; a Hải Phòng case from Nanning is covered by the city MoU too', () => {
    const c: RoutingCase = { residenceArea: 'VN-HP-HB', imported: { country: 'CN', entryGate: null }, infectionPlace: { country: 'CN', area: 'CN-GX-NN' } };
    expect(routeCase(c, 'VN-HP', dir, everyone)).toMatchObject({
      routed: true,
      basis: 'infection-place',
      concerned: 'CN-GX-NN',
      node: 'CN-GX',
      agreements: ['hp-nn-health-mou-2026', 'vn-provinces-gx-health-plan-2024-2026'],
    });
  });

  it('without gate or area, the only Chinese node; a Chinese case from Vietnam needs the province', () => {
    const c: RoutingCase = { residenceArea: 'VN-LS-LS', imported: { country: 'CN', entryGate: null }, infectionPlace: { country: 'CN', area: null } };
    expect(routeCase(c, 'VN-LS', dir, everyone)).toMatchObject({ routed: true, basis: 'sole-node', node: 'CN-GX' });
    const cn: RoutingCase = { residenceArea: 'CN-GX-FCG-DX', imported: { country: 'VN', entryGate: null }, infectionPlace: { country: 'VN', area: null } };
    expect(routeCase(cn, 'CN-GX', dir, everyone)).toEqual({ routed: false, reason: 'no-candidate', candidates: [] });
    const viaGate: RoutingCase = { ...cn, imported: { country: 'VN', entryGate: 'mong-cai-dongxing' } };
    expect(routeCase(viaGate, 'CN-GX', dir, everyone)).toMatchObject({ routed: true, basis: 'entry-gate', node: 'VN-QN', concerned: 'VN-QN' });
  });

  it('needs a peer and an agreement in force covering notification', () => {
    expect(routeCase(base, 'VN-QN', dir, () => false)).toMatchObject({ routed: false, reason: 'not-a-peer' });
    expect(routeCase(base, 'VN-QN', seedDirectory('2027-06-01'), everyone)).toMatchObject({ routed: false, reason: 'no-agreement' });
  });

  it('signals are shared with the peers an agreement covers for information sharing', () => {
    expect(peersFor('VN-QN', dir, 'information-sharing', everyone)).toEqual([
      { party: 'CN-GX', agreements: ['qn-gx-1369-emergency-transfer-2025-2026', 'vn-provinces-gx-health-plan-2024-2026'] },
    ]);
    expect(peersFor('CN-GX', dir, 'notification', (p) => p === 'VN-QN' || p === 'VN-LS').map((p) => p.party)).toEqual(['VN-LS', 'VN-QN']);
  });
});

// ───────────────────────────── random directories ─────────────────────────────

interface World {
  dir: RoutingDirectory;
  self: string;
  peers: string[];
  c: RoutingCase;
}

const worldArb: fc.Arbitrary<World> = fc
  .record({
    countries: fc.uniqueArray(fc.stringMatching(/^[A-Z]{2}$/), { minLength: 2, maxLength: 3 }),
    tops: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
    children: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 9, maxLength: 9 }),
    seed: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
    bits: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
  })
  .map(({ countries, tops, children, seed, bits }) => {
    let k = 0;
    const pick = <T>(xs: readonly T[]): T => xs[seed[k++ % seed.length] % xs.length];
    const flip = () => bits[k++ % bits.length];
    const ps: RoutingParty[] = [];
    countries.forEach((country, ci) => {
      for (let i = 0; i < tops[ci]; i++) {
        const code = `${country}-P${i}`;
        ps.push({ code, country, parent: null, runsNode: true, servingParty: code });
        for (let j = 0; j < children[ci * 3 + i]; j++) ps.push({ code: `${code}-C${j}`, country, parent: code, runsNode: false, servingParty: code });
      }
    });
    const as = ps.flatMap((p) => [0, 1].map((i) => ({ code: `${p.code}-A${i}`, party: p.code })));
    const countryOf = (area: string) => ps.find((p) => p.code === as.find((a) => a.code === area)!.party)!.country;
    const gs = Array.from({ length: 3 }, (_, i) => {
      const a = pick(as.filter((x) => countryOf(x.code) === countries[0]));
      const b = pick(as.filter((x) => countryOf(x.code) !== countries[0]));
      return { id: `g${i}`, sides: [{ country: countryOf(a.code), area: a.code }, { country: countryOf(b.code), area: b.code }] };
    });
    const ags = Array.from({ length: 4 }, (_, i) => ({
      code: `ag${i}`,
      parties: [pick(ps).code, pick(ps).code, pick(ps).code],
      scopes: ['notification', 'information-sharing', 'referral'].filter(() => flip()),
      inForce: flip(),
    }));
    const nodes = ps.filter((p) => p.runsNode).map((p) => p.code);
    const self = pick(nodes.filter((n) => n.startsWith(countries[0])));
    const own = as.filter((a) => ps.find((p) => p.code === a.party)!.servingParty === self);
    const foreign = countries.filter((c) => c !== countries[0]);
    const ipCountry = flip() ? pick(foreign) : countries[0];
    const ipArea = flip() ? pick(as.filter((a) => countryOf(a.code) === ipCountry)).code : null;
    const c: RoutingCase = {
      residenceArea: pick(own).code,
      imported: flip() ? { country: pick(foreign), entryGate: flip() ? pick(gs).id : flip() ? null : 'no-such-gate' } : null,
      infectionPlace: { country: ipCountry, area: ipArea },
    };
    return { dir: { parties: ps, areas: as, gates: gs, agreements: ags }, self, peers: nodes.filter(() => flip()), c };
  });

const rename = (code: string) => `z${[...code].reverse().join('')}`;

describe('routing properties', () => {
  it('routes only to a peer node of another country under an agreement in force covering notification', () => {
    fc.assert(
      fc.property(worldArb, ({ dir, self, peers, c }) => {
        const r = routeCase(c, self, dir, (p) => peers.includes(p));
        if (!r.routed) return;
        const byCode = new Map(dir.parties.map((p) => [p.code, p]));
        const node = byCode.get(r.node)!;
        expect(node.runsNode).toBe(true);
        expect(node.country).not.toBe(byCode.get(self)!.country);
        expect(peers).toContain(r.node);
        expect(byCode.get(r.concerned)!.servingParty).toBe(r.node);
        expect(r.agreements.length).toBeGreaterThan(0);
        const ours = [...partyChain(dir.areas.find((a) => a.code === c.residenceArea)!.party, byCode), ...partyChain(self, byCode)];
        const theirs = partyChain(r.concerned, byCode);
        for (const code of r.agreements) {
          const a = dir.agreements.find((x) => x.code === code)!;
          expect(a.inForce && a.scopes.includes('notification')).toBe(true);
          expect(a.parties.some((p) => ours.includes(p)) && a.parties.some((p) => theirs.includes(p))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('prefers the gate of entry: a reachable party across the gate is always the one chosen', () => {
    fc.assert(
      fc.property(worldArb, ({ dir, self, peers, c }) => {
        const all = () => true;
        const withAll = { ...dir, agreements: [...dir.agreements, { code: 'all', parties: dir.parties.map((p) => p.code), scopes: ['notification'], inForce: true }] };
        const first = candidatesFor(c, self, withAll)[0];
        const r = routeCase(c, self, withAll, all);
        // With every party reachable, the first candidate wins; a gate candidate always comes first.
        expect(r.routed ? r.basis : null).toBe(first?.basis ?? null);
        const gate = c.imported?.entryGate ? dir.gates.find((g) => g.id === c.imported!.entryGate) : undefined;
        if (gate) expect(r.routed && r.basis).toBe('entry-gate');
        void peers;
      }),
      { numRuns: 300 },
    );
  });

  it('never routes when no agreement in force covers notification', () => {
    fc.assert(
      fc.property(worldArb, ({ dir, self, c }) => {
        const none = { ...dir, agreements: dir.agreements.map((a) => ({ ...a, scopes: a.scopes.filter((s) => s !== 'notification') })) };
        expect(routeCase(c, self, none, () => true).routed).toBe(false);
        const expired = { ...dir, agreements: dir.agreements.map((a) => ({ ...a, inForce: false })) };
        expect(routeCase(c, self, expired, () => true).routed).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('has no party code in the rule: renaming every party and area renames the route and nothing else', () => {
    fc.assert(
      fc.property(worldArb, ({ dir, self, peers, c }) => {
        const renamed: RoutingDirectory = {
          parties: dir.parties.map((p) => ({ ...p, code: rename(p.code), parent: p.parent && rename(p.parent), servingParty: rename(p.servingParty) })),
          areas: dir.areas.map((a) => ({ code: rename(a.code), party: rename(a.party) })),
          gates: dir.gates.map((g) => ({ id: rename(g.id), sides: g.sides.map((s) => ({ ...s, area: rename(s.area) })) })),
          agreements: dir.agreements.map((a) => ({ ...a, code: rename(a.code), parties: a.parties.map(rename) })),
        };
        const rc: RoutingCase = {
          residenceArea: rename(c.residenceArea),
          imported: c.imported && { country: c.imported.country, entryGate: c.imported.entryGate && rename(c.imported.entryGate) },
          infectionPlace: { country: c.infectionPlace.country, area: c.infectionPlace.area && rename(c.infectionPlace.area) },
        };
        const a = routeCase(c, self, dir, (p) => peers.includes(p));
        const b = routeCase(rc, rename(self), renamed, (p) => peers.map(rename).includes(p));
        expect(b.routed).toBe(a.routed);
        if (a.routed && b.routed) {
          expect(b).toEqual({ ...a, concerned: rename(a.concerned), node: rename(a.node), area: a.area && rename(a.area), agreements: a.agreements.map(rename).sort() });
        }
        if (!a.routed && !b.routed) expect(b.reason).toBe(a.reason);
      }),
      { numRuns: 300 },
    );
  });
});
