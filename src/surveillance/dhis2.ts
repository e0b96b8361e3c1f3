/**
 * The mapping between surveillance records and DHIS2 data value sets
 * (`{"dataValues": [{"dataElement", "period", "orgUnit", "categoryOptionCombo", "value"}]}`).
 *
 * | kind       | dataElement                         | orgUnit       | period                  | categoryOptionCombo      | value            |
 * | ---------- | ----------------------------------- | ------------- | ----------------------- | ------------------------ | ---------------- |
 * | aggregates | disease code of the node's list     | area code     | `2025W7` or `202502`    | `<ageGroup>_<sex>`       | count            |
 * | screening  | `SCREEN_PEOPLE`, … (see below)      | gate pair id  | day `20250214`          | omitted or `default`     | count            |
 * | vectors    | `VECTOR_HOUSE_INDEX`, … (see below) | area code     | survey day `20250214`   | omitted or `default`     | number / text    |
 *
 * Age groups: `0-4`, `5-14`, `15-24`, `25-44`, `45-64`, `65+`, `unknown`; sexes `male`, `female`,
 * `unknown` (so `25-44_female`, `65+_male`, `unknown_unknown`). Weeks are ISO 8601 weeks; DHIS2
 * writes them without padding (`2025W7`), and `2025W07` is read as well. Values may be JSON
 * strings (as DHIS2 writes them) or numbers.
 *
 * The values of one gate-day (screening) or one survey (vectors) form one record; DHIS2 leaves
 * zeros out, so a screening count missing from the file is 0, and a vector index missing is "not
 * measured". Importing a record replaces the whole record. Top-level `period` and `orgUnit`
 * apply to values that have none when they come before `dataValues`. Values marked `deleted`
 * are refused. Cases are not exchanged as DHIS2 data value sets (they are tracker data in DHIS2).
 */
import { AGE_GROUPS, SEXES, type AgeGroup, type Sex } from './model';
import { isAgeGroup, isSex, type ScreeningCount, type VectorIndex } from './records';

export const SCREENING_ELEMENTS: Record<ScreeningCount, string> = {
  people: 'SCREEN_PEOPLE',
  vehicles: 'SCREEN_VEHICLES',
  consignments: 'SCREEN_CONSIGNMENTS',
  samples: 'SCREEN_SAMPLES',
  symptomatic: 'SCREEN_SYMPTOMATIC',
  referred: 'SCREEN_REFERRED',
  quarantined: 'SCREEN_QUARANTINED',
};

export const VECTOR_ELEMENTS: Record<VectorIndex | 'species', string> = {
  houseIndex: 'VECTOR_HOUSE_INDEX',
  breteauIndex: 'VECTOR_BRETEAU_INDEX',
  containerIndex: 'VECTOR_CONTAINER_INDEX',
  rodentDensity: 'VECTOR_RODENT_DENSITY',
  fleaIndex: 'VECTOR_FLEA_INDEX',
  species: 'VECTOR_SPECIES',
};

/** The category option combination of an age group and a sex. */
export function categoryOptionCombo(ageGroup: AgeGroup, sex: Sex): string {
  return `${ageGroup}_${sex}`;
}

export function parseCategoryOptionCombo(s: string): { ageGroup: AgeGroup; sex: Sex } | undefined {
  const i = s.lastIndexOf('_');
  if (i < 0) return undefined;
  const ageGroup = s.slice(0, i);
  const sex = s.slice(i + 1);
  return isAgeGroup(ageGroup) && isSex(sex) ? { ageGroup, sex } : undefined;
}

/** Every category option combination, for documentation and DHIS2 metadata. */
export const CATEGORY_OPTION_COMBOS = AGE_GROUPS.flatMap((a) => SEXES.map((s) => categoryOptionCombo(a, s)));

/** One DHIS2 data value. */
export interface DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo?: string;
  value: string;
}
