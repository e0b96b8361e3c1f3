import { sql, type RawBuilder } from 'kysely';

/** A JSON value as stored in a jsonb column. */
export type Json = unknown;

/**
 * Wraps a value for a jsonb column. Both drivers would otherwise send JS arrays as
 * PostgreSQL arrays, so values always travel as JSON text cast to jsonb.
 */
export function json(value: unknown): RawBuilder<Json> {
  return sql<Json>`${JSON.stringify(value)}::jsonb`;
}

/**
 * A list of values as one JSON parameter, for `column in (…)` with long lists: a parameter per
 * value costs more to encode (notably on PGlite) than the query itself. `type` is the SQL type.
 */
export function jsonList<T extends string | number>(values: readonly T[], type: 'uuid' | 'text' | 'bigint'): RawBuilder<T> {
  return sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)::${sql.raw(type)})`;
}
