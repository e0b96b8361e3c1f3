import { Type } from '@sinclair/typebox';
import { Paging } from '../platform/http/schemas';
import { RISK_LEVELS, SIGNAL_KINDS, SIGNAL_STATUSES } from './model';
import { RUN_TRIGGERS } from './runs';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);

export const StatusSchema = lit(SIGNAL_STATUSES);
export const RiskSchema = lit(RISK_LEVELS);
export const KindSchema = lit(SIGNAL_KINDS);

const ActorSchema = Type.Object({ id: Type.String(), name: Type.String() });

const signalFields = {
  id: Type.String(),
  kind: KindSchema,
  place: Type.String({ description: 'area code, or gate id for gate signals' }),
  disease: Type.String({ description: 'disease code; a syndrome for gate screening, the vector-borne disease for vector indices' }),
  period: Type.String({ description: 'ISO week (2024-W05) for weekly detection, date for daily sources' }),
  party: Type.String(),
  area: Type.String(),
  areaPath: Type.Array(Type.String()),
  gate: Type.Union([Type.String(), Type.Null()]),
  status: StatusSchema,
  risk: Type.Union([RiskSchema, Type.Null()]),
  response: Nullable(Type.String()),
  runId: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};

export const SignalSummarySchema = Type.Object({ ...signalFields, summary: Type.String({ description: 'the evidence in one sentence' }) });

export const TransitionSchema = Type.Object({
  seq: Type.Integer(),
  from: StatusSchema,
  to: StatusSchema,
  at: Type.String({ format: 'date-time' }),
  actor: ActorSchema,
  reason: Type.String(),
  risk: Type.Union([RiskSchema, Type.Null()]),
  response: Nullable(Type.String()),
});

export const CommentSchema = Type.Object({
  id: Type.String(),
  signalId: Type.String(),
  author: ActorSchema,
  text: Type.String(),
  at: Type.String({ format: 'date-time' }),
});

export const SignalDetailSchema = Type.Object({
  ...signalFields,
  evidence: Type.Unknown({ description: 'by kind: the judged series and detector answers, the screening day and rules, or the survey indices and thresholds' }),
  history: Type.Array(TransitionSchema),
  comments: Type.Array(CommentSchema),
  next: Type.Array(StatusSchema, { description: 'statuses the signal may move to now' }),
});

export const SignalPageSchema = Type.Object({
  items: Type.Array(SignalSummarySchema),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const SignalQuerySchema = Type.Object({
  status: Type.Optional(StatusSchema),
  risk: Type.Optional(RiskSchema),
  disease: Type.Optional(Type.String({ maxLength: 100 })),
  area: Type.Optional(Type.String({ maxLength: 100 })),
  kind: Type.Optional(KindSchema),
  ...Paging,
});

export const TransitionBodySchema = Type.Object(
  {
    to: StatusSchema,
    reason: Type.String({ maxLength: 4000 }),
    risk: Type.Optional(RiskSchema),
    response: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

export const CommentBodySchema = Type.Object({ text: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S' }) }, { additionalProperties: false });

const Counts = {
  judged: Type.Integer(),
  notJudgeable: Type.Integer(),
  alarms: Type.Integer(),
  created: Type.Integer(),
  errors: Type.Integer(),
};

export const RunSchema = Type.Object({
  id: Type.String(),
  trigger: lit(RUN_TRIGGERS),
  requestedBy: Nullable(Type.String()),
  status: lit(['running', 'succeeded', 'partial', 'failed', 'interrupted'] as const),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
  seriesJudged: Type.Integer(),
  alarms: Type.Integer(),
  signalsCreated: Type.Integer(),
  errors: Type.Integer(),
  detail: Type.Object({
    aggregate: Type.Object({ ...Counts, series: Type.Integer(), methods: Type.Record(Type.String(), Type.Integer()), weeks: Type.Array(Type.String()) }),
    gate: Type.Object(Counts),
    vector: Type.Object(Counts),
    errorSamples: Type.Array(Type.Object({ source: Type.String(), subject: Type.String(), message: Type.String() })),
    durationMs: Type.Union([Type.Integer(), Type.Null()]),
  }),
});

export const RunsPageSchema = Type.Object({
  runs: Type.Array(RunSchema),
  busy: Type.Boolean({ description: 'a run is in progress' }),
  nextScheduled: Nullable(Type.String({ format: 'date-time' })),
});

export const RunRequestSchema = Type.Object(
  { wait: Type.Optional(Type.Boolean({ default: false, description: 'answer when the run has finished, with its record' })) },
  { additionalProperties: false },
);

export const RunAcceptedSchema = Type.Object({ state: lit(['started', 'coalesced'] as const) });
