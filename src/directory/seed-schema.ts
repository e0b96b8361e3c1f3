/**
 * Schemas (TypeBox) and TypeScript types for the directory seed data in
 * `src/directory/data/*.json`.
 *
 * Every seed file is an object `{ version: 1, notes: string[], <items>: [...] }`.
 * Every text a user sees is a `Text`: `{ vi, 'zh-CN', en }`, all non-empty; closed
 * sets of values are codes. Plain-string `notes` (file level, and on parties, areas and
 * facilities) document the data for maintainers and are never served.
 * Objects are closed (`additionalProperties: false`) so that typos in the JSON
 * are caught by validation.
 *
 * Consumed by `seed.ts` (database columns `agreements.signed_on` and
 * `border_gates.cn_area` are NOT NULL, agreement notes are a `Text`), so those
 * fields are required here too.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ContactRoleSchema } from './contact-roles';

const closed = { additionalProperties: false } as const;

export const NonEmptyString = Type.String({ minLength: 1 });

/** A name or short text in the three working languages of the platform. */
export const Text = Type.Object(
  { vi: NonEmptyString, 'zh-CN': NonEmptyString, en: NonEmptyString },
  closed,
);
export type Text = Static<typeof Text>;

export const Language = Type.Union([Type.Literal('vi'), Type.Literal('zh-CN'), Type.Literal('en')]);
export type Language = Static<typeof Language>;

export const Country = Type.Union([Type.Literal('VN'), Type.Literal('CN')]);
export type Country = Static<typeof Country>;

export const Timezone = Type.Union([Type.Literal('Asia/Ho_Chi_Minh'), Type.Literal('Asia/Shanghai')]);
export type Timezone = Static<typeof Timezone>;

/** Hierarchical upper-case code: `VN-QN`, `VN-QN-MC`, `CN-GX-FCG-DX`. */
export const HierarchicalCode = Type.String({ pattern: '^(VN|CN)(-[A-Z]{2,4})+$' });
export const PartyCode = HierarchicalCode;
export const AreaCode = HierarchicalCode;

/** Stable lower-case slug, e.g. `mong-cai-general-hospital`. */
export const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' });

/** Calendar date `YYYY-MM-DD`. */
export const IsoDate = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' });

/** ISO 8601 duration restricted to years / months / days, e.g. `P5Y`, `P6M`. */
export const IsoDuration = Type.String({ pattern: '^P(\\d+Y)?(\\d+M)?(\\d+D)?$', minLength: 3 });

export const Coordinates = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
  },
  closed,
);
export type Coordinates = Static<typeof Coordinates>;

const Notes = Type.Array(NonEmptyString);

// ---------------------------------------------------------------------------
// parties.json

export const PartyLevel = Type.Union([
  Type.Literal('province'),
  Type.Literal('region'),
  Type.Literal('prefecture'),
]);
export type PartyLevel = Static<typeof PartyLevel>;

export const Party = Type.Object(
  {
    code: PartyCode,
    country: Country,
    level: PartyLevel,
    /** Parent party (a Guangxi city's parent is `CN-GX`), or null. */
    parent: Type.Union([PartyCode, Type.Null()]),
    /** true: the party runs its own node; false: it is served by its parent's node. */
    runsNode: Type.Boolean(),
    names: Text,
    shortNames: Text,
    healthAuthority: Text,
    timezone: Timezone,
    /** Working languages, primary first. */
    languages: Type.Array(Language, { minItems: 1, uniqueItems: true }),
    /** Code of the top area (in areas.json) that this party covers. */
    area: AreaCode,
    notes: Type.Optional(NonEmptyString),
  },
  closed,
);
export type Party = Static<typeof Party>;

export const PartiesFile = Type.Object(
  { version: Type.Literal(1), notes: Notes, parties: Type.Array(Party, { minItems: 1 }) },
  closed,
);
export type PartiesFile = Static<typeof PartiesFile>;

