import canonicalize from 'canonicalize';
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { BhError } from '../errors';
import { AuditErrors } from './errors';

/**
 * One audit record. Its RFC 8785 canonical JSON, as UTF-8, is what gets hashed into the log and
 * stored verbatim, so any verifier can re-hash the stored bytes without knowing this schema.
 */

const Party = Type.String({ minLength: 1, maxLength: 64 });
const Id = Type.String({ minLength: 1, maxLength: 200 });

export const AuditActorSchema = Type.Union([
  Type.Object(
    { kind: Type.Literal('user'), id: Id, username: Type.String({ minLength: 1, maxLength: 200 }), party: Party },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('node'), party: Party }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('peer'), party: Party }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('anonymous') }, { additionalProperties: false }),
]);

export const AuditResourceSchema = Type.Union([
  Type.Object({ type: Type.String({ minLength: 1, maxLength: 100 }), id: Id }, { additionalProperties: false }),
  Type.Null(),
]);

export const AuditOutcomeSchema = Type.Union([Type.Literal('success'), Type.Literal('denied'), Type.Literal('failed')]);

export const AuditEntrySchema = Type.Object(
  {
    // ISO 8601 in UTC with a literal Z and at most milliseconds (what Date and timestamptz agree on).
    time: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$' }),
    actor: AuditActorSchema,
    // Dotted lower-case verbs such as 'auth.login.failed' or 'directory.contact.read'.
    action: Type.String({ pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$', maxLength: 100 }),
    resource: AuditResourceSchema,
    purpose: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
    legalBasis: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
    peer: Type.Union([Party, Type.Null()]),
    outcome: AuditOutcomeSchema,
    detail: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

export type AuditActor = Static<typeof AuditActorSchema>;
export type AuditResource = Static<typeof AuditResourceSchema>;
export type AuditOutcome = Static<typeof AuditOutcomeSchema>;
export type AuditEntry = Static<typeof AuditEntrySchema>;

/** What callers pass: actor and action are required; the rest default (now, null, 'success'). */
export type AuditEntryInput = Pick<AuditEntry, 'actor' | 'action'> & {
  [K in Exclude<keyof AuditEntry, 'actor' | 'action'>]?: AuditEntry[K] | undefined;
};

/** Fills an input's defaults and drops undefined members, which JSON cannot represent. */
export function completeAuditEntry(input: AuditEntryInput): AuditEntry {
  const entry: AuditEntry = {
    time: input.time ?? auditNow(),
    actor: input.actor,
    action: input.action,
    resource: input.resource ?? null,
    purpose: input.purpose ?? null,
    legalBasis: input.legalBasis ?? null,
    peer: input.peer ?? null,
    outcome: input.outcome ?? 'success',
  };
  if (input.detail !== undefined) entry.detail = input.detail;
  return entry;
}

/** Upper bound on one serialised entry; `detail` is meant for a few identifiers, not payloads. */
export const MAX_ENTRY_BYTES = 8 * 1024;

// canonicalize silently drops undefined and turns NaN into null; reject them instead so that
// the stored bytes always mean exactly what the caller passed.
function isJson(v: unknown, depth = 0): boolean {
  if (depth > 16) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isJson(x, depth + 1));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.values(v as object).every((x) => isJson(x, depth + 1));
  }
  return false;
}

function invalid(detail: string): BhError {
  return new BhError(AuditErrors.BH_AUDIT_ENTRY_INVALID, { detail });
}

// Compiled once: every audited write checks its entry.
const entryCheck = TypeCompiler.Compile(AuditEntrySchema);

/** Checks an entry against the schema and JSON rules; throws BH_AUDIT_ENTRY_INVALID. */
export function assertAuditEntry(value: unknown): asserts value is AuditEntry {
  if (!entryCheck.Check(value)) {
    const first = entryCheck.Errors(value).First();
    throw invalid(first ? `${first.path || '/'}: ${first.message}` : 'does not match the schema');
  }
  if (Number.isNaN(Date.parse(value.time))) throw invalid('/time: not a real instant');
  if (!isJson(value)) throw invalid('not plain JSON (undefined, non-finite number, class instance or too deep)');
}

/** Serialises an entry as RFC 8785 canonical JSON in UTF-8: the exact bytes that are hashed. */
export function encodeAuditEntry(entry: AuditEntry): Uint8Array {
  assertAuditEntry(entry);
  const text = canonicalize(entry);
  if (text === undefined) throw invalid('cannot be serialised');
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > MAX_ENTRY_BYTES) throw invalid(`larger than ${MAX_ENTRY_BYTES} bytes`);
  return bytes;
}

/** Parses stored bytes back into an entry, checking they are the canonical form of a valid entry. */
export function decodeAuditEntry(bytes: Uint8Array): AuditEntry {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalid('stored bytes are not UTF-8 JSON');
  }
  assertAuditEntry(value);
  const again = new TextEncoder().encode(canonicalize(value));
  if (again.length !== bytes.length || again.some((b, i) => b !== bytes[i])) throw invalid('stored bytes are not canonical');
  return value;
}

/** The current instant in the entry's time format. */
export function auditNow(): string {
  return new Date().toISOString();
}
