import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDuration,
  agreementEnd,
  agreementStatus,
  areaPath,
  checkRenewal,
  demoRenewalsDue,
  isCalendarDate,
  servingParty,
  type Agreement,
  type AgreementRenewal,
} from './model';

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

const plan: Agreement = {
  ...mou,
  code: 'plan-2024-2026',
  effectiveFrom: '2024-01-01',
  effectiveTo: '2026-12-31',
  term: null,
  renewal: { kind: 'by-agreement' },
};

const renewal = (effectiveTo: string, extra: Partial<AgreementRenewal> = {}): AgreementRenewal => ({
  id: `r-${effectiveTo}`,
  agreement: plan.code,
  effectiveTo,
  signedOn: null,
  reference: 'No. 1/2026',
  note: null,
  demo: false,
  recordedBy: 'admin',
  recordedAt: '2026-12-01T00:00:00.000Z',
  ...extra,
});

describe('agreement renewals', () => {
  it('a renewed plan stays in force past its signed end, up to the renewal’s end', () => {
    const renewed = { ...plan, renewals: [renewal('2029-12-31')] };
    expect(agreementStatus(renewed, '2026-06-01')).toEqual({ state: 'in-force', termEndsOn: '2029-12-31', noticeDeadline: null, renewals: 0 });
    expect(agreementStatus(renewed, '2027-01-01')).toEqual({ state: 'in-force', termEndsOn: '2029-12-31', noticeDeadline: null, renewals: 1 });
    expect(agreementStatus(renewed, '2030-01-01')).toEqual({ state: 'expired', endedOn: '2029-12-31' });
    expect(agreementEnd(renewed)).toBe('2029-12-31');
  });

  it('the latest renewal decides, in whatever order they were recorded', () => {
    const renewed = { ...plan, renewals: [renewal('2031-12-31'), renewal('2029-12-31')] };
    expect(agreementStatus(renewed, '2032-01-01')).toEqual({ state: 'expired', endedOn: '2031-12-31' });
    expect(agreementStatus(renewed, '2030-06-01')).toMatchObject({ state: 'in-force', renewals: 2 });
  });

  it('a signed renewal replaces a demo assumption, even when it ends earlier', () => {
    const assumed = { ...plan, renewals: [renewal('2029-12-31', { demo: true })] };
    expect(agreementEnd(assumed)).toBe('2029-12-31');
    expect(checkRenewal(assumed, { effectiveTo: '2027-12-31', signedOn: '2026-12-01' })).toBeNull();
    expect(agreementEnd({ ...plan, renewals: [...assumed.renewals, renewal('2027-12-31')] })).toBe('2027-12-31');
  });

  it('renewals of automatic or open-ended agreements are ignored by the status', () => {
    const auto = { ...mou, renewals: [renewal('2099-12-31')] };
    expect(agreementStatus(auto, '2031-03-01')).toMatchObject({ state: 'in-force', termEndsOn: '2036-02-10', renewals: 1 });
    expect(agreementEnd({ ...plan, effectiveTo: null, renewals: [renewal('2099-12-31')] })).toBeNull();
  });

  it('checks a renewal: it must exist, extend, be dated, and not renew itself', () => {
    const ok = { effectiveTo: '2029-12-31', signedOn: '2026-11-30' };
    expect(checkRenewal(plan, ok)).toBeNull();
    expect(checkRenewal({ ...plan, renewal: { kind: 'none' } }, ok)).toBeNull();
    expect(checkRenewal(undefined, ok)).toEqual({ problem: 'unknown-agreement' });
    expect(checkRenewal(mou, ok)).toEqual({ problem: 'automatic' });
    expect(checkRenewal({ ...plan, effectiveTo: null }, ok)).toEqual({ problem: 'open-ended' });
    expect(checkRenewal(plan, { ...ok, effectiveTo: '2026-12-31' })).toEqual({ problem: 'not-later', currentEnd: '2026-12-31' });
    expect(checkRenewal({ ...plan, renewals: [renewal('2029-12-31')] }, ok)).toEqual({ problem: 'not-later', currentEnd: '2029-12-31' });
    expect(checkRenewal(plan, { ...ok, effectiveTo: '2029-02-29' })).toEqual({ problem: 'bad-date', field: 'effectiveTo', value: '2029-02-29' });
    expect(checkRenewal(plan, { ...ok, signedOn: '2026-13-01' })).toEqual({ problem: 'bad-date', field: 'signedOn', value: '2026-13-01' });
  });

  it('recognises calendar dates', () => {
    expect(['2028-02-29', '2026-12-31'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2027-02-29', '2026-04-31', '26-12-31', '2026-12-31T00:00', ''].map(isCalendarDate)).toEqual([false, false, false, false, false]);
  });

  it('the demo assumes a three-year renewal of by-agreement agreements ending within 90 days, once', () => {
    const fixed = { ...plan, code: 'fixed', renewal: { kind: 'none' } as const };
    const later = { ...plan, code: 'later', effectiveTo: '2027-06-30' };
    expect(demoRenewalsDue([plan, mou, fixed, later], '2026-12-07')).toEqual([{ agreement: plan.code, currentEnd: '2026-12-31', effectiveTo: '2029-12-31' }]);
    expect(demoRenewalsDue([{ ...plan, renewals: [renewal('2027-12-31')] }], '2026-12-07')).toEqual([]);
    expect(demoRenewalsDue([later], '2027-04-15').map((d) => d.effectiveTo)).toEqual(['2030-06-30']);
  });

  const day = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDuration('2020-01-01', `P${n}D`));
  const fixedTerm = fc.record({ from: day, days: fc.integer({ min: 0, max: 3650 }), kind: fc.constantFrom('by-agreement', 'none') }).map(
    ({ from, days, kind }): Agreement => ({ ...plan, effectiveFrom: from, effectiveTo: addDuration(from, `P${days}D`), renewal: { kind } as Agreement['renewal'] }),
  );
  const renewals = fc.array(fc.record({ end: day, demo: fc.boolean() }), { maxLength: 4 }).map((xs) => xs.map((x) => renewal(x.end, { demo: x.demo })));

  it('property: renewals never end an agreement before its signed end, nor make it start later', () => {
    fc.assert(
      fc.property(fixedTerm, renewals, day, (a, rs, on) => {
        const without = agreementStatus(a, on);
        const withRenewals = agreementStatus({ ...a, renewals: rs }, on);
        if (without.state === 'in-force') expect(withRenewals.state).toBe('in-force');
        if (without.state === 'not-yet-in-force') expect(withRenewals).toEqual(without);
        if (withRenewals.state === 'expired' && without.state === 'expired') expect(withRenewals.endedOn >= without.endedOn).toBe(true);
        expect(agreementEnd({ ...a, renewals: rs })! >= agreementEnd(a)!).toBe(true);
      }),
    );
  });

  it('property: the status does not depend on the order renewals were recorded in', () => {
    fc.assert(
      fc.property(fixedTerm, renewals, day, (a, rs, on) => {
        expect(agreementStatus({ ...a, renewals: [...rs].reverse() }, on)).toEqual(agreementStatus({ ...a, renewals: rs }, on));
      }),
    );
  });

  it('property: an accepted renewal keeps the agreement in force through its new end, and not a day longer', () => {
    fc.assert(
      fc.property(fixedTerm, renewals, day, (a, rs, end) => {
        const before = { ...a, renewals: rs };
        fc.pre(checkRenewal(before, { effectiveTo: end, signedOn: null }) === null);
        const after = { ...before, renewals: [...rs, renewal(end)] };
        if (end >= a.effectiveFrom) expect(agreementStatus(after, end).state).toBe('in-force');
        expect(agreementStatus(after, addDuration(end, 'P1D')).state).toBe('expired');
      }),
    );
  });
});
