/** Importing aggregate counts (CSV `period,area,disease,age_group,sex,count`, or DHIS2). */
import { areaRecordScope } from '../access';
import { AGGREGATES, aggregateColumns, upsertRows } from '../data-store';
import { parseCategoryOptionCombo } from '../dhis2';
import { AGE_GROUPS, SEXES } from '../model';
import { fromDhis2Period, parsePeriod, periodStart } from '../periods';
import { aggregateKey, type AggregateCount } from '../records';
import type { NodeReference } from '../reference';
import { CellReader } from './fields';
import type { ImportContext, KindImporter, Parsed } from './kind';

const ISO_PERIODS = '2025-W07 / 2025-02';
const DHIS2_PERIODS = '2025W7 / 202502';

type Period = ReturnType<typeof parsePeriod>;

// A file has few distinct periods and many rows: each spelling is parsed and dated once.
const seenPeriods = new Map<string, { period: Period; start: string | null }>();

function periodOf(raw: string, dhis2: boolean): { period: Period; start: string | null } {
  const key = `${dhis2 ? 'd' : 'i'}${raw}`;
  let hit = seenPeriods.get(key);
  if (!hit) {
    let period: Period;
    if (dhis2) {
      const p = fromDhis2Period(raw);
      period = p && p.kind !== 'day' ? { kind: p.kind, period: p.period } : undefined;
    } else period = parsePeriod(raw);
    hit = { period, start: period ? periodStart(period.period, period.kind) : null };
    if (seenPeriods.size > 10_000) seenPeriods.clear();
    seenPeriods.set(key, hit);
  }
  return hit;
}

function readPeriod(r: CellReader, field: string, dhis2: boolean, today: string): Period {
  const raw = r.raw(field);
  if (!raw) {
    r.problem(field, 'BH_SURVEILLANCE_MISSING_VALUE');
    return undefined;
  }
  const { period, start } = periodOf(raw, dhis2);
  if (!period) r.problem(field, 'BH_SURVEILLANCE_BAD_PERIOD', { value: raw, expected: dhis2 ? DHIS2_PERIODS : ISO_PERIODS });
  else if (start! > today) r.problem(field, 'BH_SURVEILLANCE_FUTURE_PERIOD', { value: raw });
  return period;
}

const ownArea = (ref: NodeReference) => (c: string) => ref.ownArea(c) !== undefined;

function build(r: CellReader, period: Period, area: string | null, disease: string | null, rest: Omit<AggregateCount, 'period' | 'periodKind' | 'area' | 'disease'> | null): Parsed<AggregateCount> {
  if (r.problems.length || !period || !area || !disease || !rest) return { row: null, problems: r.problems };
  return { row: { period: period.period, periodKind: period.kind, area, disease, ...rest }, problems: [] };
}

export const aggregatesImporter: KindImporter<AggregateCount> = {
  kind: 'aggregates',
  columns: { required: ['period', 'area', 'disease', 'age_group', 'sex', 'count'], optional: [] },
  keyColumns: 'period, area, disease, age_group, sex',
  batchSize: 5000,

  fromCsv(cells, ctx) {
    const r = new CellReader(cells);
    const period = readPeriod(r, 'period', false, ctx.today);
    const area = r.ref('area', ownArea(ctx.ref), 'BH_SURVEILLANCE_UNKNOWN_AREA');
    const disease = r.raw('disease');
    if (!disease) r.problem('disease', 'BH_SURVEILLANCE_MISSING_VALUE');
    else if (!ctx.ref.diseases.has(disease)) r.problem('disease', 'BH_SURVEILLANCE_UNKNOWN_DISEASE', { value: disease, list: ctx.ref.country });
    const ageGroup = r.oneOf('age_group', AGE_GROUPS);
    const sex = r.oneOf('sex', SEXES);
    const count = r.count('count');
    return build(r, period, area, disease, ageGroup && sex && count !== null ? { ageGroup, sex, count } : null);
  },

  dhis2(ctx: ImportContext) {
    return {
      add(value) {
        const r = new CellReader(value);
        if (value.deleted === true) {
          r.problem('deleted', 'BH_SURVEILLANCE_IMPORT_DELETED_VALUE');
          return { problems: r.problems };
        }
        const disease = r.raw('dataElement');
        if (!disease) r.problem('dataElement', 'BH_SURVEILLANCE_MISSING_VALUE');
        else if (!ctx.ref.diseases.has(disease)) r.problem('dataElement', 'BH_SURVEILLANCE_UNKNOWN_DISEASE', { value: disease, list: ctx.ref.country });
        const period = readPeriod(r, 'period', true, ctx.today);
        const area = r.ref('orgUnit', ownArea(ctx.ref), 'BH_SURVEILLANCE_UNKNOWN_AREA');
        const combo = r.raw('categoryOptionCombo');
        const cat = parseCategoryOptionCombo(combo);
        if (!combo) r.problem('categoryOptionCombo', 'BH_SURVEILLANCE_MISSING_VALUE');
        else if (!cat) r.problem('categoryOptionCombo', 'BH_SURVEILLANCE_IMPORT_BAD_CATEGORY_COMBO', { value: combo });
        const count = r.count('value');
        const parsed = build(r, period, area, disease, cat && count !== null ? { ...cat, count } : null);
        return parsed.row ? { row: parsed.row, problems: [] } : { problems: parsed.problems };
      },
      finish: () => ({ rows: [], problems: [] }),
    };
  },

  key: aggregateKey,

  place(row, ref) {
    return { scope: areaRecordScope(ref, row.area), field: 'area', value: row.area };
  },

  async write(trx, rows, ctx, affected) {
    const r = await upsertRows(trx, AGGREGATES, aggregateColumns(rows.map((x) => x.row)), ctx.by, ctx.now);
    for (const k of r.changed) {
      affected.areas.add(k.area);
      affected.diseases.add(k.disease);
      affected.periods.add(k.period);
    }
    return { inserted: r.inserted, updated: r.updated, problems: [] };
  },
};
