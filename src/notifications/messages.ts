/**
 * The message types of cross-border notification. Each body schema is the declared data set of
 * its type: every object is closed (additionalProperties: false), so the exchange refuses to send
 * or accept a field that is not declared here. Only `identity.response` can carry identifiers, and
 * only after the home side's liaison officer approved a request with a recorded legal basis.
 */
import { Type, type Static, type TLiteral, type TSchema } from '@sinclair/typebox';
import {
  CASE_DATA_FIELDS,
  IDENTITY_PURPOSES,
  LEGAL_BASES,
  MAX_TEXT,
  MESSAGE_KINDS,
  SHAREABLE_SIGNAL_STATUSES,
  type CaseData,
} from './model';

const closed = <T extends Record<string, TSchema>>(props: T) => Type.Object(props, { additionalProperties: false });
const lit = <const T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)) as unknown as TLiteral<T[number]>[]);
const nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);

const Uuid = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', maxLength: 36 });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Instant = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$' });
const Country = Type.String({ pattern: '^[A-Z]{2}$' });
const Code = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$' });
const Party = Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Role = lit(['administrator', 'epidemiologist', 'gate-officer', 'clinician', 'liaison', 'viewer'] as const);
const Count = Type.Integer({ minimum: 0 });

export const DiseaseRefSchema = closed({
  code: Code,
  system: lit(['VN', 'CN'] as const),
  relation: lit(['exact', 'broader', 'narrower', 'none'] as const),
  equivalents: Type.Array(Code, { maxItems: 20 }),
});

/** The minimum data set of a case (see `CaseData`). */
export const CaseDataSchema = closed({
  disease: DiseaseRefSchema,
  classification: lit(['suspected', 'probable', 'confirmed'] as const),
  onsetDate: nullable(Day),
  reportDate: Day,
  confirmationDate: nullable(Day),
  ageGroup: lit(['0-4', '5-14', '15-24', '25-44', '45-64', '65+', 'unknown'] as const),
  sex: lit(['male', 'female', 'unknown'] as const),
  entry: nullable(closed({ country: Country, gate: nullable(Code), date: Day })),
  infectionPlace: closed({ country: Country, area: nullable(Code), description: nullable(Text(500)) }),
  travel: Type.Array(closed({ place: Text(200), country: Country, from: Day, to: nullable(Day) }), { maxItems: 50 }),
  contacts: closed({ vn: Count, cn: Count }),
  outcome: lit(['under-treatment', 'recovered', 'died', 'unknown'] as const),
});

// The schema and the TypeScript type name the same fields.
type SchemaFields = keyof Static<typeof CaseDataSchema>;
export const CASE_DATA_MATCHES_SCHEMA: [Exclude<SchemaFields, keyof CaseData> | Exclude<keyof CaseData, SchemaFields>] extends [never] ? true : false = true;

/** `notification.case`: a confirmed imported case, then each update, in order on the case's stream. */
export const CaseNotificationSchema = closed({
  event: lit(['notified', 'updated'] as const),
  /** The case's id on the sending node (not personal data: meaningless outside that node). */
  caseId: Uuid,
  version: Type.Integer({ minimum: 1 }),
  /** When the sender recorded the case as confirmed. */
  confirmedAt: nullable(Instant),
  changed: Type.Array(lit(CASE_DATA_FIELDS), { maxItems: CASE_DATA_FIELDS.length }),
  case: CaseDataSchema,
});
export type CaseNotificationBody = Static<typeof CaseNotificationSchema>;

/** What a thread message, acknowledgement or identity request is about: the origin's case or signal. */
export const RefSchema = closed({ origin: Party, kind: lit(['case', 'signal'] as const), id: Uuid });
export type Ref = Static<typeof RefSchema>;

/** `notification.ack`: a person on the receiving side acknowledged the notification. */
export const AckSchema = closed({
  ref: RefSchema,
  acknowledgedAt: Instant,
  byRole: Role,
  note: nullable(Text(MAX_TEXT)),
});
export type AckBody = Static<typeof AckSchema>;

/** `notification.message`: a request for information or an answer, threaded on a notification. */
export const ThreadMessageSchema = closed({
  ref: RefSchema,
  messageId: Uuid,
  kind: lit(MESSAGE_KINDS),
  inReplyTo: nullable(Uuid),
  authorRole: Role,
  text: Text(MAX_TEXT),
  sentAt: Instant,
});
export type ThreadMessageBody = Static<typeof ThreadMessageSchema>;

export const LegalBasisSchema = closed({ code: lit(LEGAL_BASES), text: Text(1000) });

/** `identity.request`: identifiers of a notified case, for a purpose under a recorded legal basis. */
export const IdentityRequestSchema = closed({
  requestId: Uuid,
  ref: RefSchema,
  purpose: lit(IDENTITY_PURPOSES),
  legalBasis: LegalBasisSchema,
  requester: closed({ name: Text(200), role: Role }),
  requestedAt: Instant,
});
export type IdentityRequestBody = Static<typeof IdentityRequestSchema>;

