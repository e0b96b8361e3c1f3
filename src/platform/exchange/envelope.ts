import { createHash } from 'node:crypto';
import { compactVerify } from 'jose';
import type { TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import type { PeerDirectory, PeerKey } from './keys';
import type { ExchangeErrorCode } from './errors';

/** The `typ` header of each kind of token, so that one kind can never be passed off as another. */
export const TYP = {
  message: 'bh-message+jws',
  receipt: 'bh-receipt+jws',
  delivery: 'bh-delivery+jws',
} as const;

/** What a refusal record keeps of a token: the claims as sent, never trusted. */
export interface Claimed {
  messageId?: string;
  from?: string;
  kid?: string;
  type?: string;
}

/** A check that failed: a stable code, the values its message needs, and what the token claimed. */
export interface Refusal {
  ok: false;
  code: ExchangeErrorCode;
  params: Record<string, unknown>;
  claimed: Claimed;
}

/** A token whose structure, key and signature all check out. */
export interface Verified<P> {
  ok: true;
  payload: P;
  kid: string;
  key: PeerKey;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

function clip(v: unknown, n = 200): string | undefined {
  return typeof v === 'string' ? v.slice(0, n) : undefined;
}

function decodeJson(part: string): unknown {
  if (!B64URL.test(part)) return undefined;
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Hex SHA-256 of a token, recorded with refusals so an operator can match the bytes later. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Verifies a compact JWS from a peer, in a fixed order, each failure with its own code:
 * oversized / malformed (structure, header, `typ`, payload schema) → `alg` not EdDSA → signer
 * not a peer → `kid` not one of that peer's keys → bad signature. Callers then check the
 * payload's meaning (addressee, time window, type, body).
 */
export async function verifyToken<P>(
  token: unknown,
  typ: string,
  check: TypeCheck<TSchema>,
  peers: PeerDirectory,
  maxBytes: number,
  /** Which party must have signed: the sender for messages, the receiver for receipts. */
  signerOf: (payload: P) => string = (p) => (p as { from: string }).from,
): Promise<Verified<P> | Refusal> {
  const refuse = (code: ExchangeErrorCode, params: Record<string, unknown>, claimed: Claimed = {}): Refusal => ({ ok: false, code, params, claimed });
  if (typeof token !== 'string') return refuse('BH_EXCHANGE_MALFORMED', { detail: 'not a string' });
  // Tokens are ASCII by construction, so length is the byte count; checked before any parsing.
  if (token.length > maxBytes) return refuse('BH_EXCHANGE_OVERSIZED', { limit: maxBytes });
  const parts = token.split('.');
  if (parts.length !== 3) return refuse('BH_EXCHANGE_MALFORMED', { detail: 'not a compact JWS' });
  const header = decodeJson(parts[0]);
  const payload = decodeJson(parts[1]);
  const claimed: Claimed = isObject(payload)
    ? { messageId: clip(payload.id ?? payload.messageId), from: clip(payload.from), type: clip(payload.type) }
    : {};
  if (isObject(header)) claimed.kid = clip(header.kid);
  if (!isObject(header)) return refuse('BH_EXCHANGE_MALFORMED', { detail: 'header is not a JSON object' }, claimed);
  if (!B64URL.test(parts[2])) return refuse('BH_EXCHANGE_MALFORMED', { detail: 'signature is not base64url' }, claimed);
  if (header.typ !== typ) return refuse('BH_EXCHANGE_MALFORMED', { detail: `typ must be ${typ}` }, claimed);
  // No extensions are understood, so none may be declared critical (RFC 7515 §4.1.11).
  if ('crit' in header || 'b64' in header) return refuse('BH_EXCHANGE_MALFORMED', { detail: 'unsupported header' }, claimed);
  if (typeof header.kid !== 'string') return refuse('BH_EXCHANGE_MALFORMED', { detail: 'kid missing' }, claimed);
  if (!isObject(payload)) return refuse('BH_EXCHANGE_MALFORMED', { detail: 'payload is not a JSON object' }, claimed);
  if (!check.Check(payload)) {
    const e = check.Errors(payload).First();
    return refuse('BH_EXCHANGE_MALFORMED', { detail: e ? `payload${e.path} ${e.message}` : 'payload' }, claimed);
  }
  if (header.alg !== 'EdDSA') return refuse('BH_EXCHANGE_ALG_REFUSED', { alg: clip(header.alg, 20) ?? String(header.alg) }, claimed);
  const from = signerOf(payload as P);
  const peer = peers.get(from);
  if (!peer) return refuse('BH_EXCHANGE_UNKNOWN_PEER', { party: from }, claimed);
  const key = peer.keys.get(header.kid);
  if (!key) return refuse('BH_EXCHANGE_UNKNOWN_KEY', { kid: clip(header.kid, 100), party: from }, claimed);
  try {
    await compactVerify(token, key.key, { algorithms: ['EdDSA'] });
  } catch {
    return refuse('BH_EXCHANGE_BAD_SIGNATURE', { party: from }, claimed);
  }
  return { ok: true, payload: payload as unknown as P, kid: header.kid, key };
}

/** Decodes a token's payload without verifying it (for tokens this node signed and stored itself). */
export function payloadOf<P>(token: string): P {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as P;
}
