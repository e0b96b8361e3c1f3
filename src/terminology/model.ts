/**
 * Notifiable-disease terminology of Vietnam and China: validation of the data files and lookups by
 * code, by ICD-10 code, by name in any language, and across the two lists. Pure: no I/O.
 */
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { codeInRange, normalizeIcd10, parseIcd10Code, parseIcd10Ref, rangeWithin, type Icd10Range } from './icd10';
import { foldForSearch, foldedTokens } from './normalize';
import {
  CnListSchema,
  EquivalenceListSchema,
  Icd10ListSchema,
  LANGS,
  VnListSchema,
  type Category,
  type CnEntry,
  type Icd10Entry,
  type Lang,
  type Mapping,
  type Relation,
  type Source,
  type TerminologyData,
  type Text,
  type VnEntry,
} from './schema';

export * from './schema';

/** A Vietnamese entry as served by {@link Terminology}. */
export type VnDisease = VnEntry & { readonly system: 'VN' };
/** A Chinese entry as served by {@link Terminology}. */
export type CnDisease = CnEntry & { readonly system: 'CN' };
/** An entry of either list. */
export type Disease = VnDisease | CnDisease;
/** Which list an entry belongs to. */
export type System = Disease['system'];

/** How one entry corresponds to entries of the other list. */
export interface Equivalence {
  /** The entry asked about. */
  readonly from: Disease;
  /** `from` compared with `targets` taken together (e.g. `broader`: `from` covers more). */
  readonly relation: Relation;
  /** Corresponding entries of the other list (empty when `relation` is `none`). */
  readonly targets: readonly Disease[];
  /** Explanations of the correspondence, for users. */
  readonly notes: readonly Text[];
}

/** Options of {@link Terminology.search}. */
export interface SearchOptions {
  /** Only entries of this list. */
  system?: System;
  /** Only names and aliases in these languages (default: all, plus the entry code). */
  langs?: readonly Lang[];
  /** At most this many results. */
  limit?: number;
}

/** Options of {@link Terminology.byIcd10}. */
export interface Icd10LookupOptions {
  system?: System;
  /** Also return entries whose codes lie inside the query (`A92` then finds `A92.0`). */
  includeNarrower?: boolean;
}

/** Raised when the data files do not pass validation. */
export class TerminologyDataError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`Invalid terminology data:\n- ${errors.slice(0, 20).join('\n- ')}`);
    this.name = 'TerminologyDataError';
  }
}

/** The raw, unchecked contents of the four data files. */
export interface RawTerminologyData {
  vn: unknown;
  cn: unknown;
  equivalence: unknown;
  icd10: unknown;
}

/** Returns the group (Vietnam) or class (China) letter of an entry. */
export function categoryOf(d: Disease): Category {
  return d.system === 'VN' ? d.group : d.class;
}

function schemaErrors(file: string, schema: TSchema, value: unknown): string[] {
  return [...Value.Errors(schema, value)].slice(0, 20).map((e) => `${file}${e.path || '/'}: ${e.message}`);
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) dup.add(v);
    seen.add(v);
  }
  return [...dup];
}

