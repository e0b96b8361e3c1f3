/**
 * The minimum-data test: random cases (with random identifiers) are written on a node through the
 * surveillance write path, created and changed; every message the notification flows put in the
 * outbox is then read back as it will travel (the signed JWS), and
 *  - every key path of its payload is in the declared schema of its type (and the envelope's), and
 *  - no identifier of any case (name, document number, phone, address, date of birth) appears
 *    anywhere in any serialized payload.
 * On both back-ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { loadIdentity } from '../../src/platform/identity';
import { MessagePayloadSchema } from '../../src/platform/exchange';
import { TEST_BACKENDS } from '../../src/platform/store/testing';
import { loadTerminology } from '../../src/terminology';
import { DECLARED_SCHEMAS, declaredPaths, presentPaths } from '../../src/notifications';
import type { CaseFields, CaseIdentity } from '../../src/surveillance';
import { openTestNode } from '../support/app';
import { daysAgo } from './support';

const VN_DISEASES = loadTerminology().diseases('VN').map((d) => d.code);
const QN_DISTRICTS = ['VN-QN-HL', 'VN-QN-MC', 'VN-QN-CP', 'VN-QN-UB', 'VN-QN-TY', 'VN-QN-HH', 'VN-QN-BL'];
const QN_FACILITIES = ['qn-cdc', 'mong-cai-general-hospital', 'tien-yen-health-centre', 'qn-quarantine-mong-cai'];
const CN_AREAS = ['CN-GX-FCG-DX', 'CN-GX-FCG-FC', 'CN-GX-NN', 'CN-GX-CZ-PX', 'CN-GX'];
const GATES = ['mong-cai-dongxing', 'hoanh-mo-dongzhong', 'bac-phong-sinh-lihuo', 'huu-nghi-youyiguan', null];

/** Free text of the case record, from an alphabet the identifiers never use. */
const caseText = fc.string({ minLength: 1, maxLength: 40, unit: fc.constantFrom(...'abcdefghik lmnoprstuvy-ăâêôơưđ市场东兴'.split('')) }).filter((s) => s.trim().length > 0);
/** Identifiers: each starts with a marker that nothing else on the node contains. */
const marked = (marker: string, min = 4) => fc.string({ minLength: min, maxLength: 30, unit: fc.constantFrom(...'ÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬ0123456789xyzq'.split('')) }).map((s) => `${marker}${s}`);

const dayArb = (min: number, max: number) => fc.integer({ min, max }).map((n) => daysAgo(n));

const identityArb: fc.Arbitrary<CaseIdentity> = fc.record({
  fullName: marked('Ψ'),
  idType: fc.constantFrom('CCCD', 'passport', null),
  idNumber: fc.option(marked('Ω', 6), { nil: null }),
  phone: fc.option(marked('☎', 6), { nil: null }),
  address: fc.option(marked('Ж'), { nil: null }),
  dateOfBirth: fc.option(fc.integer({ min: 1900, max: 1950 }).chain((y) => fc.constantFrom(`${y}-01-17`, `${y}-07-03`)), { nil: null }),
});

const fieldsArb: fc.Arbitrary<CaseFields> = fc
  .record({
    disease: fc.constantFrom(...VN_DISEASES),
    confirmed: fc.boolean(),
    report: fc.integer({ min: 2, max: 300 }),
    onsetBefore: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    age: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    sex: fc.constantFrom('male', 'female', 'unknown') as fc.Arbitrary<CaseFields['sex']>,
    residenceArea: fc.constantFrom(...QN_DISTRICTS),
    facility: fc.constantFrom(...QN_FACILITIES),
    infCountry: fc.constantFrom('CN', 'VN', 'LA'),
    infArea: fc.boolean(),
    description: fc.option(caseText, { nil: null }),
    imported: fc.option(fc.record({ country: fc.constantFrom('CN', 'LA'), gate: fc.constantFrom(...GATES), before: fc.integer({ min: 0, max: 5 }) }), { nil: null }),
    outcome: fc.constantFrom('under-treatment', 'recovered', 'died', 'unknown') as fc.Arbitrary<CaseFields['outcome']>,
    contacts: fc.record({ vn: fc.nat(50), cn: fc.nat(50) }),
    travel: fc.array(fc.record({ place: caseText, country: fc.constantFrom('CN', 'VN', 'LA'), days: fc.integer({ min: 0, max: 5 }) }), { maxLength: 3 }),
  })
  .map((r) => {
    const reportDate = daysAgo(r.report);
    const area = r.infArea ? (r.infCountry === 'CN' ? 'CN-GX-FCG-DX' : r.infCountry === 'VN' ? r.residenceArea : null) : null;
    return {
      disease: r.disease,
      classification: r.confirmed ? 'confirmed' : 'suspected',
      onsetDate: r.onsetBefore === null ? null : daysAgo(r.report + r.onsetBefore),
      reportDate,
      confirmationDate: r.confirmed ? daysAgo(r.report - 1) : null,
      age: r.age,
      sex: r.sex,
      residenceArea: r.residenceArea,
      infectionPlace: { country: r.infCountry, area, description: r.description },
      imported: r.imported ? { country: r.imported.country, entryGate: r.imported.gate, entryDate: daysAgo(r.report + r.imported.before) } : null,
      outcome: r.outcome,
      reportingFacility: r.facility,
      contacts: r.contacts,
      travel: r.travel.map((s) => ({ place: s.place, country: s.country, from: daysAgo(r.report + s.days + 1), to: daysAgo(r.report + 1) })),
    } satisfies CaseFields;
  });

