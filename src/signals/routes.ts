import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BhError } from '../platform/errors';
import { decide, type Principal } from '../platform/access';
import { responses } from '../platform/http/schemas';
import type { AppContext } from '../platform/http/app';
import { NEXT, type Evidence } from './model';
import { kindAllowed, kindsVisibleTo, signalScope } from './access';
import type { Signal, SignalStore, Visibility } from './store';
import type { RunStore } from './runs';
import type { DetectionScheduler } from './scheduler';
import {
  CommentBodySchema,
  CommentSchema,
  RunAcceptedSchema,
  RunSchema,
  RunsPageSchema,
  SignalDetailSchema,
  SignalPageSchema,
  SignalQuerySchema,
  TransitionBodySchema,
} from './schemas';

const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const tag = (summary: string) => ({ tags: ['signals'], summary });

/** What the routes need besides the store: where a facility lies (for clinicians' jurisdiction). */
export interface SignalRouteDeps {
  store: SignalStore;
  runs: RunStore;
  scheduler: DetectionScheduler;
  /** The area path of a facility, or null if unknown. */
  facilityPath(facility: string): Promise<string[] | null>;
}

function summary(e: Evidence): string {
  return typeof e.reason === 'string' ? e.reason : e.kind;
}

/** The signals' HTTP routes. */
export function signalRoutes(deps: SignalRouteDeps): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
  const { store, runs, scheduler } = deps;
  return async (app, { ctx }) => {
    const db = ctx.store.db;

    const facilityPathOf = async (p: Principal | null) =>
      p?.jurisdiction.kind === 'facility' ? ((await deps.facilityPath(p.jurisdiction.facility)) ?? []) : null;

    /** What a caller may see of the signal table. */
    async function visibility(p: Principal): Promise<Visibility> {
      const j = p.jurisdiction;
      const kinds = kindsVisibleTo(p);
      switch (j.kind) {
        case 'party':
          // a party jurisdiction reaches the records of the caller's own party only
          return { party: j.party === p.party ? p.party : '\u0000', kinds };
        case 'area':
          return { party: p.party, area: j.area, kinds };
        case 'gate':
          return { party: p.party, gate: j.gate, kinds };
        case 'facility':
          return { party: p.party, facilityPath: (await facilityPathOf(p)) ?? [], kinds };
      }
    }

    /** Loads a signal the caller may act on with the given action, or answers 404. */
    async function load(req: { principal: Principal | null; authorize: (s: ReturnType<typeof signalScope>, a?: string) => void }, id: string, action: string): Promise<Signal> {
      const s = await store.get(id);
      if (!s || !kindAllowed(req.principal, s.kind)) throw new BhError('BH_NOT_FOUND');
      req.authorize(signalScope({ kind: s.kind, party: s.party, areaPath: s.areaPath, gate: s.gate }, req.principal, await facilityPathOf(req.principal)), action);
      return s;
    }

    async function detail(id: string) {
      const d = await store.detail(id);
      if (!d) throw new BhError('BH_NOT_FOUND');
      return { ...d, next: [...NEXT[d.status]] };
    }

    app.get(
      '/signals',
      {
        config: { access: 'signal.read' },
        schema: { ...tag('Signals within your jurisdiction, newest first'), querystring: SignalQuerySchema, response: responses({ 200: SignalPageSchema }) },
      },
      async (req) => {
        const p = req.principal!;
        const q = req.query;
        const limit = q.limit ?? 100;
        const offset = q.offset ?? 0;
        const page = await store.list(
          { status: q.status, risk: q.risk, disease: q.disease, area: q.area, kind: q.kind, limit, offset },
          await visibility(p),
        );
        // the query applies the jurisdiction; the policy function has the last word on every row
        const fp = await facilityPathOf(p);
        const items = page.items
          .filter((s) => kindAllowed(p, s.kind) && decide(p, 'signal.read', signalScope({ kind: s.kind, party: s.party, areaPath: s.areaPath, gate: s.gate }, p, fp)).allow)
          .map(({ evidence, ...s }) => ({ ...s, summary: summary(evidence) }));
        return { items, total: page.total, limit, offset };
      },
    );

    app.get(
      '/signals/runs',
      {
        config: { access: 'signal.run.read' },
        schema: {
          ...tag('Recent detection runs: when detection last ran and what it found'),
          querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })) }),
          response: responses({ 200: RunsPageSchema }),
        },
      },
      async (req) => ({
        runs: await runs.recent(req.query.limit ?? 20),
        busy: scheduler.busy,
        nextScheduled: scheduler.nextRun()?.toISOString() ?? null,
      }),
    );

    app.post(
      '/signals/runs',
      {
        config: { access: 'signal.run.trigger' },
        schema: {
          ...tag('Run detection now (joins the follow-up run if one is in progress)'),
          querystring: Type.Object({ wait: Type.Optional(Type.Boolean({ default: false, description: 'answer when the run has finished' })) }),
          response: responses({ 200: RunSchema, 202: RunAcceptedSchema }),
        },
      },
      async (req, reply) => {
        await db.transaction().execute((trx) => req.audit(trx, { action: 'signal.run.requested', resource: { type: 'detection-run', id: '*' }, purpose: 'early-warning' }));
        const outcome = scheduler.trigger('manual', req.principal!.userId);
        if (!req.query.wait) return reply.status(202).send({ state: outcome.state });
        const run = await outcome.run;
        if (!run) throw new BhError('BH_INTERNAL');
        return reply.status(200).send(run);
      },
    );

    app.get(
      '/signals/:id',
      {
        config: { access: 'signal.read' },
        schema: { ...tag('One signal with its evidence, history and comments'), params: IdParam, response: responses({ 200: SignalDetailSchema }) },
      },
      async (req) => {
        await load(req, req.params.id, 'signal.read');
        return detail(req.params.id);
      },
    );

    app.post(
      '/signals/:id/transitions',
      {
        config: { access: 'signal.triage' },
        schema: {
          ...tag('Move a signal on: verify, discard, assess risk, respond, close (reason required)'),
          params: IdParam,
          body: TransitionBodySchema,
          response: responses({ 200: SignalDetailSchema }),
        },
      },
      async (req) => {
        const p = req.principal!;
        const s = await load(req, req.params.id, 'signal.triage');
        await db.transaction().execute(async (trx) => {
          const r = await store.transition(trx, s.id, req.body, { id: p.userId, name: p.displayName });
          await req.audit(trx, {
            action: 'signal.transitioned',
            resource: { type: 'signal', id: s.id },
            purpose: 'early-warning',
            detail: { from: r.transition.from, to: r.transition.to, risk: r.transition.risk, reason: r.transition.reason.slice(0, 500) },
          });
        });
        return detail(s.id);
      },
    );

    app.post(
      '/signals/:id/comments',
      {
        config: { access: 'signal.comment' },
        schema: { ...tag('Comment on a signal'), params: IdParam, body: CommentBodySchema, response: responses({ 201: CommentSchema }) },
      },
      async (req, reply) => {
        const p = req.principal!;
        const s = await load(req, req.params.id, 'signal.comment');
        const comment = await db.transaction().execute(async (trx) => {
          const c = await store.addComment(trx, s.id, { id: p.userId, name: p.displayName }, req.body.text);
          await req.audit(trx, { action: 'signal.commented', resource: { type: 'signal', id: s.id }, purpose: 'early-warning', detail: { comment: c.id } });
          return c;
        });
        return reply.status(201).send(comment);
      },
    );
  };
}