// ---------------------------------------------------------------------------
// agreements.json

export const Renewal = Type.Union([
  Type.Object({ kind: Type.Literal('none') }, closed),
  Type.Object(
    { kind: Type.Literal('automatic'), term: IsoDuration, noticePeriod: IsoDuration },
    closed,
  ),
  Type.Object({ kind: Type.Literal('by-agreement') }, closed),
]);
export type Renewal = Static<typeof Renewal>;

export const AgreementScope = Type.Union([
  Type.Literal('notification'),
  Type.Literal('information-sharing'),
  Type.Literal('referral'),
  Type.Literal('emergency-transfer'),
  Type.Literal('joint-response'),
  Type.Literal('quarantine'),
  Type.Literal('laboratory'),
  Type.Literal('training'),
  Type.Literal('exchange-visits'),
  Type.Literal('research'),
  Type.Literal('traditional-medicine'),
]);
export type AgreementScope = Static<typeof AgreementScope>;

export const Agreement = Type.Object(
  {
    code: Slug,
    title: Text,
    parties: Type.Array(PartyCode, { minItems: 2, uniqueItems: true }),
    signedOn: IsoDate,
    /** true when the real signing date is not recorded and `signedOn` is a placeholder (= effectiveFrom). */
    signedOnEstimated: Type.Optional(Type.Boolean()),
    effectiveFrom: IsoDate,
    /** Last day (inclusive) of the current/initial term, or null if open-ended. */
    effectiveTo: Type.Union([IsoDate, Type.Null()]),
    /** Length of the initial term, if the text states one. */
    term: Type.Union([IsoDuration, Type.Null()]),
    renewal: Renewal,
    scopes: Type.Array(AgreementScope, { minItems: 1, uniqueItems: true }),
    /** Facilities named in the agreement (facility ids). */
    facilities: Type.Optional(Type.Array(Slug, { uniqueItems: true })),
    /** Border gates named in the agreement (gate pair ids). */
    gates: Type.Optional(Type.Array(Slug, { uniqueItems: true })),
    notes: Type.Union([Text, Type.Null()]),
  },
  closed,
);
export type Agreement = Static<typeof Agreement>;

export const AgreementsFile = Type.Object(
  { version: Type.Literal(1), notes: Notes, agreements: Type.Array(Agreement, { minItems: 1 }) },
  closed,
);
export type AgreementsFile = Static<typeof AgreementsFile>;

// ---------------------------------------------------------------------------
// areas.json

export const AreaLevel = Type.Union([
  Type.Literal('province'),
  Type.Literal('district'),
  Type.Literal('prefecture'),
  Type.Literal('county'),
]);
export type AreaLevel = Static<typeof AreaLevel>;

/** The unit's administrative type (as last in force for the statistical unit). */
export const AreaUnitType = Type.Union([
  // Vietnam
  Type.Literal('province'), // tỉnh
  Type.Literal('centrally-run-city'), // thành phố trực thuộc trung ương
  Type.Literal('city'), // thành phố (thuộc tỉnh / thuộc thành phố) ; also China's county-level city 县级市
  Type.Literal('town'), // thị xã
  Type.Literal('rural-district'), // huyện
  Type.Literal('urban-district'), // quận ; also China's 区
  // China
  Type.Literal('autonomous-region'), // 自治区
  Type.Literal('prefecture-level-city'), // 地级市
  Type.Literal('county'), // 县
  Type.Literal('autonomous-county'), // 自治县
]);
export type AreaUnitType = Static<typeof AreaUnitType>;

