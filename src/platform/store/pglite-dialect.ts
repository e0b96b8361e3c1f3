import { PGlite } from '@electric-sql/pglite';
import { PostgresDialect, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';

/**
 * Adapts one PGlite instance to the pool interface Kysely's PostgreSQL dialect expects.
 * PGlite is a single session, so the "pool" hands out that one session to one holder at a
 * time: a transaction owns it from BEGIN to COMMIT and nothing interleaves.
 */
class PGlitePool implements PostgresPool {
  #queue: Array<() => void> = [];
  #busy = false;

  constructor(private readonly pg: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    if (this.#busy) await new Promise<void>((resolve) => this.#queue.push(resolve));
    this.#busy = true;
    let released = false;
    const client = {
      query: async (sql: string, parameters: ReadonlyArray<unknown>) => {
        const result = await this.pg.query(sql, parameters as unknown[]);
        return {
          command: command(sql),
          rowCount: result.affectedRows ?? result.rows.length,
          rows: result.rows,
        } as PostgresQueryResult<unknown>;
      },
      release: () => {
        if (released) return;
        released = true;
        const next = this.#queue.shift();
        if (next) next();
        else this.#busy = false;
      },
    };
    return client as unknown as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.pg.close();
  }
}

function command(sql: string): PostgresQueryResult<unknown>['command'] {
  const word = sql.trimStart().slice(0, 8).toUpperCase();
  for (const c of ['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'SELECT'] as const) if (word.startsWith(c)) return c;
  return 'SELECT';
}

/** A Kysely dialect over an embedded PGlite database. */
export function pgliteDialect(pg: PGlite): PostgresDialect {
  return new PostgresDialect({ pool: new PGlitePool(pg) });
}
