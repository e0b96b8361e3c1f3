/** File import (CSV or DHIS2, streamed, all-or-nothing, with a job to follow) and export. */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { decide } from '../platform/access';
import { BhError } from '../platform/errors';
import { responses } from '../platform/http/schemas';
import type { AppContext } from '../platform/http/app';
import { legalBasis, READ_ACTION, visibility, WRITE_ACTION, type DataKind } from './access';
import { actorName } from './cases';
import { exportChunks, type ExportRequest } from './exporters';
import { actorOf, areaFilter, dateRange, gateFilter, periodRange, plain } from './filters';
import { aggregatesImporter } from './importers/aggregates';
import { casesImporter } from './importers/cases';
import type { KindImporter } from './importers/kind';
import { runImport } from './importers/run';
import { screeningImporter } from './importers/screening';
import { vectorsImporter } from './importers/vectors';
import { ClassificationSchema, FormatSchema, ImportReportSchema, KindSchema } from './schemas';
import type { Surveillance } from './service';

const tag = (summary: string, description?: string) => ({ tags: ['surveillance'], summary, ...(description ? { description } : {}) });
const Codes = Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 200 }));

export const IMPORTERS: Record<DataKind, KindImporter<any>> = {
  aggregates: aggregatesImporter,
  screening: screeningImporter,
  vectors: vectorsImporter,
  cases: casesImporter,
};

const IMPORT_DOC = `The file is the request body (any content type), read as it streams in. CSV: a header line, then one record per line
(aggregates: period,area,disease,age_group,sex,count · screening: date,gate,people,vehicles,consignments,samples,symptomatic,referred,quarantined ·
vectors: survey_date,area,house_index,breteau_index,container_index,rodent_density,flea_index,species · cases: as an export writes them, with
optional identity columns full_name,id_type,id_number,phone,address,date_of_birth). DHIS2: a data value set
{"dataValues":[{dataElement, period, orgUnit, categoryOptionCombo, value}]} — aggregates: dataElement = disease code, period 2025W7 or 202502,
orgUnit = area, categoryOptionCombo = <ageGroup>_<sex>; screening: dataElement SCREEN_PEOPLE…SCREEN_QUARANTINED, orgUnit = gate pair id, period
20250214; vectors: VECTOR_HOUSE_INDEX, VECTOR_BRETEAU_INDEX, VECTOR_CONTAINER_INDEX, VECTOR_RODENT_DENSITY, VECTOR_FLEA_INDEX, VECTOR_SPECIES,
orgUnit = area, period = survey day. All or nothing: one bad record and nothing is written; every bad record is reported with its CSV line (header
= line 1) or dataValues index, in the caller's language. Answers the final report (200 written, 422 rejected). Pass your own jobId to follow the
progress with GET /surveillance/imports/{jobId} while the upload runs.`;

