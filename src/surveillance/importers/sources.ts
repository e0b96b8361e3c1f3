/**
 * Streaming readers of uploaded files: CSV records with their line numbers, and the `dataValues`
 * of a DHIS2 data value set one at a time with their index. Neither holds the file in memory.
 */
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { Parser, type CsvError } from 'csv-parse';
import { SurveillanceError } from '../errors';

/** Counts the bytes that flow through and refuses a stream longer than `max`. */
export class ByteCounter extends Transform {
  bytes = 0;
  constructor(
    private readonly max: number,
    private readonly onBytes: (total: number) => void = () => {},
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.max) return done(new SurveillanceError('BH_SURVEILLANCE_IMPORT_TOO_LARGE', { max: this.max }));
    this.onBytes(this.bytes);
    done(null, chunk);
  }
}

/** A problem found while reading, before any record could be interpreted. */
export interface ReadProblem {
  line: number;
  code: string;
  params: Record<string, unknown>;
}

export type CsvItem = { kind: 'record'; line: number; values: string[] } | { kind: 'problem'; problem: ReadProblem };

interface LinedRecord {
  values: string[];
  /** The parser's line count when the record ended, and its count of skipped empty lines. */
  lines: number;
  empty: number;
}

/**
 * csv-parse's stream, with each record paired with the parser's line counters at the moment it is
 * emitted. (Its `info` option gives the same, but copies the whole info object for every record,
 * which triples the cost of parsing a large file.)
 */
class LinedParser extends Parser {
  override push(record: unknown): boolean {
    if (record === null) return super.push(null);
    const line: LinedRecord = { values: record as string[], lines: this.info.lines, empty: this.info.empty_lines };
    return super.push(line);
  }
}

const isCsvError = (e: unknown): e is CsvError => typeof (e as CsvError | undefined)?.code === 'string' && (e as CsvError).code.startsWith('CSV_');

/** Everything a readable object stream has buffered, as arrays, until it ends. */
async function* buffered<T>(stream: Readable): AsyncGenerator<T[]> {
  let ended = false;
  let failed: { error: unknown } | null = null;
  let signalled = false;
  let wake: (() => void) | null = null;
  const signal = () => {
    signalled = true;
    wake?.();
  };
  const onEnd = () => {
    ended = true;
    signal();
  };
  const onError = (error: unknown) => {
    failed = { error };
    signal();
  };
  stream.on('readable', signal);
  stream.on('end', onEnd);
  stream.on('close', onEnd);
  stream.on('error', onError);
  try {
    for (;;) {
      const batch: T[] = [];
      let x: T | null;
      while ((x = stream.read() as T | null) !== null) batch.push(x);
      if (batch.length) yield batch;
      if (failed) throw (failed as { error: unknown }).error;
      if (ended) return;
      if (!signalled) await new Promise<void>((r) => (wake = r));
      wake = null;
      signalled = false;
    }
  } finally {
    stream.off('readable', signal);
    stream.off('end', onEnd);
    stream.off('close', onEnd);
    stream.off('error', onError);
  }
}

/**
 * CSV records (the header is the first) with the line each starts on, in batches as they stream
 * in. Malformed records (a stray quote, an unclosed quote) come out as problems with their line and
 * reading goes on.
 */
export async function* csvRecords(input: Readable): AsyncGenerator<CsvItem[]> {
  const skipped: ReadProblem[] = [];
  let lastEnd = 0;
  let lastReported = 0;
  const parser = new LinedParser({
    bom: true,
    // Any line ending, even mixed in one file (a header written by one tool, rows by another).
    record_delimiter: ['\r\n', '\n', '\r'],
    trim: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      const line = Number((err as { lines?: number } | undefined)?.lines ?? lastEnd + 1);
      lastEnd = Math.max(lastEnd, line);
      // One report per line is enough: a broken quote makes the parser trip several times.
      if (line === lastReported) return undefined;
      lastReported = line;
      skipped.push({ line, code: 'BH_SURVEILLANCE_IMPORT_MALFORMED_CSV', params: { detail: err?.message ?? 'unreadable record' } });
      return undefined;
    },
  });
  let feedError: unknown;
  const feeding = pipeline(input, parser).catch((e: unknown) => {
    feedError = e;
  });
  let emptyBefore = 0;
  const problems = (): CsvItem[] => skipped.splice(0).map((problem) => ({ kind: 'problem', problem }));
  try {
    for await (const batch of buffered<LinedRecord>(parser)) {
      const out: CsvItem[] = problems();
      for (const r of batch) {
        const line = lastEnd + 1 + (r.empty - emptyBefore);
        emptyBefore = r.empty;
        lastEnd = r.lines;
        out.push({ kind: 'record', line, values: r.values });
      }
      yield out;
    }
  } catch (e) {
    if (!isCsvError(e)) throw e;
    skipped.push({ line: Number((e as { lines?: number }).lines ?? lastEnd + 1), code: 'BH_SURVEILLANCE_IMPORT_MALFORMED_CSV', params: { detail: e.message } });
  }
  await feeding;
  if (feedError !== undefined && !isCsvError(feedError)) throw feedError;
  const rest = problems();
  if (rest.length) yield rest;
}

export type Dhis2Item = { kind: 'value'; index: number; value: unknown } | { kind: 'problem'; problem: ReadProblem };

class JsonSyntax extends Error {}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * The elements of the top-level `dataValues` array of a DHIS2 data value set, as they stream in.
 * Other top-level members (`dataSet`, `period`, `orgUnit`, …) are collected into `header` when
 * they are scalars. An element that is not valid JSON is a problem at its index; a broken
 * structure ends reading with a problem at the index reached.
 */
