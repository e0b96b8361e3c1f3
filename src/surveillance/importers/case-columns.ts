/**
 * The CSV columns of case records, as the importer reads them and the exporter writes them. Pure
 * (no imports): the web app's import page shows the same list.
 */

/** Every case column; all are required on import (an export has them all). */
export const CASE_COLUMNS = [
  'id',
  'disease',
  'classification',
  'onset_date',
  'report_date',
  'confirmation_date',
  'age',
  'sex',
  'residence_area',
  'infection_country',
  'infection_area',
  'infection_description',
  'imported',
  'import_country',
  'entry_gate',
  'entry_date',
  'outcome',
  'reporting_facility',
  'contacts_vn',
  'contacts_cn',
  'travel',
] as const;

/** The identity columns: optional; with a name they set the case's identifiers. */
export const IDENTITY_COLUMNS = ['full_name', 'id_type', 'id_number', 'phone', 'address', 'date_of_birth'] as const;

/** The optional columns of a case file: the version an export was made at, and the identity. */
export const CASE_OPTIONAL_COLUMNS = ['version', ...IDENTITY_COLUMNS] as const;
