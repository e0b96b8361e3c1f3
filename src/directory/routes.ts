import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BhError } from '../platform/errors';
import { covers, decide, type Jurisdiction, type Principal } from '../platform/access';
import { hashPassword } from '../platform/http/auth';
import { responses } from '../platform/http/schemas';
import type { AppContext } from '../platform/http/app';
import type { DirectoryStore } from './store';
import { agreementStatus, type Agreement } from './model';
import { areaScope, jurisdictionScope } from './access';
import { recordRenewal } from './renewals';
import './errors';
import {
  AgreementSchema,
  AreaSchema,
  ContactSchema,
  FacilitySchema,
  GateSchema,
  NewRenewalSchema,
  NewUserSchema,
  PartySchema,
  UserChangeSchema,
  UserSchema,
} from './schemas';

const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
const CodeParam = Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }) });
const tag = (summary: string) => ({ tags: ['directory'], summary });

/** An agreement as the API shows it: with its renewals and its status on a day computed with them. */
const agreementView = (a: Agreement, on: string) => ({ ...a, renewals: [...(a.renewals ?? [])], status: agreementStatus(a, on) });
const todayUtc = () => new Date().toISOString().slice(0, 10);

/** The directory's HTTP routes. */
export function directoryRoutes(store: DirectoryStore): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
  return async (app, { ctx }) => {
    const db = ctx.store.db;

    /** Checks that a jurisdiction names things that exist and lies within the granting admin's own. */
    async function checkGrant(principal: Principal, j: Jurisdiction): Promise<void> {
      if (j.kind === 'party' && j.party !== ctx.config.party) throw new BhError('BH_DIRECTORY_UNKNOWN_REFERENCE', { kind: 'party', code: j.party });
      if (j.kind === 'area' && !(await store.area(j.area))) throw new BhError('BH_DIRECTORY_UNKNOWN_REFERENCE', { kind: 'area', code: j.area });
      if (j.kind === 'facility' && !(await store.facility(j.facility)))
        throw new BhError('BH_DIRECTORY_UNKNOWN_REFERENCE', { kind: 'facility', code: j.facility });
      if (j.kind === 'gate' && !(await store.gates()).some((g) => g.id === j.gate))
        throw new BhError('BH_DIRECTORY_UNKNOWN_REFERENCE', { kind: 'gate', code: j.gate });
      const scope = await jurisdictionScope(store, ctx.config.party, j);
      if (!covers(principal.jurisdiction, principal.party, scope)) throw new BhError('BH_DIRECTORY_JURISDICTION_EXCEEDS');
    }

    app.get('/directory/parties', { config: { access: 'directory.read' }, schema: { ...tag('Parties to the agreements'), response: responses({ 200: Type.Array(PartySchema) }) } }, () =>
      store.parties(),
    );

    app.get(
      '/directory/parties/:code',
      { config: { access: 'directory.read' }, schema: { ...tag('One party'), params: CodeParam, response: responses({ 200: PartySchema }) } },
      async (req) => (await store.party(req.params.code)) ?? Promise.reject(new BhError('BH_NOT_FOUND')),
    );

    app.get(
      '/directory/agreements',
      {
        config: { access: 'directory.read' },
        schema: {
          ...tag('Cooperation agreements with their status today (or on a date)'),
          querystring: Type.Object({ on: Type.Optional(Type.String({ format: 'date' })) }),
          response: responses({ 200: Type.Array(AgreementSchema) }),
        },
      },
      async (req) => {
        const on = req.query.on ?? todayUtc();
        return (await store.agreements()).map((a) => agreementView(a, on));
      },
    );

    app.post(
      '/directory/agreements/:code/renewals',
      {
        config: { access: 'directory.agreement.renew' },
        schema: {
          ...tag('Record the signed renewal or extension of an agreement (administrators; audited)'),
          params: CodeParam,
          body: NewRenewalSchema,
          response: responses({ 201: AgreementSchema }),
        },
      },
      async (req, reply) => {
        // An agreement binds the whole party: an administrator of one district does not renew it.
        req.authorize({ party: ctx.config.party, areas: [] });
        const b = req.body;
        const renewal = { effectiveTo: b.effectiveTo, signedOn: b.signedOn ?? null, reference: b.reference.trim(), note: b.note ?? null, demo: false, recordedBy: req.principal!.username };
        const agreement = await db
          .transaction()
          .execute((trx) => recordRenewal(trx, req.params.code, renewal, (t, e) => req.audit(t, { ...e, purpose: 'administration' })));
        return reply.status(201).send(agreementView(agreement, todayUtc()));
      },
    );

    app.get(
      '/directory/areas',
      {
        config: { access: 'directory.read' },
        schema: {
          ...tag('Administrative areas with population'),
          querystring: Type.Object({ party: Type.Optional(Type.String()), parent: Type.Optional(Type.String()), level: Type.Optional(Type.String()) }),
          response: responses({ 200: Type.Array(AreaSchema) }),
        },
      },
      (req) => store.areas(req.query),
    );

    app.get(
      '/directory/facilities',
      {
        config: { access: 'directory.read' },
        schema: {
          ...tag('Hospitals, CDCs and border health-quarantine units'),
          querystring: Type.Object({
            party: Type.Optional(Type.String()),
            area: Type.Optional(Type.String()),
            kind: Type.Optional(Type.String()),
            q: Type.Optional(Type.String({ maxLength: 100 })),
          }),
          response: responses({ 200: Type.Array(FacilitySchema) }),
        },
      },
      (req) => store.facilities(req.query),
    );

    app.get(
      '/directory/facilities/:id',
      { config: { access: 'directory.read' }, schema: { ...tag('One facility'), params: IdParam, response: responses({ 200: FacilitySchema }) } },
      async (req) => (await store.facility(req.params.id)) ?? Promise.reject(new BhError('BH_NOT_FOUND')),
    );

    app.get('/directory/gates', { config: { access: 'directory.read' }, schema: { ...tag('Pairs of border gates'), response: responses({ 200: Type.Array(GateSchema) }) } }, () =>
      store.gates(),
    );

    app.get(
      '/directory/contacts',
      {
        config: { access: 'directory.contact.read' },
        schema: { ...tag('Liaison contacts within your jurisdiction (personal data, audited)'), response: responses({ 200: Type.Array(ContactSchema) }) },
      },
      async (req) => {
        const visible = [];
        for (const c of await store.contacts()) {
          if (decide(req.principal, 'directory.contact.read', await areaScope(store, c.party, c.area)).allow) visible.push(c);
        }
        await db.transaction().execute((trx) =>
          req.audit(trx, { action: 'directory.contact.list', resource: { type: 'contact', id: '*' }, detail: { count: visible.length }, purpose: 'liaison' }),
        );
        return visible;
      },
    );

    app.get(
      '/directory/contacts/:id',
      {
        config: { access: 'directory.contact.read' },
        schema: { ...tag('One liaison contact (personal data, audited)'), params: IdParam, response: responses({ 200: ContactSchema }) },
      },
      async (req) => {
        const c = await store.contact(req.params.id);
        if (!c) throw new BhError('BH_NOT_FOUND');
        req.authorize(await areaScope(store, c.party, c.area));
        await db.transaction().execute((trx) =>
          req.audit(trx, { action: 'directory.contact.read', resource: { type: 'contact', id: c.id }, purpose: 'liaison' }),
        );
        return c;
      },
    );

    app.get(
      '/users',
      { config: { access: 'user.read' }, schema: { tags: ['users'], summary: 'Users within your jurisdiction', response: responses({ 200: Type.Array(UserSchema) }) } },
      async (req) => {
        const visible = [];
        for (const u of await store.users()) {
          if (decide(req.principal, 'user.read', await jurisdictionScope(store, u.party, u.jurisdiction)).allow) visible.push(u);
        }
        await db.transaction().execute((trx) =>
          req.audit(trx, { action: 'user.list', resource: { type: 'user', id: '*' }, detail: { count: visible.length }, purpose: 'administration' }),
        );
        return visible;
      },
    );

    app.get(
      '/users/:id',
      { config: { access: 'user.read' }, schema: { tags: ['users'], summary: 'One user', params: IdParam, response: responses({ 200: UserSchema }) } },
      async (req) => {
        const u = await store.user(req.params.id);
        if (!u) throw new BhError('BH_NOT_FOUND');
        req.authorize(await jurisdictionScope(store, u.party, u.jurisdiction));
        await db.transaction().execute((trx) => req.audit(trx, { action: 'user.read', resource: { type: 'user', id: u.id }, purpose: 'administration' }));
        return u;
      },
    );

    app.post(
      '/users',
      {
        config: { access: 'user.manage' },
        schema: { tags: ['users'], summary: 'Create a user (a change of access, audited)', body: NewUserSchema, response: responses({ 201: UserSchema }) },
      },
      async (req, reply) => {
        const b = req.body;
        await checkGrant(req.principal!, b.jurisdiction);
        const passwordHash = await hashPassword(b.password);
        const user = await db.transaction().execute(async (trx) => {
          const u = await store.createUser(trx, { ...b, party: ctx.config.party, passwordHash });
          if (!u) throw new BhError('BH_DIRECTORY_USERNAME_TAKEN', { username: b.username });
          await req.audit(trx, {
            action: 'access.user.created',
            resource: { type: 'user', id: u.id },
            detail: { username: u.username, role: u.role, jurisdiction: u.jurisdiction },
          });
          return u;
        });
        return reply.status(201).send(user);
      },
    );

    app.patch(
      '/users/:id',
      {
        config: { access: 'user.manage' },
        schema: { tags: ['users'], summary: 'Change a user: role, jurisdiction, disabling, password (audited)', params: IdParam, body: UserChangeSchema, response: responses({ 200: UserSchema }) },
      },
      async (req) => {
        const p = req.principal!;
        const before = await store.user(req.params.id);
        if (!before) throw new BhError('BH_NOT_FOUND');
        req.authorize(await jurisdictionScope(store, before.party, before.jurisdiction));
        const b = req.body;
        if (b.jurisdiction) await checkGrant(p, b.jurisdiction);
        if (before.id === p.userId && (b.disabled === true || (b.role && b.role !== 'administrator'))) throw new BhError('BH_DIRECTORY_SELF_LOCKOUT');
        const passwordHash = b.password ? await hashPassword(b.password) : undefined;
        return db.transaction().execute(async (trx) => {
          const after = await store.updateUser(trx, before.id, { ...b, passwordHash });
          if (!after) throw new BhError('BH_NOT_FOUND');
          // Any change of access ends the user's open sessions, so it takes effect at once.
          await ctx.sessions.revokeAllFor(trx, before.id);
          await req.audit(trx, {
            action: 'access.user.changed',
            resource: { type: 'user', id: before.id },
            detail: {
              before: { role: before.role, jurisdiction: before.jurisdiction, disabled: before.disabled },
              after: { role: after.role, jurisdiction: after.jurisdiction, disabled: after.disabled },
              passwordChanged: Boolean(b.password),
            },
          });
          return after;
        });
      },
    );
  };
}
