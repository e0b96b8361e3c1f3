/**
 * Running an import: read and check the whole upload as it streams in (no database connection
 * held), then — only if every record passed — write all of it in one transaction with batched
 * upserts, audit it, and tell the `onImported` listeners after the commit. Any bad record means
 * nothing is written, and every bad record is reported with its line.
 */
import { finished } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { decide } from '../../platform/access';
import { BhError } from '../../platform/errors';
import type { Db } from '../../platform/store/database';
import { WRITE_ACTION } from '../access';
import type { SurveillanceEvents } from '../events';
import type { ImportJob } from './jobs';
import { Affected, rowProblem, type ImportContext, type KindImporter, type Located, type RowProblem } from './kind';
import { ByteCounter, csvRecords, dhis2DataValues } from './sources';

export interface RunImportOptions<R> {
  db: Db;
  job: ImportJob;
  importer: KindImporter<R>;
  format: 'csv' | 'dhis2';
  input: Readable;
  ctx: ImportContext;
  events: SurveillanceEvents;
  maxBytes: number;
  log: (err: unknown, msg: string) => void;
}

class Rejected extends Error {}

/** CSV/record field names as DHIS2 calls them. */
const DHIS2_FIELD: Record<string, string> = { area: 'orgUnit', gate: 'orgUnit', residence_area: 'orgUnit' };

/** Reads and checks every record; answers the valid ones (none if any record was bad). */
async function readAll<R>(o: RunImportOptions<R>, stream: Readable): Promise<Located<R>[]> {
  const { job, importer, ctx, format } = o;
  const rows: Located<R>[] = [];
  const seen = new Map<string, number>();
  const action = WRITE_ACTION[importer.kind];
  const problems = (line: number, ps: { field: string; code: string; params: Record<string, unknown> }[]) => {
    for (const p of ps) job.errors.push(rowProblem(line, p));
  };

  const accept = (row: R, line: number) => {
    const key = importer.key(row);
    const first = seen.get(key);
    if (first !== undefined) {
      if (format === 'csv') job.error(line, null, 'BH_SURVEILLANCE_IMPORT_DUPLICATE', { line: first, key: importer.keyColumns });
      else job.error(line, 'dataElement', 'BH_SURVEILLANCE_IMPORT_DUPLICATE_VALUE', { line: first });
      return;
    }
    seen.set(key, line);
    const place = importer.place(row, ctx.ref);
    if (!decide(ctx.principal, action, place.scope).allow) {
      const field = format === 'csv' ? place.field : (DHIS2_FIELD[place.field] ?? place.field);
      job.error(line, field, 'BH_SURVEILLANCE_OUTSIDE_JURISDICTION', { field, value: place.value });
      return;
    }
    job.validRows++;
    // Once a record is bad nothing will be written: stop keeping the good ones.
    if (job.errors.length === 0) rows.push({ row, line });
    else rows.length = 0;
  };

  if (format === 'csv') {
    let header: string[] | null = null;
    let readable = false;
    for await (const batch of csvRecords(stream)) {
      for (const item of batch) {
        if (item.kind === 'problem') {
          job.error(item.problem.line, null, item.problem.code, item.problem.params);
          continue;
        }
        if (!header) {
          header = item.values.map((h) => h.trim().toLowerCase());
          readable = checkHeader(header, importer, item.line, job);
          continue;
        }
        job.processedRows++;
        if (!readable) continue;
        if (item.values.length !== header.length) {
          job.error(item.line, null, 'BH_SURVEILLANCE_IMPORT_COLUMN_COUNT', { expected: header.length, actual: item.values.length });
          continue;
        }
        const cells: Record<string, string> = {};
        for (let i = 0; i < header.length; i++) cells[header[i]] = item.values[i];
        const parsed = importer.fromCsv(cells, ctx);
        if (parsed.row) accept(parsed.row, item.line);
        else problems(item.line, parsed.problems);
      }
    }
    if (!header) for (const column of importer.columns.required) job.error(1, column, 'BH_SURVEILLANCE_IMPORT_MISSING_COLUMN', { column });
  } else {
    if (!importer.dhis2) throw new BhError('BH_SURVEILLANCE_IMPORT_NOT_SUPPORTED', { kind: importer.kind, format });
    const top: Record<string, unknown> = {};
    const collector = importer.dhis2(ctx);
    for await (const batch of dhis2DataValues(stream, top)) {
      for (const item of batch) {
        if (item.kind === 'problem') {
          job.error(item.problem.line, item.problem.params.column ? 'dataValues' : null, item.problem.code, item.problem.params);
          continue;
        }
        job.processedRows++;
        const v = item.value;
        if (!v || typeof v !== 'object' || Array.isArray(v)) {
          job.error(item.index, null, 'BH_SURVEILLANCE_IMPORT_MALFORMED_JSON', { detail: 'a data value is a JSON object' });
          continue;
        }
        const value = { period: top.period, orgUnit: top.orgUnit, ...(v as Record<string, unknown>) };
        const r = collector.add(value, item.index);
        if (r.row) accept(r.row, item.index);
        else problems(item.index, r.problems);
      }
    }
    const fin = collector.finish();
    job.errors.push(...fin.problems);
    for (const { row, line } of fin.rows) accept(row, line);
  }
  return job.errors.length ? [] : rows;
}