export async function* dhis2DataValues(input: Readable, header: Record<string, unknown> = {}): AsyncGenerator<Dhis2Item[]> {
  const decoder = new StringDecoder('utf8');
  // States: 0 before '{', 1 before a key or '}', 2 before ':', 3 before a value, 4 in dataValues before an element or ']',
  // 5 capturing a value, 6 after the top-level object.
  let state = 0;
  let key = '';
  let index = 0;
  let sawValues = false;
  let firstChunk = true;
  // Capture of a string (a key) or a value.
  let parts: string[] = [];
  let capturing: 'key' | 'member' | 'element' | null = null;
  let depth = 0;
  let inString = false;
  let escape = false;
  let scalar = false;

  const finishCapture = (): Dhis2Item | undefined => {
    const text = parts.join('');
    parts = [];
    const what = capturing;
    capturing = null;
    if (what === 'key') {
      try {
        key = JSON.parse(text) as string;
      } catch {
        throw new JsonSyntax(`the member name ${text.slice(0, 40)} is not valid JSON`);
      }
      state = 2;
      return undefined;
    }
    if (what === 'member') {
      state = 1;
      try {
        const v = JSON.parse(text) as unknown;
        if (v === null || typeof v !== 'object') header[key] = v;
      } catch {
        throw new JsonSyntax(`the value of "${key}" is not valid JSON`);
      }
      return undefined;
    }
    state = 4;
    const i = index++;
    try {
      return { kind: 'value', index: i, value: JSON.parse(text) as unknown };
    } catch (e) {
      return { kind: 'problem', problem: { line: i, code: 'BH_SURVEILLANCE_IMPORT_MALFORMED_JSON', params: { detail: (e as Error).message } } };
    }
  };

  function* scan(s: string): Generator<Dhis2Item> {
    let i = 0;
    let start = capturing ? 0 : -1;
    const n = s.length;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (capturing) {
        if (inString) {
          if (escape) escape = false;
          else if (c === 0x5c) escape = true;
          else if (c === 0x22) {
            inString = false;
            if (depth === 0 && !scalar) {
              parts.push(s.slice(start, i + 1));
              const item = finishCapture();
              if (item) yield item;
              start = -1;
            }
          }
          i++;
          continue;
        }
        if (scalar) {
          if (c === 0x2c || c === 0x7d || c === 0x5d || WS.has(c)) {
            parts.push(s.slice(start, i));
            const item = finishCapture();
            if (item) yield item;
            start = -1;
            continue; // the delimiter is handled by the structural states
          }
          i++;
          continue;
        }
        if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) {
          depth--;
          if (depth === 0) {
            parts.push(s.slice(start, i + 1));
            const item = finishCapture();
            if (item) yield item;
            start = -1;
          }
        }
        i++;
        continue;
      }
      if (WS.has(c)) {
        i++;
        continue;
      }
      const begin = (what: 'key' | 'member' | 'element') => {
        capturing = what;
        start = i;
        depth = 0;
        inString = false;
        escape = false;
        scalar = false;
        if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) depth = 1;
        else scalar = true;
        i++;
      };
      switch (state) {
        case 0:
          if (c !== 0x7b) throw new JsonSyntax('a DHIS2 data value set is a JSON object ({"dataValues": [...]})');
          state = 1;
          i++;
          break;
        case 1:
          if (c === 0x2c) i++;
          else if (c === 0x7d) {
            state = 6;
            i++;
          } else if (c === 0x22) begin('key');
          else throw new JsonSyntax('expected a member name');
          break;
        case 2:
          if (c !== 0x3a) throw new JsonSyntax(`expected ':' after "${key}"`);
          state = 3;
          i++;
          break;
        case 3:
          if (key === 'dataValues') {
            if (c !== 0x5b) throw new JsonSyntax('dataValues must be an array');
            sawValues = true;
            state = 4;
            i++;
          } else begin('member');
          break;
        case 4:
          if (c === 0x2c) i++;
          else if (c === 0x5d) {
            state = 1;
            i++;
          } else begin('element');
          break;
        case 6:
          throw new JsonSyntax('unexpected text after the data value set');
      }
    }
    if (capturing && start >= 0) parts.push(s.slice(start));
  }

  // On a broken structure reading stops, but the upload is still consumed to its end, so that the
  // answer reaches a client that is still sending.
  let broken: ReadProblem | null = null;
  const guard = function* (text: string): Generator<Dhis2Item> {
    try {
      yield* scan(text);
    } catch (e) {
      if (!(e instanceof JsonSyntax)) throw e;
      broken = { line: index, code: 'BH_SURVEILLANCE_IMPORT_MALFORMED_JSON', params: { detail: e.message } };
    }
  };
  for await (const chunk of input) {
    if (broken) continue;
    let text = decoder.write(chunk as Buffer);
    if (firstChunk && text.length) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      firstChunk = false;
    }
    const batch = [...guard(text)];
    if (batch.length) yield batch;
  }
  const last = broken ? [] : [...guard(decoder.end())];
  if (!broken && capturing === 'element' && scalar) {
    const item = finishCapture();
    if (item) last.push(item);
  }
  if (!broken && state !== 6) broken = { line: index, code: 'BH_SURVEILLANCE_IMPORT_MALFORMED_JSON', params: { detail: 'the file ends before the data value set is complete' } };
  if (broken) last.push({ kind: 'problem', problem: broken });
  else if (!sawValues) last.push({ kind: 'problem', problem: { line: 0, code: 'BH_SURVEILLANCE_IMPORT_MISSING_COLUMN', params: { column: 'dataValues' } } });
  if (last.length) yield last;
}
