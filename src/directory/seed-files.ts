import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Value } from '@sinclair/typebox/value';
import { seedFileSchemas, type SeedFileName } from './seed-schema';

const DATA_DIR = new URL('./data/', import.meta.url);

/**
 * Reads the records of one of the directory's seed files: an object with provenance fields
 * (version, notes, sources) beside the array of records under `key`. A file that does not match
 * its schema (say, a free-text field a user sees given in one language only) is refused.
 */
export function readSeedFile<T>(name: SeedFileName, key: string): T[] {
  const parsed = JSON.parse(readFileSync(fileURLToPath(new URL(name, DATA_DIR)), 'utf8')) as Record<string, unknown>;
  const errors = [...Value.Errors(seedFileSchemas[name], parsed)].slice(0, 5).map((e) => `${e.path || '/'}: ${e.message}`);
  if (errors.length) throw new Error(`seed file ${name} does not match its schema:\n- ${errors.join('\n- ')}`);
  const records = parsed[key];
  if (!Array.isArray(records)) throw new Error(`seed file ${name} has no array "${key}"`);
  return records as T[];
}