/** Checks the four data files against their schemas and each other; returns the typed data or the errors. */
export function validateTerminologyData(
  raw: RawTerminologyData,
): { ok: true; data: TerminologyData } | { ok: false; errors: string[] } {
  const errors = [
    ...schemaErrors('vn-notifiable.json', VnListSchema, raw.vn),
    ...schemaErrors('cn-notifiable.json', CnListSchema, raw.cn),
    ...schemaErrors('equivalence.json', EquivalenceListSchema, raw.equivalence),
    ...schemaErrors('icd10.json', Icd10ListSchema, raw.icd10),
  ];
  if (errors.length > 0) return { ok: false, errors };
  const data = raw as TerminologyData;
  const entries = [...data.vn.diseases, ...data.cn.diseases];
  for (const code of duplicates(entries.map((d) => d.code))) errors.push(`duplicate disease code ${code}`);
  for (const d of data.vn.diseases) if (d.code[3] !== d.group) errors.push(`${d.code}: code does not match group ${d.group}`);
  for (const d of data.cn.diseases) if (d.code[3] !== d.class) errors.push(`${d.code}: code does not match class ${d.class}`);
  for (const [file, list] of [['vn-notifiable.json', data.vn], ['cn-notifiable.json', data.cn]] as const) {
    const cited = new Set(list.diseases.map((d) => d.basis));
    for (const d of list.diseases) if (!Object.hasOwn(list.bases, d.basis)) errors.push(`${d.code}: unknown basis ${d.basis}`);
    for (const b of Object.keys(list.bases)) if (!cited.has(b)) errors.push(`${file}: basis ${b} is cited by no entry`);
  }

  const icdCodes = data.icd10.codes.map((c) => c.code);
  for (const code of duplicates(icdCodes)) errors.push(`icd10.json: duplicate code ${code}`);
  const known = new Set(icdCodes);
  for (const c of icdCodes) if (!parseIcd10Ref(c)) errors.push(`icd10.json: malformed code ${c}`);
  for (const d of entries) {
    for (const ref of d.icd10) {
      if (!parseIcd10Ref(ref)) errors.push(`${d.code}: malformed or reversed ICD-10 reference ${ref}`);
      else if (!known.has(ref) && !ref.split('-').every((end) => known.has(end)))
        errors.push(`${d.code}: ICD-10 reference ${ref} has no title in icd10.json`);
    }
    for (const ref of duplicates(d.icd10)) errors.push(`${d.code}: ICD-10 reference ${ref} listed twice`);
  }

  const vnCodes = new Set(data.vn.diseases.map((d) => d.code));
  const cnCodes = new Set(data.cn.diseases.map((d) => d.code));
  const eq = data.equivalence;
  const mappedVn = new Set<string>();
  for (const m of eq.mappings) {
    if (!cnCodes.has(m.cn)) errors.push(`equivalence.json: unknown Chinese code ${m.cn}`);
    for (const v of m.vn) {
      if (!vnCodes.has(v)) errors.push(`equivalence.json: ${m.cn} refers to unknown Vietnamese code ${v}`);
      mappedVn.add(v);
    }
    for (const v of duplicates(m.vn)) errors.push(`equivalence.json: ${m.cn} lists ${v} twice`);
    if ((m.relation === 'none') !== (m.vn.length === 0))
      errors.push(`equivalence.json: ${m.cn} must have no Vietnamese entries exactly when its relation is none`);
  }
  for (const c of duplicates(eq.mappings.map((m) => m.cn))) errors.push(`equivalence.json: ${c} mapped twice`);
  const covered = new Set(eq.mappings.map((m) => m.cn));
  for (const c of cnCodes) if (!covered.has(c)) errors.push(`equivalence.json: Chinese entry ${c} has no mapping`);
  const unmapped = eq.vnWithoutCounterpart.map((u) => u.vn);
  for (const v of duplicates(unmapped)) errors.push(`equivalence.json: ${v} listed twice without counterpart`);
  for (const v of unmapped) {
    if (!vnCodes.has(v)) errors.push(`equivalence.json: unknown Vietnamese code ${v}`);
    if (mappedVn.has(v)) errors.push(`equivalence.json: ${v} is both mapped and listed without counterpart`);
  }
  const unmappedSet = new Set(unmapped);
  for (const v of vnCodes)
    if (!mappedVn.has(v) && !unmappedSet.has(v))
      errors.push(`equivalence.json: Vietnamese entry ${v} is neither mapped nor listed without counterpart`);

  return errors.length > 0 ? { ok: false, errors } : { ok: true, data };
}

/** Validates the raw data files and builds a {@link Terminology}; throws {@link TerminologyDataError}. */
export function createTerminology(raw: RawTerminologyData): Terminology {
  const result = validateTerminologyData(raw);
  if (!result.ok) throw new TerminologyDataError(result.errors);
  return new Terminology(result.data);
}

interface SearchField {
  readonly lang: Lang | 'code';
  readonly folded: string;
  /** 0 for names and codes, 1 for aliases: names rank first. */
  readonly penalty: number;
}

