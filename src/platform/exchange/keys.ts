import { webcrypto, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, CompactSign, importJWK, type JWK } from 'jose';
import type { PeerConfig } from '../config';
import { BhError } from '../errors';
import type { NodeIdentity } from '../identity';

type CryptoKey = webcrypto.CryptoKey;

/** One trusted public key of a peer, in the two forms we verify with. */
export interface PeerKey {
  kid: string;
  key: CryptoKey;
  /** Raw 32-byte Ed25519 public key, for checking the peer's signed audit checkpoints. */
  raw: Uint8Array;
}

/** A configured peer: where to deliver to and which keys its signatures may use. */
export interface Peer {
  party: string;
  baseUrl: string;
  keys: Map<string, PeerKey>;
}

/**
 * The peers of this node, from configuration, with their keys imported once. Every configured key
 * is trusted (the current one and those rotated out), so messages signed before a rotation verify.
 */
export class PeerDirectory {
  readonly #peers: Map<string, Peer>;

  private constructor(peers: Map<string, Peer>) {
    this.#peers = peers;
  }

  /** Imports every peer key; a key that is not an Ed25519 public JWK is a configuration error. */
  static async create(configs: readonly PeerConfig[]): Promise<PeerDirectory> {
    const peers = new Map<string, Peer>();
    for (const c of configs) {
      const keys = new Map<string, PeerKey>();
      for (const jwk of c.keys as JWK[]) {
        if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || 'd' in jwk) {
          throw new BhError('BH_CONFIG_INVALID', { detail: `peers/${c.party}: every key must be a public Ed25519 JWK` });
        }
        // Nodes name keys by their RFC 7638 thumbprint (see identity.ts); compute it if absent.
        const kid = typeof jwk.kid === 'string' ? jwk.kid : await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x });
        const key = (await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, 'EdDSA')) as CryptoKey;
        keys.set(kid, { kid, key, raw: new Uint8Array(Buffer.from(jwk.x, 'base64url')) });
      }
      peers.set(c.party, { party: c.party, baseUrl: c.baseUrl.replace(/\/+$/, ''), keys });
    }
    return new PeerDirectory(peers);
  }

  /** The peer of that party, if configured. */
  get(party: string): Peer | undefined {
    return this.#peers.get(party);
  }

  /** Every configured peer. */
  all(): Peer[] {
    return [...this.#peers.values()];
  }
}

async function toSigningKey(privateKey: KeyObject): Promise<CryptoKey> {
  // WebCrypto keys let jose sign on libuv's thread pool, so a batch's signatures run in parallel.
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return webcrypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, false, ['sign']);
}

/** Signs compact JWS with the node's current key; re-reads the identity so a rotation takes effect. */
export class NodeSigner {
  readonly #identity: NodeIdentity;
  // The promise is cached, so a batch signing in parallel imports the key once.
  #cached: { kid: string; key: Promise<CryptoKey> } | null = null;

  constructor(identity: NodeIdentity) {
    this.#identity = identity;
  }

  /** The kid that signatures are made with now. */
  get kid(): string {
    return this.#identity.current.kid;
  }

  /** A compact JWS over the JSON payload with header {alg: EdDSA, kid, typ}. */
  async sign(payload: unknown, typ: string): Promise<string> {
    const current = this.#identity.current;
    if (!this.#cached || this.#cached.kid !== current.kid) this.#cached = { kid: current.kid, key: toSigningKey(current.privateKey) };
    const { kid, key } = this.#cached;
    const bytes = new TextEncoder().encode(JSON.stringify(payload));
    return new CompactSign(bytes).setProtectedHeader({ alg: 'EdDSA', kid, typ }).sign(await key);
  }
}
