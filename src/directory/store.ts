import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { tables, type Db } from '../platform/store/database';
import { json } from '../platform/store/json';
import type { Jurisdiction, Role } from '../platform/access';
import type { UserRecord, UserSource } from '../platform/http/auth';
import type { Text } from '../platform/i18n';
import type { DirectoryTables } from './tables';
import { contactRoleLabel } from './contact-roles';
import type { Agreement, AgreementRenewal, PartialText } from './model';

const t = (db: Db) => tables<DirectoryTables>(db);

export interface Party {
  code: string;
  country: string;
  level: string;
  parent: string | null;
  runsNode: boolean;
  servingParty: string;
  names: Text;
  shortNames: Text;
  healthAuthority: Text;
  timezone: string;
}

export interface Area {
  code: string;
  party: string;
  parent: string | null;
  level: string;
  names: Text;
  shortNames: Text;
  population: number;
  populationYear: number;
  border: boolean;
  centroid: { lat: number; lon: number } | null;
  path: string[];
}

export interface Facility {
  id: string;
  party: string;
  area: string;
  kind: string;
  names: Text;
  address: Text | null;
  coordinates: { lat: number; lon: number } | null;
  capabilities: string[];
}

/** A liaison contact: personal data, kept on its home node and read under audit. */
export interface Contact {
  id: string;
  party: string;
  area: string;
  /** What the contact is the contact for: a code, with its label. */
  role: string;
  roleLabel: Text;
  [k: string]: unknown;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  party: string;
  role: Role;
  jurisdiction: Jurisdiction;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

const toParty = (r: DirectoryTables['parties']): Party => ({
  code: r.code,
  country: r.country,
  level: r.level,
  parent: r.parent,
  runsNode: r.runs_node,
  servingParty: r.serving_party,
  names: r.names as Text,
  shortNames: r.short_names as Text,
  healthAuthority: r.health_authority as Text,
  timezone: r.timezone,
});

const toArea = (r: DirectoryTables['areas']): Area => ({
  code: r.code,
  party: r.party,
  parent: r.parent,
  level: r.level,
  names: r.names as Text,
  shortNames: r.short_names as Text,
  population: r.population,
  populationYear: r.population_year,
  border: r.border,
  centroid: r.lat == null || r.lon == null ? null : { lat: r.lat, lon: r.lon },
  path: r.path as string[],
});

const toFacility = (r: DirectoryTables['facilities']): Facility => ({
  id: r.id,
  party: r.party,
  area: r.area,
  kind: r.kind,
  names: r.names as Text,
  address: (r.address as Text) ?? null,
  coordinates: r.lat == null || r.lon == null ? null : { lat: r.lat, lon: r.lon },
  capabilities: r.capabilities as string[],
});

const toAgreement = (r: DirectoryTables['agreements']): Agreement => ({
  code: r.code,
  title: r.title as Text,
  parties: r.parties as string[],
  signedOn: r.signed_on,
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  term: r.term,
  renewal: r.renewal as Agreement['renewal'],
  scopes: r.scopes as string[],
  notes: (r.notes as Text) ?? null,
});

const toRenewal = (r: DirectoryTables['agreement_renewals']): AgreementRenewal => ({
  id: r.id,
  agreement: r.agreement,
  effectiveTo: r.effective_to,
  signedOn: r.signed_on,
  reference: r.reference,
  note: (r.note as PartialText) ?? null,
  demo: r.demo,
  recordedBy: r.recorded_by,
  recordedAt: new Date(r.recorded_at).toISOString(),
});

/** Agreement rows with the renewals recorded for them, read through one connection. */
async function withRenewals(db: Db, rows: DirectoryTables['agreements'][]): Promise<Agreement[]> {
  if (!rows.length) return [];
  const renewals = await t(db)
    .selectFrom('agreement_renewals')
    .selectAll()
    .where('agreement', 'in', rows.map((r) => r.code))
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...toAgreement(r), renewals: renewals.filter((x) => x.agreement === r.code).map(toRenewal) }));
}

const isText = (v: unknown): v is Text =>
  typeof v === 'object' && v !== null && ['vi', 'zh-CN', 'en'].every((k) => typeof (v as Record<string, unknown>)[k] === 'string');

/** A gate pair; its `notes` only as a Text (a row no seed has rewritten since may hold an English-only string). */
const toGate = (r: Pick<DirectoryTables['border_gates'], 'id' | 'data'>): Record<string, unknown> => {
  const { notes, ...data } = r.data as Record<string, unknown>;
  return { ...data, ...(isText(notes) ? { notes } : {}), id: r.id };
};

const toContact = (r: DirectoryTables['contacts']): Contact => {
  const data = r.data as Record<string, unknown>;
  const role = typeof data.role === 'string' ? data.role : '';
  return { ...data, id: r.id, party: r.party, area: r.area, role, roleLabel: contactRoleLabel(role) };
};

const toUser = (r: DirectoryTables['users']): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  party: r.party,
  role: r.role as Role,
  jurisdiction: r.jurisdiction as Jurisdiction,
  disabled: r.disabled,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Reads and writes of the directory. */
export class DirectoryStore implements UserSource {
  constructor(private readonly db: Db) {}

  async parties(): Promise<Party[]> {
    return (await t(this.db).selectFrom('parties').selectAll().orderBy('code').execute()).map(toParty);
  }

