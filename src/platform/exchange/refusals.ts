import { BhError } from '../errors';
import { tables, type Db } from '../store/database';
import { appendAll, type ExchangeContext } from './context';
import type { ExchangeErrorCode } from './errors';
import { tokenDigest, type Claimed } from './envelope';
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

/** Records refusals: a row each in `exchange_refused` and an audit entry each, in one transaction. */
export async function recordRefusals(ctx: ExchangeContext, refusals: RefusalRecord[], remote: string | null): Promise<void> {
  const now = new Date(ctx.now());
  const clip = (v: string | undefined, n = 200) => (v === undefined ? null : v.slice(0, n));
  await ctx.db.transaction().execute(async (trx) => {
    await t(trx)
      .insertInto('exchange_refused')
      .values(
        refusals.map((r) => ({
          received_at: now,
          code: r.code,
          message_id: clip(r.claimed.messageId),
          from_party: clip(r.claimed.from),
          kid: clip(r.claimed.kid),
          type: clip(r.claimed.type),
          detail: new BhError(r.code, r.params).message.slice(0, 1000),
          token_sha256: r.token ? tokenDigest(r.token) : null,
          token_prefix: r.token ? r.token.slice(0, 512) : null,
          remote_address: remote,
        })),
      )
      .execute();
    await appendAll(
      ctx.audit,
      trx,
      refusals.map((r) => ({
        // Only a verified signature makes the sender an actor; before that it is just a claim.
        actor: r.peer ? { kind: 'peer' as const, party: r.peer } : { kind: 'anonymous' as const },
        action: 'exchange.message.refused',
        resource: r.claimed.messageId && UUID.test(r.claimed.messageId) ? { type: 'message', id: r.claimed.messageId } : null,
        peer: r.peer ?? null,
        outcome: 'denied' as const,
        detail: { code: r.code, claimedFrom: clip(r.claimed.from, 64), kid: clip(r.claimed.kid, 100), type: clip(r.claimed.type, 100), remote },
      })),
    );
  });
}
