import type { Jwk, TreeHead } from '../api/types';
import { bytesEqual, fromBase64, webCryptoSha256 } from './verify';

/**
 * Verifies the node's signed checkpoint (C2SP tlog-checkpoint in a C2SP signed note, Ed25519) in
 * the browser, against a key the node publishes in node.json.
 */

export type CheckpointFailure = 'malformed' | 'head-mismatch' | 'no-key' | 'no-signature' | 'bad-signature' | 'unsupported';

export interface CheckpointCheck {
  ok: boolean;
  reason?: CheckpointFailure;
  origin?: string;
  keyName?: string;
}

function base64UrlToBytes(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

/** Signed-note key ID: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]. */
async function noteKeyId(name: string, publicKey: Uint8Array): Promise<Uint8Array> {
  const nameBytes = new TextEncoder().encode(name);
  const buf = new Uint8Array(nameBytes.length + 2 + publicKey.length);
  buf.set(nameBytes, 0);
  buf[nameBytes.length] = 0x0a;
  buf[nameBytes.length + 1] = 0x01;
  buf.set(publicKey, nameBytes.length + 2);
  return (await webCryptoSha256(buf)).slice(0, 4);
}

export async function verifyCheckpoint(head: TreeHead, keys: readonly Jwk[]): Promise<CheckpointCheck> {
  const note = head.checkpoint;
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) return { ok: false, reason: 'malformed' };
  const text = note.slice(0, split + 1);
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) return { ok: false, reason: 'malformed' };
  const [origin, sizeText, rootText] = lines;
  if (sizeText !== String(head.treeSize) || rootText !== head.rootHash) return { ok: false, reason: 'head-mismatch', origin };
  const jwk = keys.find((k) => k.kid === head.keyId);
  if (!jwk) return { ok: false, reason: 'no-key', origin };
  let publicKey: Uint8Array;
  let key: CryptoKey;
  try {
    publicKey = base64UrlToBytes(jwk.x);
    key = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, { name: 'Ed25519' }, false, ['verify']);
  } catch {
    return { ok: false, reason: 'unsupported', origin };
  }
  const message = new TextEncoder().encode(text);
  for (const line of note.slice(split + 2, -1).split('\n')) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/]+=*)$/u.exec(line);
    if (!m) return { ok: false, reason: 'malformed', origin };
    let payload: Uint8Array;
    try {
      payload = fromBase64(m[2]);
    } catch {
      return { ok: false, reason: 'malformed', origin };
    }
    if (payload.length !== 68 || !bytesEqual(payload.slice(0, 4), await noteKeyId(m[1], publicKey))) continue;
    const good = await crypto.subtle.verify({ name: 'Ed25519' }, key, payload.slice(4), message);
    return good ? { ok: true, origin, keyName: m[1] } : { ok: false, reason: 'bad-signature', origin, keyName: m[1] };
  }
  return { ok: false, reason: 'no-signature', origin };
}
