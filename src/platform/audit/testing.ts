import { generateKeyPairSync } from 'node:crypto';
import type { CheckpointSigner } from './checkpoint';
import type { AuditEntryInput } from './entry';
import { sha256 } from './merkle';
import type { Sha256 } from './verify';

/** node:crypto SHA-256 behind the asynchronous interface verify.ts takes. */
export const nodeSha256: Sha256 = async (bytes) => sha256(bytes);

/** A fresh Ed25519 signer for tests. */
export function testSigner(kid = 'test-key-1'): CheckpointSigner {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, kid };
}

/** A small valid audit entry input, varied by `n`. */
export function sampleEntry(n: number): AuditEntryInput {
  return {
    time: new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString(),
    actor: n % 3 === 0 ? { kind: 'anonymous' } : { kind: 'user', id: `u${n}`, username: `user${n}`, party: 'VN-QN' },
    action: n % 2 === 0 ? 'directory.contact.read' : 'auth.login',
    resource: n % 2 === 0 ? { type: 'contact', id: `c${n}` } : null,
    purpose: n % 2 === 0 ? 'outbreak-coordination' : null,
    legalBasis: null,
    peer: n % 5 === 0 ? 'CN-GX' : null,
    outcome: 'success',
    detail: { n, note: 'Quảng Ninh — 广西' },
  };
}
