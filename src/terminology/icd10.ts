/**
 * ICD-10 code syntax and containment.
 *
 * A reference is a single code (`A92`, `A92.0`) or an inclusive range of codes (`A90-A91`,
 * `A75.0-A75.2`, `B15-B19`). A code lies inside a reference when it is the referenced code, one
 * of its subdivisions, or falls between the range's ends at the ends' level of detail: `A92.0`
 * lies inside `A92`, `A91.9` inside `A90-A91`, but `A75` does not lie inside `A75.0-A75.2`.
 */

/** Regular-expression source for one ICD-10 code: a letter, two digits, optionally a dot and 1–2 digits. */
export const ICD10_CODE_SOURCE = '[A-Z][0-9]{2}(?:\\.[0-9]{1,2})?';

/** Regular-expression source for a reference: a code or `code-code`. */
export const ICD10_REF_SOURCE = `^${ICD10_CODE_SOURCE}(?:-${ICD10_CODE_SOURCE})?$`;

const CODE_RE = new RegExp(`^${ICD10_CODE_SOURCE}$`);
const REF_RE = new RegExp(ICD10_REF_SOURCE);

/** A parsed ICD-10 code: its three-character category and the digits after the dot (may be empty). */
export interface Icd10Code {
  readonly category: string;
  readonly sub: string;
}

/** A parsed reference: inclusive start and end (equal for a single code). */
export interface Icd10Range {
  readonly start: Icd10Code;
  readonly end: Icd10Code;
}

/** Parses a strictly written code (`A92.0`); undefined when the syntax is wrong. */
export function parseIcd10Code(code: string): Icd10Code | undefined {
  if (!CODE_RE.test(code)) return undefined;
  const [category, sub = ''] = code.split('.');
  return { category, sub };
}

/** Parses a strictly written reference (`A92.0`, `A90-A91`); undefined when malformed or reversed. */
export function parseIcd10Ref(ref: string): Icd10Range | undefined {
  if (!REF_RE.test(ref)) return undefined;
  const [a, b = a] = ref.split('-');
  const start = parseIcd10Code(a);
  const end = parseIcd10Code(b);
  if (!start || !end) return undefined;
  if (!(compareAt(end, start) >= 0)) return undefined; // reversed, or an end coarser than its start
  return { start, end };
}

/** True when the string is a well-formed ICD-10 code or range. */
export function isValidIcd10Ref(ref: string): boolean {
  return parseIcd10Ref(ref) !== undefined;
}

/**
 * Normalizes user input to the strict form: trims, upper-cases and inserts the dot (`a920` → `A92.0`).
 * Returns undefined when the input cannot be read as a code or range.
 */
export function normalizeIcd10(input: string): string | undefined {
  const one = (s: string): string | undefined => {
    const m = /^([A-Z][0-9]{2})\.?([0-9]{1,2})?$/.exec(s.trim().toUpperCase());
    if (!m) return undefined;
    return m[2] ? `${m[1]}.${m[2]}` : m[1];
  };
  const parts = input.split('-');
  if (parts.length > 2) return undefined;
  const norm = parts.map(one);
  if (norm.some((p) => p === undefined)) return undefined;
  const ref = norm.join('-');
  return isValidIcd10Ref(ref) ? ref : undefined;
}

/**
 * Compares a code with a range end at the end's level of detail: negative, zero or positive,
 * or NaN when the code is coarser than the end and cannot be placed (e.g. `A75` against `A75.0`).
 */
function compareAt(code: Icd10Code, end: Icd10Code): number {
  if (code.category !== end.category) return code.category < end.category ? -1 : 1;
  if (!end.sub) return 0;
  if (code.sub.length >= end.sub.length) {
    const t = code.sub.slice(0, end.sub.length);
    return t < end.sub ? -1 : t > end.sub ? 1 : 0;
  }
  const head = end.sub.slice(0, code.sub.length);
  if (code.sub !== head) return code.sub < head ? -1 : 1;
  return Number.NaN;
}

/** True when the code lies inside the range. */
export function codeInRange(code: Icd10Code, range: Icd10Range): boolean {
  return compareAt(code, range.start) >= 0 && compareAt(code, range.end) <= 0;
}

/** True when every code of `inner` lies inside `outer` (a code counts as the range from itself to itself). */
export function rangeWithin(inner: Icd10Range, outer: Icd10Range): boolean {
  return codeInRange(inner.start, outer) && codeInRange(inner.end, outer);
}

/** True when the ICD-10 reference `query` lies inside the reference `ref` (both strictly written). */
export function icd10Matches(ref: string, query: string): boolean {
  const r = parseIcd10Ref(ref);
  const q = parseIcd10Ref(query);
  return r !== undefined && q !== undefined && rangeWithin(q, r);
}
