/**
 * Aggregate counts, gate screening and vector surveys in the database. Writes are batched upserts
 * (one statement per batch, columns sent as arrays and unnested) that leave identical rows alone,
 * so that re-importing the same values changes nothing and reports it.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../platform/store/database';
import type { AgeGroup, Sex } from './model';
import type { AggregateCount, ScreeningDay, VectorSurvey } from './records';
import type { PeriodKind } from './periods';

type PgType = 'text' | 'int' | 'float8';

interface TableSpec {
  table: string;
  key: string[];
  columns: [string, PgType][];
}

export const AGGREGATES: TableSpec = {
  table: 'surveillance_aggregates',
  key: ['period', 'area', 'disease', 'age_group', 'sex'],
  columns: [
    ['period', 'text'],
    ['period_kind', 'text'],
    ['area', 'text'],
    ['disease', 'text'],
    ['age_group', 'text'],
    ['sex', 'text'],
    ['count', 'int'],
  ],
};

export const SCREENING: TableSpec = {
  table: 'surveillance_screening',
  key: ['gate', 'date'],
  columns: [
    ['gate', 'text'],
    ['date', 'text'],
    ['people', 'int'],
    ['vehicles', 'int'],
    ['consignments', 'int'],
    ['samples', 'int'],
    ['symptomatic', 'int'],
    ['referred', 'int'],
    ['quarantined', 'int'],
  ],
};

export const VECTORS: TableSpec = {
  table: 'surveillance_vectors',
  key: ['area', 'survey_date'],
  columns: [
    ['area', 'text'],
    ['survey_date', 'text'],
    ['house_index', 'float8'],
    ['breteau_index', 'float8'],
    ['container_index', 'float8'],
    ['rodent_density', 'float8'],
    ['flea_index', 'float8'],
    ['species', 'text'],
  ],
};

export interface UpsertResult {
  inserted: number;
  updated: number;
  /** The key columns of the rows inserted or updated. */
  changed: Record<string, string>[];
}

/**
 * Inserts or updates many rows in one statement. A row equal to the stored one is not touched
 * (and not counted); the rows must be unique on the key.
 */
export async function upsertRows(trx: Db, spec: TableSpec, columns: Record<string, unknown[]>, by: string, now: Date): Promise<UpsertResult> {
  const n = columns[spec.columns[0][0]].length;
  if (n === 0) return { inserted: 0, updated: 0, changed: [] };
  const names = spec.columns.map(([c]) => c);
  const values = spec.columns.filter(([c]) => !spec.key.includes(c)).map(([c]) => c);
  const ref = (c: string) => sql.ref(c);
  const q = sql<Record<string, string> & { inserted: boolean }>`
    insert into ${sql.table(spec.table)} (${sql.join(names.map(ref))}, updated_at, updated_by)
    select u.*, ${now.toISOString()}::timestamptz, ${by}::text
    from unnest(${sql.join(spec.columns.map(([c, type]) => sql`${columns[c]}::${sql.raw(type)}[]`))}) as u
    on conflict (${sql.join(spec.key.map(ref))}) do update set
      ${sql.join(values.map((c) => sql`${ref(c)} = excluded.${ref(c)}`))}, updated_at = excluded.updated_at, updated_by = excluded.updated_by
    where (${sql.join(values.map((c) => sql`${sql.table(spec.table)}.${ref(c)}`))}) is distinct from (${sql.join(values.map((c) => sql`excluded.${ref(c)}`))})
    returning (xmax = 0) as inserted, ${sql.join(spec.key.map(ref))}`;
  const { rows } = await q.execute(trx);
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted, changed: rows.map(({ inserted: _i, ...k }) => k as Record<string, string>) };
}

/** Column arrays of aggregate counts. */
export function aggregateColumns(rows: readonly AggregateCount[]): Record<string, unknown[]> {
  return {
    period: rows.map((r) => r.period),
    period_kind: rows.map((r) => r.periodKind),
    area: rows.map((r) => r.area),
    disease: rows.map((r) => r.disease),
    age_group: rows.map((r) => r.ageGroup),
    sex: rows.map((r) => r.sex),
    count: rows.map((r) => r.count),
  };
}

export function screeningColumns(rows: readonly ScreeningDay[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [c] of SCREENING.columns) out[c] = rows.map((r) => r[c as keyof ScreeningDay]);
  return out;
}

export function vectorColumns(rows: readonly VectorSurvey[]): Record<string, unknown[]> {
  return {
    area: rows.map((r) => r.area),
    survey_date: rows.map((r) => r.surveyDate),
    house_index: rows.map((r) => r.houseIndex),
    breteau_index: rows.map((r) => r.breteauIndex),
    container_index: rows.map((r) => r.containerIndex),
    rodent_density: rows.map((r) => r.rodentDensity),
    flea_index: rows.map((r) => r.fleaIndex),
    species: rows.map((r) => r.species),
  };
}

/** A filter over aggregate counts. `areas` undefined means every area; an empty list means none. */
export interface AggregateQuery {
  periodKind?: PeriodKind;
  from?: string;
  to?: string;
  areas?: readonly string[];
  diseases?: readonly string[];
}

