/** fast-check generators of valid surveillance records of a node, and their files (CSV, DHIS2). */
import fc from 'fast-check';
import { AGE_GROUPS, SEXES, addWeeks, type Case } from '../../src/surveillance';
import { SCREENING_ELEMENTS, VECTOR_ELEMENTS, categoryOptionCombo } from '../../src/surveillance/dhis2';
import { toDhis2Period, addDays } from '../../src/surveillance/periods';
import type { NodeReference } from '../../src/surveillance/reference';

export const TODAY = '2025-03-01';
export const CLOCK = () => new Date('2025-03-01T05:00:00Z');

export type Row = Record<string, string>;

export interface Ref {
  areas: string[];
  gates: string[];
  diseases: string[];
  facilities: string[];
}

export function refOf(ref: NodeReference): Ref {
  return {
    areas: [...ref.areas.values()].filter((a) => a.own).map((a) => a.code),
    gates: [...ref.gates.values()].filter((g) => g.ownArea).map((g) => g.id),
    diseases: [...ref.diseases],
    facilities: [...ref.facilities.keys()],
  };
}

const day = (min: string, max: string) =>
  fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

export const aggregateArb = (r: Ref) =>
  fc.record({
    period: fc.oneof(fc.integer({ min: 0, max: 112 }).map((n) => addWeeks('2023-W01', n)), fc.integer({ min: 0, max: 25 }).map((n) => `${2023 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`)),
    area: fc.constantFrom(...r.areas),
    disease: fc.constantFrom(...r.diseases),
    age_group: fc.constantFrom(...AGE_GROUPS),
    sex: fc.constantFrom(...SEXES),
    count: fc.nat(5000).map(String),
  });

export const aggregateKey = (x: Row) => `${x.period}|${x.area}|${x.disease}|${x.age_group}|${x.sex}`;

export const screeningArb = (r: Ref) =>
  fc
    .record({ gate: fc.constantFrom(...r.gates), date: day('2024-01-01', TODAY), people: fc.nat(20000), vehicles: fc.nat(3000), consignments: fc.nat(2000), samples: fc.nat(200), a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }), c: fc.double({ min: 0, max: 1, noNaN: true }) })
    .map(({ a, b, c, ...x }) => {
      const symptomatic = Math.floor(x.people * a * 0.1);
      return {
        gate: x.gate,
        date: x.date,
        people: String(x.people),
        vehicles: String(x.vehicles),
        consignments: String(x.consignments),
        samples: String(x.samples),
        symptomatic: String(symptomatic),
        referred: String(Math.floor(symptomatic * b)),
        quarantined: String(Math.floor(x.people * c * 0.05)),
      };
    });

export const screeningKey = (x: Row) => `${x.date}|${x.gate}`;

const index = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((n) => n / 100);

export const vectorArb = (r: Ref) =>
  fc
    .record({
      area: fc.constantFrom(...r.areas),
      survey_date: day('2024-01-01', TODAY),
      hi: fc.option(index(100), { nil: null }),
      extra: index(150),
      ci: fc.option(index(100), { nil: null }),
      rodent: fc.option(index(100), { nil: null }),
      flea: fc.option(fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 20, noNaN: true })), { nil: null }),
      species: fc.option(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }).map((s) => s.trim()).filter((s) => s.length > 0 && !/[\u0000-\u001f\u007f]/.test(s)), { nil: null }),
    })
    .map((v) => {
      const zero = v.hi === 0;
      const bi = v.hi === null ? null : zero ? 0 : v.hi + v.extra;
      const ci = zero ? (v.ci === null ? null : 0) : v.ci;
      const rodent = v.hi === null && ci === null && v.flea === null ? (v.rodent ?? 3.5) : v.rodent;
      const s = (n: number | null) => (n === null ? '' : String(n));
      return {
        survey_date: v.survey_date,
        area: v.area,
        house_index: s(v.hi),
        breteau_index: s(bi),
        container_index: s(ci),
        rodent_density: s(rodent),
        flea_index: s(v.flea),
        species: v.species ?? '',
      };
    });

export const vectorKey = (x: Row) => `${x.survey_date}|${x.area}`;