  async party(code: string): Promise<Party | undefined> {
    const r = await t(this.db).selectFrom('parties').selectAll().where('code', '=', code).executeTakeFirst();
    return r && toParty(r);
  }

  /** Every agreement with its recorded renewals, which `agreementStatus` then takes into account. */
  async agreements(): Promise<Agreement[]> {
    return withRenewals(this.db, await t(this.db).selectFrom('agreements').selectAll().orderBy('signed_on').orderBy('code').execute());
  }

  /** One agreement with its renewals, locked in the caller's transaction so renewals of it queue. */
  async agreementForUpdate(trx: Db, code: string): Promise<Agreement | undefined> {
    const r = await t(trx).selectFrom('agreements').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    return r && (await withRenewals(trx, [r]))[0];
  }

  /** Records a renewal of an agreement in the caller's transaction (checked by the caller). */
  async addRenewal(trx: Db, r: Omit<AgreementRenewal, 'id' | 'recordedAt'>): Promise<AgreementRenewal> {
    const row = await t(trx)
      .insertInto('agreement_renewals')
      .values({
        id: randomUUID(),
        agreement: r.agreement,
        effective_to: r.effectiveTo,
        signed_on: r.signedOn,
        reference: r.reference,
        note: r.note === null ? null : json(r.note),
        demo: r.demo,
        recorded_by: r.recordedBy,
        recorded_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRenewal(row);
  }

  async areas(filter: { party?: string; parent?: string; level?: string } = {}): Promise<Area[]> {
    let q = t(this.db).selectFrom('areas').selectAll();
    if (filter.party) q = q.where('party', '=', filter.party);
    if (filter.parent) q = q.where('parent', '=', filter.parent);
    if (filter.level) q = q.where('level', '=', filter.level);
    return (await q.orderBy('code').execute()).map(toArea);
  }

  async area(code: string): Promise<Area | undefined> {
    const r = await t(this.db).selectFrom('areas').selectAll().where('code', '=', code).executeTakeFirst();
    return r && toArea(r);
  }

  async facilities(filter: { party?: string; area?: string; kind?: string; q?: string } = {}): Promise<Facility[]> {
    let q = t(this.db).selectFrom('facilities').selectAll();
    if (filter.party) q = q.where('party', '=', filter.party);
    if (filter.area) q = q.where((eb) => eb.or([eb('area', '=', filter.area!), eb('area', 'like', `${filter.area}-%`)]));
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.q) q = q.where(sql<boolean>`lower(names::text) like ${'%' + filter.q.toLowerCase() + '%'}`);
    return (await q.orderBy('id').execute()).map(toFacility);
  }

  async facility(id: string): Promise<Facility | undefined> {
    const r = await t(this.db).selectFrom('facilities').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toFacility(r);
  }

  async gates(): Promise<Record<string, unknown>[]> {
    const rows = await t(this.db).selectFrom('border_gates').select(['id', 'data']).orderBy('id').execute();
    return rows.map(toGate);
  }

  async contacts(): Promise<Contact[]> {
    return (await t(this.db).selectFrom('contacts').selectAll().orderBy('id').execute()).map(toContact);
  }

  async contact(id: string): Promise<Contact | undefined> {
    const r = await t(this.db).selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toContact(r);
  }

  async users(): Promise<User[]> {
    return (await t(this.db).selectFrom('users').selectAll().orderBy('username').execute()).map(toUser);
  }

  async user(id: string): Promise<User | undefined> {
    const r = await t(this.db).selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toUser(r);
  }

  async byUsername(username: string): Promise<UserRecord | undefined> {
    const r = await t(this.db).selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
    return r && { ...toUser(r), passwordHash: r.password_hash };
  }

  async byId(id: string): Promise<UserRecord | undefined> {
    const r = await t(this.db).selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r && { ...toUser(r), passwordHash: r.password_hash };
  }

  /** Creates a user in the caller's transaction; a taken username answers undefined. */
  async createUser(
    trx: Db,
    u: { username: string; displayName: string; party: string; role: Role; jurisdiction: Jurisdiction; passwordHash: string },
  ): Promise<User | undefined> {
    const now = new Date();
    const r = await t(trx)
      .insertInto('users')
      .values({
        id: randomUUID(),
        username: u.username.toLowerCase(),
        display_name: u.displayName,
        party: u.party,
        role: u.role,
        jurisdiction: json(u.jurisdiction),
        password_hash: u.passwordHash,
        disabled: false,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .returningAll()
      .executeTakeFirst();
    return r && toUser(r);
  }

  /** Changes a user's access or display name in the caller's transaction. */
  async updateUser(
    trx: Db,
    id: string,
    change: { displayName?: string; role?: Role; jurisdiction?: Jurisdiction; disabled?: boolean; passwordHash?: string },
  ): Promise<User | undefined> {
    const set: Record<string, unknown> = { updated_at: new Date() };
    if (change.displayName !== undefined) set.display_name = change.displayName;
    if (change.role !== undefined) set.role = change.role;
    if (change.jurisdiction !== undefined) set.jurisdiction = json(change.jurisdiction);
    if (change.disabled !== undefined) set.disabled = change.disabled;
    if (change.passwordHash !== undefined) set.password_hash = change.passwordHash;
    const r = await t(trx).updateTable('users').set(set).where('id', '=', id).returningAll().executeTakeFirst();
    return r && toUser(r);
  }
}