export const Area = Type.Object(
  {
    code: AreaCode,
    /** The party that owns the area (its node, or its parent's node, holds the data). */
    party: PartyCode,
    parent: Type.Union([AreaCode, Type.Null()]),
    level: AreaLevel,
    unitType: AreaUnitType,
    /** Full names including the unit type ("Thành phố Móng Cái", "东兴市"). */
    names: Text,
    /** Bare names ("Móng Cái", "东兴"). */
    shortNames: Text,
    /** For units of the provinces merged on 2025-07-01: the former province. */
    formerProvince: Type.Optional(Text),
    population: Type.Integer({ minimum: 1 }),
    populationYear: Type.Integer({ minimum: 2000, maximum: 2100 }),
    /** Always true for now: figures are approximate. */
    populationApproximate: Type.Boolean(),
    /** true if the area has a land border with the other country. */
    border: Type.Boolean(),
    centroid: Coordinates,
    notes: Type.Optional(NonEmptyString),
  },
  closed,
);
export type Area = Static<typeof Area>;

export const AreasFile = Type.Object(
  { version: Type.Literal(1), notes: Notes, areas: Type.Array(Area, { minItems: 1 }) },
  closed,
);
export type AreasFile = Static<typeof AreasFile>;

// ---------------------------------------------------------------------------
// facilities.json

export const FacilityKind = Type.Union([
  Type.Literal('hospital'),
  Type.Literal('cdc'),
  Type.Literal('quarantine'),
  Type.Literal('health-department'),
  Type.Literal('clinic'),
]);
export type FacilityKind = Static<typeof FacilityKind>;

export const Capability = Type.Union([
  Type.Literal('emergency'),
  Type.Literal('icu'),
  Type.Literal('infectious-disease'),
  Type.Literal('isolation'),
  Type.Literal('laboratory'),
  Type.Literal('pcr'),
  Type.Literal('surgery'),
  Type.Literal('trauma'),
  Type.Literal('maternity'),
  Type.Literal('paediatrics'),
  Type.Literal('ambulance'),
  Type.Literal('surveillance'),
  Type.Literal('vaccination'),
  Type.Literal('outbreak-response'),
  Type.Literal('quarantine-inspection'),
  Type.Literal('sample-collection'),
  Type.Literal('coordination'),
  Type.Literal('referral-centre'),
]);
export type Capability = Static<typeof Capability>;

export const Facility = Type.Object(
  {
    id: Slug,
    party: PartyCode,
    area: AreaCode,
    kind: FacilityKind,
    names: Text,
    address: Text,
    coordinates: Coordinates,
    capabilities: Type.Array(Capability, { uniqueItems: true }),
    /** Gate pair (border-gates.json id) that a quarantine unit serves. */
    gate: Type.Optional(Slug),
    /** Facility id of the organisation this unit belongs to (e.g. a CDC). */
    parentOrganization: Type.Optional(Slug),
    notes: Type.Optional(NonEmptyString),
  },
  closed,
);
export type Facility = Static<typeof Facility>;

export const FacilitiesFile = Type.Object(
  { version: Type.Literal(1), notes: Notes, facilities: Type.Array(Facility, { minItems: 1 }) },
  closed,
);
export type FacilitiesFile = Static<typeof FacilitiesFile>;

// ---------------------------------------------------------------------------
// border-gates.json

export const GateStatus = Type.Union([
  Type.Literal('international'),
  Type.Literal('bilateral'),
  Type.Literal('secondary'),
]);
export type GateStatus = Static<typeof GateStatus>;

export const GateMode = Type.Union([
  Type.Literal('road'),
  Type.Literal('rail'),
  Type.Literal('river'),
  Type.Literal('pedestrian'),
]);
export type GateMode = Static<typeof GateMode>;

export const GateSide = Type.Object(
  {
    name: Text,
    /** Area of this side (must be a border area of the side's country). */
    area: AreaCode,
    coordinates: Coordinates,
  },
  closed,
);
export type GateSide = Static<typeof GateSide>;