export const caseArb = (r: Ref) =>
  fc
    .record({
      id: fc.uuid({ version: 4 }),
      disease: fc.constantFrom(...r.diseases),
      classification: fc.constantFrom('suspected', 'probable', 'confirmed'),
      report: day('2024-06-01', TODAY),
      onsetBack: fc.option(fc.nat(20), { nil: null }),
      confirmAfter: fc.nat(5),
      age: fc.option(fc.nat(100), { nil: null }),
      sex: fc.constantFrom(...SEXES),
      area: fc.constantFrom(...r.areas),
      facility: fc.constantFrom(...r.facilities),
      infection: fc.constantFrom(['VN', 'VN-QN-MC'], ['CN', 'CN-GX-FCG-DX'], ['CN', ''], ['LA', '']),
      description: fc.string({ maxLength: 30 }).map((s) => s.trim()),
      imported: fc.option(fc.record({ gate: fc.constantFrom('', ...r.gates), back: fc.nat(10) }), { nil: null }),
      outcome: fc.constantFrom('under-treatment', 'recovered', 'died', 'unknown'),
      vn: fc.nat(50),
      cn: fc.nat(50),
      travel: fc.array(fc.record({ place: fc.string({ minLength: 1, maxLength: 20 }).map((s) => s.trim() || 'x'), country: fc.constantFrom('VN', 'CN', 'LA'), back: fc.nat(30), len: fc.option(fc.nat(5), { nil: null }) }), { maxLength: 3 }),
    })
    .map((c) => {
      const onset = c.onsetBack === null ? '' : addDays(c.report, -c.onsetBack);
      let conf = '';
      if (c.classification === 'confirmed') {
        conf = addDays(onset || c.report, c.confirmAfter);
        if (conf > TODAY) conf = TODAY;
      }
      const travel = c.travel.map((t) => {
        const from = addDays(c.report, -t.back - 6);
        return { place: t.place, country: t.country, from, to: t.len === null ? null : addDays(from, t.len) };
      });
      return {
        id: c.id,
        disease: c.disease,
        classification: c.classification,
        onset_date: onset,
        report_date: c.report,
        confirmation_date: conf,
        age: c.age === null ? '' : String(c.age),
        sex: c.sex,
        residence_area: c.area,
        infection_country: c.infection[0],
        infection_area: c.infection[1],
        infection_description: c.description,
        imported: c.imported ? 'true' : 'false',
        import_country: c.imported ? 'CN' : '',
        entry_gate: c.imported?.gate ?? '',
        entry_date: c.imported ? addDays(c.report, -c.imported.back) : '',
        outcome: c.outcome,
        reporting_facility: c.facility,
        contacts_vn: String(c.vn),
        contacts_cn: String(c.cn),
        travel: travel.length ? JSON.stringify(travel) : '',
      };
    });

/** RFC 4180 CSV, every field quoted, in the given column order. */
export function toCsv(columns: readonly string[], rows: readonly Row[], eol = '\n'): string {
  const q = (v: string) => `"${(v ?? '').replace(/"/g, '""')}"`;
  return [columns.map(q).join(','), ...rows.map((r) => columns.map((c) => q(r[c])).join(','))].join(eol) + eol;
}

/** The DHIS2 data values of rows of a kind. */
export function toDhis2(kind: 'aggregates' | 'screening' | 'vectors', rows: readonly Row[]): { dataValues: Record<string, unknown>[] } {
  const dataValues = rows.flatMap((x): Record<string, unknown>[] => {
    if (kind === 'aggregates') {
      return [{ dataElement: x.disease, period: toDhis2Period(x.period), orgUnit: x.area, categoryOptionCombo: categoryOptionCombo(x.age_group as never, x.sex as never), value: x.count }];
    }
    if (kind === 'screening') {
      return Object.entries(SCREENING_ELEMENTS)
        .filter(([f]) => x[f] !== '0')
        .map(([f, e]) => ({ dataElement: e, period: toDhis2Period(x.date), orgUnit: x.gate, value: Number(x[f]) }));
    }
    const col: Record<string, string> = { houseIndex: 'house_index', breteauIndex: 'breteau_index', containerIndex: 'container_index', rodentDensity: 'rodent_density', fleaIndex: 'flea_index', species: 'species' };
    return Object.entries(VECTOR_ELEMENTS)
      .filter(([f]) => x[col[f]] !== '')
      .map(([f, e]) => ({ dataElement: e, period: toDhis2Period(x.survey_date), orgUnit: x.area, value: x[col[f]] }));
  });
  return { dataValues };
}

export type { Case };
