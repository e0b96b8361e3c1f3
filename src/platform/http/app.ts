import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider, FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { NodeConfig } from '../config';
import type { Store } from '../store/database';
import type { NodeIdentity } from '../identity';
import { negotiateLocale, type Locale } from '../i18n';
import { decide, type Principal, type RecordScope } from '../access';
import { BhError } from '../errors';
import { ErrorBody } from './schemas';
import { Sessions, toPrincipal, type UserSource } from './auth';
import { sendError } from './error-handler';
import { coreRoutes, type NodeDescription } from './core-routes';
import type { AuditSink, AuditEvent } from './audit-sink';

export const SESSION_COOKIE = 'bh_session';

/** What every capability's routes may use. */
export interface AppContext {
  config: NodeConfig;
  store: Store;
  identity: NodeIdentity;
  audit: AuditSink;
  sessions: Sessions;
}

/** A capability's HTTP surface, mounted under /api. */
export interface AppModule {
  name: string;
  routes: FastifyPluginAsyncTypebox<{ ctx: AppContext }>;
}

export interface AppDeps {
  config: NodeConfig;
  store: Store;
  identity: NodeIdentity;
  audit: AuditSink;
  users: UserSource;
  node: NodeDescription;
  modules: AppModule[];
  /** Serve the built web app from this folder (omitted in API-only tests). */
  webDir?: string;
  logger?: boolean | object;
}

/** How a route is guarded: an action from the permission table, or public. */
export type RouteAccess = string | 'public';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    principal: Principal | null;
    sessionToken: string | null;
    /** Checks a loaded record against the caller's jurisdiction; throws not-found if outside. */
    authorize(scope: RecordScope, action?: string): void;
    /** Appends an audit entry for this request, inside the given transaction. */
    audit(trx: import('../store/database').Db, event: AuditEvent): Promise<void>;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (h && /^Bearer\s+/i.test(h)) return h.replace(/^Bearer\s+/i, '').trim() || null;
  return req.cookies?.[SESSION_COOKIE] ?? null;
}

/** Builds the node's Fastify app without listening, so tests can `inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 8 * 1024 * 1024,
    trustProxy: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const ctx: AppContext = {
    config: deps.config,
    store: deps.store,
    identity: deps.identity,
    audit: deps.audit,
    sessions: new Sessions(deps.store.db, deps.users, deps.config.sessionTtlSeconds),
  };

  app.addSchema(ErrorBody);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'BorderHealth node API',
        version: '0.1.0',
        description: `Node of party ${deps.config.party}. Errors are {code, message} in the Accept-Language (vi, zh-CN, en).`,
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (json.$id as string) ?? `def-${i}` },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('locale', 'en' as Locale);
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('authorize', function (this: FastifyRequest, scope: RecordScope, action?: string) {
    const a = action ?? this.routeOptions.config.access;
    if (!a || a === 'public') return;
    const d = decide(this.principal, a, scope);
    if (!d.allow) throw new BhError(d.reason === 'unauthenticated' ? 'BH_AUTH_REQUIRED' : 'BH_NOT_FOUND');
  });
  app.decorateRequest('audit', async function (this: FastifyRequest, trx, event: AuditEvent) {
    const p = this.principal;
    await ctx.audit.append(trx, {
      ...event,
      actor: event.actor ?? (p ? { kind: 'user', id: p.userId, username: p.username, party: p.party } : { kind: 'anonymous' }),
    });
  });

  app.addHook('onRequest', async (req) => {
    const lang = (req.query as Record<string, unknown> | undefined)?.lang;
    req.locale = negotiateLocale(typeof lang === 'string' ? lang : req.headers['accept-language']);
    const token = bearer(req);
    if (token) {
      req.sessionToken = token;
      const user = await ctx.sessions.resolve(token);
      req.principal = user ? toPrincipal(user) : null;
    }
  });

  // The one enforcement point: every API route states its action; none means refused.
  app.addHook('preHandler', async (req) => {
    // Judged by the matched route, not the raw URL: the static-file wildcard also matches /api/x.
    const route = req.routeOptions.url ?? '';
    if (req.is404 || (!route.startsWith('/api/') && !route.startsWith('/.well-known/'))) return;
    if (route.startsWith('/api/docs')) return;
    const access = req.routeOptions.config?.access;
    if (access === 'public') return;
    if (!access) throw new BhError('BH_FORBIDDEN');
    const d = decide(req.principal, access);
    if (!d.allow) throw new BhError(d.reason === 'unauthenticated' ? 'BH_AUTH_REQUIRED' : 'BH_FORBIDDEN');
  });

  app.setErrorHandler((err, req, reply) => sendError(err, req, reply));
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes get the app shell; missing assets and API paths get a real 404.
    if (
      deps.webDir &&
      req.method === 'GET' &&
      !req.url.startsWith('/api/') &&
      !req.url.startsWith('/assets/') &&
      existsSync(join(deps.webDir, 'index.html'))
    ) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendError(new BhError('BH_ROUTE_NOT_FOUND', { path: req.url.split('?')[0] }), req, reply);
  });

  await app.register(coreRoutes, { ctx, node: deps.node });
  for (const m of deps.modules) await app.register(m.routes, { prefix: '/api', ctx });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  if (deps.webDir && existsSync(deps.webDir)) {
    await app.register(fastifyStatic, { root: deps.webDir, prefix: '/', wildcard: true, index: ['index.html'] });
  }
  await app.ready();
  return app;
}
