/** Aggregate counts (list, weekly series, totals), gate screening and vector surveys. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { responses } from '../platform/http/schemas';
import type { AppContext } from '../platform/http/app';
import { areaRecordScope, gateRecordScope, visibility } from './access';
import { aggregateKeyOf, aggregatePage, SCREENING, screeningColumns, screeningKeyOf, screeningPage, upsertRows, vectorColumns, vectorKeyOf, vectorPage, VECTORS } from './data-store';
import { problemsError, SurveillanceError } from './errors';
import { actorOf, areaFilter, badCursor, dateRange, gateFilter, periodRange, weekRange } from './filters';
import { actorName } from './cases';
import { isDate } from './periods';
import { screeningProblems, vectorProblems, type ScreeningDay, type VectorSurvey } from './records';
import { AggregateSchema, CursorQuery, decodeCursor, encodeCursor, pageOf, ScreeningSchema, VectorResponseSchema, VectorSchema, WeeklySeriesSchema } from './schemas';
import type { Surveillance } from './service';

const tag = (summary: string, description?: string) => ({ tags: ['surveillance'], summary, ...(description ? { description } : {}) });
const Codes = Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 200 }));
const Result = Type.Union([Type.Literal('inserted'), Type.Literal('updated'), Type.Literal('unchanged')]);

function cursor(after: string | undefined): string[] | null {
  const c = decodeCursor(after);
  if (after && !c) throw badCursor();
  return c;
}

function checkDay(field: string, value: string, today: string): void {
  if (!isDate(value)) throw new SurveillanceError('BH_SURVEILLANCE_BAD_DATE', { field, value });
  if (value > today) throw new SurveillanceError('BH_SURVEILLANCE_FUTURE_DATE', { field, value });
}

const resultOf = (r: { inserted: number; updated: number }) => (r.inserted ? 'inserted' : r.updated ? 'updated' : 'unchanged') as 'inserted' | 'updated' | 'unchanged';

export function dataRoutes(s: Surveillance): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
  return async (app) => {
    const db = s.db;

    app.get(
      '/surveillance/aggregates',
      {
        config: { access: 'surveillance.data.read' },
        schema: {
          ...tag('Aggregate counts per period × area × disease × age group × sex, page by page'),
          querystring: Type.Object({
            periodKind: Type.Optional(Type.Union([Type.Literal('week'), Type.Literal('month')])),
            from: Type.Optional(Type.String({ description: 'first period, 2025-W01 or 2025-01' })),
            to: Type.Optional(Type.String()),
            area: Codes,
            disease: Codes,
            ...CursorQuery,
          }),
          response: responses({ 200: pageOf(AggregateSchema) }),
        },
      },
      async (req) => {
        const q = req.query;
        const ref = await s.reference();
        const periodKind = periodRange(q.from, q.to, q.periodKind);
        const areas = areaFilter(ref, visibility(ref, req.principal, 'surveillance.data.read'), q.area);
        const limit = q.limit ?? 500;
        const items = await aggregatePage(db, { periodKind, from: q.from, to: q.to, areas, diseases: q.disease }, cursor(q.after), limit);
        return { items, next: items.length === limit ? encodeCursor(aggregateKeyOf(items[items.length - 1])) : null };
      },
    );

    app.get(
      '/surveillance/series/weekly',
      {
        config: { access: 'surveillance.data.read' },
        schema: {
          ...tag('Weekly series per area × disease (summed over age and sex, missing weeks 0): the input of outbreak detection'),
          querystring: Type.Object({
            area: Codes,
            disease: Codes,
            from: Type.Optional(Type.String({ description: 'ISO week, e.g. 2025-W01' })),
            to: Type.Optional(Type.String()),
          }),
          response: responses({ 200: WeeklySeriesSchema }),
        },
      },
      async (req) => {
        const q = req.query;
        weekRange(q.from, q.to);
        const ref = await s.reference();
        const areas = areaFilter(ref, visibility(ref, req.principal, 'surveillance.data.read'), q.area);
        return s.weeklySeries({ areas, diseases: q.disease, from: q.from, to: q.to });
      },
    );

    app.get(
      '/surveillance/totals',
      {
        config: { access: 'surveillance.data.read' },
        schema: {
          ...tag('Total counts per area, per disease or per both over a period range (for maps), with area populations'),
          querystring: Type.Object({
            periodKind: Type.Union([Type.Literal('week'), Type.Literal('month')]),
            from: Type.Optional(Type.String()),
            to: Type.Optional(Type.String()),
            area: Codes,
            disease: Codes,
            by: Type.Optional(Type.Union([Type.Literal('area'), Type.Literal('disease'), Type.Literal('area-disease')], { default: 'area' })),
          }),
          response: responses({
            200: Type.Array(
              Type.Object({ area: Type.Union([Type.String(), Type.Null()]), disease: Type.Union([Type.String(), Type.Null()]), count: Type.Integer(), population: Type.Union([Type.Integer(), Type.Null()]) }),
            ),
          }),
        },
      },
      async (req) => {
        const q = req.query;
        periodRange(q.from, q.to, q.periodKind);
        const ref = await s.reference();
        const areas = areaFilter(ref, visibility(ref, req.principal, 'surveillance.data.read'), q.area);
        return s.totals({ periodKind: q.periodKind, from: q.from, to: q.to, areas, diseases: q.disease }, q.by ?? 'area');
      },
    );

    app.put(
      '/surveillance/screening',
      {
        config: { access: 'surveillance.screening.write' },
        schema: {
          ...tag('Record (or correct) one day of screening at a border gate', 'symptomatic ≤ people, quarantined ≤ people, referred ≤ symptomatic.'),
          body: ScreeningSchema,
          response: responses({ 200: Type.Composite([ScreeningSchema, Type.Object({ result: Result })]) }),
        },
      },
      async (req) => {
        const ref = await s.reference();
        const day: ScreeningDay = { ...req.body, gate: req.body.gate.trim() };
        if (!ref.ownGate(day.gate)) throw new SurveillanceError('BH_SURVEILLANCE_UNKNOWN_GATE', { field: 'gate', value: day.gate });
        req.authorize(gateRecordScope(ref, day.gate));
        checkDay('date', day.date, ref.today(s.clock()));
        const problems = screeningProblems(day);
        if (problems.length) throw problemsError(problems);
        const r = await db.transaction().execute((trx) => upsertRows(trx, SCREENING, screeningColumns([day]), actorName(actorOf(req)), s.clock()));
        return { ...day, result: resultOf(r) };
      },
    );

    app.get(
      '/surveillance/screening',
      {
        config: { access: 'surveillance.data.read' },
        schema: {
          ...tag('Daily screening at the border gates within your jurisdiction'),
          querystring: Type.Object({ from: Type.Optional(Type.String()), to: Type.Optional(Type.String()), gate: Codes, ...CursorQuery }),
          response: responses({ 200: pageOf(ScreeningSchema) }),
        },
      },
      async (req) => {
        const q = req.query;
        dateRange(q.from, q.to);
        const ref = await s.reference();
        const gates = gateFilter(visibility(ref, req.principal, 'surveillance.data.read'), q.gate);
        const limit = q.limit ?? 500;
        const items = await screeningPage(db, { from: q.from, to: q.to, gates }, cursor(q.after), limit);
        return { items, next: items.length === limit ? encodeCursor(screeningKeyOf(items[items.length - 1])) : null };
      },
    );

    app.put(
      '/surveillance/vectors',
      {
        config: { access: 'surveillance.vector.write' },
        schema: {
          ...tag(
            'Record (or correct) a vector survey of an area',
            'Aedes larval indices (house index %, Breteau index, container index %) and plague indices (rodent density %, flea index); an index not measured is null.',
          ),
          body: VectorSchema,
          response: responses({ 200: Type.Composite([VectorResponseSchema, Type.Object({ result: Result })]) }),
        },
      },
      async (req) => {
        const ref = await s.reference();
        const b = req.body;
        const survey: VectorSurvey = {
          area: b.area.trim(),
          surveyDate: b.surveyDate,
          houseIndex: b.houseIndex ?? null,
          breteauIndex: b.breteauIndex ?? null,
          containerIndex: b.containerIndex ?? null,
          rodentDensity: b.rodentDensity ?? null,
          fleaIndex: b.fleaIndex ?? null,
          species: b.species?.trim() || null,
        };
        if (!ref.ownArea(survey.area)) throw new SurveillanceError('BH_SURVEILLANCE_UNKNOWN_AREA', { field: 'area', value: survey.area });
        req.authorize(areaRecordScope(ref, survey.area));
        checkDay('surveyDate', survey.surveyDate, ref.today(s.clock()));
        const problems = vectorProblems(survey);
        if (problems.length) throw problemsError(problems);
        const r = await db.transaction().execute((trx) => upsertRows(trx, VECTORS, vectorColumns([survey]), actorName(actorOf(req)), s.clock()));
        return { ...survey, result: resultOf(r) };
      },
    );

    app.get(
      '/surveillance/vectors',
      {
        config: { access: 'surveillance.data.read' },
        schema: {
          ...tag('Vector surveys in the areas within your jurisdiction'),
          querystring: Type.Object({ from: Type.Optional(Type.String()), to: Type.Optional(Type.String()), area: Codes, ...CursorQuery }),
          response: responses({ 200: pageOf(VectorResponseSchema) }),
        },
      },
      async (req) => {
        const q = req.query;
        dateRange(q.from, q.to);
        const ref = await s.reference();
        const areas = areaFilter(ref, visibility(ref, req.principal, 'surveillance.data.read'), q.area);
        const limit = q.limit ?? 500;
        const items = await vectorPage(db, { from: q.from, to: q.to, areas }, cursor(q.after), limit);
        return { items, next: items.length === limit ? encodeCursor(vectorKeyOf(items[items.length - 1])) : null };
      },
    );
  };
}
