/**
 * How many refusals of unauthenticated traffic each remote address may have recorded in full.
 * The inbox is public: without a budget, anyone could grow the audit log without bound by posting
 * garbage. Past the budget, refusals are still answered with their code, but only counted, and
 * each address's counts are written later as one summary entry. Refusals of messages whose
 * signature verified are never subject to it: a real peer's problems are always recorded in full.
 */

/** What was counted instead of recorded for one address over one window. */
export interface SuppressedTally {
  remote: string;
  /** Refusal code → how many. */
  counts: Record<string, number>;
  firstAt: number;
  lastAt: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Most addresses tracked at once; the least recently seen are forgotten (their tallies flushed first). */
const MAX_ADDRESSES = 10_000;

/** A token bucket per remote address, refilled at `perMinute`, holding at most `perMinute`. */
export class RefusalBudget {
  readonly #perMinute: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();
  readonly #tallies = new Map<string, SuppressedTally>();

  constructor(perMinute: number, now: () => number) {
    this.#perMinute = perMinute;
    this.#now = now;
  }

  /** Takes one token for the address: true if this refusal may be recorded in full. */
  allow(remote: string): boolean {
    const now = this.#now();
    let b = this.#buckets.get(remote);
    if (b) this.#buckets.delete(remote); // re-inserted below: Map order is recency order
    else b = { tokens: this.#perMinute, at: now };
    b.tokens = Math.min(this.#perMinute, b.tokens + ((now - b.at) / 60_000) * this.#perMinute);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.#buckets.set(remote, b);
    if (this.#buckets.size > MAX_ADDRESSES) this.#buckets.delete(this.#buckets.keys().next().value!);
    return ok;
  }

  /** Counts a refusal that was not recorded in full. */
  suppress(remote: string, code: string): void {
    const now = this.#now();
    let t = this.#tallies.get(remote);
    if (!t) {
      t = { remote, counts: {}, firstAt: now, lastAt: now };
      this.#tallies.set(remote, t);
    }
    t.counts[code] = (t.counts[code] ?? 0) + 1;
    t.lastAt = now;
  }

  /** Takes the tallies whose window (a minute from their first count) is over, or all of them. */
  drain(all = false): SuppressedTally[] {
    const now = this.#now();
    const out: SuppressedTally[] = [];
    for (const [remote, t] of this.#tallies) {
      if (all || now - t.firstAt >= 60_000 || this.#tallies.size > MAX_ADDRESSES) {
        out.push(t);
        this.#tallies.delete(remote);
      }
    }
    return out;
  }
}
