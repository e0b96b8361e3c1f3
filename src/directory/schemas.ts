import { Type } from '@sinclair/typebox';
import { TextSchema } from '../platform/http/schemas';
import { ROLES } from '../platform/access';

const LatLon = Type.Object({ lat: Type.Number(), lon: Type.Number() });

export const PartySchema = Type.Object({
  code: Type.String(),
  country: Type.String(),
  level: Type.String(),
  parent: Type.Union([Type.String(), Type.Null()]),
  runsNode: Type.Boolean(),
  servingParty: Type.String(),
  names: TextSchema,
  shortNames: TextSchema,
  healthAuthority: TextSchema,
  timezone: Type.String(),
});

/** A date written YYYY-MM-DD; whether it exists in the calendar is the model's check (a coded error). */
const dateString = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });

/** A note in any of the three languages (at least one). */
export const NoteSchema = Type.Object(
  {
    vi: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    'zh-CN': Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    en: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const RenewalSchema = Type.Object({
  id: Type.String(),
  agreement: Type.String(),
  effectiveTo: Type.String(),
  signedOn: Type.Union([Type.String(), Type.Null()]),
  reference: Type.String(),
  note: Type.Union([NoteSchema, Type.Null()]),
  demo: Type.Boolean({ description: 'Recorded by the demo as an assumption, not a signed text' }),
  recordedBy: Type.String(),
  recordedAt: Type.String(),
});

export const NewRenewalSchema = Type.Object(
  {
    effectiveTo: dateString('The new last day (inclusive) of the agreement'),
    signedOn: Type.Optional(Type.Union([dateString('The day the parties signed the renewal'), Type.Null()])),
    reference: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description: 'Document number or title of the renewal' }),
    note: Type.Optional(Type.Union([NoteSchema, Type.Null()])),
  },
  { additionalProperties: false },
);

export const AgreementSchema = Type.Object({
  code: Type.String(),
  title: TextSchema,
  parties: Type.Array(Type.String()),
  signedOn: Type.Union([Type.String(), Type.Null()]),
  effectiveFrom: Type.String(),
  effectiveTo: Type.Union([Type.String(), Type.Null()]),
  term: Type.Union([Type.String(), Type.Null()]),
  renewal: Type.Object({ kind: Type.String() }, { additionalProperties: true }),
  scopes: Type.Array(Type.String()),
  notes: Type.Union([TextSchema, Type.Null()]),
  renewals: Type.Array(RenewalSchema),
  status: Type.Object({ state: Type.String() }, { additionalProperties: true }),
});

export const AreaSchema = Type.Object({
  code: Type.String(),
  party: Type.String(),
  parent: Type.Union([Type.String(), Type.Null()]),
  level: Type.String(),
  names: TextSchema,
  shortNames: TextSchema,
  population: Type.Integer(),
  populationYear: Type.Integer(),
  border: Type.Boolean(),
  centroid: Type.Union([LatLon, Type.Null()]),
  path: Type.Array(Type.String()),
});

export const FacilitySchema = Type.Object({
  id: Type.String(),
  party: Type.String(),
  area: Type.String(),
  kind: Type.String(),
  names: TextSchema,
  address: Type.Union([TextSchema, Type.Null()]),
  coordinates: Type.Union([LatLon, Type.Null()]),
  capabilities: Type.Array(Type.String()),
});

const GateSide = Type.Object(
  { name: TextSchema, area: Type.String(), coordinates: LatLon },
  { additionalProperties: true },
);
export const GateSchema = Type.Object(
  {
    id: Type.String(),
    names: Type.Optional(TextSchema),
    vn: GateSide,
    cn: GateSide,
    status: Type.String(),
    modes: Type.Array(Type.String()),
    marker: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    partOf: Type.Optional(Type.String()),
    statusSince: Type.Optional(Type.String()),
    notes: Type.Optional(TextSchema),
  },
  { additionalProperties: true },
);

export const ContactSchema = Type.Object(
  {
    id: Type.String(),
    party: Type.String(),
    area: Type.String(),
    role: Type.String({ description: 'What the contact is the contact for, a code such as liaison-international' }),
    roleLabel: TextSchema,
    name: Type.Optional(Type.String()),
    title: Type.Optional(TextSchema),
    organization: Type.Optional(Type.String({ description: 'Facility id' })),
    phone: Type.Optional(Type.String()),
    email: Type.Optional(Type.String()),
    languages: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: true },
);

export const JurisdictionSchema = Type.Union([
  Type.Object({ kind: Type.Literal('party'), party: Type.String({ minLength: 2 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('area'), area: Type.String({ minLength: 2 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('gate'), gate: Type.String({ minLength: 2 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('facility'), facility: Type.String({ minLength: 2 }) }, { additionalProperties: false }),
]);

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

export const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  party: Type.String(),
  role: RoleSchema,
  jurisdiction: JurisdictionSchema,
  disabled: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const NewUserSchema = Type.Object(
  {
    username: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{1,62}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    jurisdiction: JurisdictionSchema,
    password: Type.String({ minLength: 10, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const UserChangeSchema = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(RoleSchema),
    jurisdiction: Type.Optional(JurisdictionSchema),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Type.String({ minLength: 10, maxLength: 200 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
