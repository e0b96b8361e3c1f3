import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BhError } from '../errors';
import { LOCALES } from '../i18n';
import { ROLES } from '../access';
import { responses, TextSchema } from './schemas';
import type { AppContext } from './app';
import { SESSION_COOKIE } from './app';

/** What the node says about itself at /.well-known/borderhealth/node.json. */
export interface NodeDescription {
  party: string;
  names: { vi: string; 'zh-CN': string; en: string };
}

const Jwk = Type.Object(
  {
    kty: Type.String(),
    crv: Type.String(),
    x: Type.String(),
    kid: Type.String(),
    alg: Type.String(),
    use: Type.String(),
  },
  { additionalProperties: false },
);

const NodeJson = Type.Object({
  party: Type.String(),
  names: TextSchema,
  apiBaseUrl: Type.String(),
  publicKey: Jwk,
  keys: Type.Array(Jwk),
  software: Type.Object({ name: Type.String(), version: Type.String() }),
});

const Me = Type.Object({
  userId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  party: Type.String(),
  role: Type.Union(ROLES.map((r) => Type.Literal(r))),
  jurisdiction: Type.Object({ kind: Type.String() }, { additionalProperties: true }),
  locales: Type.Array(Type.String()),
});

/** Health, node description, login, logout and "who am I". */
export const coreRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext; node: NodeDescription }> = async (app, { ctx, node }) => {
  const jwk = (k: (typeof ctx.identity.all)[number]) => {
    const { kty, crv, x, kid, alg, use } = k.publicJwk;
    return { kty: kty!, crv: crv!, x: x!, kid, alg, use };
  };

  app.get(
    '/.well-known/borderhealth/node.json',
    {
      config: { access: 'public' },
      schema: { tags: ['node'], summary: 'Who this node is and the keys its messages are signed with', response: responses({ 200: NodeJson }) },
    },
    async () => ({
      party: node.party,
      names: node.names,
      apiBaseUrl: `${ctx.config.publicUrl}/api`,
      publicKey: jwk(ctx.identity.current),
      keys: ctx.identity.all.map(jwk),
      software: { name: 'borderhealth', version: '0.1.0' },
    }),
  );

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['node'],
        summary: 'Liveness and database check',
        response: responses({ 200: Type.Object({ status: Type.Literal('ok'), party: Type.String(), database: Type.String() }) }),
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(ctx.store.db);
      } catch {
        throw new BhError('BH_STORE_UNAVAILABLE');
      }
      return { status: 'ok' as const, party: ctx.config.party, database: ctx.store.kind };
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: {
        access: 'public',
        // Keyed by address and username: brute force on one account is slowed without
        // locking out colleagues behind the same provincial network address.
        rateLimit: {
          max: ctx.config.loginRateLimit,
          timeWindow: 60_000,
          hook: 'preHandler',
          keyGenerator: (req) => `${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '').trim().toLowerCase()}`,
          errorResponseBuilder: (_req, c) => new BhError('BH_AUTH_RATE_LIMITED', { seconds: Math.ceil(c.ttl / 1000) }),
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; answers a bearer token and sets the session cookie',
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Object({ token: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }) }),
      },
    },
    async (req, reply) => {
      const username = req.body.username.trim().toLowerCase();
      const user = await ctx.sessions.checkPassword(username, req.body.password);
      if (!user) {
        await ctx.store.db.transaction().execute((trx) =>
          req.audit(trx, { action: 'auth.login', outcome: 'denied', detail: { username }, actor: { kind: 'anonymous' } }),
        );
        throw new BhError('BH_AUTH_INVALID_CREDENTIALS');
      }
      const session = await ctx.store.db.transaction().execute(async (trx) => {
        const s = await ctx.sessions.open(trx, user.id);
        await req.audit(trx, {
          action: 'auth.login',
          outcome: 'success',
          resource: { type: 'user', id: user.id },
          actor: { kind: 'user', id: user.id, username: user.username, party: user.party },
        });
        return s;
      });
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: ctx.config.publicUrl.startsWith('https://'),
        expires: session.expiresAt,
      });
      return { token: session.token, expiresAt: session.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'session.read' },
      schema: { tags: ['auth'], summary: 'Revoke the current session', response: responses({ 204: Type.Null() }) },
    },
    async (req, reply) => {
      await ctx.store.db.transaction().execute(async (trx) => {
        if (req.sessionToken) await ctx.sessions.revoke(trx, req.sessionToken);
        await req.audit(trx, { action: 'auth.logout', outcome: 'success' });
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { config: { access: 'session.read' }, schema: { tags: ['auth'], summary: 'The signed-in user', response: responses({ 200: Me }) } },
    async (req) => ({ ...req.principal!, locales: [...LOCALES] }),
  );
};