function where(q: AggregateQuery): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (q.periodKind) parts.push(sql`period_kind = ${q.periodKind}`);
  if (q.from) parts.push(sql`period >= ${q.from}`);
  if (q.to) parts.push(sql`period <= ${q.to}`);
  if (q.areas) parts.push(q.areas.length ? sql`area = any(${[...q.areas]}::text[])` : sql`false`);
  if (q.diseases) parts.push(q.diseases.length ? sql`disease = any(${[...q.diseases]}::text[])` : sql`false`);
  return sql.join(parts, sql` and `);
}

const rowToAggregate = (r: Record<string, unknown>): AggregateCount => ({
  period: r.period as string,
  periodKind: r.period_kind as PeriodKind,
  area: r.area as string,
  disease: r.disease as string,
  ageGroup: r.age_group as AgeGroup,
  sex: r.sex as Sex,
  count: Number(r.count),
});

/** Aggregate counts in key order after a key (for listing and exporting page by page). */
export async function aggregatePage(db: Db, q: AggregateQuery, after: string[] | null, limit: number): Promise<AggregateCount[]> {
  const cond = after ? sql`and (period, area, disease, age_group, sex) > (${sql.join(after)})` : sql``;
  const { rows } = await sql<Record<string, unknown>>`
    select period, period_kind, area, disease, age_group, sex, count from surveillance_aggregates
    where ${where(q)} ${cond}
    order by period, area, disease, age_group, sex limit ${limit}`.execute(db);
  return rows.map(rowToAggregate);
}

export const aggregateKeyOf = (r: AggregateCount) => [r.period, r.area, r.disease, r.ageGroup, r.sex];

/** Summed weekly counts per area × disease × week, in order. */
export async function weeklySums(db: Db, q: AggregateQuery): Promise<{ area: string; disease: string; period: string; n: number }[]> {
  const { rows } = await sql<{ area: string; disease: string; period: string; n: number }>`
    select area, disease, period, sum(count)::int as n from surveillance_aggregates
    where ${where({ ...q, periodKind: 'week' })}
    group by area, disease, period order by area, disease, period`.execute(db);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export type TotalsGrouping = 'area' | 'disease' | 'area-disease';

/** Total counts over a period range, per area, per disease or per both (for maps and tables). */
export async function aggregateTotals(db: Db, q: AggregateQuery, by: TotalsGrouping): Promise<{ area: string | null; disease: string | null; count: number }[]> {
  const groups = by === 'area' ? ['area'] : by === 'disease' ? ['disease'] : ['area', 'disease'];
  const { rows } = await sql<{ area?: string; disease?: string; count: number }>`
    select ${sql.join(groups.map((g) => sql.ref(g)))}, sum(count)::int as count from surveillance_aggregates
    where ${where(q)} group by ${sql.join(groups.map((g) => sql.ref(g)))} order by ${sql.join(groups.map((g) => sql.ref(g)))}`.execute(db);
  return rows.map((r) => ({ area: r.area ?? null, disease: r.disease ?? null, count: Number(r.count) }));
}

/** A filter over screening days. `gates` undefined means every gate; empty means none. */
export interface ScreeningQuery {
  from?: string;
  to?: string;
  gates?: readonly string[];
}

export async function screeningPage(db: Db, q: ScreeningQuery, after: string[] | null, limit: number): Promise<ScreeningDay[]> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (q.from) parts.push(sql`date >= ${q.from}`);
  if (q.to) parts.push(sql`date <= ${q.to}`);
  if (q.gates) parts.push(q.gates.length ? sql`gate = any(${[...q.gates]}::text[])` : sql`false`);
  if (after) parts.push(sql`(date, gate) > (${after[0]}, ${after[1]})`);
  const { rows } = await sql<ScreeningDay>`
    select gate, date, people, vehicles, consignments, samples, symptomatic, referred, quarantined from surveillance_screening
    where ${sql.join(parts, sql` and `)} order by date, gate limit ${limit}`.execute(db);
  return rows;
}

export const screeningKeyOf = (r: ScreeningDay) => [r.date, r.gate];

/** A filter over vector surveys. `areas` undefined means every area; empty means none. */
export interface VectorQuery {
  from?: string;
  to?: string;
  areas?: readonly string[];
}

export async function vectorPage(db: Db, q: VectorQuery, after: string[] | null, limit: number): Promise<VectorSurvey[]> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (q.from) parts.push(sql`survey_date >= ${q.from}`);
  if (q.to) parts.push(sql`survey_date <= ${q.to}`);
  if (q.areas) parts.push(q.areas.length ? sql`area = any(${[...q.areas]}::text[])` : sql`false`);
  if (after) parts.push(sql`(survey_date, area) > (${after[0]}, ${after[1]})`);
  const { rows } = await sql<Record<string, unknown>>`
    select area, survey_date, house_index, breteau_index, container_index, rodent_density, flea_index, species from surveillance_vectors
    where ${sql.join(parts, sql` and `)} order by survey_date, area limit ${limit}`.execute(db);
  const num = (v: unknown) => (v === null ? null : Number(v));
  return rows.map((r) => ({
    area: r.area as string,
    surveyDate: r.survey_date as string,
    houseIndex: num(r.house_index),
    breteauIndex: num(r.breteau_index),
    containerIndex: num(r.container_index),
    rodentDensity: num(r.rodent_density),
    fleaIndex: num(r.flea_index),
    species: (r.species as string | null) ?? null,
  }));
}

export const vectorKeyOf = (r: VectorSurvey) => [r.surveyDate, r.area];
