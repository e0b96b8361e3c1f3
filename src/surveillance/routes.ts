/** The surveillance HTTP surface, mounted under /api. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../platform/http/app';
import { caseRoutes } from './routes-cases';
import { dataRoutes } from './routes-data';
import { fileRoutes } from './routes-files';
import type { Surveillance } from './service';
import './errors';

export function surveillanceRoutes(s: Surveillance): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
  return async (app, opts) => {
    await caseRoutes(s)(app, opts);
    await dataRoutes(s)(app, opts);
    await fileRoutes(s)(app, opts);
  };
}