function checkHeader<R>(header: string[], importer: KindImporter<R>, line: number, job: ImportJob): boolean {
  const known = new Set([...importer.columns.required, ...importer.columns.optional]);
  const before = job.errors.length;
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) job.error(line, h, 'BH_SURVEILLANCE_IMPORT_DUPLICATE_COLUMN', { column: h });
    else if (!known.has(h)) job.error(line, h, 'BH_SURVEILLANCE_IMPORT_UNKNOWN_COLUMN', { column: h });
    seen.add(h);
  }
  for (const c of importer.columns.required) if (!seen.has(c)) job.error(line, c, 'BH_SURVEILLANCE_IMPORT_MISSING_COLUMN', { column: c });
  return job.errors.length === before;
}

/** Runs one import to its end; the job says how it went. Never throws for bad data. */
export async function runImport<R>(o: RunImportOptions<R>): Promise<void> {
  const { job, importer, ctx, input } = o;
  const counter = new ByteCounter(o.maxBytes, (b) => (job.processedBytes = b));
  const aborted = () => counter.destroy(new BhError('BH_SURVEILLANCE_IMPORT_ABORTED'));
  input.on('error', (e) => counter.destroy(e instanceof BhError ? e : new BhError('BH_SURVEILLANCE_IMPORT_ABORTED')));
  input.on('aborted', aborted);
  input.on('close', () => {
    if (!input.readableEnded) aborted();
  });
  input.pipe(counter);
  try {
    let rows: Located<R>[];
    try {
      rows = await readAll(o, counter);
    } finally {
      // Whatever happened (short of an upload too large to read), consume the rest of the upload so
      // that the answer reaches a client that is still sending.
      if (!input.readableEnded && !input.destroyed && counter.bytes <= o.maxBytes) {
        input.unpipe(counter);
        input.resume();
        await finished(input).catch(() => undefined);
      }
    }
    if (job.errors.length) return job.finish('rejected');

    job.state = 'writing';
    const affected = new Affected();
    let inserted = 0;
    let updated = 0;
    try {
      await o.db.transaction().execute(async (trx) => {
        const late: RowProblem[] = [];
        for (let i = 0; i < rows.length; i += importer.batchSize) {
          const batch = rows.slice(i, i + importer.batchSize);
          const out = await importer.write(trx, batch, ctx, affected);
          inserted += out.inserted;
          updated += out.updated;
          late.push(...out.problems);
          job.writtenRows += batch.length;
        }
        if (late.length) {
          job.errors.push(...late);
          throw new Rejected();
        }
        await ctx.audit(trx, {
          action: 'surveillance.import',
          resource: { type: 'import', id: job.id },
          purpose: 'surveillance',
          detail: { kind: job.kind, format: job.format, bytes: job.processedBytes, rows: rows.length, inserted, updated, unchanged: rows.length - inserted - updated },
        });
      });
    } catch (e) {
      if (e instanceof Rejected) {
        job.writtenRows = 0;
        return job.finish('rejected');
      }
      throw e;
    }
    job.inserted = inserted;
    job.updated = updated;
    job.unchanged = rows.length - inserted - updated;
    job.finish('succeeded');
    await o.events.imported(
      {
        party: ctx.ref.party,
        jobId: job.id,
        kind: job.kind,
        format: job.format,
        actor: ctx.actor,
        inserted,
        updated,
        unchanged: job.unchanged,
        affected: affected.toJSON(),
      },
      (err) => o.log(err, 'an onImported listener failed'),
    );
  } catch (e) {
    if (!(e instanceof BhError)) o.log(e, 'import failed');
    job.failure = e instanceof BhError ? e : new BhError('BH_INTERNAL');
    job.writtenRows = 0;
    job.finish('failed');
  }
}
