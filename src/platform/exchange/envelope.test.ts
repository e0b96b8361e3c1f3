import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { sql } from 'kysely';
import { calculateJwkThumbprint, compactVerify, importJWK, type JWK } from 'jose';
import { TEST_BACKENDS } from '../store/testing';
import { TYP, payloadOf } from './envelope';
import { NodeSigner } from './keys';
import { PROBE_ORDERED_TYPE, PROBE_TYPE } from './probe';
import { adminHeaders, craftToken, openExchangeTestNodes, type ExchangeTestNode } from './testing';
import type { ExchangeMessage, ReceiptPayload } from './types';
import { uuidv7 } from './uuid';

/**
 * The receiver's refusal set: every kind of bad message is refused with its own code, recorded
 * (a refused row and an audit entry) and never applied; clock skew within the configured bound
 * is tolerated and beyond it refused.
 */
describe.each(TEST_BACKENDS)('envelope verification on %s', (backend) => {
  let a: ExchangeTestNode;
  let b: ExchangeTestNode;
  let dispose: () => Promise<void>;
  let skewMs = 0; // B's clock minus the real one
  let seq = 0;
  let signerA: NodeSigner;

  beforeAll(async () => {
    const opened = await openExchangeTestNodes(backend, { probes: true, rotate: ['VN-QN'], clocks: { 'CN-GX': () => Date.now() + skewMs } });
    [a, b] = opened.nodes;
    dispose = opened.dispose;
    signerA = new NodeSigner(a.identity);
  });
  afterAll(() => dispose?.());

  const message = (over: Partial<ExchangeMessage> = {}): ExchangeMessage => {
    const now = Date.now();
    return {
      id: uuidv7(),
      from: 'VN-QN',
      to: 'CN-GX',
      type: PROBE_TYPE,
      stream: 'envelope',
      seq: ++seq,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 3600_000).toISOString(),
      body: { n: seq, pad: '' },
      ...over,
    };
  };
  const sign = (m: unknown) => signerA.sign(m, TYP.message);
  const delivery = (sentAt = Date.now()) => signerA.sign({ from: 'VN-QN', to: 'CN-GX', sentAt: new Date(sentAt).toISOString(), nonce: 'n' }, TYP.delivery);
  const post = async (...messages: string[]) => (await b.exchange.receive({ delivery: await delivery(), messages })).results;
  const applied = async () => Number((await sql<{ n: number }>`select count(*)::int as n from exchange_probes`.execute(b.store.db)).rows[0].n);
  const refusedCodes = async () => (await b.exchange.refused({ limit: 500 })).map((r) => r.code);
  const auditActions = async () => {
    const size = (await b.audit.treeHead()).treeSize;
    return (await b.audit.entries(Math.max(0, size - 1000), size)).map((e) => e.entry);
  };

  /** Posts one token, expects the refusal code, and checks it was recorded and not applied. */
  async function expectRefused(token: string, code: string) {
    const before = { applied: await applied(), refused: (await refusedCodes()).length };
    const [r] = await post(token);
    expect(r).toMatchObject({ outcome: 'refused', code });
    expect(r.receipt).toBeUndefined();
    expect(await applied()).toBe(before.applied);
    const codes = await refusedCodes();
    expect(codes.length).toBe(before.refused + 1);
    expect(codes[0]).toBe(code);
    const last = (await auditActions()).at(-1)!;
    expect(last).toMatchObject({ action: 'exchange.message.refused', outcome: 'denied', detail: { code } });
    if (r.messageId) expect(await b.exchange.timeline(r.messageId)).toBeNull();
  }

  it('accepts a valid message, applies it once, and answers a receipt signed by the receiver', async () => {
    const m = message();
    const [r] = await post(await sign(m));
    expect(r).toMatchObject({ messageId: m.id, outcome: 'accepted', status: 'applied' });
    expect(await applied()).toBe(1);
    // The receipt verifies with B's published key and names this message and B's tree head.
    const jwk = b.identity.current.publicJwk as JWK;
    const { payload, protectedHeader } = await compactVerify(r.receipt!, await importJWK(jwk, 'EdDSA'));
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: TYP.receipt, kid: b.identity.current.kid });
    const receipt = JSON.parse(new TextDecoder().decode(payload)) as ReceiptPayload;
    expect(receipt).toMatchObject({ messageId: m.id, from: 'VN-QN', to: 'CN-GX', status: 'applied' });
    expect(receipt.treeHead.checkpoint).toContain('borderhealth/CN-GX');
    expect(receipt.auditIndex).toBeGreaterThanOrEqual(receipt.treeHead.treeSize);
    expect((await auditActions()).at(-1)).toMatchObject({ action: 'exchange.message.received', actor: { kind: 'peer', party: 'VN-QN' }, peer: 'VN-QN' });
  });

  it('acknowledges a replay with the original receipt as a duplicate and does not apply it again', async () => {
    const token = await sign(message());
    const before = await applied();
    const [first] = await post(token);
    const [second] = await post(token);
    const [third, fourth] = await post(token, token);
    expect(first.outcome).toBe('accepted');
    for (const r of [second, third, fourth]) expect(r).toMatchObject({ outcome: 'duplicate', status: 'applied', receipt: first.receipt });
    expect(await applied()).toBe(before + 1);
  });

  it('refuses a message signed by an unknown key (forged), whatever kid it claims', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const kid = await calculateJwkThumbprint(publicKey.export({ format: 'jwk' }) as JWK);
    await expectRefused(craftToken({ alg: 'EdDSA', kid, typ: TYP.message }, message(), privateKey), 'BH_EXCHANGE_UNKNOWN_KEY');
    await expectRefused(craftToken({ alg: 'EdDSA', kid: a.identity.current.kid, typ: TYP.message }, message(), privateKey), 'BH_EXCHANGE_BAD_SIGNATURE');
  });

  it('refuses a message whose payload was altered after signing (tampered)', async () => {
    const token = await sign(message());
    const [h, p, s] = token.split('.');
    const changed = { ...payloadOf<ExchangeMessage>(token), body: { n: 999_999, pad: '' } };
    await expectRefused(`${h}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${s}`, 'BH_EXCHANGE_BAD_SIGNATURE');
    // One flipped byte inside the payload's JSON text, same length.
    const text = Buffer.from(p, 'base64url').toString('utf8').replace('"stream":"envelope"', '"stream":"envelopf"');
    await expectRefused(`${h}.${Buffer.from(text).toString('base64url')}.${s}`, 'BH_EXCHANGE_BAD_SIGNATURE');
  });

  it('refuses a message signed with another node’s key (wrong key) and an unconfigured kid', async () => {
    const bKey = b.identity.current;
    await expectRefused(craftToken({ alg: 'EdDSA', kid: bKey.kid, typ: TYP.message }, message(), bKey.privateKey), 'BH_EXCHANGE_UNKNOWN_KEY');
    await expectRefused(craftToken({ alg: 'EdDSA', kid: a.identity.current.kid, typ: TYP.message }, message(), bKey.privateKey), 'BH_EXCHANGE_BAD_SIGNATURE');
    await expectRefused(craftToken({ alg: 'EdDSA', kid: 'not-a-key', typ: TYP.message }, message(), a.identity.current.privateKey), 'BH_EXCHANGE_UNKNOWN_KEY');
  });

  it('accepts a message signed with the sender’s earlier (rotated-out) key', async () => {
    const [old, current] = a.identity.all;
    expect(old.kid).not.toBe(current.kid);
    const [r] = await post(craftToken({ alg: 'EdDSA', kid: old.kid, typ: TYP.message }, message(), old.privateKey));
    expect(r.outcome).toBe('accepted');
  });

  it('refuses alg "none" and HS256 (keyed with the sender’s public key)', async () => {
    await expectRefused(craftToken({ alg: 'none', kid: a.identity.current.kid, typ: TYP.message }, message()), 'BH_EXCHANGE_ALG_REFUSED');
    const pub = Buffer.from(createPublicKey(a.identity.current.privateKey).export({ format: 'jwk' }).x as string, 'base64url');
    await expectRefused(craftToken({ alg: 'HS256', kid: a.identity.current.kid, typ: TYP.message }, message(), pub), 'BH_EXCHANGE_ALG_REFUSED');
  });

  it('refuses an expired message, a misaddressed one, and one from a party that is not a peer', async () => {
    const past = Date.now() - 2 * 3600_000;
    await expectRefused(await sign(message({ createdAt: new Date(past).toISOString(), expiresAt: new Date(past + 3600_000).toISOString() })), 'BH_EXCHANGE_EXPIRED');
    await expectRefused(await sign(message({ to: 'VN-LS' })), 'BH_EXCHANGE_MISADDRESSED');
    await expectRefused(await sign(message({ from: 'VN-LS' })), 'BH_EXCHANGE_UNKNOWN_PEER');
  });

  it('refuses an unknown type and a body with an undeclared field', async () => {
    await expectRefused(await sign(message({ type: 'test.unknown' })), 'BH_EXCHANGE_UNKNOWN_TYPE');
    await expectRefused(await sign(message({ body: { n: 1, pad: '', patientName: 'Nguyễn Văn A' } })), 'BH_EXCHANGE_BODY_INVALID');
    await expectRefused(await sign(message({ body: { n: -1, pad: '' } })), 'BH_EXCHANGE_BODY_INVALID');
  });

  it('refuses oversized and malformed tokens', async () => {
    await expectRefused(await sign(message({ body: { n: 1, pad: 'x'.repeat(260 * 1024) } })), 'BH_EXCHANGE_OVERSIZED');
    await expectRefused('not-a-jws', 'BH_EXCHANGE_MALFORMED');
    await expectRefused(await signerA.sign(message(), TYP.receipt), 'BH_EXCHANGE_MALFORMED'); // a receipt is not a message
    await expectRefused(await sign({ ...message(), extra: 1 }), 'BH_EXCHANGE_MALFORMED');
    await expectRefused(await sign({ ...message(), seq: 0 }), 'BH_EXCHANGE_MALFORMED');
  });

  it('tolerates ±5 minutes of clock skew and refuses ±1 hour', async () => {
    try {
      for (const offset of [-5 * 60_000 + 5_000, 5 * 60_000 - 5_000]) {
        skewMs = offset;
        const [r] = await post(await sign(message()));
        expect(r.outcome, `skew ${offset / 1000}s`).toBe('accepted');
      }
      for (const offset of [-3600_000, 3600_000]) {
        skewMs = offset;
        const before = await applied();
        await expect(post(await sign(message()))).rejects.toMatchObject({ code: 'BH_EXCHANGE_CLOCK_SKEW' });
        expect(await applied()).toBe(before);
        expect((await refusedCodes())[0]).toBe('BH_EXCHANGE_CLOCK_SKEW');
      }
      // A message stamped an hour ahead, in a fresh request: refused on its own creation time.
      skewMs = 0;
      await expectRefused(await sign(message({ createdAt: new Date(Date.now() + 3600_000).toISOString(), expiresAt: new Date(Date.now() + 7200_000).toISOString() })), 'BH_EXCHANGE_NOT_YET_VALID');
      // Expired 4 minutes ago is still within the tolerated skew.
      const [late] = await post(await sign(message({ createdAt: new Date(Date.now() - 3600_000).toISOString(), expiresAt: new Date(Date.now() - 240_000).toISOString() })));
      expect(late.outcome).toBe('accepted');
    } finally {
      skewMs = 0;
    }
  });

  it('refuses a request without a valid delivery token, over HTTP, and records it', async () => {
    const token = await sign(message());
    const forged = craftToken({ alg: 'EdDSA', kid: a.identity.current.kid, typ: TYP.delivery }, { from: 'VN-QN', to: 'CN-GX', sentAt: new Date().toISOString(), nonce: 'x' }, generateKeyPairSync('ed25519').privateKey);
    const cases: [unknown, number, string][] = [
      [{ delivery: forged, messages: [token] }, 401, 'BH_EXCHANGE_BAD_SIGNATURE'],
      [{ messages: [token] }, 400, 'BH_EXCHANGE_MALFORMED'],
      ['{not json', 400, 'BH_EXCHANGE_MALFORMED'],
    ];
    for (const [payload, status, code] of cases) {
      const r = await b.app.inject({ method: 'POST', url: '/api/exchange/inbox', headers: { 'content-type': 'application/json', 'accept-language': 'vi' }, payload: payload as string });
      expect(r.statusCode).toBe(status);
      expect(r.json().code).toBe(code);
      expect((await refusedCodes())[0]).toBe(code);
    }
    const ok = await b.app.inject({ method: 'POST', url: '/api/exchange/inbox', payload: { delivery: await delivery(), messages: [token] } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().results[0].outcome).toBe('accepted');
    // The admin view lists what was refused, with the claimed sender and a digest of the bytes.
    const list = await b.app.inject({ url: '/api/exchange/refused?limit=5', headers: await adminHeaders(b.app) });
    expect(list.statusCode).toBe(200);
    expect(list.json()[0]).toMatchObject({ code: 'BH_EXCHANGE_MALFORMED' });
    expect((await b.app.inject({ url: '/api/exchange/refused' })).statusCode).toBe(401);
  });

  it('refuses a type registered with an open body schema, and a send whose body has an extra field', async () => {
    const { Type } = await import('@sinclair/typebox');
    expect(() => a.exchange.registerMessageType({ type: 'test.open', bodySchema: Type.Object({ x: Type.String() }), ordered: false, apply: async () => undefined })).toThrow(/additionalProperties/);
    expect(() => a.exchange.registerMessageType({ type: 'test.record', bodySchema: Type.Object({ m: Type.Record(Type.String(), Type.Number()) }, { additionalProperties: false }), ordered: false, apply: async () => undefined })).toThrow(/\/m/);
    await expect(a.exchange.send(a.store.db, { to: 'CN-GX', type: PROBE_ORDERED_TYPE, stream: 's', body: { n: 1, pad: '', name: 'x' } })).rejects.toMatchObject({ code: 'BH_EXCHANGE_TYPE_INVALID' });
    expect(await a.exchange.outbox()).toEqual([]);
  });
});
