/**
 * Surveillance: case-based reports of notifiable diseases (identifiers kept apart), weekly and
 * monthly aggregate counts, border-gate screening and vector surveys; CSV and DHIS2 import and
 * export. Other capabilities use only what this file exports.
 */
import './access';
import './errors';
import { Surveillance, type SurveillanceDeps } from './service';

export { Surveillance, type SurveillanceDeps, type SeriesQuery } from './service';
export { surveillanceMigrations, type SurveillanceTables } from './tables';
export {
  onCaseChanged,
  onImported,
  type CaseChange,
  type CaseChangeListener,
  type ImportCompleted,
  type ImportListener,
} from './events';
export type { CaseService, CaseWriteOptions } from './cases';
export {
  AGE_GROUPS,
  CLASSIFICATIONS,
  OUTCOMES,
  SEXES,
  RECLASSIFICATIONS,
  ageGroupOf,
  canReclassify,
  type AgeGroup,
  type Case,
  type CaseFields,
  type CaseIdentity,
  type Classification,
  type ImportInfo,
  type InfectionPlace,
  type Outcome,
  type Sex,
  type TravelStop,
} from './model';
export type { AggregateCount, ScreeningDay, VectorSurvey, WeeklySeries } from './records';
export { DATA_KINDS, type DataKind } from './access';
export { isoWeekOf, addWeeks, weeksBetween, weekStart } from './periods';
export type { ImportReport, JobState } from './importers/jobs';

/** Creates a node's surveillance capability; `surveillance.module` is its HTTP module. */
export function createSurveillance(deps: SurveillanceDeps): Surveillance {
  return new Surveillance(deps);
}
