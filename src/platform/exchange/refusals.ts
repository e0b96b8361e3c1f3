import { BhError } from '../errors';
import { tables, type Db } from '../store/database';
import { type ExchangeContext } from './context';
import type { ExchangeErrorCode } from './errors';
import { tokenDigest, type Claimed } from './envelope';
import type { SuppressedTally } from './refusal-budget';
import type { ExchangeTables } from './schema';

const t = (db: Db) => tables<ExchangeTables>(db);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One refused message or request, as the receiver records it. */
export interface RefusalRecord {
  code: ExchangeErrorCode;
  params: Record<string, unknown>;
  claimed: Claimed;
  token?: string;
  /** The verified sender, once the signature checked out. */
  peer?: string;
}

/**
 * Records refusals: a row each in `exchange_refused` and an audit entry each, in one transaction.
 * Refusals without a verified sender are recorded in full only within the remote address's budget;
 * the rest are counted, and written as one summary per address once its minute is over.
 */
export async function recordRefusals(ctx: ExchangeContext, refusals: RefusalRecord[], remote: string | null): Promise<void> {
  const address = remote ?? 'unknown';
  const full = refusals.filter((r) => {
    if (r.peer || ctx.refusalBudget.allow(address)) return true;
    ctx.refusalBudget.suppress(address, r.code);
    return false;
  });
  await write(ctx, full, ctx.refusalBudget.drain(), remote);
}

/** Writes the summaries of refusals whose window is over (or all of them, at shutdown). */
export async function flushRefusalSummaries(ctx: ExchangeContext, all: boolean): Promise<void> {
  await write(ctx, [], ctx.refusalBudget.drain(all), null);
}

async function write(ctx: ExchangeContext, refusals: RefusalRecord[], summaries: SuppressedTally[], remote: string | null): Promise<void> {
  if (refusals.length === 0 && summaries.length === 0) return;
  const now = new Date(ctx.now());
  const clip = (v: string | undefined, n = 200) => (v === undefined ? null : v.slice(0, n));
  const summaryParams = summaries.map((t) => ({
    remote: t.remote,
    total: Object.values(t.counts).reduce((a, b) => a + b, 0),
    from: new Date(t.firstAt).toISOString(),
    to: new Date(t.lastAt).toISOString(),
    counts: Object.entries(t.counts)
      .map(([code, n]) => `${code} ×${n}`)
      .join(', '),
  }));
  await ctx.db.transaction().execute(async (trx) => {
    const rows = [
      ...refusals.map((r) => ({
        received_at: now,
        code: r.code as string,
        message_id: clip(r.claimed.messageId),
        from_party: clip(r.claimed.from),
        kid: clip(r.claimed.kid),
        type: clip(r.claimed.type),
        detail: new BhError(r.code, r.params).message.slice(0, 1000),
        token_sha256: r.token ? tokenDigest(r.token) : null,
        token_prefix: r.token ? r.token.slice(0, 512) : null,
        remote_address: remote,
      })),
      ...summaryParams.map((p) => ({
        received_at: now,
        code: 'BH_EXCHANGE_REFUSALS_SUPPRESSED',
        message_id: null,
        from_party: null,
        kid: null,
        type: null,
        detail: new BhError('BH_EXCHANGE_REFUSALS_SUPPRESSED', p).message.slice(0, 1000),
        token_sha256: null,
        token_prefix: null,
        remote_address: p.remote,
      })),
    ];
    await t(trx).insertInto('exchange_refused').values(rows).execute();
    await ctx.audit.appendMany(trx, [
      ...refusals.map((r) => ({
        // Only a verified signature makes the sender an actor; before that it is just a claim.
        actor: r.peer ? { kind: 'peer' as const, party: r.peer } : { kind: 'anonymous' as const },
        action: 'exchange.message.refused',
        resource: r.claimed.messageId && UUID.test(r.claimed.messageId) ? { type: 'message', id: r.claimed.messageId } : null,
        peer: r.peer ?? null,
        outcome: 'denied' as const,
        detail: { code: r.code, claimedFrom: clip(r.claimed.from, 64), kid: clip(r.claimed.kid, 100), type: clip(r.claimed.type, 100), remote },
      })),
      ...summaries.map((s) => ({
        actor: { kind: 'anonymous' as const },
        action: 'exchange.message.refused.summary',
        outcome: 'denied' as const,
        detail: { remote: s.remote, counts: s.counts, from: new Date(s.firstAt).toISOString(), to: new Date(s.lastAt).toISOString() },
      })),
    ]);
  });
}
