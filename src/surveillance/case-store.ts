/**
 * Case records and their identities in the database. Writes take the caller's transaction; the
 * rules and hooks around them live in `cases.ts`.
 */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { tables, type Db } from '../platform/store/database';
import { json } from '../platform/store/json';
import type { SurveillanceTables } from './tables';
import type { Visibility } from './access';
import { normalizeCaseFields, normalizeIdentity, type AgeGroup, type Case, type CaseIdentity, type Classification, type ClassificationChange, type InfectionPlace, type Outcome, type Sex, type TravelStop } from './model';

const t = (db: Db): Kysely<SurveillanceTables> => tables<SurveillanceTables>(db);
type CaseRow = SurveillanceTables['surveillance_cases'];
type IdentityRow = SurveillanceTables['case_identities'];

const iso = (d: Date | string) => new Date(d).toISOString();

export function rowToCase(r: CaseRow): Case {
  const fields = normalizeCaseFields({
    disease: r.disease,
    classification: r.classification as Classification,
    onsetDate: r.onset_date,
    reportDate: r.report_date,
    confirmationDate: r.confirmation_date,
    age: r.age,
    sex: r.sex as Sex,
    residenceArea: r.residence_area,
    infectionPlace: r.infection_place as InfectionPlace,
    imported: r.imported ? { country: r.import_country!, entryGate: r.entry_gate, entryDate: r.entry_date! } : null,
    outcome: r.outcome as Outcome,
    reportingFacility: r.reporting_facility,
    contacts: { vn: r.contacts_vn, cn: r.contacts_cn },
    travel: r.travel as TravelStop[],
  });
  return {
    id: r.id,
    ...fields,
    ageGroup: r.age_group as AgeGroup,
    classificationHistory: (r.classification_history as ClassificationChange[]).map((h) => ({ from: h.from, to: h.to, at: h.at, by: h.by })),
    version: r.version,
    createdAt: iso(r.created_at),
    createdBy: r.created_by,
    updatedAt: iso(r.updated_at),
    updatedBy: r.updated_by,
  };
}

function caseToRow(c: Case) {
  return {
    id: c.id,
    disease: c.disease,
    classification: c.classification,
    classification_history: json(c.classificationHistory),
    onset_date: c.onsetDate,
    report_date: c.reportDate,
    confirmation_date: c.confirmationDate,
    age: c.age,
    age_group: c.ageGroup,
    sex: c.sex,
    residence_area: c.residenceArea,
    infection_place: json(c.infectionPlace),
    imported: c.imported !== null,
    import_country: c.imported?.country ?? null,
    entry_gate: c.imported?.entryGate ?? null,
    entry_date: c.imported?.entryDate ?? null,
    outcome: c.outcome,
    reporting_facility: c.reportingFacility,
    contacts_vn: c.contacts.vn,
    contacts_cn: c.contacts.cn,
    travel: json(c.travel),
    version: c.version,
    created_at: new Date(c.createdAt),
    created_by: c.createdBy,
    updated_at: new Date(c.updatedAt),
    updated_by: c.updatedBy,
  };
}

const rowToIdentity = (r: IdentityRow): CaseIdentity =>
  normalizeIdentity({
    fullName: r.full_name,
    idType: r.id_type,
    idNumber: r.id_number,
    phone: r.phone,
    address: r.address,
    dateOfBirth: r.date_of_birth,
  });

export interface CaseFilter {
  diseases?: string[];
  classification?: Classification;
  /** Area of residence, including the areas below it. */
  areas?: string[];
  /** Report date range, inclusive. */
  from?: string;
  to?: string;
  imported?: boolean;
}

type Eb = ExpressionBuilder<SurveillanceTables, 'surveillance_cases'>;

/** The SQL condition of a caller's visibility over cases. */
function visible(eb: Eb, v: Visibility) {
  switch (v.kind) {
    case 'all':
      return eb.lit(true);
    case 'none':
      return eb.lit(false);
    case 'area':
      return v.areas.length ? eb('residence_area', 'in', v.areas) : eb.lit(false);
    case 'gate':
      return eb('entry_gate', '=', v.gate);
    case 'facility':
      return eb('reporting_facility', '=', v.facility);
  }
}