/** The identifiers of a case as the home node's identity store holds them. */
export const IdentitySchema = closed({
  fullName: Text(200),
  idType: nullable(Text(50)),
  idNumber: nullable(Text(50)),
  phone: nullable(Text(50)),
  address: nullable(Text(500)),
  dateOfBirth: nullable(Day),
});

/** `identity.response`: the home side's decision, with the identifiers when approved. */
export const IdentityResponseSchema = closed({
  requestId: Uuid,
  ref: RefSchema,
  decision: lit(['approved', 'refused'] as const),
  reason: nullable(Text(MAX_TEXT)),
  decidedAt: Instant,
  decidedBy: closed({ name: Text(200), role: Role }),
  identity: nullable(IdentitySchema),
});
export type IdentityResponseBody = Static<typeof IdentityResponseSchema>;

const Num = Type.Number();
const CurvePoint = closed({ t: Type.String({ minLength: 1, maxLength: 20 }), observed: nullable(Num), expected: nullable(Num), upperbound: nullable(Num), alarm: nullable(Type.Boolean()) });

/** `signal.share`: a verified signal with its curve, no personal data. */
export const SignalShareSchema = closed({
  signalId: Uuid,
  kind: lit(['aggregate-detection', 'gate-screening', 'vector-index', 'cross-border', 'manual'] as const),
  disease: DiseaseRefSchema,
  area: Code,
  gate: nullable(Code),
  period: Type.String({ minLength: 1, maxLength: 20 }),
  status: lit(SHAREABLE_SIGNAL_STATUSES),
  risk: nullable(lit(['low', 'moderate', 'high', 'very-high'] as const)),
  detectedAt: Instant,
  sharedAt: Instant,
  note: nullable(Text(MAX_TEXT)),
  evidence: closed({
    reason: Type.String({ maxLength: MAX_TEXT }),
    method: nullable(Type.String({ maxLength: 100 })),
    observed: nullable(Num),
    expected: nullable(Num),
    upperbound: nullable(Num),
    curve: Type.Array(CurvePoint, { maxItems: 400 }),
    thresholds: Type.Array(closed({ name: Type.String({ maxLength: 100 }), value: Num, threshold: Num }), { maxItems: 20 }),
  }),
});
export type SignalShareBody = Static<typeof SignalShareSchema>;
export type SharedEvidence = SignalShareBody['evidence'];

export const MESSAGE_TYPES = {
  case: 'notification.case',
  ack: 'notification.ack',
  message: 'notification.message',
  identityRequest: 'identity.request',
  identityResponse: 'identity.response',
  signal: 'signal.share',
} as const;

/** Every type with its declared body schema (the minimum-data test walks these). */
export const DECLARED_SCHEMAS: Record<string, TSchema> = {
  [MESSAGE_TYPES.case]: CaseNotificationSchema,
  [MESSAGE_TYPES.ack]: AckSchema,
  [MESSAGE_TYPES.message]: ThreadMessageSchema,
  [MESSAGE_TYPES.identityRequest]: IdentityRequestSchema,
  [MESSAGE_TYPES.identityResponse]: IdentityResponseSchema,
  [MESSAGE_TYPES.signal]: SignalShareSchema,
};

/** The streams messages travel on (order is kept within a stream). */
export const streams = {
  case: (caseId: string) => `case:${caseId}`,
  signal: (signalId: string) => `signal:${signalId}`,
  thread: (ref: Ref) => `thread:${ref.origin}:${ref.kind}:${ref.id}`,
  identity: (requestId: string) => `identity:${requestId}`,
};

/**
 * Every key path a schema allows (`case.disease.code`, `case.travel.*.place`), for checking what
 * actually left the node against what was declared.
 */
export function declaredPaths(schema: TSchema, prefix = ''): Set<string> {
  const out = new Set<string>();
  const walk = (s: TSchema, p: string) => {
    if (s.anyOf) for (const x of s.anyOf as TSchema[]) walk(x, p);
    if (s.type === 'object' && s.properties) {
      for (const [k, v] of Object.entries(s.properties as Record<string, TSchema>)) {
        const q = p ? `${p}.${k}` : k;
        out.add(q);
        walk(v, q);
      }
    }
    if (s.type === 'array' && s.items) walk(s.items as TSchema, `${p}.*`);
  };
  walk(schema, prefix);
  return out;
}

/** Every key path present in a JSON value, arrays as `*`. */
export function presentPaths(value: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, p: string) => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, `${p}.*`));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const q = p ? `${p}.${k}` : k;
        out.add(q);
        walk(x, q);
      }
    }
  };
  walk(value, prefix);
  return out;
}
