/** Importing vector surveys (CSV `survey_date,area,house_index,…,species`, or DHIS2 with `VECTOR_*` data elements). */
import { areaRecordScope } from '../access';
import { upsertRows, VECTORS, vectorColumns } from '../data-store';
import { VECTOR_ELEMENTS } from '../dhis2';
import { fromDhis2Period } from '../periods';
import { SPECIES_MAX, VECTOR_INDICES, vectorProblems, type VectorIndex, type VectorSurvey } from '../records';
import type { NodeReference } from '../reference';
import { CellReader } from './fields';
import { rowProblem, type ImportContext, type KindImporter, type Located, type RowProblem } from './kind';

type Field = VectorIndex | 'species';

/** CSV column of each field. */
export const VECTOR_COLUMNS: Record<Field, string> = {
  houseIndex: 'house_index',
  breteauIndex: 'breteau_index',
  containerIndex: 'container_index',
  rodentDensity: 'rodent_density',
  fleaIndex: 'flea_index',
  species: 'species',
};

const ownArea = (ref: NodeReference) => (c: string) => ref.ownArea(c) !== undefined;
const ELEMENT_FIELD = new Map(Object.entries(VECTOR_ELEMENTS).map(([f, e]) => [e, f as Field]));

interface Group {
  area: string;
  date: string;
  first: number;
  values: Map<Field, { index: number; value: number | string }>;
}

export const vectorsImporter: KindImporter<VectorSurvey> = {
  kind: 'vectors',
  columns: { required: ['survey_date', 'area'], optional: Object.values(VECTOR_COLUMNS) },
  keyColumns: 'survey_date, area',
  batchSize: 5000,

  fromCsv(cells, ctx) {
    const r = new CellReader(cells);
    const surveyDate = r.date('survey_date', ctx.today);
    const area = r.ref('area', ownArea(ctx.ref), 'BH_SURVEILLANCE_UNKNOWN_AREA');
    const indices = {} as Record<VectorIndex, number | null>;
    for (const k of VECTOR_INDICES) indices[k] = r.number(VECTOR_COLUMNS[k]);
    const species = r.text('species', { max: SPECIES_MAX });
    if (r.problems.length || !surveyDate || !area) return { row: null, problems: r.problems };
    const row: VectorSurvey = { area, surveyDate, ...indices, species };
    const problems = vectorProblems(row).map((p) => ({ ...p, field: VECTOR_COLUMNS[p.field as Field] ?? p.field }));
    return problems.length ? { row: null, problems } : { row, problems: [] };
  },

  dhis2(ctx: ImportContext) {
    const groups = new Map<string, Group>();
    return {
      add(value, index) {
        const r = new CellReader(value);
        if (value.deleted === true) {
          r.problem('deleted', 'BH_SURVEILLANCE_IMPORT_DELETED_VALUE');
          return { problems: r.problems };
        }
        const element = r.raw('dataElement');
        const field = ELEMENT_FIELD.get(element);
        if (!element) r.problem('dataElement', 'BH_SURVEILLANCE_MISSING_VALUE');
        else if (!field) r.problem('dataElement', 'BH_SURVEILLANCE_IMPORT_UNKNOWN_DATA_ELEMENT', { value: element, expected: Object.values(VECTOR_ELEMENTS).join(', ') });
        const raw = r.raw('period');
        const p = raw ? fromDhis2Period(raw) : undefined;
        if (!raw) r.problem('period', 'BH_SURVEILLANCE_MISSING_VALUE');
        else if (!p || p.kind !== 'day') r.problem('period', 'BH_SURVEILLANCE_BAD_PERIOD', { value: raw, expected: '20250214' });
        else if (p.period > ctx.today) r.problem('period', 'BH_SURVEILLANCE_FUTURE_DATE', { value: raw });
        const area = r.ref('orgUnit', ownArea(ctx.ref), 'BH_SURVEILLANCE_UNKNOWN_AREA');
        const combo = r.raw('categoryOptionCombo');
        if (combo && combo !== 'default') r.problem('categoryOptionCombo', 'BH_SURVEILLANCE_IMPORT_BAD_CATEGORY_COMBO', { value: combo });
        const v = field === 'species' ? r.text('value', { required: true, max: SPECIES_MAX }) : r.number('value', { required: true });
        if (r.problems.length || !field || !p || !area || v === null) return { problems: r.problems };
        const key = `${p.period}|${area}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { area, date: p.period, first: index, values: new Map() }));
        const seen = g.values.get(field);
        if (seen) {
          r.problem('dataElement', 'BH_SURVEILLANCE_IMPORT_DUPLICATE_VALUE', { line: seen.index });
          return { problems: r.problems };
        }
        g.values.set(field, { index, value: v });
        return { problems: [] };
      },
      finish() {
        const rows: Located<VectorSurvey>[] = [];
        const problems: RowProblem[] = [];
        for (const g of groups.values()) {
          const row = { area: g.area, surveyDate: g.date, species: (g.values.get('species')?.value as string | undefined) ?? null } as VectorSurvey;
          for (const k of VECTOR_INDICES) row[k] = (g.values.get(k)?.value as number | undefined) ?? null;
          const bad = vectorProblems(row);
          for (const p of bad) problems.push({ ...rowProblem(g.values.get(p.field as Field)?.index ?? g.first, p), field: 'value' });
          if (!bad.length) rows.push({ row, line: g.first });
        }
        return { rows, problems };
      },
    };
  },

  key: (r) => `${r.surveyDate}|${r.area}`,

  place(row, ref) {
    return { scope: areaRecordScope(ref, row.area), field: 'area', value: row.area };
  },

  async write(trx, rows, ctx, affected) {
    const r = await upsertRows(trx, VECTORS, vectorColumns(rows.map((x) => x.row)), ctx.by, ctx.now);
    for (const k of r.changed) {
      affected.areas.add(k.area);
      affected.periods.add(k.survey_date);
    }
    return { inserted: r.inserted, updated: r.updated, problems: [] };
  },
};
