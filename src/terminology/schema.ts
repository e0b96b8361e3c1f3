/**
 * TypeBox schemas of the terminology data files in `./data` and the types derived from them.
 * Every text the API serves to users (names, legal bases, notes) is a {@link Text}; `source`,
 * file-level `notes` and `relationSemantics` document the data for maintainers and stay English.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ICD10_REF_SOURCE } from './icd10';

/** The three languages every name is given in. */
export const LANGS = ['vi', 'zh-CN', 'en'] as const;
/** One of the three languages. */
export type Lang = (typeof LANGS)[number];
/** A text in every supported language. */
export type Text = { vi: string; 'zh-CN': string; en: string };

const NonEmpty = Type.String({ minLength: 1, pattern: '\\S' });
const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const VnCode = Type.String({ pattern: '^VN-[ABC]-[0-9]{2}$' });
const CnCode = Type.String({ pattern: '^CN-[ABC]-[0-9]{2}$' });
const Icd10Ref = Type.String({ pattern: ICD10_REF_SOURCE });
const closed = { additionalProperties: false } as const;

/** Schema of a {@link Text}: all three names present and not blank. */
export const TextSchema = Type.Object({ vi: NonEmpty, 'zh-CN': NonEmpty, en: NonEmpty }, closed);

/** Group (Vietnam) or class (China) letter. */
export const CategorySchema = Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C')]);
export type Category = Static<typeof CategorySchema>;

/** Correspondence of a Chinese entry to Vietnamese entries. */
export const RelationSchema = Type.Union([
  Type.Literal('exact'),
  Type.Literal('broader'),
  Type.Literal('narrower'),
  Type.Literal('none'),
]);
export type Relation = Static<typeof RelationSchema>;

/** Header naming the legal or reference source of a data file. */
export const SourceSchema = Type.Object(
  {
    name: NonEmpty,
    instrument: Type.Optional(NonEmpty),
    provision: Type.Optional(NonEmpty),
    effective: Type.Optional(IsoDate),
    amendments: Type.Optional(
      Type.Array(Type.Object({ instrument: NonEmpty, date: IsoDate, effect: NonEmpty }, closed)),
    ),
    basedOn: Type.Optional(Type.Array(NonEmpty)),
    asOf: IsoDate,
  },
  closed,
);
export type Source = Static<typeof SourceSchema>;

const AliasesSchema = Type.Object(
  { vi: Type.Optional(Type.Array(NonEmpty)), 'zh-CN': Type.Optional(Type.Array(NonEmpty)), en: Type.Optional(Type.Array(NonEmpty)) },
  closed,
);

/** Code of a legal basis, a key of its list's `bases` (e.g. `vn-law-03-2007-art3-1a`). */
export const BasisCodeSchema = Type.String({ pattern: '^(vn|cn)(-[a-z0-9]+)+$' });

/** The legal provisions a list cites, code → citation in the three languages. */
const BasesSchema = Type.Record(BasisCodeSchema, TextSchema, { additionalProperties: false, minProperties: 1 });

const entryFields = {
  icd10: Type.Array(Icd10Ref, { minItems: 1 }),
  names: TextSchema,
  aliases: Type.Optional(AliasesSchema),
  /** The provision that lists the disease: a key of the file's `bases`. */
  basis: BasisCodeSchema,
  /** Shown to users with the entry. */
  notes: Type.Optional(TextSchema),
};

/** One Vietnamese notifiable disease. */
export const VnEntrySchema = Type.Object({ code: VnCode, group: CategorySchema, ...entryFields }, closed);
export type VnEntry = Static<typeof VnEntrySchema>;

/** One Chinese statutory infectious disease. */
export const CnEntrySchema = Type.Object({ code: CnCode, class: CategorySchema, ...entryFields }, closed);
export type CnEntry = Static<typeof CnEntrySchema>;

/** `vn-notifiable.json`. */
export const VnListSchema = Type.Object(
  { source: SourceSchema, notes: Type.Array(NonEmpty), bases: BasesSchema, diseases: Type.Array(VnEntrySchema, { minItems: 1 }) },
  closed,
);
export type VnList = Static<typeof VnListSchema>;

/** `cn-notifiable.json`. */
export const CnListSchema = Type.Object(
  { source: SourceSchema, notes: Type.Array(NonEmpty), bases: BasesSchema, diseases: Type.Array(CnEntrySchema, { minItems: 1 }) },
  closed,
);
export type CnList = Static<typeof CnListSchema>;

/** One Chinese entry and the Vietnamese entries it corresponds to. */
export const MappingSchema = Type.Object(
  { cn: CnCode, vn: Type.Array(VnCode), relation: RelationSchema, note: Type.Optional(TextSchema) },
  closed,
);
export type Mapping = Static<typeof MappingSchema>;

/** `equivalence.json`. */
export const EquivalenceListSchema = Type.Object(
  {
    source: SourceSchema,
    relationSemantics: NonEmpty,
    mappings: Type.Array(MappingSchema),
    vnWithoutCounterpart: Type.Array(Type.Object({ vn: VnCode, note: Type.Optional(TextSchema) }, closed)),
  },
  closed,
);
export type EquivalenceList = Static<typeof EquivalenceListSchema>;

/** One ICD-10 code or block with its titles. */
export const Icd10EntrySchema = Type.Object({ code: Icd10Ref, names: TextSchema }, closed);
export type Icd10Entry = Static<typeof Icd10EntrySchema>;

/** `icd10.json`. */
export const Icd10ListSchema = Type.Object(
  { source: SourceSchema, codes: Type.Array(Icd10EntrySchema, { minItems: 1 }) },
  closed,
);
export type Icd10List = Static<typeof Icd10ListSchema>;

/** The four data files together. */
export interface TerminologyData {
  vn: VnList;
  cn: CnList;
  equivalence: EquivalenceList;
  icd10: Icd10List;
}
