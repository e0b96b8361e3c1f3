/**
 * Exports in the import formats (so that export → import changes nothing), streamed page by page:
 * CSV with the importers' columns, or a DHIS2 data value set. Case exports never contain
 * identifiers.
 */
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../platform/store/database';
import type { DataKind } from '../access';
import { caseStore, type CaseFilter } from '../case-store';
import type { Visibility } from '../access';
import { aggregateKeyOf, aggregatePage, screeningKeyOf, screeningPage, vectorKeyOf, vectorPage, type AggregateQuery, type ScreeningQuery, type VectorQuery } from '../data-store';
import { categoryOptionCombo, SCREENING_ELEMENTS, VECTOR_ELEMENTS, type DataValue } from '../dhis2';
import type { Case } from '../model';
import { toDhis2Period } from '../periods';
import { SCREENING_COUNTS, VECTOR_INDICES, type AggregateCount, type ScreeningDay, type VectorSurvey } from '../records';
import { aggregatesImporter } from '../importers/aggregates';
import { screeningImporter } from '../importers/screening';
import { VECTOR_COLUMNS } from '../importers/vectors';
import { CASE_COLUMNS } from '../importers/cases';

export const PAGE = 5000;

/** What to export; the filters already include the caller's jurisdiction. */
export type ExportRequest =
  | { kind: 'aggregates'; query: AggregateQuery }
  | { kind: 'screening'; query: ScreeningQuery }
  | { kind: 'vectors'; query: VectorQuery }
  | { kind: 'cases'; filter: CaseFilter; visibility: Visibility };

export const CSV_COLUMNS: Record<DataKind, readonly string[]> = {
  aggregates: aggregatesImporter.columns.required,
  screening: screeningImporter.columns.required,
  vectors: ['survey_date', 'area', ...Object.values(VECTOR_COLUMNS)],
  cases: [...CASE_COLUMNS, 'version'],
};

function aggregateCells(r: AggregateCount): unknown[] {
  return [r.period, r.area, r.disease, r.ageGroup, r.sex, r.count];
}

function screeningCells(r: ScreeningDay): unknown[] {
  return [r.date, r.gate, ...SCREENING_COUNTS.map((c) => r[c])];
}

function vectorCells(r: VectorSurvey): unknown[] {
  return [r.surveyDate, r.area, ...VECTOR_INDICES.map((k) => r[k] ?? ''), r.species ?? ''];
}

/** A case as a CSV row: the epidemiological record only, with its version. */
export function caseCells(c: Case): unknown[] {
  return [
    c.id,
    c.disease,
    c.classification,
    c.onsetDate ?? '',
    c.reportDate,
    c.confirmationDate ?? '',
    c.age ?? '',
    c.sex,
    c.residenceArea,
    c.infectionPlace.country,
    c.infectionPlace.area ?? '',
    c.infectionPlace.description ?? '',
    c.imported ? 'true' : 'false',
    c.imported?.country ?? '',
    c.imported?.entryGate ?? '',
    c.imported?.entryDate ?? '',
    c.outcome,
    c.reportingFacility,
    c.contacts.vn,
    c.contacts.cn,
    c.travel.length ? JSON.stringify(c.travel) : '',
    c.version,
  ];
}

function aggregateValues(r: AggregateCount): DataValue[] {
  return [{ dataElement: r.disease, period: toDhis2Period(r.period), orgUnit: r.area, categoryOptionCombo: categoryOptionCombo(r.ageGroup, r.sex), value: String(r.count) }];
}

function screeningValues(r: ScreeningDay): DataValue[] {
  return SCREENING_COUNTS.map((c) => ({ dataElement: SCREENING_ELEMENTS[c], period: toDhis2Period(r.date), orgUnit: r.gate, value: String(r[c]) }));
}

function vectorValues(r: VectorSurvey): DataValue[] {
  const out: DataValue[] = [];
  for (const k of VECTOR_INDICES) {
    const v = r[k];
    if (v !== null) out.push({ dataElement: VECTOR_ELEMENTS[k], period: toDhis2Period(r.surveyDate), orgUnit: r.area, value: String(v) });
  }
  if (r.species !== null) out.push({ dataElement: VECTOR_ELEMENTS.species, period: toDhis2Period(r.surveyDate), orgUnit: r.area, value: r.species });
  return out;
}

/** Pages of records in key order. */
async function* pages(db: Db, req: ExportRequest): AsyncGenerator<{ csv: unknown[][]; dhis2: DataValue[] }> {
  let after: string[] | null = null;
  for (;;) {
    switch (req.kind) {
      case 'aggregates': {
        const rows = await aggregatePage(db, req.query, after, PAGE);
        if (!rows.length) return;
        yield { csv: rows.map(aggregateCells), dhis2: rows.flatMap(aggregateValues) };
        if (rows.length < PAGE) return;
        after = aggregateKeyOf(rows[rows.length - 1]);
        break;
      }
      case 'screening': {
        const rows = await screeningPage(db, req.query, after, PAGE);
        if (!rows.length) return;
        yield { csv: rows.map(screeningCells), dhis2: rows.flatMap(screeningValues) };
        if (rows.length < PAGE) return;
        after = screeningKeyOf(rows[rows.length - 1]);
        break;
      }
      case 'vectors': {
        const rows = await vectorPage(db, req.query, after, PAGE);
        if (!rows.length) return;
        yield { csv: rows.map(vectorCells), dhis2: rows.flatMap(vectorValues) };
        if (rows.length < PAGE) return;
        after = vectorKeyOf(rows[rows.length - 1]);
        break;
      }
      case 'cases': {
        const rows = await caseStore.page(db, req.filter, req.visibility, after as [string, string] | null, PAGE);
        if (!rows.length) return;
        yield { csv: rows.map(caseCells), dhis2: [] };
        if (rows.length < PAGE) return;
        const last = rows[rows.length - 1];
        after = [last.reportDate, last.id];
        break;
      }
    }
  }
}

/** The export as text chunks, in CSV or as a DHIS2 data value set. */
export async function* exportChunks(db: Db, req: ExportRequest, format: 'csv' | 'dhis2'): AsyncGenerator<string> {
  if (format === 'csv') {
    yield stringify([CSV_COLUMNS[req.kind] as string[]]);
    for await (const p of pages(db, req)) yield stringify(p.csv as unknown[][]);
    return;
  }
  yield '{"dataValues":[';
  let first = true;
  for await (const p of pages(db, req)) {
    if (!p.dhis2.length) continue;
    yield (first ? '' : ',') + p.dhis2.map((v) => JSON.stringify(v)).join(',');
    first = false;
  }
  yield ']}';
}
