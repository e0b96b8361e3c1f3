/**
 * Notification routing after the agreements' signed end (2026-12-31): with no renewal recorded no
 * agreement covers VN-QN ↔ CN-GX, once one is recorded the route is found again. The notifications
 * capability sees the renewal through the directory's agreements alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import agreements from '../../src/directory/data/agreements.json' with { type: 'json' };
import { TEST_BACKENDS } from '../../src/platform/store/testing';
import { recordRenewal, type Agreement, type AgreementRenewal } from '../../src/directory';
import { DirectoryCache, routingOn, type DirectorySnapshot } from '../../src/notifications/directory-view';
import { routeCase, type RoutingCase } from '../../src/notifications/routing';
import { openTestNode } from '../support/app';

const TRANSFER = 'qn-gx-1369-emergency-transfer-2025-2026';
const AFTER_END = '2027-06-01';
const everyone = () => true;
const viaMongCai: RoutingCase = { residenceArea: 'VN-QN-MC', imported: { country: 'CN', entryGate: 'mong-cai-dongxing' }, infectionPlace: { country: 'CN', area: null } };
const name = (s: string) => ({ vi: s, 'zh-CN': s, en: s });

/** A two-party snapshot around the Móng Cái – Dongxing gate with the given agreements. */
function snapshot(list: Agreement[]): DirectorySnapshot {
  return {
    self: 'VN-QN',
    country: 'VN',
    timezone: 'Asia/Ho_Chi_Minh',
    parties: [
      { code: 'VN-QN', country: 'VN', parent: null, runsNode: true, servingParty: 'VN-QN' },
      { code: 'CN-GX', country: 'CN', parent: null, runsNode: true, servingParty: 'CN-GX' },
    ],
    areas: [
      { code: 'VN-QN-MC', party: 'VN-QN', path: ['VN-QN', 'VN-QN-MC'], names: name('Móng Cái') },
      { code: 'CN-GX-DX', party: 'CN-GX', path: ['CN-GX', 'CN-GX-DX'], names: name('Dongxing') },
    ],
    gates: [{ id: 'mong-cai-dongxing', sides: [{ country: 'VN', area: 'VN-QN-MC' }, { country: 'CN', area: 'CN-GX-DX' }], names: name('1369') }],
    agreements: list,
    partyNames: new Map(),
  };
}

describe('routing with agreement renewals (pure)', () => {
  const transfer = (agreements.agreements as unknown as Agreement[]).find((a) => a.code === TRANSFER)!;
  const renewal: AgreementRenewal = {
    id: 'r1',
    agreement: TRANSFER,
    effectiveTo: '2028-12-31',
    signedOn: '2026-11-30',
    reference: 'No. 12',
    note: null,
    demo: false,
    recordedBy: 'admin',
    recordedAt: '2026-12-01T00:00:00.000Z',
  };

  it('finds no agreement after the signed end without a renewal, and the renewed one with it', () => {
    expect(routeCase(viaMongCai, 'VN-QN', routingOn(snapshot([transfer]), AFTER_END), everyone)).toMatchObject({ routed: false, reason: 'no-agreement' });
    expect(routeCase(viaMongCai, 'VN-QN', routingOn(snapshot([{ ...transfer, renewals: [renewal] }]), AFTER_END), everyone)).toMatchObject({
      routed: true,
      node: 'CN-GX',
      agreements: [TRANSFER],
    });
    expect(routingOn(snapshot([{ ...transfer, renewals: [renewal] }]), '2029-01-01').agreements[0].inForce).toBe(false);
  });
});

describe.each(TEST_BACKENDS)('routing with agreement renewals on a node without demo content (%s)', (backend) => {
  let node: Awaited<ReturnType<typeof openTestNode>>;
  beforeAll(async () => {
    node = await openTestNode(backend, { seed: false });
  });
  afterAll(async () => node?.dispose());

  const route = async () => routeCase(viaMongCai, 'VN-QN', routingOn(await new DirectoryCache('VN-QN').get(node.store.db), AFTER_END), everyone);

  it('has no assumed renewal, so nothing is routed after 2026-12-31 until a renewal is recorded', async () => {
    expect((await node.directory.agreements()).flatMap((a) => a.renewals ?? [])).toEqual([]);
    expect(await route()).toMatchObject({ routed: false, reason: 'no-agreement' });

    await node.store.db.transaction().execute((trx) =>
      recordRenewal(
        trx,
        TRANSFER,
        { effectiveTo: '2028-12-31', signedOn: '2026-11-30', reference: 'No. 12', note: null, demo: false, recordedBy: 'admin' },
        (t, e) => node.audit.append(t, { ...e, actor: { kind: 'node', party: 'VN-QN' } }),
      ),
    );
    expect(await route()).toMatchObject({ routed: true, basis: 'entry-gate', node: 'CN-GX', agreements: [TRANSFER] });
  });
});
