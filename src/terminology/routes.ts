import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { definePermissions, ROLES } from '../platform/access';
import { BhError } from '../platform/errors';
import { responses, TextSchema } from '../platform/http/schemas';
import type { AppContext } from '../platform/http/app';
import type { Disease, Terminology } from './model';

definePermissions({ 'terminology.read': ROLES });

const DiseaseSchema = Type.Object({
  code: Type.String(),
  list: Type.Union([Type.Literal('vn'), Type.Literal('cn')]),
  group: Type.String({ description: 'Vietnam group A/B/C or China class A/B/C' }),
  icd10: Type.Array(Type.String()),
  names: TextSchema,
  basis: Type.String({ description: 'Code of the legal provision that lists the disease, e.g. vn-law-03-2007-art3-1b' }),
  basisLabel: TextSchema,
  notes: Type.Optional(TextSchema),
  equivalent: Type.Object({
    relation: Type.String(),
    targets: Type.Array(Type.Object({ code: Type.String(), names: TextSchema })),
    notes: Type.Array(TextSchema),
  }),
});

const tag = (summary: string) => ({ tags: ['terminology'], summary });

/** The terminology's HTTP routes: notifiable-disease lists of both countries and their cross-walk. */
export function terminologyRoutes(terms: Terminology): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
  const view = (d: Disease) => {
    const eq = terms.equivalentOf(d.code);
    return {
      code: d.code,
      list: d.system === 'VN' ? ('vn' as const) : ('cn' as const),
      group: d.system === 'VN' ? d.group : d.class,
      icd10: [...d.icd10],
      names: d.names,
      basis: d.basis,
      basisLabel: terms.basisOf(d),
      ...(d.notes ? { notes: d.notes } : {}),
      equivalent: {
        relation: eq?.relation ?? 'none',
        targets: (eq?.targets ?? []).map((t) => ({ code: t.code, names: t.names })),
        notes: [...(eq?.notes ?? [])],
      },
    };
  };
  return async (app) => {
    app.get(
      '/terminology/diseases',
      {
        config: { access: 'terminology.read' },
        schema: {
          ...tag('Notifiable diseases of Vietnam and China; search by code, ICD-10 or a name in any language'),
          querystring: Type.Object({
            list: Type.Optional(Type.Union([Type.Literal('vn'), Type.Literal('cn')])),
            q: Type.Optional(Type.String({ maxLength: 100 })),
            icd10: Type.Optional(Type.String({ maxLength: 20 })),
          }),
          response: responses({ 200: Type.Array(DiseaseSchema) }),
        },
      },
      async (req) => {
        const system = req.query.list === 'vn' ? 'VN' : req.query.list === 'cn' ? 'CN' : undefined;
        let found: readonly Disease[];
        if (req.query.icd10) found = terms.byIcd10(req.query.icd10, { system, includeNarrower: true });
        else if (req.query.q?.trim()) found = terms.search(req.query.q, { system });
        else found = terms.diseases(system);
        return found.map(view);
      },
    );
    app.get(
      '/terminology/diseases/:code',
      {
        config: { access: 'terminology.read' },
        schema: { ...tag('One notifiable disease with its counterpart in the other list'), params: Type.Object({ code: Type.String({ maxLength: 40 }) }), response: responses({ 200: DiseaseSchema }) },
      },
      async (req) => {
        const d = terms.byCode(req.params.code);
        if (!d) throw new BhError('BH_NOT_FOUND');
        return view(d);
      },
    );
  };
}