function filtered(db: Db, f: CaseFilter, v: Visibility) {
  let q = t(db).selectFrom('surveillance_cases').where((eb) => visible(eb, v));
  if (f.diseases) q = f.diseases.length ? q.where('disease', 'in', f.diseases) : q.where(sql<boolean>`false`);
  if (f.classification) q = q.where('classification', '=', f.classification);
  if (f.areas) q = f.areas.length ? q.where('residence_area', 'in', f.areas) : q.where(sql<boolean>`false`);
  if (f.from) q = q.where('report_date', '>=', f.from);
  if (f.to) q = q.where('report_date', '<=', f.to);
  if (f.imported !== undefined) q = q.where('imported', '=', f.imported);
  return q;
}

/** Reads and writes of case records. */
export const caseStore = {
  async get(db: Db, id: string, forUpdate = false): Promise<Case | undefined> {
    let q = t(db).selectFrom('surveillance_cases').selectAll().where('id', '=', id);
    if (forUpdate) q = q.forUpdate();
    const r = await q.executeTakeFirst();
    return r && rowToCase(r);
  },

  async getMany(db: Db, ids: string[], forUpdate = false): Promise<Map<string, Case>> {
    if (ids.length === 0) return new Map();
    let q = t(db).selectFrom('surveillance_cases').selectAll().where('id', 'in', ids);
    if (forUpdate) q = q.forUpdate();
    return new Map((await q.execute()).map((r) => [r.id, rowToCase(r)]));
  },

  async insert(trx: Db, c: Case): Promise<boolean> {
    const r = await t(trx)
      .insertInto('surveillance_cases')
      .values(caseToRow(c))
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  /** Writes a new version of a case if the stored one is still at `expectedVersion`. */
  async update(trx: Db, c: Case, expectedVersion: number): Promise<boolean> {
    const { id: _id, created_at: _ca, created_by: _cb, ...row } = caseToRow(c);
    const r = await t(trx).updateTable('surveillance_cases').set(row).where('id', '=', c.id).where('version', '=', expectedVersion).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  async list(db: Db, f: CaseFilter, v: Visibility, page: { limit: number; offset: number }): Promise<{ items: Case[]; total: number }> {
    const [rows, total] = await Promise.all([
      filtered(db, f, v).selectAll().orderBy('report_date', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      filtered(db, f, v).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(rowToCase), total: Number(total.n) };
  },

  /** Cases in (report date, id) order after a key, for exports that page through everything. */
  async page(db: Db, f: CaseFilter, v: Visibility, after: [string, string] | null, limit: number): Promise<Case[]> {
    let q = filtered(db, f, v).selectAll();
    if (after) q = q.where((eb) => eb.or([eb('report_date', '>', after[0]), eb.and([eb('report_date', '=', after[0]), eb('id', '>', after[1])])]));
    return (await q.orderBy('report_date').orderBy('id').limit(limit).execute()).map(rowToCase);
  },

  async identity(db: Db, caseId: string): Promise<CaseIdentity | undefined> {
    const r = await t(db).selectFrom('case_identities').selectAll().where('case_id', '=', caseId).executeTakeFirst();
    return r && rowToIdentity(r);
  },

  async identities(db: Db, caseIds: string[]): Promise<Map<string, CaseIdentity>> {
    if (caseIds.length === 0) return new Map();
    const rows = await t(db).selectFrom('case_identities').selectAll().where('case_id', 'in', caseIds).execute();
    return new Map(rows.map((r) => [r.case_id, rowToIdentity(r)]));
  },

  /** Stores (or with null removes) the identity of a case. */
  async putIdentity(trx: Db, caseId: string, i: CaseIdentity | null): Promise<void> {
    if (i === null) {
      await t(trx).deleteFrom('case_identities').where('case_id', '=', caseId).execute();
      return;
    }
    const row = {
      case_id: caseId,
      full_name: i.fullName,
      id_type: i.idType,
      id_number: i.idNumber,
      phone: i.phone,
      address: i.address,
      date_of_birth: i.dateOfBirth,
      updated_at: new Date(),
    };
    const { case_id: _k, ...set } = row;
    await t(trx).insertInto('case_identities').values(row).onConflict((oc) => oc.column('case_id').doUpdateSet(set)).execute();
  },
};
