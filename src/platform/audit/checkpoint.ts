import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { BhError } from '../errors';
import { AuditErrors } from './errors';

/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint) carried in a C2SP signed note
 * (https://c2sp.org/signed-note) with an Ed25519 signature. The note text is
 * `origin\nsize\nbase64(root)\n`; each signature line is `— <key name> base64(keyID ‖ sig)\n`.
 */

/** The node's signing key. `kid` is the node's own key identifier, reported alongside tree heads. */
export interface CheckpointSigner {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
}

/** A checkpoint whose signature has been verified. */
export interface VerifiedCheckpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
}

/** Signature type byte for Ed25519 in signed notes. */
export const ED25519_SIGNATURE_TYPE = 0x01;
const EM_DASH_SPACE = '\u2014 ';

function fail(detail: string): BhError {
  return new BhError(AuditErrors.BH_AUDIT_CHECKPOINT_INVALID, { detail });
}

/** The raw 32-byte RFC 8032 encoding of an Ed25519 public key. */
export function rawEd25519PublicKey(key: KeyObject): Uint8Array {
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('expected an Ed25519 key');
  const jwk = key.export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x as string, 'base64url'));
}

/** Key names must be non-empty and contain neither Unicode spaces nor '+' (signed-note §Format). */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && !/[\u0000-\u001f]/.test(name);
}

/** Key ID = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)[:4] (signed-note §Ed25519 signatures). */
export function noteKeyId(keyName: string, publicKey: Uint8Array): Uint8Array {
  const h = createHash('sha256')
    .update(Buffer.from(keyName, 'utf8'))
    .update(Uint8Array.of(0x0a, ED25519_SIGNATURE_TYPE))
    .update(publicKey)
    .digest();
  return new Uint8Array(h.subarray(0, 4));
}

/** The standard verifier key string `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`. */
export function verifierKey(keyName: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(keyName)) throw new TypeError('invalid key name');
  const id = Buffer.from(noteKeyId(keyName, publicKey)).toString('hex');
  const key = Buffer.concat([Uint8Array.of(ED25519_SIGNATURE_TYPE), publicKey]).toString('base64');
  return `${keyName}+${id}+${key}`;
}

/** Parses a verifier key string back into name and raw public key, checking its key ID. */
export function parseVerifierKey(vkey: string): { keyName: string; publicKey: Uint8Array } {
  const m = /^([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+=*)$/.exec(vkey);
  if (!m || !isValidKeyName(m[1])) throw fail('malformed verifier key');
  const raw = Buffer.from(m[3], 'base64');
  if (raw.length !== 33 || raw[0] !== ED25519_SIGNATURE_TYPE) throw fail('verifier key is not an Ed25519 key');
  const publicKey = new Uint8Array(raw.subarray(1));
  if (Buffer.from(noteKeyId(m[1], publicKey)).toString('hex') !== m[2]) throw fail('verifier key ID mismatch');
  return { keyName: m[1], publicKey };
}

/** The checkpoint note text: origin, decimal size, base64 root, each newline-terminated. */
export function checkpointBody(origin: string, size: number, rootHash: Uint8Array): string {
  if (origin.length === 0 || /[\u0000-\u001f]/.test(origin)) throw new TypeError('invalid origin');
  if (!Number.isSafeInteger(size) || size < 0) throw new TypeError('invalid tree size');
  if (rootHash.length !== 32) throw new TypeError('root hash must be 32 bytes');
  return `${origin}\n${size}\n${Buffer.from(rootHash).toString('base64')}\n`;
}

/** Signs a note text (ending in a newline) and returns the signed note and the signature payload. */
export function signNote(text: string, signer: CheckpointSigner, keyName: string): { note: string; signature: string } {
  if (!isValidKeyName(keyName)) throw new TypeError('invalid key name');
  if (!text.endsWith('\n') || /[\u0000-\u0009\u000b-\u001f]/.test(text)) throw new TypeError('invalid note text');
  const sig = sign(null, Buffer.from(text, 'utf8'), signer.privateKey);
  const keyId = noteKeyId(keyName, rawEd25519PublicKey(signer.publicKey));
  const signature = Buffer.concat([keyId, sig]).toString('base64');
  return { note: `${text}\n${EM_DASH_SPACE}${keyName} ${signature}\n`, signature };
}

/**
 * Signs a checkpoint; the key name defaults to the origin, as tlog-checkpoint recommends.
 * Returns the whole signed note and the base64 signature-line payload (key ID ‖ signature).
 */
export function signCheckpoint(
  signer: CheckpointSigner,
  origin: string,
  size: number,
  rootHash: Uint8Array,
  keyName: string = origin,
): { note: string; signature: string } {
  return signNote(checkpointBody(origin, size, rootHash), signer, keyName);
}

function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw fail('public key must be 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

/**
 * Verifies a signed note against one trusted key and returns its text. Signatures from other keys
 * are ignored (as the spec requires, for witnesses and rotation); a failing signature from the
 * trusted key rejects the note. Throws BH_AUDIT_CHECKPOINT_INVALID.
 */
export function verifyNote(note: string, publicKey: Uint8Array, keyName: string): string {
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) throw fail('control characters in note');
  // The text ends at the last blank line: it may itself contain empty lines, signatures cannot.
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw fail('no signature block');
  const text = note.slice(0, split + 1);
  const sigLines = note.slice(split + 2, -1).split('\n');
  const wantId = noteKeyId(keyName, publicKey);
  const key = publicKeyFromRaw(publicKey);
  let verified = false;
  for (const line of sigLines) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/]+=*)$/u.exec(line);
    if (!m) throw fail('malformed signature line');
    const payload = Buffer.from(m[2], 'base64');
    if (payload.toString('base64') !== m[2] || payload.length < 5) throw fail('malformed signature');
    if (m[1] !== keyName || !payload.subarray(0, 4).equals(wantId)) continue; // unknown key: ignore
    if (!verify(null, Buffer.from(text, 'utf8'), key, payload.subarray(4))) throw fail('signature does not verify');
    verified = true;
  }
  if (!verified) throw fail('no signature from the trusted key');
  return text;
}

/** Verifies a signed checkpoint against one trusted key and parses its body. */
export function verifyCheckpoint(note: string, publicKey: Uint8Array, keyName: string): VerifiedCheckpoint {
  return parseCheckpointBody(verifyNote(note, publicKey, keyName));
}

/** Parses (without verifying) a checkpoint note text per tlog-checkpoint §Note text. */
export function parseCheckpointBody(text: string): VerifiedCheckpoint {
  const lines = text.slice(0, -1).split('\n');
  if (!text.endsWith('\n') || lines.length < 3) throw fail('fewer than three lines');
  if (lines.some((l) => l.length === 0)) throw fail('empty line in checkpoint');
  const [origin, sizeText, rootText] = lines;
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) throw fail('bad tree size');
  const root = Buffer.from(rootText, 'base64');
  if (root.length !== 32 || root.toString('base64') !== rootText) throw fail('bad root hash');
  return { origin, size: Number(sizeText), rootHash: new Uint8Array(root) };
}
