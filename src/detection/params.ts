// Input schemas (TypeBox, shared with the API, the CLI and importers) and their validation into
// typed, defaults-filled configurations. Defaults are R's.
import { Type, type Static, type TSchema, type TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';


/** surveillance::farringtonFlexible control list (fitFun is always algo.farrington.fitGLM.flexible). */
export const FarringtonParamsSchema = Type.Object(
  {
    b: Type.Optional(Type.Integer({ minimum: 1, default: 5, description: 'years back' })),
    w: Type.Optional(Type.Integer({ minimum: 0, default: 3, description: 'half-window in periods' })),
    reweight: Type.Optional(Type.Boolean({ default: true })),
    weightsThreshold: Type.Optional(Type.Number({ default: 2.58 })),
    alpha: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.05 })),
    trend: Type.Optional(Type.Boolean({ default: true })),
    pThresholdTrend: Type.Optional(Type.Number({ default: 0.05 })),
    limit54: Type.Optional(
      Type.Tuple([Type.Number({ minimum: 0 }), Type.Integer({ minimum: 1 })], { default: [5, 4] }),
    ),
    powertrans: Type.Optional(Type.Union([Type.Literal('2/3'), Type.Literal('1/2'), Type.Literal('none')])),
    populationOffset: Type.Optional(Type.Boolean({ default: false })),
    noPeriods: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pastWeeksNotIncluded: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    thresholdMethod: Type.Optional(Type.Union([Type.Literal('delta'), Type.Literal('nbPlugin'), Type.Literal('muan')])),
  },
  { additionalProperties: false },
);

/** surveillance::earsC control list. */
export const EarsParamsSchema = Type.Object(
  {
    variant: Type.Optional(Type.Union([Type.Literal('C1'), Type.Literal('C2'), Type.Literal('C3')])),
    baseline: Type.Optional(Type.Integer({ minimum: 3, default: 7 })),
    minSigma: Type.Optional(Type.Number({ minimum: 0, default: 0 })),
    alpha: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 })),
  },
  { additionalProperties: false },
);

/** surveillance::cusum control list (m = NULL: mean of the periods before the range). */
export const CusumParamsSchema = Type.Object(
  {
    k: Type.Optional(Type.Number({ default: 1.04 })),
    h: Type.Optional(Type.Number({ default: 2.26 })),
    m: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()])),
    trans: Type.Optional(Type.Union([Type.Literal('standard'), Type.Literal('rossi'), Type.Literal('anscombe')])),
  },
  { additionalProperties: false },
);

export const METHODS = ['farrington-flexible', 'ears', 'cusum'] as const;
export type MethodName = (typeof METHODS)[number];

/** One series of a detect request (any other field is ignored). */
export const SeriesRequestSchema = Type.Object({
  id: Type.Union([Type.String(), Type.Number()]),
  counts: Type.Array(Type.Number({ minimum: 0 })),
  population: Type.Optional(Type.Array(Type.Number({ minimum: 0 }))),
});

/** The fixture-shaped document the `detect` command reads (other fields are ignored). */
export const DetectionRequestSchema = Type.Object({
  frequency: Type.Integer({ minimum: 1 }),
  method: Type.String(),
  params: Type.Record(Type.String(), Type.Unknown()),
  rangeStart: Type.Integer({ minimum: 0 }),
  rangeEnd: Type.Integer({ minimum: 0 }),
  series: Type.Array(SeriesRequestSchema),
});

export type FarringtonParamsInput = Static<typeof FarringtonParamsSchema>;
export type EarsParamsInput = Static<typeof EarsParamsSchema>;
export type CusumParamsInput = Static<typeof CusumParamsSchema>;

/** farringtonFlexible parameters with R's defaults filled in. */
export interface FarringtonParams {
  b: number;
  w: number;
  reweight: boolean;
  weightsThreshold: number;
  alpha: number;
  trend: boolean;
  pThresholdTrend: number;
  limit54: [number, number];
  powertrans: '2/3' | '1/2' | 'none';
  populationOffset: boolean;
  noPeriods: number;
  /** R's NULL means "w"; resolved here. */
  pastWeeksNotIncluded: number;
  thresholdMethod: 'delta' | 'nbPlugin' | 'muan';
}

/** earsC parameters with R's defaults filled in. */
export interface EarsParams {
  variant: 'C1' | 'C2' | 'C3';
  baseline: number;
  minSigma: number;
  alpha: number;
}

/** cusum parameters with R's defaults filled in (m null = estimate from the history). */
export interface CusumParams {
  k: number;
  h: number;
  m: number | null;
  trans: 'standard' | 'rossi' | 'anscombe';
}

/** A fully typed detection configuration. */
export type DetectionConfig =
  | { method: 'farrington-flexible'; params: FarringtonParams }
  | { method: 'ears'; params: EarsParams }
  | { method: 'cusum'; params: CusumParams };

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** A detect request after validation. */
export interface DetectionRequest {
  frequency: number;
  config: DetectionConfig;
  rangeStart: number;
  rangeEnd: number;
  series: { id: string | number; counts: number[]; population?: number[] }[];
}

