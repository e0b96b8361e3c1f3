import { describe, expect, expectTypeOf, it } from 'vitest';
import fc from 'fast-check';
import {
  ageGroupOf,
  applyCaseChange,
  CASE_HAS_NO_IDENTITY_FIELDS,
  caseInvariantProblems,
  caseProblems,
  CLASSIFICATIONS,
  canReclassify,
  IDENTITY_FIELDS,
  newCase,
  reclassify,
  RuleViolation,
  type Case,
  type CaseFields,
  type CaseIdentity,
  type CaseRules,
  type Classification,
  type ReclassificationOf,
} from './model';

const rules: CaseRules = {
  country: 'VN',
  today: '2025-03-01',
  isDisease: (c) => c.startsWith('VN-'),
  isOwnArea: (c) => c.startsWith('VN-QN'),
  areaCountry: (c) => c.slice(0, 2),
  isGate: (g) => g === 'mong-cai-dongxing',
  isOwnFacility: (f) => f === 'mong-cai-general-hospital',
};

const base: CaseFields = {
  disease: 'VN-B-01',
  classification: 'suspected',
  onsetDate: '2025-02-10',
  reportDate: '2025-02-14',
  confirmationDate: null,
  age: 30,
  sex: 'female',
  residenceArea: 'VN-QN-MC',
  infectionPlace: { country: 'CN', area: 'CN-GX-FCG-DX', description: null },
  imported: { country: 'CN', entryGate: 'mong-cai-dongxing', entryDate: '2025-02-08' },
  outcome: 'under-treatment',
  reportingFacility: 'mong-cai-general-hospital',
  contacts: { vn: 2, cn: 1 },
  travel: [{ place: 'Dongxing', country: 'CN', from: '2025-02-01', to: '2025-02-08' }],
};

const codes = (f: Partial<CaseFields>) => caseProblems({ ...base, ...f }, rules).map((p) => `${p.field}:${p.code}`);

describe('case rules', () => {
  it('accept a complete imported case', () => {
    expect(caseProblems(base, rules)).toEqual([]);
  });

  it('require a confirmation date exactly for confirmed cases', () => {
    expect(codes({ classification: 'confirmed' })).toEqual(['confirmationDate:BH_SURVEILLANCE_CONFIRMATION_DATE_REQUIRED']);
    expect(codes({ classification: 'confirmed', confirmationDate: '2025-02-15' })).toEqual([]);
    expect(codes({ confirmationDate: '2025-02-15' })).toEqual(['confirmationDate:BH_SURVEILLANCE_CONFIRMATION_DATE_UNEXPECTED']);
  });

  it('order dates and refuse the future', () => {
    expect(codes({ onsetDate: '2025-02-20' })).toEqual(['reportDate:BH_SURVEILLANCE_DATE_ORDER']);
    expect(codes({ reportDate: '2025-03-02' })).toEqual(['reportDate:BH_SURVEILLANCE_FUTURE_DATE']);
    expect(codes({ classification: 'confirmed', confirmationDate: '2025-02-01' })).toEqual(['confirmationDate:BH_SURVEILLANCE_DATE_ORDER']);
    expect(codes({ reportDate: '2025-02-30' })).toEqual(['reportDate:BH_SURVEILLANCE_BAD_DATE']);
    expect(codes({ imported: { country: 'CN', entryGate: null, entryDate: '2025-02-20' } })).toEqual(['reportDate:BH_SURVEILLANCE_DATE_ORDER']);
    expect(codes({ travel: [{ place: 'Dongxing', country: 'CN', from: '2025-02-09', to: '2025-02-08' }] })).toEqual(['travel.0.to:BH_SURVEILLANCE_DATE_ORDER']);
  });

  it('check references against the node', () => {
    expect(codes({ disease: 'CN-B-01' })).toEqual(['disease:BH_SURVEILLANCE_UNKNOWN_DISEASE']);
    expect(codes({ residenceArea: 'VN-LS-LS' })).toEqual(['residenceArea:BH_SURVEILLANCE_UNKNOWN_AREA']);
    expect(codes({ reportingFacility: 'nowhere' })).toEqual(['reportingFacility:BH_SURVEILLANCE_UNKNOWN_FACILITY']);
    expect(codes({ infectionPlace: { country: 'VN', area: 'CN-GX-FCG-DX', description: null } })).toEqual(['infectionPlace.area:BH_SURVEILLANCE_AREA_COUNTRY']);
    expect(codes({ imported: { country: 'VN', entryGate: 'x', entryDate: '2025-02-08' } })).toEqual([
      'imported.country:BH_SURVEILLANCE_IMPORTED_FROM_HOME',
      'imported.entryGate:BH_SURVEILLANCE_UNKNOWN_GATE',
    ]);
    expect(codes({ contacts: { vn: -1, cn: 0.5 } })).toEqual(['contacts.vn:BH_SURVEILLANCE_NEGATIVE', 'contacts.cn:BH_SURVEILLANCE_BAD_INTEGER']);
    expect(codes({ age: 131 })).toEqual(['age:BH_SURVEILLANCE_OUT_OF_RANGE']);
  });

  it('group ages at the reporting boundaries', () => {
    expect([0, 4, 5, 14, 15, 24, 25, 44, 45, 64, 65, 130].map(ageGroupOf)).toEqual([
      '0-4', '0-4', '5-14', '5-14', '15-24', '15-24', '25-44', '25-44', '45-64', '45-64', '65+', '65+',
    ]);
    expect(ageGroupOf(null)).toBe('unknown');
  });
});

