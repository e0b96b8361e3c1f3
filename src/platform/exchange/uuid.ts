import { randomFillSync } from 'node:crypto';

/**
 * UUID version 7 (RFC 9562 §5.7): 48-bit Unix milliseconds, version, 12 bits of `rand_a`, variant,
 * 62 random bits. `rand_a` is used as a counter within one millisecond (RFC 9562 §6.2, method 1),
 * so ids made by one process sort in creation order even when made faster than one per ms.
 */

const pool = Buffer.alloc(8 * 1024);
let poolOffset = pool.length;
let lastMs = -1;
let counter = 0;

function randomBytes(n: number): Buffer {
  if (poolOffset + n > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const out = pool.subarray(poolOffset, poolOffset + n);
  poolOffset += n;
  return out;
}

/** A new UUIDv7 string, monotonic within this process. */
export function uuidv7(nowMs: number = Date.now()): string {
  const rnd = randomBytes(10);
  let ms = Math.floor(nowMs);
  if (ms <= lastMs) {
    // Same (or an earlier, after a clock step back) millisecond: keep order with the counter; on
    // overflow borrow the next millisecond rather than break monotonicity.
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      ms++;
      counter = rnd[0] & 0x3ff;
    }
  } else {
    // Start each millisecond low in the counter's range, leaving room to count up.
    counter = ((rnd[0] << 8) | rnd[1]) & 0x3ff;
  }
  lastMs = ms;
  const b = Buffer.alloc(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | ((counter >> 8) & 0x0f);
  b[7] = counter & 0xff;
  rnd.copy(b, 8, 2, 10);
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Matches a UUIDv7 in its canonical lower-case form. */
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The millisecond timestamp inside a UUIDv7. */
export function uuidv7Time(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
