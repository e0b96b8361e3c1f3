import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decide, definePermissions, ROLES, type Principal, type Jurisdiction } from './access';

definePermissions({ 'test.read': ['epidemiologist', 'administrator'] });

const base = { userId: 'u', username: 'u', displayName: 'U', party: 'VN-QN' } as const;
const epi = (jurisdiction: Jurisdiction): Principal => ({ ...base, role: 'epidemiologist', jurisdiction });

describe('access policy', () => {
  it('refuses anonymous callers with unauthenticated', () => {
    expect(decide(null, 'test.read')).toEqual({ allow: false, reason: 'unauthenticated' });
  });
  it('refuses roles not granted the action', () => {
    expect(decide({ ...base, role: 'viewer', jurisdiction: { kind: 'party', party: 'VN-QN' } }, 'test.read')).toEqual({
      allow: false,
      reason: 'forbidden',
    });
  });
  it('unknown actions are refused for every role', () => {
    for (const role of ROLES)
      expect(decide({ ...base, role, jurisdiction: { kind: 'party', party: 'VN-QN' } }, 'nope').allow).toBe(false);
  });
  it('a district user sees their district and not another (not-found)', () => {
    const p = epi({ kind: 'area', area: 'VN-QN-MC' });
    expect(decide(p, 'test.read', { party: 'VN-QN', areas: ['VN-QN', 'VN-QN-MC'] })).toEqual({ allow: true });
    expect(decide(p, 'test.read', { party: 'VN-QN', areas: ['VN-QN', 'VN-QN-TY'] })).toEqual({
      allow: false,
      reason: 'not-found',
    });
    expect(decide(p, 'test.read', { party: 'VN-QN', areas: ['VN-QN'] }).allow).toBe(false);
  });
  it('a party-wide user sees every record of the party and none of another party', () => {
    const p = epi({ kind: 'party', party: 'VN-QN' });
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Z]{2,3}$/), { maxLength: 3 }), (tail) => {
        expect(decide(p, 'test.read', { party: 'VN-QN', areas: ['VN-QN', ...tail] }).allow).toBe(true);
        expect(decide(p, 'test.read', { party: 'CN-GX', areas: ['CN-GX', ...tail] }).allow).toBe(false);
      }),
    );
  });
  it('gate and facility jurisdictions match only their own gate or facility', () => {
    const g = epi({ kind: 'gate', gate: 'mongcai-dongxing' });
    expect(decide(g, 'test.read', { party: 'VN-QN', gate: 'mongcai-dongxing' }).allow).toBe(true);
    expect(decide(g, 'test.read', { party: 'VN-QN', gate: 'huunghi-youyiguan' }).allow).toBe(false);
    const f = epi({ kind: 'facility', facility: 'vn-qn-mc-hospital' });
    expect(decide(f, 'test.read', { party: 'VN-QN', facility: 'vn-qn-mc-hospital' }).allow).toBe(true);
    expect(decide(f, 'test.read', { party: 'VN-QN', areas: ['VN-QN', 'VN-QN-MC'] }).allow).toBe(false);
  });
});
