import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RefusalBudget } from './refusal-budget';

describe('refusal budget', () => {
  it('records up to the budget per address, then counts; refills with time', () => {
    let now = 0;
    const b = new RefusalBudget(3, () => now);
    expect([1, 2, 3, 4, 5].map(() => b.allow('10.0.0.1'))).toEqual([true, true, true, false, false]);
    expect(b.allow('10.0.0.2')).toBe(true); // another address has its own budget
    b.suppress('10.0.0.1', 'BH_EXCHANGE_BAD_SIGNATURE');
    b.suppress('10.0.0.1', 'BH_EXCHANGE_BAD_SIGNATURE');
    b.suppress('10.0.0.1', 'BH_EXCHANGE_MALFORMED');
    expect(b.drain()).toEqual([]); // the window is not over yet
    now = 20_000; // a third of a minute: one token back
    expect(b.allow('10.0.0.1')).toBe(true);
    expect(b.allow('10.0.0.1')).toBe(false);
    now = 60_000;
    expect(b.drain()).toEqual([{ remote: '10.0.0.1', counts: { BH_EXCHANGE_BAD_SIGNATURE: 2, BH_EXCHANGE_MALFORMED: 1 }, firstAt: 0, lastAt: 0 }]);
    expect(b.drain(true)).toEqual([]);
  });

  it('never lets more than the budget plus the refill through, and loses no count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 5_000 }), fc.constantFrom('a', 'b')), { maxLength: 300 }), (perMinute, steps) => {
        let now = 0;
        const b = new RefusalBudget(perMinute, () => now);
        const allowed = { a: 0, b: 0 };
        let suppressed = 0;
        for (const [dt, remote] of steps) {
          now += dt;
          if (b.allow(remote)) allowed[remote as 'a' | 'b']++;
          else {
            b.suppress(remote, 'X');
            suppressed++;
          }
        }
        for (const n of Object.values(allowed)) expect(n).toBeLessThanOrEqual(perMinute + Math.floor((now / 60_000) * perMinute) + 1);
        const counted = b.drain(true).reduce((s, t) => s + (t.counts.X ?? 0), 0);
        expect(counted).toBe(suppressed);
      }),
    );
  });
});
