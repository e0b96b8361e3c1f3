import { sql, type Generated, type Migration } from 'kysely';
import type { Json } from '../platform/store/json';

/** Notification tables as Kysely sees them. */
export interface NotificationTables {
  /** One row per notification and peer: ours (outgoing) or a peer's (incoming), a case or a shared signal. */
  notifications: {
    id: string;
    direction: string;
    kind: string;
    /** The party whose case or signal it is (this node for outgoing ones). */
    origin: string;
    peer: string;
    /** The case or signal id on the origin node. */
    subject_id: string;
    route: Json | null;
    /** The latest minimum data set (or shared signal) sent or received. */
    body: Json | null;
    disease: string | null;
    /** The disease in this node's own list (the counterpart for incoming ones). */
    disease_local: string | null;
    classification: string | null;
    gate: string | null;
    area: string | null;
    area_path: Json;
    facility: string | null;
    version: number;
    first_message_id: string | null;
    last_message_id: string | null;
    confirmed_at: Date | null;
    queued_at: Date | null;
    received_at: Date | null;
    acknowledged_at: Date | null;
    ack_role: string | null;
    ack_by: string | null;
    ack_note: string | null;
    search: string;
    created_at: Date;
    updated_at: Date;
  };
  /** The thread of a notification: notified, updates, messages, acknowledgement, identity requests. */
  notification_events: {
    n: Generated<number>;
    id: string;
    notification_id: string;
    type: string;
    /** sent (by us), received (from the peer), local (no message). */
    side: string;
    message_id: string | null;
    at: Date;
    author: string | null;
    author_role: string | null;
    text: string | null;
    detail: Json | null;
  };
  /** Requests for a case's identifiers: made here (outgoing) or to be decided here (incoming). */
  identity_requests: {
    id: string;
    direction: string;
    notification_id: string;
    peer: string;
    purpose: string;
    legal_basis_code: string;
    legal_basis_text: string;
    requester_name: string;
    requester_role: string;
    requested_by: string | null;
    requested_at: Date;
    status: string;
    decided_at: Date | null;
    decided_by_name: string | null;
    decided_by_role: string | null;
    reason: string | null;
    /** The identifiers received (outgoing requests only, once approved). */
    identity: Json | null;
    request_message_id: string | null;
    response_message_id: string | null;
  };
}

export const notificationsMigrations: Record<string, Migration> = {
  '0500_notifications_tables': {
    up: async (db) => {
      await db.schema
        .createTable('notifications')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('outgoing', 'incoming')`))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('case', 'signal')`))
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('peer', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'uuid', (c) => c.notNull())
        .addColumn('route', 'jsonb')
        .addColumn('body', 'jsonb')
        .addColumn('disease', 'text')
        .addColumn('disease_local', 'text')
        .addColumn('classification', 'text')
        .addColumn('gate', 'text')
        .addColumn('area', 'text')
        .addColumn('area_path', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('facility', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('first_message_id', 'uuid')
        .addColumn('last_message_id', 'uuid')
        .addColumn('confirmed_at', 'timestamptz')
        .addColumn('queued_at', 'timestamptz')
        .addColumn('received_at', 'timestamptz')
        .addColumn('acknowledged_at', 'timestamptz')
        .addColumn('ack_role', 'text')
        .addColumn('ack_by', 'text')
        .addColumn('ack_note', 'text')
        .addColumn('search', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('notifications_subject', ['direction', 'peer', 'kind', 'subject_id'])
        .execute();
      await db.schema.createIndex('notifications_list').on('notifications').columns(['direction', 'created_at']).execute();
      await db.schema.createIndex('notifications_message').on('notifications').column('first_message_id').execute();

      await db.schema
        .createTable('notification_events')
        .addColumn('n', 'bigserial', (c) => c.primaryKey())
        .addColumn('id', 'uuid', (c) => c.notNull().unique())
        .addColumn('notification_id', 'uuid', (c) => c.notNull().references('notifications.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('sent', 'received', 'local')`))
        .addColumn('message_id', 'uuid')
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('author', 'text')
        .addColumn('author_role', 'text')
        .addColumn('text', 'text')
        .addColumn('detail', 'jsonb')
        .execute();
      await db.schema.createIndex('notification_events_of').on('notification_events').columns(['notification_id', 'n']).execute();

      await db.schema
        .createTable('identity_requests')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('outgoing', 'incoming')`))
        .addColumn('notification_id', 'uuid', (c) => c.notNull().references('notifications.id'))
        .addColumn('peer', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('legal_basis_code', 'text', (c) => c.notNull())
        .addColumn('legal_basis_text', 'text', (c) => c.notNull())
        .addColumn('requester_name', 'text', (c) => c.notNull())
        .addColumn('requester_role', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text')
        .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'approved', 'refused')`))
        .addColumn('decided_at', 'timestamptz')
        .addColumn('decided_by_name', 'text')
        .addColumn('decided_by_role', 'text')
        .addColumn('reason', 'text')
        .addColumn('identity', 'jsonb')
        .addColumn('request_message_id', 'uuid')
        .addColumn('response_message_id', 'uuid')
        .execute();
      await db.schema.createIndex('identity_requests_of').on('identity_requests').column('notification_id').execute();
    },
    down: async (db) => {
      for (const t of ['identity_requests', 'notification_events', 'notifications']) await db.schema.dropTable(t).execute();
    },
  },
};
