/**
 * Importing case records from CSV. Every case column is required (an export has them all); the
 * identity columns are optional and, when present with a name, set the case's identifiers. A
 * `version` column, as an export writes it, makes a row that would change a case edited since
 * then a conflict instead of overwriting the newer edit.
 */
import { decide } from '../../platform/access';
import { caseScope, legalBasis } from '../access';
import { caseStore } from '../case-store';
import { SurveillanceError } from '../errors';
import {
  applyCaseChange,
  caseProblems,
  CLASSIFICATIONS,
  identityProblems,
  normalizeCaseFields,
  normalizeIdentity,
  OUTCOMES,
  RuleViolation,
  SEXES,
  type CaseFields,
  type CaseIdentity,
  type Problem,
  type TravelStop,
} from '../model';
import { CASE_COLUMNS, CASE_OPTIONAL_COLUMNS, IDENTITY_COLUMNS } from './case-columns';
import { CellReader } from './fields';
import type { KindImporter, RowProblem } from './kind';

export interface CaseRow {
  id: string;
  fields: CaseFields;
  /** Undefined: the file says nothing about identifiers. */
  identity: CaseIdentity | undefined;
  version: number | null;
}

export { CASE_COLUMNS, IDENTITY_COLUMNS } from './case-columns';

/** The CSV column of a field path of the case rules. */
const COLUMN_OF: Record<string, string> = {
  onsetDate: 'onset_date',
  reportDate: 'report_date',
  confirmationDate: 'confirmation_date',
  residenceArea: 'residence_area',
  'infectionPlace.country': 'infection_country',
  'infectionPlace.area': 'infection_area',
  'infectionPlace.description': 'infection_description',
  'imported.country': 'import_country',
  'imported.entryGate': 'entry_gate',
  'imported.entryDate': 'entry_date',
  reportingFacility: 'reporting_facility',
  'contacts.vn': 'contacts_vn',
  'contacts.cn': 'contacts_cn',
  'identity.fullName': 'full_name',
  'identity.idType': 'id_type',
  'identity.idNumber': 'id_number',
  'identity.phone': 'phone',
  'identity.address': 'address',
  'identity.dateOfBirth': 'date_of_birth',
};

export function caseColumnOf(field: string): string {
  if (field.startsWith('travel')) return 'travel';
  return COLUMN_OF[field] ?? field;
}

const inColumns = (ps: Problem[]) => ps.map((p) => ({ ...p, field: caseColumnOf(p.field) }));

function travelOf(r: CellReader): TravelStop[] | null {
  const v = r.json('travel');
  if (v === undefined) return [];
  if (v === null) return null;
  const ok =
    Array.isArray(v) &&
    v.every(
      (s) =>
        s && typeof s === 'object' && typeof s.place === 'string' && typeof s.country === 'string' && typeof s.from === 'string' && (s.to === undefined || s.to === null || typeof s.to === 'string'),
    );
  if (!ok) {
    r.problem('travel', 'BH_SURVEILLANCE_BAD_JSON_FIELD', { detail: '[{"place": …, "country": …, "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" | null}]' });
    return null;
  }
  return (v as TravelStop[]).map((s) => ({ place: s.place, country: s.country, from: s.from, to: s.to ?? null }));
}

