/** HTTP schemas of the surveillance API (TypeBox). Dates are checked by the rules, with localized messages. */
import { Type, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { AGE_GROUPS, CLASSIFICATIONS, OUTCOMES, SEXES } from './model';
import { DATA_KINDS } from './access';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T>[]>;
const Nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);
const Str = (max = 200) => Type.String({ minLength: 1, maxLength: max });
const DateStr = Type.String({ minLength: 1, maxLength: 20, description: 'YYYY-MM-DD' });
const Count = Type.Integer({ minimum: 0, maximum: 2_147_483_647 });

export const ClassificationSchema = lit(CLASSIFICATIONS);
export const OutcomeSchema = lit(OUTCOMES);
export const SexSchema = lit(SEXES);
export const AgeGroupSchema = lit(AGE_GROUPS);
export const KindSchema = lit(DATA_KINDS);
export const FormatSchema = lit(['csv', 'dhis2'] as const);

const InfectionPlace = Type.Object(
  {
    country: Type.String({ minLength: 2, maxLength: 2, description: 'ISO 3166-1 alpha-2' }),
    area: Type.Optional(Nullable(Str(100))),
    description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

const ImportInfo = Type.Object(
  {
    country: Type.String({ minLength: 2, maxLength: 2 }),
    entryGate: Type.Optional(Nullable(Str(100))),
    entryDate: DateStr,
  },
  { additionalProperties: false },
);

const TravelStop = Type.Object(
  { place: Type.String({ maxLength: 200 }), country: Type.String({ minLength: 2, maxLength: 2 }), from: DateStr, to: Type.Optional(Nullable(DateStr)) },
  { additionalProperties: false },
);

const Contacts = Type.Object({ vn: Count, cn: Count }, { additionalProperties: false });

export const IdentitySchema = Type.Object(
  {
    fullName: Str(200),
    idType: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    idNumber: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    dateOfBirth: Type.Optional(Nullable(DateStr)),
  },
  { additionalProperties: false, description: 'Personal identifiers, stored apart from the case record' },
);

const fieldProps = {
  disease: Str(20),
  classification: ClassificationSchema,
  onsetDate: Type.Optional(Nullable(DateStr)),
  reportDate: DateStr,
  confirmationDate: Type.Optional(Nullable(DateStr)),
  age: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 130 }))),
  sex: SexSchema,
  residenceArea: Str(100),
  infectionPlace: InfectionPlace,
  imported: Type.Optional(Nullable(ImportInfo)),
  outcome: Type.Optional(OutcomeSchema),
  reportingFacility: Str(100),
  contacts: Type.Optional(Contacts),
  travel: Type.Optional(Type.Array(TravelStop, { maxItems: 50 })),
};

export const NewCaseSchema = Type.Object(
  { id: Type.Optional(Type.String({ format: 'uuid' })), ...fieldProps, identity: Type.Optional(Nullable(IdentitySchema)) },
  { additionalProperties: false },
);

export const CaseChangeSchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the version the change is based on (optimistic concurrency)' }),
    ...Object.fromEntries(Object.entries(fieldProps).map(([k, v]) => [k, Type.Optional(v)])),
    identity: Type.Optional(Nullable(IdentitySchema)),
  },
  { additionalProperties: false, minProperties: 2 },
);

export const CaseSchema = Type.Object({
  id: Type.String(),
  disease: Type.String(),
  classification: ClassificationSchema,
  classificationHistory: Type.Array(
    Type.Object({ from: Nullable(ClassificationSchema), to: ClassificationSchema, at: Type.String(), by: Type.String() }),
  ),
  onsetDate: Nullable(Type.String()),
  reportDate: Type.String(),
  confirmationDate: Nullable(Type.String()),
  age: Nullable(Type.Integer()),
  ageGroup: AgeGroupSchema,
  sex: SexSchema,
  residenceArea: Type.String(),
  infectionPlace: Type.Object({ country: Type.String(), area: Nullable(Type.String()), description: Nullable(Type.String()) }),
  imported: Nullable(Type.Object({ country: Type.String(), entryGate: Nullable(Type.String()), entryDate: Type.String() })),
  outcome: OutcomeSchema,
  reportingFacility: Type.String(),
  contacts: Contacts,
  travel: Type.Array(Type.Object({ place: Type.String(), country: Type.String(), from: Type.String(), to: Nullable(Type.String()) })),
  version: Type.Integer(),
  createdAt: Type.String(),
  createdBy: Type.String(),
  updatedAt: Type.String(),
  updatedBy: Type.String(),
});

export const IdentityResponseSchema = Type.Object({
  caseId: Type.String(),
  fullName: Type.String(),
  idType: Nullable(Type.String()),
  idNumber: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  dateOfBirth: Nullable(Type.String()),
});

export const AggregateSchema = Type.Object({
  period: Type.String(),
  periodKind: lit(['week', 'month'] as const),
  area: Type.String(),
  disease: Type.String(),
  ageGroup: AgeGroupSchema,
  sex: SexSchema,
  count: Type.Integer(),
});

export const ScreeningSchema = Type.Object(
  {
    gate: Str(100),
    date: DateStr,
    people: Count,
    vehicles: Count,
    consignments: Count,
    samples: Count,
    symptomatic: Count,
    referred: Count,
    quarantined: Count,
  },
  { additionalProperties: false },
);

const Index = Nullable(Type.Number({ minimum: 0 }));
export const VectorSchema = Type.Object(
  {
    area: Str(100),
    surveyDate: DateStr,
    houseIndex: Type.Optional(Index),
    breteauIndex: Type.Optional(Index),
    containerIndex: Type.Optional(Index),
    rodentDensity: Type.Optional(Index),
    fleaIndex: Type.Optional(Index),
    species: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

export const VectorResponseSchema = Type.Object({
  area: Type.String(),
  surveyDate: Type.String(),
  houseIndex: Nullable(Type.Number()),
  breteauIndex: Nullable(Type.Number()),
  containerIndex: Nullable(Type.Number()),
  rodentDensity: Nullable(Type.Number()),
  fleaIndex: Nullable(Type.Number()),
  species: Nullable(Type.String()),
});

export const WeeklySeriesSchema = Type.Object({
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  weeks: Type.Array(Type.String()),
  series: Type.Array(Type.Object({ area: Type.String(), disease: Type.String(), counts: Type.Array(Type.Integer()) })),
});

export const ImportReportSchema = Type.Object({
  jobId: Type.String(),
  kind: KindSchema,
  format: FormatSchema,
  state: lit(['receiving', 'writing', 'succeeded', 'rejected', 'failed'] as const),
  startedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  totalBytes: Nullable(Type.Integer()),
  processedBytes: Type.Integer(),
  processedRows: Type.Integer(),
  validRows: Type.Integer(),
  writtenRows: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  errorCount: Type.Integer(),
  errorOffset: Type.Integer(),
  errors: Type.Array(Type.Object({ line: Type.Integer(), field: Nullable(Type.String()), code: Type.String(), message: Type.String() })),
  failure: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
});

/** A page of a long list: pass `next` back as `after` for the following page. */
export const pageOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), next: Nullable(Type.String()) });

export const CursorQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 500 })),
  after: Type.Optional(Type.String({ maxLength: 500 })),
};

/** Opaque cursors: the key of the last item of a page. */
export function encodeCursor(key: string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(s: string | undefined): string[] | null {
  if (!s) return null;
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    // fall through
  }
  return null;
}
