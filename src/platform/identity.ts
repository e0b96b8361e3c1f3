import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';

/** One of the node's Ed25519 signing keys. */
export interface NodeKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: JWK & { kid: string; alg: 'EdDSA'; use: 'sig' };
  createdAt: string;
}

/** The node's keys: the current one signs; earlier ones stay published so old signatures verify. */
export interface NodeIdentity {
  current: NodeKey;
  all: NodeKey[];
}

const KEY_FILE = /^node-key-(\d{14})\.pem$/;

async function toNodeKey(privateKey: KeyObject, createdAt: string): Promise<NodeKey> {
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });
  return { kid, privateKey, publicKey, publicJwk: { ...jwk, kid, alg: 'EdDSA', use: 'sig' }, createdAt };
}

function stamp(date = new Date()): string {
  return date.toISOString().replace(/[-:TZ]/g, '').slice(0, 14);
}

function stampToIso(s: string): string {
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(8, 10)}:${s.slice(10, 12)}:${s.slice(12, 14)}Z`;
}

function writeKey(dir: string, date = new Date()): void {
  const { privateKey } = generateKeyPairSync('ed25519');
  const path = join(dir, `node-key-${stamp(date)}.pem`);
  // The private key never leaves this file; mode 0600 so only the node's user reads it.
  writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
}

/** Loads the node's keys from `<dataDir>/keys`, creating the first key pair on first start. */
export async function loadIdentity(dataDir: string): Promise<NodeIdentity> {
  const dir = join(dataDir, 'keys');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!readdirSync(dir).some((f) => KEY_FILE.test(f))) writeKey(dir);
  const files = readdirSync(dir).filter((f) => KEY_FILE.test(f)).sort();
  const all: NodeKey[] = [];
  for (const f of files) {
    const createdAt = stampToIso(KEY_FILE.exec(f)![1]);
    all.push(await toNodeKey(createPrivateKey(readFileSync(join(dir, f))), createdAt));
  }
  return { current: all[all.length - 1], all };
}

/** Creates a new current key; earlier keys stay on disk and published for verification. */
export async function rotateKey(dataDir: string): Promise<NodeIdentity> {
  const dir = join(dataDir, 'keys');
  const before = existsSync(dir) ? readdirSync(dir).filter((f) => KEY_FILE.test(f)).sort() : [];
  let date = new Date();
  // Two rotations within one second would collide on the file name; step past the newest.
  const newest = before.at(-1);
  if (newest) {
    const last = Date.parse(stampToIso(KEY_FILE.exec(newest)![1]));
    if (last >= date.getTime() - 999) date = new Date(last + 1000);
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeKey(dir, date);
  return loadIdentity(dataDir);
}