export function fileRoutes(s: Surveillance): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
  return async (app) => {
    // The import route takes the body as a stream, whatever its type, with no size limit of the
    // JSON parser: this context replaces the parsers for its routes only.
    await app.register(async (scope) => {
      const raw = scope.withTypeProvider<TypeBoxTypeProvider>();
      raw.removeAllContentTypeParsers();
      raw.addContentTypeParser('*', (_req, payload, done) => done(null, payload));

      raw.post(
        '/surveillance/imports',
        {
          config: { access: 'surveillance.import' },
          bodyLimit: s.maxImportBytes,
          schema: {
            ...tag('Import a CSV or DHIS2 file of aggregates, screening, vector surveys or cases', IMPORT_DOC),
            querystring: Type.Object({ kind: KindSchema, format: FormatSchema, jobId: Type.Optional(Type.String({ format: 'uuid' })) }),
            response: responses({ 200: ImportReportSchema, 422: ImportReportSchema }),
          },
        },
        async (req, reply) => {
          const { kind, format } = req.query;
          if (!decide(req.principal, WRITE_ACTION[kind]).allow) throw new BhError('BH_FORBIDDEN');
          const importer = IMPORTERS[kind];
          if (format === 'dhis2' && !importer.dhis2) throw new BhError('BH_SURVEILLANCE_IMPORT_NOT_SUPPORTED', { kind, format });
          const principal = req.principal!;
          const ref = await s.reference();
          const length = Number(req.headers['content-length']);
          const job = s.jobs.start(req.query.jobId ?? randomUUID(), principal.userId, kind, format, Number.isFinite(length) ? length : null);
          const actor = actorOf(req);
          const now = s.clock();
          await runImport({
            db: s.db,
            job,
            importer,
            format,
            input: (req.body as Readable | undefined) ?? req.raw,
            events: s.events,
            maxBytes: s.maxImportBytes,
            log: (err, msg) => req.log.error({ err }, msg),
            ctx: { ref, today: ref.today(now), principal, jobId: job.id, actor, by: actorName(actor), now, audit: (trx, e) => req.audit(trx, e), cases: s.cases },
          });
          if (job.state === 'failed') throw job.failure!;
          return reply.status(job.state === 'succeeded' ? 200 : 422).send(job.report(req.locale));
        },
      );
    });

    app.get(
      '/surveillance/imports/:jobId',
      {
        config: { access: 'surveillance.import' },
        schema: {
          ...tag('Progress and outcome of one of your imports; errors page by page'),
          params: Type.Object({ jobId: Type.String({ format: 'uuid' }) }),
          querystring: Type.Object({
            errorOffset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
            errorLimit: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, default: 1000 })),
          }),
          response: responses({ 200: ImportReportSchema }),
        },
      },
      async (req) => {
        const job = s.jobs.get(req.params.jobId, req.principal!.userId);
        if (!job) throw new BhError('BH_NOT_FOUND');
        return job.report(req.locale, req.query.errorOffset ?? 0, req.query.errorLimit ?? 1000);
      },
    );

    app.get(
      '/surveillance/export',
      {
        config: { access: 'surveillance.export' },
        schema: {
          ...tag('Export within your jurisdiction, as CSV or a DHIS2 data value set (importing the export changes nothing)', 'Case exports carry no personal identifiers and are audited.'),
          querystring: Type.Object({
            kind: KindSchema,
            format: FormatSchema,
            from: Type.Optional(Type.String({ description: 'period (aggregates) or date (others; report date for cases)' })),
            to: Type.Optional(Type.String()),
            periodKind: Type.Optional(Type.Union([Type.Literal('week'), Type.Literal('month')])),
            area: Codes,
            disease: Codes,
            gate: Codes,
            classification: Type.Optional(ClassificationSchema),
            imported: Type.Optional(Type.Boolean()),
          }),
        },
      },
      async (req, reply) => {
        const q = req.query;
        if (!decide(req.principal, READ_ACTION[q.kind]).allow) throw new BhError('BH_FORBIDDEN');
        if (q.kind === 'cases' && q.format === 'dhis2') throw new BhError('BH_SURVEILLANCE_IMPORT_NOT_SUPPORTED', { kind: q.kind, format: q.format });
        const ref = await s.reference();
        const vis = visibility(ref, req.principal, READ_ACTION[q.kind]);
        let request: ExportRequest;
        if (q.kind === 'aggregates') {
          const periodKind = periodRange(q.from, q.to, q.periodKind);
          request = { kind: 'aggregates', query: { periodKind, from: q.from, to: q.to, areas: areaFilter(ref, vis, q.area), diseases: q.disease } };
        } else if (q.kind === 'screening') {
          dateRange(q.from, q.to);
          request = { kind: 'screening', query: { from: q.from, to: q.to, gates: gateFilter(vis, q.gate) } };
        } else if (q.kind === 'vectors') {
          dateRange(q.from, q.to);
          request = { kind: 'vectors', query: { from: q.from, to: q.to, areas: areaFilter(ref, vis, q.area) } };
        } else {
          dateRange(q.from, q.to);
          const areas = q.area?.length ? [...new Set(q.area.flatMap((a) => ref.areasWithin(a)))] : undefined;
          const filter = { diseases: q.disease, classification: q.classification, areas, from: q.from, to: q.to, imported: q.imported };
          request = { kind: 'cases', filter, visibility: vis };
          // Audited before a byte leaves: if the audit cannot be written, nothing is exported.
          await s.db.transaction().execute((trx) =>
            req.audit(trx, {
              action: 'surveillance.case.export',
              resource: { type: 'case', id: '*' },
              purpose: 'surveillance',
              legalBasis: legalBasis(ref.country),
              detail: plain({ format: q.format, filter: { ...filter, areas: q.area ?? null }, jurisdiction: vis.kind }),
            }),
          );
        }
        const chunks = exportChunks(s.db, request, q.format);
        const name = `${q.kind}-${ref.party}-${ref.today(s.clock())}.${q.format === 'csv' ? 'csv' : 'json'}`;
        return reply
          .header('content-type', q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(Readable.from(chunks));
      },
    );
  };
}