export const BorderGate = Type.Object(
  {
    id: Slug,
    names: Text,
    vn: GateSide,
    cn: GateSide,
    status: GateStatus,
    modes: Type.Array(GateMode, { minItems: 1, uniqueItems: true }),
    /** Boundary marker number at / nearest the crossing, when known. */
    marker: Type.Union([NonEmptyString, Type.Null()]),
    /** For a crossing (lối thông quan) that belongs to a gate pair: that pair's id. */
    partOf: Type.Optional(Slug),
    /** Date the current status took effect, when known. */
    statusSince: Type.Optional(IsoDate),
    /** Shown to users with the gate: in the three languages. */
    notes: Type.Optional(Text),
  },
  closed,
);
export type BorderGate = Static<typeof BorderGate>;

export const BorderGatesFile = Type.Object(
  { version: Type.Literal(1), notes: Notes, borderGates: Type.Array(BorderGate, { minItems: 1 }) },
  closed,
);
export type BorderGatesFile = Static<typeof BorderGatesFile>;

// ---------------------------------------------------------------------------
// contacts.json

export const Contact = Type.Object(
  {
    id: Slug,
    party: PartyCode,
    area: AreaCode,
    /** What the contact is the contact for (labels in `contact-roles.ts`). */
    role: ContactRoleSchema,
    /** Fictional person name, in local script. */
    name: NonEmptyString,
    title: Text,
    /** Facility id. */
    organization: Slug,
    /** Obviously fictional: `+84 2xx 555 01xx` / `+86 7xx 555 01xx`. */
    phone: Type.String({ pattern: '^\\+(84|86) \\d{3} 555 01\\d{2}$' }),
    email: Type.String({ pattern: '^[a-z0-9._-]+@[a-z0-9-]+\\.(vn|cn)\\.example$' }),
    languages: Type.Array(Language, { minItems: 1, uniqueItems: true }),
  },
  closed,
);
export type Contact = Static<typeof Contact>;

export const ContactsFile = Type.Object(
  { version: Type.Literal(1), notes: Notes, contacts: Type.Array(Contact, { minItems: 1 }) },
  closed,
);
export type ContactsFile = Static<typeof ContactsFile>;

// ---------------------------------------------------------------------------
// users.json

export const UserRole = Type.Union([
  Type.Literal('administrator'),
  Type.Literal('epidemiologist'),
  Type.Literal('gate-officer'),
  Type.Literal('clinician'),
  Type.Literal('liaison'),
  Type.Literal('viewer'),
]);
export type UserRole = Static<typeof UserRole>;

export const Jurisdiction = Type.Union([
  Type.Object({ kind: Type.Literal('party'), party: PartyCode }, closed),
  Type.Object({ kind: Type.Literal('area'), area: AreaCode }, closed),
  Type.Object({ kind: Type.Literal('gate'), gate: Slug }, closed),
  Type.Object({ kind: Type.Literal('facility'), facility: Slug }, closed),
]);
export type Jurisdiction = Static<typeof Jurisdiction>;

export const SeedUser = Type.Object(
  {
    username: Type.String({ pattern: '^[a-z][a-z0-9]*([._-][a-z0-9]+)*$', maxLength: 64 }),
    /** The node party the account lives on. */
    party: PartyCode,
    role: UserRole,
    /** Fictional person name, in local script. */
    displayName: NonEmptyString,
    jurisdiction: Jurisdiction,
  },
  closed,
);
export type SeedUser = Static<typeof SeedUser>;

export const UsersFile = Type.Object(
  { version: Type.Literal(1), notes: Notes, users: Type.Array(SeedUser, { minItems: 1 }) },
  closed,
);
export type UsersFile = Static<typeof UsersFile>;

// ---------------------------------------------------------------------------

/** File name → schema, for loaders and tests. */
export const seedFileSchemas = {
  'parties.json': PartiesFile,
  'agreements.json': AgreementsFile,
  'areas.json': AreasFile,
  'facilities.json': FacilitiesFile,
  'border-gates.json': BorderGatesFile,
  'contacts.json': ContactsFile,
  'users.json': UsersFile,
} as const;
export type SeedFileName = keyof typeof seedFileSchemas;
