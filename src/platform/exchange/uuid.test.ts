import { describe, expect, it } from 'vitest';
import { UUID_V7, uuidv7, uuidv7Time } from './uuid';

describe('UUIDv7', () => {
  it('has the RFC 9562 layout: version 7, variant 10, the creation millisecond in front', () => {
    const now = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    const id = uuidv7(now + 1e9); // later than any id made before in this process
    expect(id).toMatch(UUID_V7);
    expect(uuidv7Time(id)).toBe(now + 1e9);
  });

  it('sorts in creation order within one millisecond and across many, and never repeats', () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(UUID_V7);
  });

  it('stays monotonic when the clock steps back', () => {
    const first = uuidv7(Date.now() + 5e9);
    const second = uuidv7(Date.now());
    expect(second > first).toBe(true);
  });
});