const changeArb = fc.record({
  outcome: fc.option(fc.constantFrom('recovered', 'died') as fc.Arbitrary<CaseFields['outcome']>, { nil: undefined }),
  contacts: fc.option(fc.record({ vn: fc.nat(80), cn: fc.nat(80) }), { nil: undefined }),
  confirm: fc.boolean(),
  identity: fc.option(identityArb, { nil: undefined }),
});

const DECLARED = Object.fromEntries(Object.entries(DECLARED_SCHEMAS).map(([type, s]) => [type, declaredPaths(s)]));
const ENVELOPE = new Set(Object.keys(MessagePayloadSchema.properties));
const payloadOf = (jws: string) => JSON.parse(Buffer.from(jws.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown> & { type: string; body: unknown };

describe.each(TEST_BACKENDS)('minimum data on %s', (backend) => {
  let node: Awaited<ReturnType<typeof openTestNode>>;
  let peerDir: string;
  beforeAll(async () => {
    // A configured peer (nothing listens there: messages stay in the outbox, as committed).
    peerDir = mkdtempSync(join(tmpdir(), 'bh-peer-'));
    const peer = await loadIdentity(peerDir);
    node = await openTestNode(backend, { peers: [{ party: 'CN-GX', baseUrl: 'http://127.0.0.1:9', keys: peer.all.map((k) => k.publicJwk) }] });
  }, 120_000);
  afterAll(async () => {
    await node?.dispose();
    rmSync(peerDir, { recursive: true, force: true });
  }, 60_000);

  it('no field outside the declared set, and no identifier, ever enters the outbox', async () => {
    const identities: CaseIdentity[] = [];
    const actor = { kind: 'user' as const, id: 'test', username: 'epi', party: 'VN-QN' };
    // Surveillance reads its reference data outside transactions (PGlite has one session): load it first, as its routes do.
    await node.surveillance.reference();
    await fc.assert(
      fc.asyncProperty(fieldsArb, identityArb, changeArb, async (fields, identity, change) => {
        identities.push(identity);
        if (change.identity) identities.push(change.identity);
        await node.store.db.transaction().execute(async (trx) => {
          const c = await node.surveillance.cases.create(trx, { fields, identity }, { actor });
          const patch: Partial<CaseFields> = {};
          if (change.outcome && c.outcome !== 'died') patch.outcome = change.outcome;
          if (change.contacts) patch.contacts = change.contacts;
          if (change.confirm && c.classification !== 'confirmed') Object.assign(patch, { classification: 'confirmed', confirmationDate: c.reportDate });
          await node.surveillance.cases.update(trx, c, { patch, expectedVersion: c.version, identity: change.identity }, { actor });
        });
      }),
      { numRuns: 60 },
    );

    const rows = (await sql<{ jws: string }>`select jws from exchange_outbox order by oid`.execute(node.store.db)).rows;
    const payloads = rows.map((r) => payloadOf(r.jws));
    // Random imported, confirmed cases produced notifications and updates.
    expect(payloads.filter((p) => p.type === 'notification.case').length).toBeGreaterThan(5);
    expect(payloads.some((p) => (p.body as { event: string }).event === 'updated')).toBe(true);

    for (const p of payloads) {
      for (const k of Object.keys(p)) expect(ENVELOPE.has(k), `envelope key ${k}`).toBe(true);
      const declared = DECLARED[p.type];
      expect(declared, `declared type ${p.type}`).toBeDefined();
      for (const path of presentPaths(p.body)) expect(declared.has(path), `${p.type}: ${path} is not declared`).toBe(true);
    }
    const serialized = rows.map((r) => Buffer.from(r.jws.split('.')[1], 'base64url').toString('utf8')).join('\n');
    const values = identities.flatMap((i) => [i.fullName, i.idNumber, i.phone, i.address, i.dateOfBirth]).filter((v): v is string => !!v);
    expect(values.length).toBeGreaterThan(60);
    for (const v of values) expect(serialized.includes(v), `identifier ${v} left the node`).toBe(false);
    // Nor do the markers of any identifier, whatever was generated.
    expect(/[ΨΩ☎Ж]/.test(serialized)).toBe(false);
  }, 240_000);
});
