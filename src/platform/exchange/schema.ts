import { sql, type Generated, type Migration } from 'kysely';

/** Row types of the exchange tables, for `tables<ExchangeTables>(db)`. */
export interface ExchangeTables {
  exchange_outbox: {
    oid: Generated<number>;
    id: string;
    to_party: string;
    type: string;
    stream: string;
    seq: number;
    jws: string;
    created_at: Date;
    expires_at: Date;
    queued_at: Date;
    status: 'pending' | 'delivered' | 'refused' | 'expired';
    attempts: Generated<number>;
    next_attempt_at: Date;
    last_attempt_at: Date | null;
    last_error: string | null;
    delivered_at: Date | null;
    receipt: string | null;
    receipt_status: string | null;
    acknowledged_at: Date | null;
  };
  exchange_counters: { to_party: string; stream: string; last_seq: number };
  exchange_inbox: {
    id: string;
    from_party: string;
    type: string;
    stream: string;
    seq: number;
    jws: string;
    created_at: Date;
    expires_at: Date;
    received_at: Date;
    status: 'held' | 'applied' | 'duplicate';
    applied_at: Date | null;
    receipt: string | null;
    audit_index: number | null;
    acknowledged_at: Date | null;
  };
  exchange_streams: { from_party: string; stream: string; next_seq: number };
  exchange_refused: {
    id: Generated<number>;
    received_at: Date;
    code: string;
    message_id: string | null;
    from_party: string | null;
    kid: string | null;
    type: string | null;
    detail: string | null;
    token_sha256: string | null;
    token_prefix: string | null;
    remote_address: string | null;
  };
  exchange_peer_state: {
    party: string;
    last_attempt_at: Date | null;
    reachable: boolean | null;
    failures: Generated<number>;
    last_error: string | null;
    last_error_at: Date | null;
    last_delivered_at: Date | null;
    last_tree_head: unknown;
  };
  exchange_probes: {
    id: Generated<number>;
    message_id: string;
    from_party: string;
    type: string;
    stream: string;
    seq: number;
    n: number;
    applied_at: Date;
  };
}

/** The exchange layer's schema: outbox and inbox, per-stream counters and watermarks, refusals, peer state. */
export const exchangeMigrations: Record<string, Migration> = {
  '0150_exchange_core': {
    up: async (db) => {
      await db.schema
        .createTable('exchange_outbox')
        // Insertion order, for delivering oldest first; ids are UUIDv7 but may come from other clocks.
        .addColumn('oid', 'bigserial', (c) => c.primaryKey())
        .addColumn('id', 'uuid', (c) => c.notNull().unique())
        .addColumn('to_party', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('stream', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('jws', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('queued_at', 'timestamptz', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'delivered', 'refused', 'expired')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
        .addColumn('last_attempt_at', 'timestamptz')
        .addColumn('last_error', 'text')
        .addColumn('delivered_at', 'timestamptz')
        .addColumn('receipt', 'text')
        .addColumn('receipt_status', 'text')
        .addColumn('acknowledged_at', 'timestamptz')
        .addUniqueConstraint('exchange_outbox_stream_seq', ['to_party', 'stream', 'seq'])
        .execute();
      // The delivery worker's scan: only pending rows, per peer, oldest first.
      await sql`create index exchange_outbox_pending on exchange_outbox (to_party, oid) where status = 'pending'`.execute(db);
      await db.schema.createIndex('exchange_outbox_queued').on('exchange_outbox').columns(['queued_at']).execute();

      // One row per (peer, stream): the UPDATE's row lock, held to commit, makes seq gapless.
      await db.schema
        .createTable('exchange_counters')
        .addColumn('to_party', 'text', (c) => c.notNull())
        .addColumn('stream', 'text', (c) => c.notNull())
        .addColumn('last_seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('exchange_counters_pk', ['to_party', 'stream'])
        .execute();

      await db.schema
        .createTable('exchange_inbox')
        // The primary key is the dedupe: a message id is inserted at most once, ever.
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('from_party', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('stream', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('jws', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('received_at', 'timestamptz', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('held', 'applied', 'duplicate')`))
        .addColumn('applied_at', 'timestamptz')
        .addColumn('receipt', 'text')
        .addColumn('audit_index', 'bigint')
        .addColumn('acknowledged_at', 'timestamptz')
        .execute();
      // A stream position is taken once; a different id claiming it is recorded as a duplicate.
      await sql`create unique index exchange_inbox_stream_seq on exchange_inbox (from_party, stream, seq) where status <> 'duplicate'`.execute(db);
      await sql`create index exchange_inbox_held on exchange_inbox (from_party, stream, seq) where status = 'held'`.execute(db);
      await db.schema.createIndex('exchange_inbox_received').on('exchange_inbox').columns(['received_at']).execute();

      // Per (sender, stream): every seq below next_seq has arrived and been applied (or was unordered).
      await db.schema
        .createTable('exchange_streams')
        .addColumn('from_party', 'text', (c) => c.notNull())
        .addColumn('stream', 'text', (c) => c.notNull())
        .addColumn('next_seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('exchange_streams_pk', ['from_party', 'stream'])
        .execute();

      await db.schema
        .createTable('exchange_refused')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('received_at', 'timestamptz', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        // Claimed values, as sent: they are what was refused, so they are not trusted or typed.
        .addColumn('message_id', 'text')
        .addColumn('from_party', 'text')
        .addColumn('kid', 'text')
        .addColumn('type', 'text')
        .addColumn('detail', 'text')
        .addColumn('token_sha256', 'text')
        .addColumn('token_prefix', 'text')
        .addColumn('remote_address', 'text')
        .execute();
      await db.schema.createIndex('exchange_refused_time').on('exchange_refused').columns(['received_at']).execute();

      await db.schema
        .createTable('exchange_peer_state')
        .addColumn('party', 'text', (c) => c.primaryKey())
        .addColumn('last_attempt_at', 'timestamptz')
        .addColumn('reachable', 'boolean')
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('last_error_at', 'timestamptz')
        .addColumn('last_delivered_at', 'timestamptz')
        .addColumn('last_tree_head', 'jsonb')
        .execute();
    },
    down: async (db) => {
      for (const t of ['exchange_peer_state', 'exchange_refused', 'exchange_streams', 'exchange_inbox', 'exchange_counters', 'exchange_outbox'])
        await db.schema.dropTable(t).execute();
    },
  },
  '0150_exchange_probes': {
    up: async (db) => {
      // Deliberately without a unique constraint on message_id: a message applied twice would show.
      await db.schema
        .createTable('exchange_probes')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('message_id', 'uuid', (c) => c.notNull())
        .addColumn('from_party', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('stream', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addColumn('applied_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
    down: async (db) => {
      await db.schema.dropTable('exchange_probes').execute();
    },
  },
};
