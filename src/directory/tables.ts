import type { Migration } from 'kysely';
import type { Json } from '../platform/store/json';

/** The directory's tables as Kysely sees them. */
export interface DirectoryTables {
  parties: {
    code: string;
    country: string;
    level: string;
    parent: string | null;
    runs_node: boolean;
    serving_party: string;
    names: Json;
    short_names: Json;
    health_authority: Json;
    timezone: string;
  };
  agreements: {
    code: string;
    title: Json;
    parties: Json;
    signed_on: string | null;
    effective_from: string;
    effective_to: string | null;
    term: string | null;
    renewal: Json;
    scopes: Json;
    notes: Json | null;
  };
  areas: {
    code: string;
    party: string;
    parent: string | null;
    level: string;
    names: Json;
    short_names: Json;
    population: number;
    population_year: number;
    border: boolean;
    lat: number | null;
    lon: number | null;
    path: Json;
  };
  facilities: {
    id: string;
    party: string;
    area: string;
    kind: string;
    names: Json;
    address: Json | null;
    lat: number | null;
    lon: number | null;
    capabilities: Json;
  };
  border_gates: {
    id: string;
    vn_area: string;
    cn_area: string;
    data: Json;
  };
  contacts: {
    id: string;
    party: string;
    area: string;
    data: Json;
  };
  users: {
    id: string;
    username: string;
    display_name: string;
    party: string;
    role: string;
    jurisdiction: Json;
    password_hash: string;
    disabled: boolean;
    created_at: Date;
    updated_at: Date;
  };
  agreement_renewals: {
    id: string;
    agreement: string;
    effective_to: string;
    signed_on: string | null;
    reference: string;
    note: Json | null;
    demo: boolean;
    recorded_by: string;
    recorded_at: Date;
  };
}

export const directoryMigrations: Record<string, Migration> = {
  '0200_directory': {
    up: async (db) => {
      const s = db.schema;
      await s
        .createTable('parties')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('parent', 'text')
        .addColumn('runs_node', 'boolean', (c) => c.notNull())
        .addColumn('serving_party', 'text', (c) => c.notNull())
        .addColumn('names', 'jsonb', (c) => c.notNull())
        .addColumn('short_names', 'jsonb', (c) => c.notNull())
        .addColumn('health_authority', 'jsonb', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('agreements')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('title', 'jsonb', (c) => c.notNull())
        .addColumn('parties', 'jsonb', (c) => c.notNull())
        .addColumn('signed_on', 'text')
        .addColumn('effective_from', 'text', (c) => c.notNull())
        .addColumn('effective_to', 'text')
        .addColumn('term', 'text')
        .addColumn('renewal', 'jsonb', (c) => c.notNull())
        .addColumn('scopes', 'jsonb', (c) => c.notNull())
        .addColumn('notes', 'jsonb')
        .execute();
      await s
        .createTable('areas')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('party', 'text', (c) => c.notNull())
        .addColumn('parent', 'text')
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('names', 'jsonb', (c) => c.notNull())
        .addColumn('short_names', 'jsonb', (c) => c.notNull())
        .addColumn('population', 'integer', (c) => c.notNull())
        .addColumn('population_year', 'integer', (c) => c.notNull())
        .addColumn('border', 'boolean', (c) => c.notNull())
        .addColumn('lat', 'double precision')
        .addColumn('lon', 'double precision')
        .addColumn('path', 'jsonb', (c) => c.notNull())
        .execute();
      await s.createIndex('areas_party').on('areas').column('party').execute();
      await s
        .createTable('facilities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('party', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('names', 'jsonb', (c) => c.notNull())
        .addColumn('address', 'jsonb')
        .addColumn('lat', 'double precision')
        .addColumn('lon', 'double precision')
        .addColumn('capabilities', 'jsonb', (c) => c.notNull())
        .execute();
      await s
        .createTable('border_gates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('vn_area', 'text', (c) => c.notNull())
        .addColumn('cn_area', 'text', (c) => c.notNull())
        .addColumn('data', 'jsonb', (c) => c.notNull())
        .execute();
      await s
        .createTable('contacts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('party', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('data', 'jsonb', (c) => c.notNull())
        .execute();
      await s
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('party', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('jurisdiction', 'jsonb', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
  // Numbered after every capability's first migration, not as 0201: nodes that already ran 0500
  // would refuse it, since a new migration must sort after the last one a database executed.
  '0600_directory_agreement_renewals': {
    up: async (db) => {
      await db.schema
        .createTable('agreement_renewals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agreement', 'text', (c) => c.notNull().references('agreements.code'))
        .addColumn('effective_to', 'text', (c) => c.notNull())
        .addColumn('signed_on', 'text')
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('note', 'jsonb')
        .addColumn('demo', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agreement_renewals_agreement').on('agreement_renewals').column('agreement').execute();
    },
  },
};