/** Schema errors as short "where: what" lines, one per offending path. */
function schemaErrors(schema: TSchema, value: unknown, where: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(schema, value)) {
    const path = e.path === '' ? where : `${where}${e.path.replaceAll('/', '.')}`;
    if (seen.has(path)) continue;
    seen.add(path);
    let msg = e.message.replace(/^Expected/, 'expected');
    if (msg === 'Unexpected property') msg = 'unknown parameter';
    else if (msg === 'expected union value' && 'anyOf' in e.schema) {
      const opts = (e.schema.anyOf as TSchema[]).map((s) => ('const' in s ? JSON.stringify(s.const) : s.type));
      msg = `expected one of ${opts.join(', ')}`;
    }
    out.push(`${path}: ${msg}`);
  }
  return out;
}

function validateObject<T>(schema: TObject, value: unknown, where: string): Validation<T> {
  if (value === undefined || value === null) value = {};
  const errors = schemaErrors(schema, value, where);
  return errors.length ? { ok: false, errors } : { ok: true, value: value as T };
}

/** Turn an unknown method name and params object into a typed config, or clear errors. */
export function parseDetectionConfig(method: unknown, params: unknown): Validation<DetectionConfig> {
  if (typeof method !== 'string' || !(METHODS as readonly string[]).includes(method)) {
    return { ok: false, errors: [`method: unknown method ${JSON.stringify(method)} (expected one of ${METHODS.join(', ')})`] };
  }
  if (method === 'farrington-flexible') {
    const v = validateObject<FarringtonParamsInput>(FarringtonParamsSchema, params, 'params');
    if (!v.ok) return v;
    const p = v.value;
    const w = p.w ?? 3;
    return {
      ok: true,
      value: {
        method,
        params: {
          b: p.b ?? 5,
          w,
          reweight: p.reweight ?? true,
          weightsThreshold: p.weightsThreshold ?? 2.58,
          alpha: p.alpha ?? 0.05,
          trend: p.trend ?? true,
          pThresholdTrend: p.pThresholdTrend ?? 0.05,
          limit54: p.limit54 ? [p.limit54[0], p.limit54[1]] : [5, 4],
          powertrans: p.powertrans ?? '2/3',
          populationOffset: p.populationOffset ?? false,
          noPeriods: p.noPeriods ?? 1,
          pastWeeksNotIncluded: p.pastWeeksNotIncluded ?? w,
          thresholdMethod: p.thresholdMethod ?? 'delta',
        },
      },
    };
  }
  if (method === 'ears') {
    const v = validateObject<EarsParamsInput>(EarsParamsSchema, params, 'params');
    if (!v.ok) return v;
    const variant = v.value.variant ?? 'C1';
    return {
      ok: true,
      value: {
        method,
        params: {
          variant,
          baseline: v.value.baseline ?? 7,
          minSigma: v.value.minSigma ?? 0,
          alpha: v.value.alpha ?? (variant === 'C3' ? 0.025 : 0.001),
        },
      },
    };
  }
  const v = validateObject<CusumParamsInput>(CusumParamsSchema, params, 'params');
  if (!v.ok) return v;
  return {
    ok: true,
    value: {
      method: 'cusum',
      params: { k: v.value.k ?? 1.04, h: v.value.h ?? 2.26, m: v.value.m ?? null, trans: v.value.trans ?? 'standard' },
    },
  };
}

/** Validate a whole detect document (fixture shape): fields, types, method, params, range. */
export function parseDetectionRequest(doc: unknown): Validation<DetectionRequest> {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { ok: false, errors: ['input: expected a JSON object'] };
  }
  const d = doc as Record<string, unknown>;
  const missing = ['frequency', 'method', 'params', 'rangeStart', 'rangeEnd', 'series'].filter((k) => !(k in d));
  if (missing.length) return { ok: false, errors: missing.map((k) => `${k}: missing field`) };
  const errors = schemaErrors(DetectionRequestSchema, doc, 'input').map((e) => e.replace(/^input\./, ''));
  if (errors.length) return { ok: false, errors };
  const req = doc as Static<typeof DetectionRequestSchema>;
  const cfg = parseDetectionConfig(req.method, req.params);
  if (!cfg.ok) return cfg;
  const rangeErrors: string[] = [];
  if (req.rangeStart > req.rangeEnd) rangeErrors.push(`rangeStart ${req.rangeStart} is after rangeEnd ${req.rangeEnd}`);
  req.series.forEach((s, i) => {
    const label = `series[${i}] (${JSON.stringify(s.id)})`;
    if (req.rangeEnd >= s.counts.length) {
      rangeErrors.push(`${label}: range ${req.rangeStart}..${req.rangeEnd} is outside the series (${s.counts.length} periods)`);
    }
    if (s.population && s.population.length !== s.counts.length) {
      rangeErrors.push(`${label}: population has ${s.population.length} values but counts has ${s.counts.length}`);
    }
  });
  if (rangeErrors.length) return { ok: false, errors: rangeErrors };
  return {
    ok: true,
    value: {
      frequency: req.frequency,
      config: cfg.value,
      rangeStart: req.rangeStart,
      rangeEnd: req.rangeEnd,
      series: req.series.map((s) => ({ id: s.id, counts: s.counts, ...(s.population ? { population: s.population } : {}) })),
    },
  };
}
