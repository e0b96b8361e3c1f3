import { sql, type Migration } from 'kysely';
import type { Json } from '../platform/store/json';

/** Surveillance tables as Kysely sees them. Dates are `YYYY-MM-DD` text, which sorts as dates do. */
export interface SurveillanceTables {
  surveillance_cases: {
    id: string;
    disease: string;
    classification: string;
    classification_history: Json;
    onset_date: string | null;
    report_date: string;
    confirmation_date: string | null;
    age: number | null;
    age_group: string;
    sex: string;
    residence_area: string;
    infection_place: Json;
    imported: boolean;
    import_country: string | null;
    entry_gate: string | null;
    entry_date: string | null;
    outcome: string;
    reporting_facility: string;
    contacts_vn: number;
    contacts_cn: number;
    travel: Json;
    version: number;
    created_at: Date;
    created_by: string;
    updated_at: Date;
    updated_by: string;
  };
  /** Personal identifiers, apart from the epidemiological record. */
  case_identities: {
    case_id: string;
    full_name: string;
    id_type: string | null;
    id_number: string | null;
    phone: string | null;
    address: string | null;
    date_of_birth: string | null;
    updated_at: Date;
  };
  surveillance_aggregates: {
    period: string;
    period_kind: string;
    area: string;
    disease: string;
    age_group: string;
    sex: string;
    count: number;
    updated_at: Date;
    updated_by: string;
  };
  surveillance_screening: {
    gate: string;
    date: string;
    people: number;
    vehicles: number;
    consignments: number;
    samples: number;
    symptomatic: number;
    referred: number;
    quarantined: number;
    updated_at: Date;
    updated_by: string;
  };
  surveillance_vectors: {
    area: string;
    survey_date: string;
    house_index: number | null;
    breteau_index: number | null;
    container_index: number | null;
    rodent_density: number | null;
    flea_index: number | null;
    species: string | null;
    updated_at: Date;
    updated_by: string;
  };
}

const DATE = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;

export const surveillanceMigrations: Record<string, Migration> = {
  '0300_surveillance_cases': {
    up: async (db) => {
      await db.schema
        .createTable('surveillance_cases')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('disease', 'text', (c) => c.notNull())
        .addColumn('classification', 'text', (c) => c.notNull().check(sql`classification in ('suspected', 'probable', 'confirmed')`))
        .addColumn('classification_history', 'jsonb', (c) => c.notNull())
        .addColumn('onset_date', 'text', (c) => c.check(sql`onset_date ~ ${sql.raw(DATE)}`))
        .addColumn('report_date', 'text', (c) => c.notNull().check(sql`report_date ~ ${sql.raw(DATE)}`))
        .addColumn('confirmation_date', 'text', (c) => c.check(sql`confirmation_date ~ ${sql.raw(DATE)}`))
        .addColumn('age', 'integer', (c) => c.check(sql`age between 0 and 130`))
        .addColumn('age_group', 'text', (c) => c.notNull())
        .addColumn('sex', 'text', (c) => c.notNull().check(sql`sex in ('male', 'female', 'unknown')`))
        .addColumn('residence_area', 'text', (c) => c.notNull())
        .addColumn('infection_place', 'jsonb', (c) => c.notNull())
        .addColumn('imported', 'boolean', (c) => c.notNull())
        .addColumn('import_country', 'text')
        .addColumn('entry_gate', 'text')
        .addColumn('entry_date', 'text', (c) => c.check(sql`entry_date ~ ${sql.raw(DATE)}`))
        .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('under-treatment', 'recovered', 'died', 'unknown')`))
        .addColumn('reporting_facility', 'text', (c) => c.notNull())
        .addColumn('contacts_vn', 'integer', (c) => c.notNull().check(sql`contacts_vn >= 0`))
        .addColumn('contacts_cn', 'integer', (c) => c.notNull().check(sql`contacts_cn >= 0`))
        .addColumn('travel', 'jsonb', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addCheckConstraint('surveillance_cases_confirmation', sql`(classification = 'confirmed') = (confirmation_date is not null)`)
        .addCheckConstraint('surveillance_cases_imported', sql`imported = (import_country is not null and entry_date is not null)`)
        .execute();
      await db.schema.createIndex('surveillance_cases_report_date').on('surveillance_cases').columns(['report_date', 'id']).execute();
      await db.schema.createIndex('surveillance_cases_area').on('surveillance_cases').column('residence_area').execute();
      await db.schema.createIndex('surveillance_cases_disease').on('surveillance_cases').column('disease').execute();
      await db.schema
        .createTable('case_identities')
        .addColumn('case_id', 'uuid', (c) => c.primaryKey().references('surveillance_cases.id').onDelete('cascade'))
        .addColumn('full_name', 'text', (c) => c.notNull())
        .addColumn('id_type', 'text')
        .addColumn('id_number', 'text')
        .addColumn('phone', 'text')
        .addColumn('address', 'text')
        .addColumn('date_of_birth', 'text', (c) => c.check(sql`date_of_birth ~ ${sql.raw(DATE)}`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
  '0301_surveillance_aggregates': {
    up: async (db) => {
      await db.schema
        .createTable('surveillance_aggregates')
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('period_kind', 'text', (c) => c.notNull().check(sql`period_kind in ('week', 'month')`))
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('disease', 'text', (c) => c.notNull())
        .addColumn('age_group', 'text', (c) => c.notNull())
        .addColumn('sex', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull().check(sql`count >= 0`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('surveillance_aggregates_pk', ['period', 'area', 'disease', 'age_group', 'sex'])
        .execute();
      await db.schema
        .createIndex('surveillance_aggregates_series')
        .on('surveillance_aggregates')
        .columns(['period_kind', 'disease', 'area', 'period'])
        .execute();
    },
  },
  '0302_surveillance_screening': {
    up: async (db) => {
      const count = (name: string) => (c: any) => c.notNull().check(sql`${sql.ref(name)} >= 0`);
      await db.schema
        .createTable('surveillance_screening')
        .addColumn('gate', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull().check(sql`date ~ ${sql.raw(DATE)}`))
        .addColumn('people', 'integer', count('people'))
        .addColumn('vehicles', 'integer', count('vehicles'))
        .addColumn('consignments', 'integer', count('consignments'))
        .addColumn('samples', 'integer', count('samples'))
        .addColumn('symptomatic', 'integer', count('symptomatic'))
        .addColumn('referred', 'integer', count('referred'))
        .addColumn('quarantined', 'integer', count('quarantined'))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('surveillance_screening_pk', ['gate', 'date'])
        .addCheckConstraint('surveillance_screening_bounds', sql`symptomatic <= people and quarantined <= people and referred <= symptomatic`)
        .execute();
      await db.schema.createIndex('surveillance_screening_date').on('surveillance_screening').column('date').execute();
    },
  },
  '0303_surveillance_vectors': {
    up: async (db) => {
      await db.schema
        .createTable('surveillance_vectors')
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('survey_date', 'text', (c) => c.notNull().check(sql`survey_date ~ ${sql.raw(DATE)}`))
        .addColumn('house_index', 'double precision')
        .addColumn('breteau_index', 'double precision')
        .addColumn('container_index', 'double precision')
        .addColumn('rodent_density', 'double precision')
        .addColumn('flea_index', 'double precision')
        .addColumn('species', 'text')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('surveillance_vectors_pk', ['area', 'survey_date'])
        .execute();
      await db.schema.createIndex('surveillance_vectors_date').on('surveillance_vectors').column('survey_date').execute();
    },
  },
};
