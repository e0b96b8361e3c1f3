import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type { Migration } from 'kysely';
import { tables, type Db } from '../store/database';
import type { Jurisdiction, Principal, Role } from '../access';

/** A user as the authentication layer needs it; the directory capability supplies these. */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  party: string;
  role: Role;
  jurisdiction: Jurisdiction;
  passwordHash: string;
  disabled: boolean;
}

/** Where users come from (injected, so the platform never imports the directory). */
export interface UserSource {
  byUsername(username: string): Promise<UserRecord | undefined>;
  byId(id: string): Promise<UserRecord | undefined>;
}

interface SessionTables {
  auth_sessions: {
    token_hash: Buffer;
    user_id: string;
    created_at: Date;
    expires_at: Date;
    revoked_at: Date | null;
  };
}

export const authMigrations: Record<string, Migration> = {
  '0010_platform_sessions': {
    up: async (db) => {
      await db.schema
        .createTable('auth_sessions')
        .addColumn('token_hash', 'bytea', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('revoked_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('auth_sessions_user').on('auth_sessions').column('user_id').execute();
    },
  },
};

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

// Verifying against a real hash when the user does not exist keeps timing from revealing usernames.
let dummyHash: Promise<string> | undefined;

function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Converts a user record into the principal the access policy judges. */
export function toPrincipal(u: UserRecord): Principal {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    party: u.party,
    role: u.role,
    jurisdiction: u.jurisdiction,
  };
}

/** Sessions: opaque random tokens, stored only as their SHA-256. */
export class Sessions {
  constructor(
    private readonly db: Db,
    private readonly users: UserSource,
    private readonly ttlSeconds: number,
  ) {}

  /** Checks a password; answers the user, or undefined for any failure. */
  async checkPassword(username: string, password: string): Promise<UserRecord | undefined> {
    const user = await this.users.byUsername(username);
    if (!user || user.disabled) {
      dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await argon2.verify(await dummyHash, password).catch(() => false);
      return undefined;
    }
    const ok = await argon2.verify(user.passwordHash, password).catch(() => false);
    return ok ? user : undefined;
  }

  /** Opens a session for a user, in the caller's transaction. */
  async open(trx: Db, userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.ttlSeconds * 1000);
    await tables<SessionTables>(trx)
      .insertInto('auth_sessions')
      .values({ token_hash: tokenHash(token), user_id: userId, created_at: now, expires_at: expiresAt, revoked_at: null })
      .execute();
    return { token, expiresAt };
  }

  /** Resolves a token to its user, if the session is open and the user still active. */
  async resolve(token: string, now = new Date()): Promise<UserRecord | undefined> {
    const row = await tables<SessionTables>(this.db)
      .selectFrom('auth_sessions')
      .select(['user_id', 'expires_at', 'revoked_at'])
      .where('token_hash', '=', tokenHash(token))
      .executeTakeFirst();
    if (!row || row.revoked_at || new Date(row.expires_at) <= now) return undefined;
    const user = await this.users.byId(row.user_id);
    return user && !user.disabled ? user : undefined;
  }

  /** Revokes a session; answers whether one was open. */
  async revoke(trx: Db, token: string, now = new Date()): Promise<boolean> {
    const r = await tables<SessionTables>(trx)
      .updateTable('auth_sessions')
      .set({ revoked_at: now })
      .where('token_hash', '=', tokenHash(token))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Revokes every session of a user (on password change, role change or disabling). */
  async revokeAllFor(trx: Db, userId: string, now = new Date()): Promise<void> {
    await tables<SessionTables>(trx)
      .updateTable('auth_sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }
}
