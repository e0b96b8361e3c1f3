/** Pure rules: which cases are notified, what changed, status, quantiles and timeliness; message schemas closed. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openObjectPath } from '../../src/platform/exchange/types';
import {
  canonicalJson,
  changedFields,
  intervalsOf,
  isNotifiable,
  quantile,
  statusOf,
  summarize,
  timeliness,
  DAY_MS,
  type CaseData,
} from '../../src/notifications/model';
import { CaseDataSchema, DECLARED_SCHEMAS, declaredPaths, presentPaths } from '../../src/notifications/messages';

describe('which cases are notified', () => {
  const c = (classification: 'suspected' | 'confirmed', imported: string | null, infected: string) =>
    ({ classification, imported: imported ? { country: imported, entryGate: null, entryDate: '2026-01-01' } : null, infectionPlace: { country: infected, area: null, description: null } }) as const;
  it('confirmed, and imported from or infected in another country', () => {
    expect(isNotifiable(c('confirmed', 'CN', 'CN'), 'VN')).toBe(true);
    expect(isNotifiable(c('confirmed', null, 'CN'), 'VN')).toBe(true);
    expect(isNotifiable(c('confirmed', 'LA', 'VN'), 'VN')).toBe(true);
    expect(isNotifiable(c('confirmed', null, 'VN'), 'VN')).toBe(false);
    expect(isNotifiable(c('suspected', 'CN', 'CN'), 'VN')).toBe(false);
  });
});

describe('changes of the minimum data set', () => {
  const data: CaseData = {
    disease: { code: 'VN-B-12', system: 'VN', relation: 'exact', equivalents: ['CN-B-20'] },
    classification: 'confirmed',
    onsetDate: '2026-01-01',
    reportDate: '2026-01-03',
    confirmationDate: '2026-01-04',
    ageGroup: '25-44',
    sex: 'female',
    entry: { country: 'CN', gate: 'mong-cai-dongxing', date: '2026-01-01' },
    infectionPlace: { country: 'CN', area: null, description: null },
    travel: [],
    contacts: { vn: 1, cn: 2 },
    outcome: 'unknown',
  };
  it('ignores key order (jsonb reorders keys) and names the fields that differ', () => {
    const reordered = JSON.parse(JSON.stringify({ ...data, entry: { date: '2026-01-01', gate: 'mong-cai-dongxing', country: 'CN' }, contacts: { cn: 2, vn: 1 } }));
    expect(changedFields(data, reordered)).toEqual([]);
    expect(changedFields(data, { ...data, outcome: 'recovered', contacts: { vn: 1, cn: 3 } })).toEqual(['contacts', 'outcome']);
    expect(changedFields(null, data)).toHaveLength(12);
  });
  it('canonical JSON is the same for any key order', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
        expect(canonicalJson(Object.fromEntries(Object.entries(o).reverse()))).toBe(canonicalJson(o));
      }),
    );
  });
});

describe('status', () => {
  it('follows the message and the acknowledgement', () => {
    expect(statusOf('outgoing', null, false, false)).toBe('unrouted');
    expect(statusOf('outgoing', 'pending', false, true)).toBe('queued');
    expect(statusOf('outgoing', 'delivered', false, true)).toBe('delivered');
    expect(statusOf('outgoing', 'delivered', true, true)).toBe('acknowledged');
    expect(statusOf('outgoing', 'expired', false, true)).toBe('failed');
    expect(statusOf('incoming', null, false, true)).toBe('received');
    expect(statusOf('incoming', null, true, true)).toBe('acknowledged');
  });
});

describe('timeliness', () => {
  it('quantiles interpolate as R type 7', () => {
    // R: quantile(c(1,2,3,4,10), c(.5,.9)) → 3, 7.6
    expect(quantile([1, 2, 3, 4, 10], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 10], 0.9)).toBeCloseTo(7.6);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([], 0.5)).toBeNull();
  });
  it('quantiles lie between min and max and grow with p', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
        const s = [...xs].sort((a, b) => a - b);
        const q = quantile(s, p)!;
        expect(q).toBeGreaterThanOrEqual(s[0]);
        expect(q).toBeLessThanOrEqual(s[s.length - 1]);
        expect(quantile(s, Math.min(1, p + 0.1))!).toBeGreaterThanOrEqual(q - 1e-6);
      }),
    );
  });
  it('summarizes count, open, median, p90 and share within 24 h', () => {
    const h = 3_600_000;
    expect(summarize([h, 2 * h, 30 * h, null], 1)).toEqual({ count: 3, open: 1, medianSeconds: 7200, p90Seconds: 87_840, within24h: 2 / 3 });
  });
  it('groups per peer and disease with an overall group, intervals per direction', () => {
    const t = (confirmed: number, queued: number, delivered: number | null, acknowledged: number | null) => ({ confirmed, queued, delivered, received: null, acknowledged });
    const rows = [
      { peer: 'CN-GX', disease: 'VN-B-12', timeline: t(0, 1000, 3000, 3001 + DAY_MS) },
      { peer: 'CN-GX', disease: 'VN-B-12', timeline: t(0, 0, 500, null) },
      { peer: 'CN-GX', disease: 'VN-A-08', timeline: t(0, 0, null, null) },
    ];
    const g = timeliness('outgoing', rows);
    expect(g.map((x) => `${x.peer}/${x.disease}/${x.notifications}`)).toEqual(['CN-GX/VN-A-08/1', 'CN-GX/VN-B-12/2', '*/*/3']);
    const dengue = g[1].intervals;
    expect(dengue.queuedToDelivered).toMatchObject({ count: 2, open: 0, medianSeconds: 1.25 });
    expect(dengue.deliveredToAcknowledged).toMatchObject({ count: 1, open: 1, within24h: 0 });
    expect(g[2].intervals.queuedToDelivered).toMatchObject({ count: 2, open: 1 });
    expect(intervalsOf('incoming', { confirmed: 0, queued: null, delivered: null, received: 10, acknowledged: 30 })).toEqual({ confirmedToReceived: 10, receivedToAcknowledged: 20, confirmedToAcknowledged: 30 });
  });
});

describe('message schemas', () => {
  it('are closed everywhere, as the exchange requires', () => {
    for (const [type, schema] of Object.entries(DECLARED_SCHEMAS)) expect(openObjectPath(schema), type).toBeNull();
  });
  it('declare the minimum data set and nothing that identifies a person', () => {
    const paths = [...declaredPaths(CaseDataSchema)];
    expect(paths).toEqual(expect.arrayContaining(['disease.code', 'disease.equivalents', 'ageGroup', 'sex', 'entry.gate', 'entry.date', 'infectionPlace.area', 'travel.*.place', 'contacts.vn', 'contacts.cn']));
    for (const [type, schema] of Object.entries(DECLARED_SCHEMAS)) {
      if (type === 'identity.response') continue;
      const leaves = [...declaredPaths(schema)].map((p) => p.split('.').at(-1)!.toLowerCase());
      for (const forbidden of ['fullname', 'name', 'idnumber', 'phone', 'address', 'dateofbirth', 'age', 'residencearea', 'reportingfacility']) {
        if (forbidden === 'name' && type === 'identity.request') continue; // the requesting officer's name, not the case's
        if (forbidden === 'name' && type === 'signal.share') continue; // names of thresholds
        expect(leaves, `${type} must not declare ${forbidden}`).not.toContain(forbidden);
      }
    }
  });
  it('presentPaths sees every key of a value', () => {
    expect([...presentPaths({ a: { b: [{ c: 1 }] } })]).toEqual(['a', 'a.b', 'a.b.*.c']);
  });
});
