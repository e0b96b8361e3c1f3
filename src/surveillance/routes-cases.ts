/** Case-based reports: create, list, read, change (reclassify, outcome, …) and the audited identity. */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { decide } from '../platform/access';
import { BhError } from '../platform/errors';
import { Paging, responses } from '../platform/http/schemas';
import type { AppContext } from '../platform/http/app';
import { caseScope, legalBasis, visibility } from './access';
import { caseStore } from './case-store';
import { SurveillanceError } from './errors';
import { actorOf, dateRange, plain } from './filters';
import type { Case, CaseFields, CaseIdentity } from './model';
import type { NodeReference } from './reference';
import { CaseChangeSchema, CaseSchema, ClassificationSchema, IdentityResponseSchema, IdentitySchema, NewCaseSchema } from './schemas';
import type { Surveillance } from './service';

const tag = (summary: string, description?: string) => ({ tags: ['surveillance'], summary, ...(description ? { description } : {}) });
const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });
const PURPOSE = 'surveillance';
/** Case ids per audit entry of a list (an entry holds at most 8 KiB). */
const LIST_AUDIT_IDS = 100;

type Body = Static<typeof NewCaseSchema>;

function fieldsFrom(b: Omit<Body, 'id' | 'identity'>): CaseFields {
  return {
    disease: b.disease,
    classification: b.classification,
    onsetDate: b.onsetDate ?? null,
    reportDate: b.reportDate,
    confirmationDate: b.confirmationDate ?? null,
    age: b.age ?? null,
    sex: b.sex,
    residenceArea: b.residenceArea,
    infectionPlace: { country: b.infectionPlace.country, area: b.infectionPlace.area ?? null, description: b.infectionPlace.description ?? null },
    imported: b.imported ? { country: b.imported.country, entryGate: b.imported.entryGate ?? null, entryDate: b.imported.entryDate } : null,
    outcome: b.outcome ?? 'unknown',
    reportingFacility: b.reportingFacility,
    contacts: b.contacts ?? { vn: 0, cn: 0 },
    travel: (b.travel ?? []).map((s) => ({ place: s.place, country: s.country, from: s.from, to: s.to ?? null })),
  };
}

function identityFrom(i: Static<typeof IdentitySchema> | null | undefined): CaseIdentity | null | undefined {
  if (i === undefined || i === null) return i;
  return { fullName: i.fullName, idType: i.idType ?? null, idNumber: i.idNumber ?? null, phone: i.phone ?? null, address: i.address ?? null, dateOfBirth: i.dateOfBirth ?? null };
}

/** Refuses to write a case that would lie outside the caller's jurisdiction. */
function writableBy(req: FastifyRequest, ref: NodeReference) {
  return (after: Case) => {
    if (!decide(req.principal, 'surveillance.case.write', caseScope(ref, after)).allow) {
      throw new SurveillanceError('BH_SURVEILLANCE_OUTSIDE_JURISDICTION', { field: 'residenceArea', value: after.residenceArea });
    }
  };
}

