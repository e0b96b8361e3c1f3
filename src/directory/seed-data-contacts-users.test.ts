/** The people of the directory: contacts of each party and the demo users of each node. */
import { describe, expect, it } from 'vitest';
import { areaByCode, contacts, facilityById, gateById, HAN, isWithin, nodeOf, partyByCode, users, VIETNAMESE_LETTER } from './seed-testing';

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