export const casesImporter: KindImporter<CaseRow> = {
  kind: 'cases',
  columns: { required: CASE_COLUMNS, optional: CASE_OPTIONAL_COLUMNS },
  keyColumns: 'id',
  batchSize: 200,

  fromCsv(cells, ctx) {
    const r = new CellReader(cells);
    const id = r.uuid('id');
    const imported = r.bool('imported');
    const importCols = ['import_country', 'entry_gate', 'entry_date'] as const;
    if (imported === false) for (const c of importCols) if (r.has(c)) r.problem(c, 'BH_SURVEILLANCE_NOT_IMPORTED');
    const age = r.count('age', { required: false });
    const contactsVn = r.count('contacts_vn');
    const contactsCn = r.count('contacts_cn');
    const classification = r.oneOf('classification', CLASSIFICATIONS);
    const sex = r.oneOf('sex', SEXES);
    const outcome = r.oneOf('outcome', OUTCOMES);
    const travel = travelOf(r);
    const version = r.has('version') ? r.count('version') : null;
    if (version === 0) r.problem('version', 'BH_SURVEILLANCE_OUT_OF_RANGE', { value: 0, min: 1, max: '∞' });
    for (const c of ['disease', 'report_date', 'residence_area', 'reporting_facility', 'infection_country'] as const) if (!r.has(c)) r.problem(c, 'BH_SURVEILLANCE_MISSING_VALUE');
    if (imported) for (const c of ['import_country', 'entry_date'] as const) if (!r.has(c)) r.problem(c, 'BH_SURVEILLANCE_MISSING_VALUE');
    let identity: CaseIdentity | undefined;
    const identityGiven = IDENTITY_COLUMNS.some((c) => r.has(c));
    if (identityGiven) {
      if (!r.has('full_name')) r.problem('full_name', 'BH_SURVEILLANCE_MISSING_VALUE');
      identity = normalizeIdentity({
        fullName: r.raw('full_name'),
        idType: r.raw('id_type'),
        idNumber: r.raw('id_number'),
        phone: r.raw('phone'),
        address: r.raw('address'),
        dateOfBirth: r.raw('date_of_birth'),
      });
    }
    if (r.problems.length || !id || imported === null || !classification || !sex || !outcome || travel === null || contactsVn === null || contactsCn === null) {
      return { row: null, problems: r.problems };
    }
    const opt = (c: string) => r.raw(c) || null;
    const fields = normalizeCaseFields({
      disease: r.raw('disease'),
      classification,
      onsetDate: opt('onset_date'),
      reportDate: r.raw('report_date'),
      confirmationDate: opt('confirmation_date'),
      age,
      sex,
      residenceArea: r.raw('residence_area'),
      infectionPlace: { country: r.raw('infection_country'), area: opt('infection_area'), description: opt('infection_description') },
      imported: imported ? { country: r.raw('import_country'), entryGate: opt('entry_gate'), entryDate: r.raw('entry_date') } : null,
      outcome,
      reportingFacility: r.raw('reporting_facility'),
      contacts: { vn: contactsVn, cn: contactsCn },
      travel,
    });
    const problems = caseProblems(fields, ctx.ref.caseRules(ctx.today));
    if (identity) problems.push(...identityProblems(identity, fields.reportDate, ctx.today));
    if (problems.length) return { row: null, problems: inColumns(problems) };
    return { row: { id, fields, identity, version }, problems: [] };
  },

  key: (r) => r.id,

  place(row, ref) {
    return { scope: caseScope(ref, row.fields), field: 'residence_area', value: row.fields.residenceArea };
  },

  async write(trx, rows, ctx, affected) {
    let inserted = 0;
    let updated = 0;
    const problems: RowProblem[] = [];
    const existing = await caseStore.getMany(
      trx,
      rows.map((x) => x.row.id),
      true,
    );
    const opts = { actor: ctx.actor, source: 'import' as const };
    for (const { row, line } of rows) {
      const fail = (ps: Problem[]) => problems.push(...inColumns(ps).map((p) => ({ line, field: p.field, code: p.code, params: p.params })));
      const before = existing.get(row.id);
      try {
        if (!before) {
          const c = await ctx.cases.create(trx, { id: row.id, fields: row.fields, identity: row.identity }, opts);
          inserted++;
          affected.areas.add(c.residenceArea);
          affected.diseases.add(c.disease);
          affected.periods.add(c.reportDate);
          await ctx.audit(trx, {
            action: 'surveillance.case.created',
            resource: { type: 'case', id: c.id },
            purpose: 'surveillance',
            legalBasis: legalBasis(ctx.ref.country),
            detail: { jobId: ctx.jobId, line, identity: row.identity !== undefined },
          });
          continue;
        }
        if (!decide(ctx.principal, 'surveillance.case.write', caseScope(ctx.ref, before)).allow) {
          fail([{ field: 'id', code: 'BH_SURVEILLANCE_OUTSIDE_JURISDICTION', params: { field: 'id', value: row.id } }]);
          continue;
        }
        if (row.version !== null && row.version !== before.version) {
          const { changed } = applyCaseChange(before, row.fields, ctx.by, ctx.now.toISOString());
          const identityChanged = row.identity !== undefined && JSON.stringify((await caseStore.identity(trx, row.id)) ?? null) !== JSON.stringify(row.identity);
          if (changed.length || identityChanged) {
            fail([{ field: 'version', code: 'BH_SURVEILLANCE_IMPORT_STALE_VERSION', params: { field: 'version', value: row.version, current: before.version } }]);
          }
          continue;
        }
        const r = await ctx.cases.update(trx, before, { patch: row.fields, expectedVersion: before.version, identity: row.identity }, opts);
        if (r.changed.length === 0) continue;
        updated++;
        for (const c of [r.before, r.after]) {
          affected.areas.add(c.residenceArea);
          affected.diseases.add(c.disease);
          affected.periods.add(c.reportDate);
        }
        await ctx.audit(trx, {
          action: 'surveillance.case.updated',
          resource: { type: 'case', id: row.id },
          purpose: 'surveillance',
          legalBasis: legalBasis(ctx.ref.country),
          detail: { jobId: ctx.jobId, line, changedFields: r.changed, fromVersion: r.before.version, toVersion: r.after.version },
        });
      } catch (e) {
        if (e instanceof RuleViolation) fail(e.problems);
        else if (e instanceof SurveillanceError) fail(e.problems.length ? e.problems : [{ field: 'id', code: e.code, params: e.params }]);
        else throw e;
      }
    }
    return { inserted, updated, problems };
  },
};
