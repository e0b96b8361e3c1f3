import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Parses command options strictly; unknown options are an error with a clear message. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  return parseArgs({ args, options, strict: true, allowPositionals: true });
}
