import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign, verify } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { importJWK, jwtVerify, SignJWT } from 'jose';
import { loadIdentity, rotateKey } from './identity';

describe('node identity', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bh-id-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates an Ed25519 key on first start, private file mode 0600, stable across loads', async () => {
    const a = await loadIdentity(dir);
    const files = readdirSync(join(dir, 'keys'));
    expect(files).toHaveLength(1);
    expect(statSync(join(dir, 'keys', files[0])).mode & 0o777).toBe(0o600);
    expect(a.current.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', kid: a.current.kid });
    expect('d' in a.current.publicJwk).toBe(false);
    const b = await loadIdentity(dir);
    expect(b.current.kid).toBe(a.current.kid);
  });

  it('rotation makes a new current key while old kids stay verifiable', async () => {
    const before = await loadIdentity(dir);
    const jws = await new SignJWT({ hello: 'world' })
      .setProtectedHeader({ alg: 'EdDSA', kid: before.current.kid })
      .sign(before.current.privateKey);
    const after = await rotateKey(dir);
    const again = await rotateKey(dir);
    expect(after.current.kid).not.toBe(before.current.kid);
    expect(again.current.kid).not.toBe(after.current.kid);
    expect(again.all.map((k) => k.kid)).toEqual([before.current.kid, after.current.kid, again.current.kid]);
    // A message signed with the retired key still verifies against its published JWK.
    const old = again.all.find((k) => k.kid === before.current.kid)!;
    const { payload } = await jwtVerify(jws, await importJWK(old.publicJwk, 'EdDSA'));
    expect(payload.hello).toBe('world');
    const sig = sign(null, Buffer.from('x'), again.current.privateKey);
    expect(verify(null, Buffer.from('x'), again.current.publicKey, sig)).toBe(true);
  });
});
