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
