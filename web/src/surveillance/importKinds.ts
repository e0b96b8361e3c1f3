import type { DataKind } from '../api/surveillance';
import { listOf } from '../api/lists';
import type { Capability } from '../auth/session';
import { CASE_COLUMNS, CASE_OPTIONAL_COLUMNS } from '../../../src/surveillance/importers/case-columns';

/** The kinds of data a node imports and exports, in the order the page lists them. */
export const DATA_KINDS = listOf<DataKind>()(['aggregates', 'screening', 'vectors', 'cases']);

/** The CSV columns of each kind, as the node reads them (the header is line 1). */
export const CSV_COLUMNS: Record<DataKind, { required: readonly string[]; optional: readonly string[] }> = {
  aggregates: { required: ['period', 'area', 'disease', 'age_group', 'sex', 'count'], optional: [] },
  screening: { required: ['date', 'gate', 'people', 'vehicles', 'consignments', 'samples', 'symptomatic', 'referred', 'quarantined'], optional: [] },
  vectors: { required: ['survey_date', 'area'], optional: ['house_index', 'breteau_index', 'container_index', 'rodent_density', 'flea_index', 'species'] },
  cases: { required: CASE_COLUMNS, optional: CASE_OPTIONAL_COLUMNS },
};

/** What each kind needs to be written, besides the right to upload. */
export const WRITE_CAPABILITY: Record<DataKind, Capability> = { aggregates: 'writeAggregates', screening: 'writeScreening', vectors: 'writeVectors', cases: 'caseWrite' };
/** What each kind needs to be exported. */
export const READ_CAPABILITY: Record<DataKind, Capability> = { aggregates: 'surveillanceData', screening: 'surveillanceData', vectors: 'surveillanceData', cases: 'cases' };
