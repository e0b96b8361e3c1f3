/** Importing border-gate screening (CSV `date,gate,people,…`, or DHIS2 with `SCREEN_*` data elements). */
import { gateRecordScope } from '../access';
import { SCREENING, screeningColumns, upsertRows } from '../data-store';
import { SCREENING_ELEMENTS } from '../dhis2';
import { fromDhis2Period } from '../periods';
import { SCREENING_COUNTS, screeningProblems, type ScreeningCount, type ScreeningDay } from '../records';
import type { NodeReference } from '../reference';
import { CellReader } from './fields';
import { rowProblem, type ImportContext, type KindImporter, type Located, type RowProblem } from './kind';

const ownGate = (ref: NodeReference) => (id: string) => ref.ownGate(id) !== undefined;
const ELEMENT_FIELD = new Map(Object.entries(SCREENING_ELEMENTS).map(([f, e]) => [e, f as ScreeningCount]));

interface Group {
  gate: string;
  date: string;
  first: number;
  values: Map<ScreeningCount, { index: number; value: number }>;
}

export const screeningImporter: KindImporter<ScreeningDay> = {
  kind: 'screening',
  columns: { required: ['date', 'gate', ...SCREENING_COUNTS], optional: [] },
  keyColumns: 'date, gate',
  batchSize: 5000,

  fromCsv(cells, ctx) {
    const r = new CellReader(cells);
    const date = r.date('date', ctx.today);
    const gate = r.ref('gate', ownGate(ctx.ref), 'BH_SURVEILLANCE_UNKNOWN_GATE');
    const counts = {} as Record<ScreeningCount, number>;
    for (const c of SCREENING_COUNTS) counts[c] = r.count(c) ?? -1;
    if (r.problems.length || !date || !gate) return { row: null, problems: r.problems };
    const row: ScreeningDay = { gate, date, ...counts };
    const problems = screeningProblems(row);
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
        else if (!field) r.problem('dataElement', 'BH_SURVEILLANCE_IMPORT_UNKNOWN_DATA_ELEMENT', { value: element, expected: Object.values(SCREENING_ELEMENTS).join(', ') });
        const raw = r.raw('period');
        const p = raw ? fromDhis2Period(raw) : undefined;
        if (!raw) r.problem('period', 'BH_SURVEILLANCE_MISSING_VALUE');
        else if (!p || p.kind !== 'day') r.problem('period', 'BH_SURVEILLANCE_BAD_PERIOD', { value: raw, expected: '20250214' });
        else if (p.period > ctx.today) r.problem('period', 'BH_SURVEILLANCE_FUTURE_DATE', { value: raw });
        const gate = r.ref('orgUnit', ownGate(ctx.ref), 'BH_SURVEILLANCE_UNKNOWN_GATE');
        const combo = r.raw('categoryOptionCombo');
        if (combo && combo !== 'default') r.problem('categoryOptionCombo', 'BH_SURVEILLANCE_IMPORT_BAD_CATEGORY_COMBO', { value: combo });
        const count = r.count('value');
        if (r.problems.length || !field || !p || !gate || count === null) return { problems: r.problems };
        const key = `${p.period}|${gate}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { gate, date: p.period, first: index, values: new Map() }));
        const seen = g.values.get(field);
        if (seen) {
          r.problem('dataElement', 'BH_SURVEILLANCE_IMPORT_DUPLICATE_VALUE', { line: seen.index });
          return { problems: r.problems };
        }
        g.values.set(field, { index, value: count });
        return { problems: [] };
      },
      finish() {
        const rows: Located<ScreeningDay>[] = [];
        const problems: RowProblem[] = [];
        for (const g of groups.values()) {
          const row = { gate: g.gate, date: g.date } as ScreeningDay;
          for (const c of SCREENING_COUNTS) row[c] = g.values.get(c)?.value ?? 0;
          const bad = screeningProblems(row);
          for (const p of bad) problems.push({ ...rowProblem(g.values.get(p.field as ScreeningCount)?.index ?? g.first, p), field: 'value' });
          if (!bad.length) rows.push({ row, line: g.first });
        }
        return { rows, problems };
      },
    };
  },

  key: (r) => `${r.date}|${r.gate}`,

  place(row, ref) {
    return { scope: gateRecordScope(ref, row.gate), field: 'gate', value: row.gate };
  },

  async write(trx, rows, ctx, affected) {
    const r = await upsertRows(trx, SCREENING, screeningColumns(rows.map((x) => x.row)), ctx.by, ctx.now);
    for (const k of r.changed) {
      affected.gates.add(k.gate);
      affected.periods.add(k.date);
    }
    return { inserted: r.inserted, updated: r.updated, problems: [] };
  },
};