export function caseRoutes(s: Surveillance): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
  return async (app) => {
    const db = s.db;

    app.post(
      '/cases',
      {
        config: { access: 'surveillance.case.write' },
        schema: {
          ...tag('Report a case of a notifiable disease', 'Personal identifiers go in `identity` and are stored apart from the case record.'),
          body: NewCaseSchema,
          response: responses({ 201: CaseSchema }),
        },
      },
      async (req, reply) => {
        const ref = await s.reference();
        const { id, identity, ...rest } = req.body;
        const created = await db.transaction().execute(async (trx) => {
          const c = await s.cases.create(trx, { id, fields: fieldsFrom(rest), identity: identityFrom(identity) }, { actor: actorOf(req), check: writableBy(req, ref) });
          await req.audit(trx, {
            action: 'surveillance.case.created',
            resource: { type: 'case', id: c.id },
            purpose: PURPOSE,
            legalBasis: legalBasis(ref.country),
            detail: { disease: c.disease, classification: c.classification, identity: Boolean(identity) },
          });
          return c;
        });
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/cases',
      {
        config: { access: 'surveillance.case.read' },
        schema: {
          ...tag('Cases within your jurisdiction (audited)'),
          querystring: Type.Object({
            disease: Type.Optional(Type.String({ maxLength: 20 })),
            classification: Type.Optional(ClassificationSchema),
            area: Type.Optional(Type.String({ maxLength: 100, description: 'area of residence, including the areas below it' })),
            from: Type.Optional(Type.String({ description: 'report date from (YYYY-MM-DD)' })),
            to: Type.Optional(Type.String({ description: 'report date to (YYYY-MM-DD)' })),
            imported: Type.Optional(Type.Boolean()),
            ...Paging,
          }),
          response: responses({ 200: Type.Object({ items: Type.Array(CaseSchema), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }) }),
        },
      },
      async (req) => {
        const ref = await s.reference();
        const q = req.query;
        dateRange(q.from, q.to);
        const vis = visibility(ref, req.principal, 'surveillance.case.read');
        const filter = { diseases: q.disease ? [q.disease] : undefined, classification: q.classification, areas: q.area ? ref.areasWithin(q.area) : undefined, from: q.from, to: q.to, imported: q.imported };
        const limit = q.limit ?? 100;
        const offset = q.offset ?? 0;
        const page = await caseStore.list(db, filter, vis, { limit, offset });
        // The query already applies the jurisdiction; the policy function has the last word on each record.
        const items = page.items.filter((c) => decide(req.principal, 'surveillance.case.read', caseScope(ref, c)).allow);
        // Which records were disclosed is part of the audit: their ids, in entries small enough for the log.
        await db.transaction().execute(async (trx) => {
          const parts = Math.max(1, Math.ceil(items.length / LIST_AUDIT_IDS));
          for (let i = 0; i < parts; i++) {
            await req.audit(trx, {
              action: 'surveillance.case.list',
              resource: { type: 'case', id: '*' },
              purpose: PURPOSE,
              legalBasis: legalBasis(ref.country),
              detail: plain({ count: items.length, part: i + 1, parts, filter: { ...filter, areas: q.area ?? null }, ids: items.slice(i * LIST_AUDIT_IDS, (i + 1) * LIST_AUDIT_IDS).map((c) => c.id) }),
            });
          }
        });
        return { items, total: page.total, limit, offset };
      },
    );

    app.get(
      '/cases/:id',
      { config: { access: 'surveillance.case.read' }, schema: { ...tag('One case (audited)'), params: IdParam, response: responses({ 200: CaseSchema }) } },
      async (req) => {
        const ref = await s.reference();
        const c = await caseStore.get(db, req.params.id);
        if (!c) throw new BhError('BH_NOT_FOUND');
        req.authorize(caseScope(ref, c));
        await db.transaction().execute((trx) =>
          req.audit(trx, { action: 'surveillance.case.read', resource: { type: 'case', id: c.id }, purpose: PURPOSE, legalBasis: legalBasis(ref.country) }),
        );
        return c;
      },
    );

    app.patch(
      '/cases/:id',
      {
        config: { access: 'surveillance.case.write' },
        schema: {
          ...tag(
            'Change a case: reclassify, record the outcome, correct fields',
            'Send the `version` you read; a case changed meanwhile answers 409. Reclassification follows suspected → probable → confirmed (or suspected → confirmed), probable → suspected; a confirmed case stays confirmed and needs its confirmationDate. `identity: null` removes the identifiers.',
          ),
          params: IdParam,
          body: CaseChangeSchema,
          response: responses({ 200: CaseSchema }),
        },
      },
      async (req) => {
        const ref = await s.reference();
        const { version, identity, ...patch } = req.body as Static<typeof CaseChangeSchema> & Partial<Body>;
        return db.transaction().execute(async (trx) => {
          const before = await caseStore.get(trx, req.params.id, true);
          if (!before) throw new BhError('BH_NOT_FOUND');
          req.authorize(caseScope(ref, before));
          const change: Partial<CaseFields> = {};
          const full = fieldsFrom({ ...before, ...patch } as Omit<Body, 'id' | 'identity'>);
          for (const k of Object.keys(patch) as (keyof CaseFields)[]) (change as Record<string, unknown>)[k] = full[k];
          const r = await s.cases.update(trx, before, { patch: change, expectedVersion: version, identity: identityFrom(identity) }, { actor: actorOf(req), check: writableBy(req, ref) });
          if (r.changed.length) {
            await req.audit(trx, {
              action: 'surveillance.case.updated',
              resource: { type: 'case', id: before.id },
              purpose: PURPOSE,
              legalBasis: legalBasis(ref.country),
              detail: { changedFields: r.changed, fromVersion: before.version, toVersion: r.after.version, classification: r.after.classification, outcome: r.after.outcome },
            });
          }
          return r.after;
        });
      },
    );

    app.get(
      '/cases/:id/identity',
      {
        config: { access: 'surveillance.case.identity.read' },
        schema: {
          ...tag('The personal identifiers of a case (separate permission, always audited)'),
          params: IdParam,
          querystring: Type.Object({ purpose: Type.Optional(Type.String({ minLength: 1, maxLength: 200, default: 'case-investigation' })) }),
          response: responses({ 200: IdentityResponseSchema }),
        },
      },
      async (req) => {
        const ref = await s.reference();
        const c = await caseStore.get(db, req.params.id);
        if (!c) throw new BhError('BH_NOT_FOUND');
        req.authorize(caseScope(ref, c));
        const identity = await caseStore.identity(db, c.id);
        await db.transaction().execute((trx) =>
          req.audit(trx, {
            action: 'surveillance.case.identity.read',
            resource: { type: 'case', id: c.id },
            purpose: req.query.purpose ?? 'case-investigation',
            legalBasis: legalBasis(ref.country),
            outcome: identity ? 'success' : 'failed',
            detail: { found: Boolean(identity) },
          }),
        );
        if (!identity) throw new BhError('BH_NOT_FOUND');
        return { caseId: c.id, ...identity };
      },
    );
  };
}