/** 0 equal, 1 prefix, 2 at a word start, 3 anywhere, Infinity absent; a leading Vietnamese "bệnh" is skipped. */
function matchScore(folded: string, q: string): number {
  const core = folded.replace(/^(?:cac )?benh /, '');
  if (folded === q || core === q) return 0;
  if (folded.startsWith(q) || core.startsWith(q)) return 1;
  if (folded.includes(` ${q}`)) return 2;
  return folded.includes(q) ? 3 : Infinity;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const INVERSE: Record<Relation, Relation> = { exact: 'exact', broader: 'narrower', narrower: 'broader', none: 'none' };

/** Both lists with their cross-walk and ICD-10 titles; build it with `createTerminology` or `loadTerminology`. */
export class Terminology {
  readonly vn: readonly VnDisease[];
  readonly cn: readonly CnDisease[];
  readonly sources: Readonly<Record<'vn' | 'cn' | 'equivalence' | 'icd10', Source>>;
  readonly notes: Readonly<Record<'vn' | 'cn', readonly string[]>>;
  private readonly all: readonly Disease[];
  private readonly bases: Readonly<Record<System, Readonly<Record<string, Text>>>>;
  private readonly codes = new Map<string, Disease>();
  private readonly ranges = new Map<Disease, Icd10Range[]>();
  private readonly fields = new Map<Disease, SearchField[]>();
  private readonly cnMappings = new Map<string, Mapping>();
  private readonly vnMappings = new Map<string, Mapping[]>();
  private readonly vnUnmapped = new Map<string, Text | undefined>();
  private readonly icdEntries: { entry: Icd10Entry; range: Icd10Range }[];

  /** Wraps already validated data; prefer {@link createTerminology}. */
  constructor(data: TerminologyData) {
    this.vn = data.vn.diseases.map((d) => deepFreeze({ ...structuredClone(d), system: 'VN' as const }));
    this.cn = data.cn.diseases.map((d) => deepFreeze({ ...structuredClone(d), system: 'CN' as const }));
    this.all = [...this.vn, ...this.cn];
    this.sources = {
      vn: data.vn.source,
      cn: data.cn.source,
      equivalence: data.equivalence.source,
      icd10: data.icd10.source,
    };
    this.notes = { vn: data.vn.notes, cn: data.cn.notes };
    this.bases = deepFreeze(structuredClone({ VN: data.vn.bases, CN: data.cn.bases }));
    for (const d of this.all) {
      this.codes.set(d.code, d);
      this.ranges.set(d, d.icd10.map((r) => parseIcd10Ref(r)).filter((r): r is Icd10Range => r !== undefined));
      const fields: SearchField[] = [{ lang: 'code', folded: foldForSearch(d.code), penalty: 0 }];
      for (const lang of LANGS) {
        fields.push({ lang, folded: foldForSearch(d.names[lang]), penalty: 0 });
        for (const alias of d.aliases?.[lang] ?? []) fields.push({ lang, folded: foldForSearch(alias), penalty: 1 });
      }
      this.fields.set(d, fields);
    }
    for (const m of data.equivalence.mappings) {
      this.cnMappings.set(m.cn, m);
      for (const v of m.vn) this.vnMappings.set(v, [...(this.vnMappings.get(v) ?? []), m]);
    }
    for (const u of data.equivalence.vnWithoutCounterpart) this.vnUnmapped.set(u.vn, u.note);
    this.icdEntries = data.icd10.codes.flatMap((entry) => {
      const range = parseIcd10Ref(entry.code);
      return range ? [{ entry, range }] : [];
    });
  }

  /** Returns the entries of one list, or of both (Vietnam first). */
  diseases(system?: System): readonly Disease[] {
    return system === 'VN' ? this.vn : system === 'CN' ? this.cn : this.all;
  }

  /** The citation of the provision that lists an entry, in the three languages. */
  basisOf(d: Disease): Text {
    const bases = this.bases[d.system];
    if (!Object.hasOwn(bases, d.basis)) throw new Error(`${d.code}: unknown basis ${d.basis}`);
    return bases[d.basis];
  }

  /** Finds an entry by its code (`VN-B-12`, `cn-b-15`). */
  byCode(code: string): Disease | undefined {
    return this.codes.get(code.trim().toUpperCase());
  }

  /** Finds the entries whose ICD-10 codes contain the given code or range (`A92.0` matches `A92`). */
  byIcd10(code: string, options: Icd10LookupOptions = {}): Disease[] {
    const ref = normalizeIcd10(code);
    const query = ref === undefined ? undefined : parseIcd10Ref(ref);
    if (!query) return [];
    return this.diseases(options.system).filter((d) =>
      (this.ranges.get(d) ?? []).some((r) => rangeWithin(query, r) || (options.includeNarrower === true && rangeWithin(r, query))),
    );
  }

  /** Searches names (and aliases) in any language, ignoring case, diacritics and punctuation; best matches first. */
  search(query: string, options: SearchOptions = {}): Disease[] {
    const q = foldForSearch(query);
    if (!q) return [];
    const tokens = foldedTokens(q);
    const langs = new Set<Lang | 'code'>(options.langs ?? [...LANGS, 'code']);
    const scored: { d: Disease; score: number; order: number }[] = [];
    this.diseases(options.system).forEach((d, order) => {
      const fields = (this.fields.get(d) ?? []).filter((f) => langs.has(f.lang));
      let score = Infinity;
      for (const f of fields) score = Math.min(score, matchScore(f.folded, q) + f.penalty);
      if (score === Infinity && tokens.length > 1) {
        // Every word of the query starts a word somewhere in the entry's names ("dengue sot").
        const words = ` ${fields.filter((f) => f.lang !== 'code').map((f) => f.folded).join(' ')}`;
        const found = (w: string) => words.includes(` ${w}`) || (/\p{Script=Han}/u.test(w) && words.includes(w));
        if (tokens.every(found)) score = 5;
      }
      if (score !== Infinity) scored.push({ d, score, order });
    });
    scored.sort((a, b) => a.score - b.score || a.order - b.order);
    const result = scored.map((s) => s.d);
    return options.limit === undefined ? result : result.slice(0, Math.max(0, options.limit));
  }

  /** Returns how an entry of either list corresponds to the other list; undefined for an unknown code. */
  equivalentOf(code: string): Equivalence | undefined {
    const from = this.byCode(code);
    if (!from) return undefined;
    const lookup = (codes: readonly string[]): Disease[] =>
      codes.map((c) => this.codes.get(c)).filter((d): d is Disease => d !== undefined);
    if (from.system === 'CN') {
      const m = this.cnMappings.get(from.code);
      if (!m) return { from, relation: 'none', targets: [], notes: [] };
      return { from, relation: m.relation, targets: lookup(m.vn), notes: m.note ? [m.note] : [] };
    }
    const mappings = this.vnMappings.get(from.code) ?? [];
    if (mappings.length === 0) {
      const note = this.vnUnmapped.get(from.code);
      return { from, relation: 'none', targets: [], notes: note ? [note] : [] };
    }
    // Seen from the Vietnamese side: one of several Vietnamese entries is narrower than the Chinese
    // one it shares, and a Vietnamese entry shared by several Chinese entries is broader than each.
    let relation: Relation;
    if (mappings.length > 1) relation = 'broader';
    else if (mappings[0].vn.length > 1) relation = mappings[0].relation === 'narrower' ? 'broader' : 'narrower';
    else relation = INVERSE[mappings[0].relation];
    const notes = mappings.flatMap((m) => (m.note ? [m.note] : []));
    return { from, relation, targets: lookup(mappings.map((m) => m.cn)), notes };
  }

  /** Returns the ICD-10 title entry for a code: the exact code, else the most specific listed code or block containing it. */
  icd10(code: string): Icd10Entry | undefined {
    const ref = normalizeIcd10(code);
    if (ref === undefined) return undefined;
    const exact = this.icdEntries.find((e) => e.entry.code === ref);
    if (exact) return exact.entry;
    const parsed = parseIcd10Code(ref);
    if (!parsed) return undefined;
    const containing = this.icdEntries.filter((e) => codeInRange(parsed, e.range));
    // The most specific container is the one that lies inside all the others.
    return containing.find((c) => containing.every((o) => rangeWithin(c.range, o.range)))?.entry;
  }
}
