/**
 * Case-based surveillance: the epidemiological case record, its classification state machine and
 * the rules a record must satisfy. Pure: no I/O. Personal identifiers are a separate type
 * ({@link CaseIdentity}) kept in a separate table, so that a {@link Case} can leave the node
 * without them.
 */
import { dayNumber, isDate, yearsBetween } from './periods';

export const CLASSIFICATIONS = ['suspected', 'probable', 'confirmed'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/**
 * Allowed reclassifications. New evidence moves a case up (suspected → probable → confirmed, or
 * straight to confirmed); a probable case whose epidemiological link is refuted goes back to
 * suspected. A laboratory-confirmed case stays confirmed.
 */
export const RECLASSIFICATIONS = {
  suspected: ['probable', 'confirmed'],
  probable: ['suspected', 'confirmed'],
  confirmed: [],
} as const satisfies Record<Classification, readonly Classification[]>;

/** The classifications a case in state `F` may move to. */
export type ReclassificationOf<F extends Classification> = (typeof RECLASSIFICATIONS)[F][number];

export function canReclassify(from: Classification, to: Classification): boolean {
  return (RECLASSIFICATIONS[from] as readonly Classification[]).includes(to);
}

export const OUTCOMES = ['under-treatment', 'recovered', 'died', 'unknown'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** Outcomes that are never changed once recorded. */
export const FINAL_OUTCOMES: readonly Outcome[] = ['died'];

export const SEXES = ['male', 'female', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const AGE_GROUPS = ['0-4', '5-14', '15-24', '25-44', '45-64', '65+', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export const MAX_AGE = 130;

/** The reporting age group of an age in whole years. */
export function ageGroupOf(age: number | null): AgeGroup {
  if (age === null || !Number.isInteger(age) || age < 0) return 'unknown';
  if (age <= 4) return '0-4';
  if (age <= 14) return '5-14';
  if (age <= 24) return '15-24';
  if (age <= 44) return '25-44';
  if (age <= 64) return '45-64';
  return '65+';
}

/** Where the case was most likely infected. */
export interface InfectionPlace {
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  /** An area code of the directory, when known. */
  area: string | null;
  description: string | null;
}

/** How an imported case entered the country. */
export interface ImportInfo {
  /** The country the case came from (ISO 3166-1 alpha-2). */
  country: string;
  /** The border gate pair of entry (directory id), when by land through one. */
  entryGate: string | null;
  entryDate: string;
}

/** One place on the case's route before it was reported. */
export interface TravelStop {
  place: string;
  country: string;
  from: string;
  to: string | null;
}

/** One reclassification, kept in the record's history. */
export interface ClassificationChange {
  from: Classification | null;
  to: Classification;
  at: string;
  by: string;
}

/** The fields of a case a reporter sets; everything else is derived or managed. */
export interface CaseFields {
  disease: string;
  classification: Classification;
  onsetDate: string | null;
  reportDate: string;
  confirmationDate: string | null;
  age: number | null;
  sex: Sex;
  residenceArea: string;
  infectionPlace: InfectionPlace;
  imported: ImportInfo | null;
  outcome: Outcome;
  reportingFacility: string;
  contacts: { vn: number; cn: number };
  travel: TravelStop[];
}

/** The epidemiological case record: no name, document number, phone, address or birth date. */
export interface Case extends CaseFields {
  id: string;
  ageGroup: AgeGroup;
  classificationHistory: ClassificationChange[];
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** Personal identifiers of a case, stored apart and read under a separate, audited permission. */
export interface CaseIdentity {
  fullName: string;
  idType: string | null;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  dateOfBirth: string | null;
}

export const CASE_FIELDS = [
  'disease',
  'classification',
  'onsetDate',
  'reportDate',
  'confirmationDate',
  'age',
  'sex',
  'residenceArea',
  'infectionPlace',
  'imported',
  'outcome',
  'reportingFacility',
  'contacts',
  'travel',
] as const satisfies readonly (keyof CaseFields)[];

export const IDENTITY_FIELDS = ['fullName', 'idType', 'idNumber', 'phone', 'address', 'dateOfBirth'] as const satisfies readonly (keyof CaseIdentity)[];

// Minimum-data separation, checked by the compiler: no identity field is a field of the case record.
type IdentityKeysInCase = Extract<keyof Case, (typeof IDENTITY_FIELDS)[number] | keyof CaseIdentity>;
export const CASE_HAS_NO_IDENTITY_FIELDS: [IdentityKeysInCase] extends [never] ? true : false = true;

/** A rule a record breaks: the field, a registered error code and its message parameters. */
export interface Problem {
  field: string;
  code: string;
  params: Record<string, unknown>;
}

const problem = (field: string, code: string, params: Record<string, unknown> = {}): Problem => ({ field, code, params: { field, ...params } });

/** What the case rules need to know about this node. */
export interface CaseRules {
  /** This node's country: its disease list and what counts as "imported". */
  country: 'VN' | 'CN';
  today: string;
  isDisease(code: string): boolean;
  /** An area this node serves (place of residence). */
  isOwnArea(code: string): boolean;
  /** The country of any area in the directory. */
  areaCountry(code: string): string | undefined;
  isGate(id: string): boolean;
  /** A facility this node serves. */
  isOwnFacility(id: string): boolean;
}

export const COUNTRY = /^[A-Z]{2}$/;
export const TEXT_MAX = 500;
export const MAX_TRAVEL_STOPS = 50;

function checkDate(out: Problem[], field: string, value: string | null, today: string, required: boolean): boolean {
  if (value === null) {
    if (required) out.push(problem(field, 'BH_SURVEILLANCE_MISSING_VALUE'));
    return false;
  }
  if (!isDate(value)) {
    out.push(problem(field, 'BH_SURVEILLANCE_BAD_DATE', { value }));
    return false;
  }
  if (value > today) {
    out.push(problem(field, 'BH_SURVEILLANCE_FUTURE_DATE', { value }));
    return false;
  }
  return true;
}

function checkOrder(out: Problem[], earlier: [string, string | null, boolean], later: [string, string | null, boolean]): void {
  const [ef, ev, eok] = earlier;
  const [lf, lv, lok] = later;
  if (eok && lok && ev !== null && lv !== null && dayNumber(lv) < dayNumber(ev)) {
    out.push(problem(lf, 'BH_SURVEILLANCE_DATE_ORDER', { value: lv, other: ef, otherValue: ev }));
  }
}

function checkCount(out: Problem[], field: string, v: number): void {
  if (!Number.isInteger(v)) out.push(problem(field, 'BH_SURVEILLANCE_BAD_INTEGER', { value: v }));
  else if (v < 0) out.push(problem(field, 'BH_SURVEILLANCE_NEGATIVE', { value: v }));
}

function checkText(out: Problem[], field: string, v: string | null, max = TEXT_MAX): void {
  if (v !== null && v.length > max) out.push(problem(field, 'BH_SURVEILLANCE_TEXT_TOO_LONG', { max }));
}

/** Every rule the fields of a case break (empty when the record is valid). */
export function caseProblems(f: CaseFields, rules: CaseRules): Problem[] {
  const out: Problem[] = [];
  if (!rules.isDisease(f.disease)) out.push(problem('disease', 'BH_SURVEILLANCE_UNKNOWN_DISEASE', { value: f.disease, list: rules.country }));
  if (!(CLASSIFICATIONS as readonly string[]).includes(f.classification))
    out.push(problem('classification', 'BH_SURVEILLANCE_BAD_ENUM', { value: f.classification, allowed: CLASSIFICATIONS.join(', ') }));
  if (!(SEXES as readonly string[]).includes(f.sex)) out.push(problem('sex', 'BH_SURVEILLANCE_BAD_ENUM', { value: f.sex, allowed: SEXES.join(', ') }));
  if (!(OUTCOMES as readonly string[]).includes(f.outcome)) out.push(problem('outcome', 'BH_SURVEILLANCE_BAD_ENUM', { value: f.outcome, allowed: OUTCOMES.join(', ') }));

  const t = rules.today;
  const onsetOk = checkDate(out, 'onsetDate', f.onsetDate, t, false);
  const reportOk = checkDate(out, 'reportDate', f.reportDate, t, true);
  const confOk = checkDate(out, 'confirmationDate', f.confirmationDate, t, false);
  if (f.classification === 'confirmed' && f.confirmationDate === null) out.push(problem('confirmationDate', 'BH_SURVEILLANCE_CONFIRMATION_DATE_REQUIRED'));
  if (f.classification !== 'confirmed' && f.confirmationDate !== null) out.push(problem('confirmationDate', 'BH_SURVEILLANCE_CONFIRMATION_DATE_UNEXPECTED'));
  checkOrder(out, ['onsetDate', f.onsetDate, onsetOk], ['reportDate', f.reportDate, reportOk]);
  checkOrder(out, ['onsetDate', f.onsetDate, onsetOk], ['confirmationDate', f.confirmationDate, confOk]);

  if (f.age !== null) {
    if (!Number.isInteger(f.age)) out.push(problem('age', 'BH_SURVEILLANCE_BAD_INTEGER', { value: f.age }));
    else if (f.age < 0 || f.age > MAX_AGE) out.push(problem('age', 'BH_SURVEILLANCE_OUT_OF_RANGE', { value: f.age, min: 0, max: MAX_AGE }));
  }
  if (!rules.isOwnArea(f.residenceArea)) out.push(problem('residenceArea', 'BH_SURVEILLANCE_UNKNOWN_AREA', { value: f.residenceArea }));
  if (!rules.isOwnFacility(f.reportingFacility)) out.push(problem('reportingFacility', 'BH_SURVEILLANCE_UNKNOWN_FACILITY', { value: f.reportingFacility }));

  const ip = f.infectionPlace;
  if (!COUNTRY.test(ip.country)) out.push(problem('infectionPlace.country', 'BH_SURVEILLANCE_BAD_COUNTRY', { value: ip.country }));
  if (ip.area !== null) {
    const c = rules.areaCountry(ip.area);
    if (c === undefined) out.push(problem('infectionPlace.area', 'BH_SURVEILLANCE_UNKNOWN_AREA', { value: ip.area }));
    else if (c !== ip.country) out.push(problem('infectionPlace.area', 'BH_SURVEILLANCE_AREA_COUNTRY', { value: ip.area, country: ip.country }));
  }
  checkText(out, 'infectionPlace.description', ip.description);

  if (f.imported) {
    const im = f.imported;
    if (!COUNTRY.test(im.country)) out.push(problem('imported.country', 'BH_SURVEILLANCE_BAD_COUNTRY', { value: im.country }));
    else if (im.country === rules.country) out.push(problem('imported.country', 'BH_SURVEILLANCE_IMPORTED_FROM_HOME', { value: im.country }));
    if (im.entryGate !== null && !rules.isGate(im.entryGate)) out.push(problem('imported.entryGate', 'BH_SURVEILLANCE_UNKNOWN_GATE', { value: im.entryGate }));
    const entryOk = checkDate(out, 'imported.entryDate', im.entryDate, t, true);
    checkOrder(out, ['imported.entryDate', im.entryDate, entryOk], ['reportDate', f.reportDate, reportOk]);
  }

  checkCount(out, 'contacts.vn', f.contacts.vn);
  checkCount(out, 'contacts.cn', f.contacts.cn);

  if (f.travel.length > MAX_TRAVEL_STOPS) out.push(problem('travel', 'BH_SURVEILLANCE_OUT_OF_RANGE', { value: f.travel.length, min: 0, max: MAX_TRAVEL_STOPS }));
  f.travel.forEach((s, i) => {
    const at = `travel.${i}`;
    if (!s.place.trim()) out.push(problem(`${at}.place`, 'BH_SURVEILLANCE_MISSING_VALUE'));
    checkText(out, `${at}.place`, s.place, 200);
    if (!COUNTRY.test(s.country)) out.push(problem(`${at}.country`, 'BH_SURVEILLANCE_BAD_COUNTRY', { value: s.country }));
    const fromOk = checkDate(out, `${at}.from`, s.from, t, true);
    const toOk = checkDate(out, `${at}.to`, s.to, t, false);
    checkOrder(out, [`${at}.from`, s.from, fromOk], [`${at}.to`, s.to, toOk]);
  });
  return out;
}

/** Every rule an identity breaks, given the case's report date. */
export function identityProblems(i: CaseIdentity, reportDate: string, today: string): Problem[] {
  const out: Problem[] = [];
  if (!i.fullName.trim()) out.push(problem('identity.fullName', 'BH_SURVEILLANCE_MISSING_VALUE'));
  checkText(out, 'identity.fullName', i.fullName, 200);
  checkText(out, 'identity.idType', i.idType, 50);
  checkText(out, 'identity.idNumber', i.idNumber, 50);
  checkText(out, 'identity.phone', i.phone, 50);
  checkText(out, 'identity.address', i.address);
  if (checkDate(out, 'identity.dateOfBirth', i.dateOfBirth, today, false) && isDate(reportDate))
    checkOrder(out, ['identity.dateOfBirth', i.dateOfBirth, true], ['reportDate', reportDate, true]);
  return out;
}

/** The age at onset (or report) from a birth date, for a case reported without an age. */
export function ageFromBirth(dateOfBirth: string, f: Pick<CaseFields, 'onsetDate' | 'reportDate'>): number {
  return Math.max(0, yearsBetween(dateOfBirth, f.onsetDate ?? f.reportDate));
}

/** Raised by the pure rules; the HTTP layer turns it into a localized error. */
export class RuleViolation extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.field}: ${p.code}`).join('; '));
    this.name = 'RuleViolation';
  }
}

/**
 * Reclassifies a case along the state machine, recording who and when. Same classification is no
 * change. A case becoming confirmed needs its confirmation date; the date goes with the state.
 */
export function reclassify(c: Case, to: Classification, confirmationDate: string | null, by: string, at: string): Case {
  if (c.classification === to) return c;
  if (!canReclassify(c.classification, to)) {
    throw new RuleViolation([problem('classification', 'BH_SURVEILLANCE_INVALID_TRANSITION', { from: c.classification, to })]);
  }
  if (to === 'confirmed' && confirmationDate === null) throw new RuleViolation([problem('confirmationDate', 'BH_SURVEILLANCE_CONFIRMATION_DATE_REQUIRED')]);
  return {
    ...c,
    classification: to,
    confirmationDate: to === 'confirmed' ? confirmationDate : null,
    classificationHistory: [...c.classificationHistory, { from: c.classification, to, at, by }],
  };
}

/** Whether an outcome may change to another. */
export function canChangeOutcome(from: Outcome, to: Outcome): boolean {
  return from === to || !FINAL_OUTCOMES.includes(from);
}

/** Invariants every stored case satisfies, whatever sequence of changes produced it. */
export function caseInvariantProblems(c: Case): string[] {
  const out: string[] = [];
  if ((c.classification === 'confirmed') !== (c.confirmationDate !== null)) out.push('confirmation date iff confirmed');
  if (c.classificationHistory.length === 0) out.push('history is empty');
  const h = c.classificationHistory;
  if (h.length && h[0].from !== null) out.push('history does not start with the first classification');
  for (let i = 1; i < h.length; i++) {
    if (h[i].from !== h[i - 1].to) out.push(`history step ${i} does not start where the previous ended`);
    if (!canReclassify(h[i].from!, h[i].to)) out.push(`history step ${i} is not an allowed reclassification`);
    if (h[i].at < h[i - 1].at) out.push(`history step ${i} goes back in time`);
  }
  if (h.length && h[h.length - 1].to !== c.classification) out.push('history does not end at the current classification');
  if (c.ageGroup !== ageGroupOf(c.age)) out.push('age group does not match age');
  if (!Number.isInteger(c.version) || c.version < 1) out.push('version is not a positive integer');
  return out;
}

/** A new case record from its fields (the caller has checked them with {@link caseProblems}). */
export function newCase(id: string, f: CaseFields, by: string, at: string): Case {
  return {
    id,
    ...f,
    ageGroup: ageGroupOf(f.age),
    classificationHistory: [{ from: null, to: f.classification, at, by }],
    version: 1,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
  };
}

/** The editable fields of a case. */
export function fieldsOf(c: Case): CaseFields {
  const out = {} as Record<string, unknown>;
  for (const k of CASE_FIELDS) out[k] = c[k];
  return out as unknown as CaseFields;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Applies a change to a case: a reclassification goes through the state machine, a final outcome
 * stays, and the version goes up by one when anything changed. Answers the fields that changed.
 * The caller checks the resulting fields with {@link caseProblems}.
 */
export function applyCaseChange(before: Case, patch: Partial<CaseFields>, by: string, at: string): { after: Case; changed: (keyof CaseFields)[] } {
  const merged: CaseFields = { ...fieldsOf(before), ...patch };
  const changed = CASE_FIELDS.filter((k) => !same(before[k], merged[k]));
  if (changed.length === 0) return { after: before, changed };
  if (!canChangeOutcome(before.outcome, merged.outcome)) {
    throw new RuleViolation([problem('outcome', 'BH_SURVEILLANCE_OUTCOME_FINAL', { outcome: before.outcome })]);
  }
  const reclassified = reclassify(before, merged.classification, merged.confirmationDate, by, at);
  return {
    after: {
      ...reclassified,
      ...merged,
      confirmationDate: merged.confirmationDate,
      ageGroup: ageGroupOf(merged.age),
      version: before.version + 1,
      updatedAt: at,
      updatedBy: by,
    },
    changed,
  };
}

export { normalizeCaseFields, normalizeIdentity } from './normalize';

// ───────────────────────────── import reports ─────────────────────────────
// What an import job answers (`GET /api/surveillance/imports/:jobId`); here, apart from the jobs'
// I/O, so that the web app can take the types.

export const DATA_KINDS = ['aggregates', 'screening', 'vectors', 'cases'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

/** receiving: reading and checking the upload · writing: one transaction · then an outcome. */
export type JobState = 'receiving' | 'writing' | 'succeeded' | 'rejected' | 'failed';

export interface ImportReport {
  jobId: string;
  kind: DataKind;
  format: 'csv' | 'dhis2';
  state: JobState;
  startedAt: string;
  finishedAt: string | null;
  /** The upload's declared size (Content-Length), if any. */
  totalBytes: number | null;
  processedBytes: number;
  /** Records read (CSV lines after the header, or DHIS2 data values). */
  processedRows: number;
  /** Records that passed every check. */
  validRows: number;
  /** Records written so far in the transaction (visible only once it commits). */
  writtenRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  errorOffset: number;
  /** Bad records: CSV line (the header is line 1), or index in `dataValues`; the message is in the caller's language. */
  errors: { line: number; field: string | null; code: string; message: string }[];
  /** Why a failed job stopped (an interrupted upload, a file too large, a server error). */
  failure: { code: string; message: string } | null;
}
