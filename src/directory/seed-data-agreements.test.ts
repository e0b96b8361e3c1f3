/** The cross-border agreements: parties, dates, terms and renewal rules. */
import { describe, expect, it } from 'vitest';
import { agreements, countryOfCode, facilityById, gateById, isValidDate, partyByCode } from './seed-testing';

/** The date `duration` (an ISO 8601 duration of years, months and days) after `isoDate`. */
function addDuration(isoDate: string, duration: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(duration);
  if (!m) throw new Error(`bad duration ${duration}`);
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + Number(m[1] ?? 0));
  d.setUTCMonth(d.getUTCMonth() + Number(m[2] ?? 0));
  d.setUTCDate(d.getUTCDate() + Number(m[3] ?? 0));
  return d.toISOString().slice(0, 10);
}

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
