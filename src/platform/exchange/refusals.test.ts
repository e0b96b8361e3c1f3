import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { TEST_BACKENDS } from '../store/testing';
import { TYP } from './envelope';
import { NodeSigner } from './keys';
import { PROBE_TYPE } from './probe';
import { craftToken, openExchangeTestNodes, type ExchangeTestNode } from './testing';
import { uuidv7 } from './uuid';

/**
 * The public inbox cannot be used to grow the audit log without bound: refusals of unauthenticated
 * traffic past an address's budget are answered the same but recorded as one summary, while a
 * verified peer's refusals are always recorded in full.
 */
describe.each(TEST_BACKENDS)('refusal budget on %s', (backend) => {
  let a: ExchangeTestNode;
  let b: ExchangeTestNode;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const opened = await openExchangeTestNodes(backend, { probes: true, options: { refusalsPerMinute: 3 } });
    [a, b] = opened.nodes;
    dispose = opened.dispose;
  });
  afterAll(() => dispose?.());

  const auditActions = async () => {
    const size = (await b.audit.treeHead()).treeSize;
    return (await b.audit.entries(0, size)).map((e) => e.entry!);
  };

  it('records three forged requests in full, counts the other seven, and summarises them', async () => {
    const forged = craftToken(
      { alg: 'EdDSA', kid: a.identity.current.kid, typ: TYP.delivery },
      { from: 'VN-QN', to: 'CN-GX', sentAt: new Date().toISOString(), nonce: 'x' },
      generateKeyPairSync('ed25519').privateKey,
    );
    for (let i = 0; i < 10; i++) {
      const r = await b.app.inject({ method: 'POST', url: '/api/exchange/inbox', payload: { delivery: forged, messages: [] } });
      expect(r.statusCode).toBe(401);
      expect(r.json().code).toBe('BH_EXCHANGE_BAD_SIGNATURE');
    }
    expect((await b.exchange.refused({ limit: 100 })).map((r) => r.code)).toEqual(Array(3).fill('BH_EXCHANGE_BAD_SIGNATURE'));

    // Past the budget, a real peer's refused message is still recorded in full.
    const signer = new NodeSigner(a.identity);
    const old = Date.now() - 3 * 3600_000;
    const expired = await signer.sign(
      { id: uuidv7(), from: 'VN-QN', to: 'CN-GX', type: PROBE_TYPE, stream: 's', seq: 1, createdAt: new Date(old).toISOString(), expiresAt: new Date(old + 60_000).toISOString(), body: { n: 1, pad: '' } },
      TYP.message,
    );
    const delivery = await signer.sign({ from: 'VN-QN', to: 'CN-GX', sentAt: new Date().toISOString(), nonce: 'n' }, TYP.delivery);
    const r = await b.app.inject({ method: 'POST', url: '/api/exchange/inbox', payload: { delivery, messages: [expired] } });
    expect(r.json().results[0]).toMatchObject({ outcome: 'refused', code: 'BH_EXCHANGE_EXPIRED' });
    expect((await b.exchange.refused({ limit: 100 }))[0].code).toBe('BH_EXCHANGE_EXPIRED');

    // The summary is written once its minute is over, or at shutdown at the latest.
    await b.exchange.stop();
    const refused = await b.exchange.refused({ limit: 100 });
    expect(refused.map((x) => x.code).sort()).toEqual(['BH_EXCHANGE_BAD_SIGNATURE', 'BH_EXCHANGE_BAD_SIGNATURE', 'BH_EXCHANGE_BAD_SIGNATURE', 'BH_EXCHANGE_EXPIRED', 'BH_EXCHANGE_REFUSALS_SUPPRESSED']);
    expect(refused.find((x) => x.code === 'BH_EXCHANGE_REFUSALS_SUPPRESSED')!.detail).toContain('BH_EXCHANGE_BAD_SIGNATURE ×7');
    const actions = await auditActions();
    expect(actions.filter((e) => e.action === 'exchange.message.refused')).toHaveLength(4);
    const summary = actions.filter((e) => e.action === 'exchange.message.refused.summary');
    expect(summary).toHaveLength(1);
    expect(summary[0].detail).toMatchObject({ counts: { BH_EXCHANGE_BAD_SIGNATURE: 7 } });
  });
});
