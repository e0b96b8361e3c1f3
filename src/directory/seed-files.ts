import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DATA_DIR = new URL('./data/', import.meta.url);

/**
 * Reads the records of one of the directory's seed files: an object with provenance fields
 * (version, notes, sources) beside the array of records under `key`.
 */
export function readSeedFile<T>(name: string, key: string): T[] {
  const parsed = JSON.parse(readFileSync(fileURLToPath(new URL(name, DATA_DIR)), 'utf8')) as Record<string, unknown>;
  const records = parsed[key];
  if (!Array.isArray(records)) throw new Error(`seed file ${name} has no array "${key}"`);
  return records as T[];
}
