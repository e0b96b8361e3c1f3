import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { BhError } from '../errors';
import type { Db } from '../store/database';
import { ExchangeErrors } from './errors';

/** The signed payload of every message between nodes. */
export interface ExchangeMessage<B = unknown> {
  /** UUIDv7, chosen by the sender; the receiver's dedupe key. */
  id: string;
  from: string;
  to: string;
  type: string;
  /** Messages of one stream carry gapless `seq` numbers 1, 2, 3… per (from, to, stream). */
  stream: string;
  seq: number;
  createdAt: string;
  expiresAt: string;
  body: B;
}

const Party = Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' });
const Instant = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$' });

/** The envelope as the receiver checks it before looking at the body. */
export const MessagePayloadSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' }),
    from: Party,
    to: Party,
    type: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$' }),
    stream: Type.String({ minLength: 1, maxLength: 200 }),
    seq: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
    createdAt: Instant,
    expiresAt: Instant,
    body: Type.Unknown(),
  },
  { additionalProperties: false },
);
export const checkMessagePayload = TypeCompiler.Compile(MessagePayloadSchema);

/** A signed audit tree head as it travels in receipts (see `AuditLog.treeHead`). */
export const TreeHeadSchema = Type.Object(
  {
    treeSize: Type.Integer({ minimum: 0 }),
    rootHash: Type.String(),
    checkpoint: Type.String(),
    signature: Type.String(),
    keyId: Type.String(),
  },
  { additionalProperties: false },
);
export type ReceiptTreeHead = Static<typeof TreeHeadSchema>;

export const RECEIPT_STATUSES = ['applied', 'held', 'duplicate'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

/** The receiver's signed statement that it holds a message. */
export const ReceiptPayloadSchema = Type.Object(
  {
    messageId: Type.String(),
    from: Party,
    to: Party,
    receivedAt: Instant,
    status: Type.Union(RECEIPT_STATUSES.map((s) => Type.Literal(s))),
    /** The receiver's latest signed audit tree head when it received the message. */
    treeHead: TreeHeadSchema,
    /** Index of the receiver's audit entry for this message (≥ treeHead.treeSize), for a later inclusion proof. */
    auditIndex: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type ReceiptPayload = Static<typeof ReceiptPayloadSchema>;
export const checkReceiptPayload = TypeCompiler.Compile(ReceiptPayloadSchema);

/** The per-request token: proves the POST comes from the peer now, and carries its clock. */
export const DeliveryPayloadSchema = Type.Object(
  { from: Party, to: Party, sentAt: Instant, nonce: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);
export type DeliveryPayload = Static<typeof DeliveryPayloadSchema>;
export const checkDeliveryPayload = TypeCompiler.Compile(DeliveryPayloadSchema);

/** What `apply` gets besides the message. */
export interface ApplyContext {
  receivedAt: Date;
  /** Sends a message in the same transaction (e.g. an answer), as `Exchange.send` does. */
  send: (input: SendInput) => Promise<SentMessage>;
}

/** A message type, registered by the capability that owns it. */
export interface MessageTypeDefinition<S extends TSchema = TSchema> {
  /** Dotted lower-case name, e.g. `case.notification`. */
  type: string;
  /** The only fields the body may have: every object must be closed (additionalProperties: false). */
  bodySchema: S;
  /** Ordered types apply only after every earlier message of their stream. */
  ordered: boolean;
  /** Defaults for the audit entries of this type on both sides. */
  purpose?: string;
  legalBasis?: string;
  /** Runs in the receiver's transaction; throw to refuse applying now (the sender retries). */
  apply: (trx: Db, message: ExchangeMessage<Static<S>>, ctx: ApplyContext) => Promise<void>;
  /**
   * Optional: applies several messages of this type at once (e.g. one multi-row INSERT), in the
   * order given, with the same effect as `apply` on each in turn. Used for runs within a batch.
   */
  applyMany?: (trx: Db, messages: ExchangeMessage<Static<S>>[], ctx: ApplyContext) => Promise<void>;
}

/** What a capability passes to `send`. */
export interface SendInput {
  to: string;
  type: string;
  stream: string;
  body: unknown;
  /** How long the message stays deliverable (default: the exchange's `defaultTtlSeconds`). */
  ttlSeconds?: number;
  /** Override the type's purpose / legal basis in the sender's audit entry. */
  purpose?: string;
  legalBasis?: string;
}

/** What `send` answers once the message is in the outbox. */
export interface SentMessage {
  id: string;
  seq: number;
  createdAt: string;
  expiresAt: string;
}

interface Registered {
  def: MessageTypeDefinition;
  check: TypeCheck<TSchema>;
}

function typeError(type: string, detail: string): BhError {
  return new BhError(ExchangeErrors.BH_EXCHANGE_TYPE_INVALID, { type, detail });
}

/** Finds an object schema that would let undeclared fields through; answers its path or null. */
export function openObjectPath(schema: unknown, path = ''): string | null {
  if (!schema || typeof schema !== 'object') return null;
  const s = schema as Record<string, unknown>;
  if (s.type === 'object') {
    if (s.additionalProperties !== false) return path || '/';
    if (s.patternProperties) return path || '/';
  }
  for (const [k, v] of Object.entries(s)) {
    if (k === 'properties' && v && typeof v === 'object') {
      for (const [name, sub] of Object.entries(v)) {
        const p = openObjectPath(sub, `${path}/${name}`);
        if (p) return p;
      }
    } else if (Array.isArray(v)) {
      for (const sub of v) {
        const p = openObjectPath(sub, path);
        if (p) return p;
      }
    } else if (v && typeof v === 'object' && k !== 'default' && k !== 'examples') {
      const p = openObjectPath(v, k === 'items' ? `${path}/*` : path);
      if (p) return p;
    }
  }
  return null;
}

/** The message types this node understands; capabilities register theirs at startup. */
export class MessageTypeRegistry {
  readonly #types = new Map<string, Registered>();

  /** Registers a type; its body schema must be closed so no undeclared field can pass. */
  register<S extends TSchema>(def: MessageTypeDefinition<S>): void {
    if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/.test(def.type) || def.type.length > 100) throw typeError(def.type, 'bad name');
    if (this.#types.has(def.type)) throw typeError(def.type, 'registered twice');
    const open = openObjectPath(def.bodySchema);
    if (open) throw typeError(def.type, `object at ${open} must declare its properties and set additionalProperties: false`);
    this.#types.set(def.type, { def: def as unknown as MessageTypeDefinition, check: TypeCompiler.Compile(def.bodySchema) });
  }

  /** The registered definition of a type, if any. */
  get(type: string): MessageTypeDefinition | undefined {
    return this.#types.get(type)?.def;
  }

  /** Null when the body fits the type's schema, else a short description of the first mismatch. */
  bodyProblem(type: string, body: unknown): string | null {
    const r = this.#types.get(type);
    if (!r) return 'unknown type';
    if (r.check.Check(body)) return null;
    const e = r.check.Errors(body).First();
    return e ? `${e.path || '/'} ${e.message}` : 'does not match';
  }

  /** Every registered type name. */
  names(): string[] {
    return [...this.#types.keys()];
  }
}
