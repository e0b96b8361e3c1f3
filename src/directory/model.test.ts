import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDuration, agreementStatus, areaPath, servingParty, type Agreement } from './model';

const mou: Agreement = {
  code: 'HP-NN-2026',
  title: { vi: 'x', 'zh-CN': 'x', en: 'x' },
  parties: ['VN-HP', 'CN-GX-NN'],
  signedOn: '2026-02-11',
  effectiveFrom: '2026-02-11',
  effectiveTo: null,
  term: 'P5Y',
  renewal: { kind: 'automatic', term: 'P5Y', noticePeriod: 'P6M' },
  scopes: ['notification'],
  notes: null,
};

describe('agreement terms', () => {
  it('the Hải Phòng–Nanning MOU runs five years with a notice deadline six months before expiry', () => {
    expect(agreementStatus(mou, '2026-11-25')).toEqual({
      state: 'in-force',
      termEndsOn: '2031-02-10',
      noticeDeadline: '2030-08-11',
      renewals: 0,
    });
  });
  it('renews automatically when no notice is given', () => {
    expect(agreementStatus(mou, '2031-03-01')).toMatchObject({ state: 'in-force', termEndsOn: '2036-02-10', renewals: 1 });
  });
  it('ends at the term end when notice was given in time', () => {
    expect(agreementStatus(mou, '2031-03-01', '2030-06-01')).toEqual({ state: 'expired', endedOn: '2031-02-10' });
  });
  it('notice given after the deadline does not stop the renewal', () => {
    expect(agreementStatus(mou, '2031-03-01', '2030-12-01')).toMatchObject({ state: 'in-force', renewals: 1 });
  });
  it('is not in force before it starts', () => {
    expect(agreementStatus(mou, '2026-01-01').state).toBe('not-yet-in-force');
  });
  it('a fixed-term plan expires after its end date', () => {
    const plan: Agreement = { ...mou, effectiveFrom: '2024-01-01', effectiveTo: '2026-12-31', term: null, renewal: { kind: 'none' } };
    expect(agreementStatus(plan, '2026-12-31').state).toBe('in-force');
    expect(agreementStatus(plan, '2027-01-01')).toEqual({ state: 'expired', endedOn: '2026-12-31' });
  });
  it('adding then subtracting whole years returns the same date (except 29 February)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 20 }), (d, y) => {
        const iso = d.toISOString().slice(0, 10);
        fc.pre(!iso.endsWith('-02-29'));
        expect(addDuration(addDuration(iso, `P${y}Y`), `P${y}Y`, -1)).toBe(iso);
      }),
    );
  });
  it('month arithmetic clamps to the end of shorter months', () => {
    expect(addDuration('2026-08-31', 'P6M')).toBe('2027-02-28');
    expect(addDuration('2026-03-31', 'P1M', -1)).toBe('2026-02-28');
  });
});

describe('hierarchies', () => {
  it('builds area paths top-down', () => {
    const m = new Map([
      ['VN-QN', { code: 'VN-QN', parent: null }],
      ['VN-QN-MC', { code: 'VN-QN-MC', parent: 'VN-QN' }],
    ]);
    expect(areaPath('VN-QN-MC', m)).toEqual(['VN-QN', 'VN-QN-MC']);
  });
  it('a city party without its own node is served by its region', () => {
    const m = new Map([
      ['CN-GX', { code: 'CN-GX', parent: null, runsNode: true }],
      ['CN-GX-FCG', { code: 'CN-GX-FCG', parent: 'CN-GX', runsNode: false }],
    ]);
    expect(servingParty('CN-GX-FCG', m)).toBe('CN-GX');
    expect(servingParty('CN-GX', m)).toBe('CN-GX');
  });
});
