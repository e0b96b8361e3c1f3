/** HTTP schemas of the notifications API. */
import { Type, type TLiteral, type TSchema } from '@sinclair/typebox';
import { Paging } from '../platform/http/schemas';
import { DIRECTIONS, IDENTITY_PURPOSES, KINDS, LEGAL_BASES, MAX_TEXT, MESSAGE_KINDS, STATUSES } from './model';

const lit = <const T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)) as unknown as TLiteral<T[number]>[]);
const nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });

export const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ListQuery = Type.Object({
  direction: Type.Optional(lit(DIRECTIONS)),
  kind: Type.Optional(lit(KINDS)),
  status: Type.Optional(lit(STATUSES)),
  disease: Type.Optional(Type.String({ maxLength: 50 })),
  peer: Type.Optional(Type.String({ maxLength: 64 })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'case or signal id, disease, gate, area or partner (any language, diacritics ignored)' })),
  subject: Type.Optional(Type.String({ format: 'uuid', description: 'the case or signal id on its origin node' })),
  ...Paging,
});

export const NotificationSchema = Type.Object({
  id: Type.String(),
  direction: lit(DIRECTIONS),
  kind: lit(KINDS),
  origin: Type.String(),
  peer: Type.String(),
  subjectId: Type.String(),
  status: lit(STATUSES),
  disease: nullable(Type.String()),
  diseaseLocal: nullable(Type.String()),
  classification: nullable(Type.String()),
  gate: nullable(Type.String()),
  area: nullable(Type.String()),
  version: Type.Integer(),
  route: Type.Unknown({ description: 'how the partner was chosen (outgoing): basis, concerned party, agreements, or why none' }),
  body: Type.Unknown({ description: 'the minimum data set (or shared signal) as last sent or received' }),
  timeline: Type.Object({
    confirmedAt: nullable(Instant),
    queuedAt: nullable(Instant),
    deliveredAt: nullable(Instant),
    receivedAt: nullable(Instant),
    acknowledgedAt: nullable(Instant),
  }),
  durations: Type.Record(Type.String(), nullable(Type.Number()), { description: 'seconds per interval' }),
  acknowledgement: nullable(Type.Object({ at: Instant, role: nullable(Type.String()), by: nullable(Type.String()), note: nullable(Type.String()) })),
  firstMessageId: nullable(Type.String()),
  lastMessageId: nullable(Type.String()),
  createdAt: Instant,
  updatedAt: Instant,
});

export const EventSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  side: Type.String(),
  messageId: nullable(Type.String()),
  at: Instant,
  author: nullable(Type.String()),
  authorRole: nullable(Type.String()),
  text: nullable(Type.String()),
  detail: Type.Unknown(),
});

export const IdentityRequestSchema = Type.Object({
  id: Type.String(),
  direction: lit(DIRECTIONS),
  notificationId: Type.String(),
  peer: Type.String(),
  purpose: Type.String(),
  legalBasis: Type.Object({ code: Type.String(), text: Type.String() }),
  requester: Type.Object({ name: Type.String(), role: Type.String() }),
  requestedAt: Instant,
  status: Type.String(),
  decidedAt: nullable(Instant),
  decidedBy: nullable(Type.Object({ name: Type.String(), role: Type.String() })),
  reason: nullable(Type.String()),
  disclosed: Type.Boolean(),
  requestMessageId: nullable(Type.String()),
  responseMessageId: nullable(Type.String()),
});

export const MessageTimelineSchema = Type.Object({
  id: Type.String(),
  status: Type.String(),
  queuedAt: nullable(Instant),
  deliveredAt: nullable(Instant),
  receivedAt: nullable(Instant),
  appliedAt: nullable(Instant),
  acknowledgedAt: nullable(Instant),
  receipt: nullable(Type.String({ description: 'the signed receipt (compact JWS)' })),
});

export const DetailSchema = Type.Intersect([
  NotificationSchema,
  Type.Object({
    events: Type.Array(EventSchema),
    identityRequests: Type.Array(IdentityRequestSchema),
    message: nullable(MessageTimelineSchema),
  }),
]);

export const AckBodySchema = Type.Object({ note: Type.Optional(nullable(Type.String({ maxLength: MAX_TEXT }))) }, { additionalProperties: false });

export const MessageBodySchema = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: MAX_TEXT }),
    kind: Type.Optional(lit(MESSAGE_KINDS)),
    inReplyTo: Type.Optional(nullable(Type.String({ format: 'uuid' }))),
  },
  { additionalProperties: false },
);

export const IdentityRequestBodySchema = Type.Object(
  {
    purpose: lit(IDENTITY_PURPOSES),
    legalBasis: Type.Object(
      { code: lit(LEGAL_BASES), text: Type.String({ minLength: 3, maxLength: 1000, description: 'the article or instrument, and why it applies' }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const DecisionBodySchema = Type.Object(
  { approve: Type.Boolean(), reason: Type.Optional(nullable(Type.String({ maxLength: MAX_TEXT }))) },
  { additionalProperties: false },
);

export const IdentityValuesSchema = Type.Object({
  requestId: Type.String(),
  fullName: Type.String(),
  idType: nullable(Type.String()),
  idNumber: nullable(Type.String()),
  phone: nullable(Type.String()),
  address: nullable(Type.String()),
  dateOfBirth: nullable(Type.String()),
});

export const ShareBodySchema = Type.Object(
  {
    to: Type.Optional(Type.Array(Type.String({ minLength: 2, maxLength: 64 }), { minItems: 1, maxItems: 20, uniqueItems: true })),
    note: Type.Optional(nullable(Type.String({ maxLength: MAX_TEXT }))),
  },
  { additionalProperties: false },
);

const Stats = Type.Object({
  count: Type.Integer(),
  open: Type.Integer(),
  medianSeconds: nullable(Type.Number()),
  p90Seconds: nullable(Type.Number()),
  within24h: nullable(Type.Number()),
});

export const TimelinessSchema = Type.Object({
  direction: lit(DIRECTIONS),
  intervals: Type.Array(Type.String()),
  groups: Type.Array(Type.Object({ peer: Type.String(), disease: Type.String(), notifications: Type.Integer(), intervals: Type.Record(Type.String(), Stats) })),
});

export const PartnerSchema = Type.Object({
  party: Type.String(),
  notification: Type.Array(Type.String()),
  informationSharing: Type.Array(Type.String()),
});