describe('minimum-data separation', () => {
  it('the case record type has none of the identity fields', () => {
    expect(CASE_HAS_NO_IDENTITY_FIELDS).toBe(true);
    expectTypeOf<Extract<keyof Case, keyof CaseIdentity>>().toEqualTypeOf<never>();
    const c = newCase('00000000-0000-4000-8000-000000000000', base, 'epi', '2025-02-14T00:00:00Z');
    for (const f of [...IDENTITY_FIELDS, 'name', 'dob', 'passport']) expect(Object.keys(c)).not.toContain(f);
  });
});

describe('classification state machine', () => {
  it('types the allowed moves', () => {
    expectTypeOf<ReclassificationOf<'suspected'>>().toEqualTypeOf<'probable' | 'confirmed'>();
    expectTypeOf<ReclassificationOf<'probable'>>().toEqualTypeOf<'suspected' | 'confirmed'>();
    expectTypeOf<ReclassificationOf<'confirmed'>>().toEqualTypeOf<never>();
  });

  it('refuses what the table does not allow, with a stable code', () => {
    const c = reclassify(newCase('00000000-0000-4000-8000-000000000001', base, 'epi', '2025-02-14T00:00:00Z'), 'confirmed', '2025-02-15', 'epi', '2025-02-15T00:00:00Z');
    for (const to of ['suspected', 'probable'] as const) {
      try {
        reclassify(c, to, null, 'epi', '2025-02-16T00:00:00Z');
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(RuleViolation);
        expect((e as RuleViolation).problems[0]).toMatchObject({ code: 'BH_SURVEILLANCE_INVALID_TRANSITION', params: { from: 'confirmed', to } });
      }
    }
  });

  it('random sequences of changes never reach an invalid state', () => {
    const step = fc.record({
      to: fc.constantFrom<Classification>(...CLASSIFICATIONS),
      withDate: fc.boolean(),
      outcome: fc.constantFrom('under-treatment', 'recovered', 'died', 'unknown' as const),
      age: fc.option(fc.integer({ min: 0, max: 130 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        let c = newCase('00000000-0000-4000-8000-000000000002', base, 'epi', '2025-02-14T00:00:00.000Z');
        steps.forEach((s, i) => {
          const at = new Date(Date.parse('2025-02-14T00:00:00Z') + (i + 1) * 60_000).toISOString();
          const patch: Partial<CaseFields> = { classification: s.to, confirmationDate: s.withDate && s.to === 'confirmed' ? '2025-02-15' : null, outcome: s.outcome, age: s.age };
          const legal = s.to === c.classification || canReclassify(c.classification, s.to);
          try {
            const { after, changed } = applyCaseChange(c, patch, 'epi', at);
            const problems = caseProblems(after, rules);
            if (problems.length) return; // refused by the rules: the stored case stays as it was
            expect(legal).toBe(true);
            expect(after.version).toBe(changed.length ? c.version + 1 : c.version);
            c = after;
          } catch (e) {
            expect(e).toBeInstanceOf(RuleViolation);
            const code = (e as RuleViolation).problems[0].code;
            expect(['BH_SURVEILLANCE_INVALID_TRANSITION', 'BH_SURVEILLANCE_CONFIRMATION_DATE_REQUIRED', 'BH_SURVEILLANCE_OUTCOME_FINAL']).toContain(code);
            if (code === 'BH_SURVEILLANCE_INVALID_TRANSITION') expect(legal).toBe(false);
          }
          expect(caseInvariantProblems(c)).toEqual([]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps who reclassified and when', () => {
    let c = newCase('00000000-0000-4000-8000-000000000003', base, 'epi', '2025-02-14T00:00:00Z');
    c = reclassify(c, 'probable', null, 'epi.mongcai', '2025-02-15T00:00:00Z');
    c = reclassify(c, 'confirmed', '2025-02-16', 'epi', '2025-02-16T00:00:00Z');
    expect(c.classificationHistory).toEqual([
      { from: null, to: 'suspected', at: '2025-02-14T00:00:00Z', by: 'epi' },
      { from: 'suspected', to: 'probable', at: '2025-02-15T00:00:00Z', by: 'epi.mongcai' },
      { from: 'probable', to: 'confirmed', at: '2025-02-16T00:00:00Z', by: 'epi' },
    ]);
  });

  it('a death is final', () => {
    const c = applyCaseChange(newCase('00000000-0000-4000-8000-000000000004', base, 'epi', '2025-02-14T00:00:00Z'), { outcome: 'died' }, 'epi', '2025-02-15T00:00:00Z').after;
    expect(() => applyCaseChange(c, { outcome: 'recovered' }, 'epi', '2025-02-16T00:00:00Z')).toThrow(RuleViolation);
  });
});
