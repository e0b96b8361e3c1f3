import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { responses } from '../http/schemas';
import type { AppContext, AppModule } from '../http/app';
import type { AuditLog } from './store';
import { MAX_ENTRIES_PER_CALL } from './store';

const B64 = Type.String({ contentEncoding: 'base64' });
const tag = (summary: string) => ({ tags: ['audit'], summary });

const TreeHeadSchema = Type.Object({
  treeSize: Type.Integer(),
  rootHash: B64,
  checkpoint: Type.String({ description: 'C2SP signed-note checkpoint' }),
  signature: B64,
  keyId: Type.String(),
});

const EntrySchema = Type.Object({
  index: Type.Integer(),
  bytes: B64,
  entry: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
  leafHash: B64,
});

/** The audit log's HTTP surface: tree head, entries and RFC 9162 proofs. */
export function auditModule(log: AuditLog): AppModule {
  const routes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app) => {
    app.get('/audit/tree-head', { config: { access: 'audit.read' }, schema: { ...tag('Signed tree head of the audit log'), response: responses({ 200: TreeHeadSchema }) } }, () =>
      log.treeHead(),
    );

    app.get(
      '/audit/entries',
      {
        config: { access: 'audit.read' },
        schema: {
          ...tag(`Entries [start, end) with the exact bytes that were hashed (at most ${MAX_ENTRIES_PER_CALL})`),
          querystring: Type.Object({ start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 0 }) }),
          response: responses({ 200: Type.Object({ entries: Type.Array(EntrySchema) }) }),
        },
      },
      async (req) => ({ entries: await log.entries(req.query.start, req.query.end) }),
    );

    app.get(
      '/audit/proof/inclusion',
      {
        config: { access: 'audit.read' },
        schema: {
          ...tag('RFC 9162 inclusion proof of one entry in a tree of a given size'),
          querystring: Type.Object({ index: Type.Integer({ minimum: 0 }), treeSize: Type.Integer({ minimum: 1 }) }),
          response: responses({ 200: Type.Object({ index: Type.Integer(), treeSize: Type.Integer(), leafHash: B64, path: Type.Array(B64) }) }),
        },
      },
      (req) => log.inclusionProof(req.query.index, req.query.treeSize),
    );

    app.get(
      '/audit/proof/consistency',
      {
        config: { access: 'audit.read' },
        schema: {
          ...tag('RFC 9162 consistency proof between two tree sizes'),
          querystring: Type.Object({ first: Type.Integer({ minimum: 0 }), second: Type.Integer({ minimum: 0 }) }),
          response: responses({ 200: Type.Object({ first: Type.Integer(), second: Type.Integer(), path: Type.Array(B64) }) }),
        },
      },
      (req) => log.consistencyProof(req.query.first, req.query.second),
    );
  };
  return { name: 'audit', routes };
}
