import { tables, type Db } from '../platform/store/database';
import { json } from '../platform/store/json';
import { hashPassword } from '../platform/http/auth';
import type { AuditSink } from '../platform/http/audit-sink';
import type { Text } from '../platform/i18n';
import { areaPath, servingParty } from './model';
import type { DirectoryTables } from './tables';
import { readSeedFile } from './seed-files';
import type { BorderGate, Contact as SeedContact } from './seed-schema';
import { DEMO_USERS, demoPassword } from './demo-users';
import { DirectoryStore } from './store';

interface SeedParty {
  code: string;
  country: string;
  level: string;
  parent: string | null;
  runsNode: boolean;
  names: Text;
  shortNames?: Text;
  healthAuthority: Text;
  timezone: string;
}
interface SeedArea {
  code: string;
  party: string;
  parent: string | null;
  level: string;
  names: Text;
  shortNames?: Text;
  population: number;
  populationYear: number;
  border?: boolean;
  centroid?: { lat: number; lon: number } | null;
}
interface SeedFacility {
  id: string;
  party: string;
  area: string;
  kind: string;
  names: Text;
  address?: Text | null;
  coordinates?: { lat: number; lon: number } | null;
  capabilities?: string[];
}
interface SeedAgreement {
  code: string;
  title: Text;
  parties: string[];
  signedOn: string | null;
  effectiveFrom: string;
  effectiveTo?: string | null;
  term?: string | null;
  renewal: unknown;
  scopes: string[];
  notes?: Text | null;
}

const t = (db: Db) => tables<DirectoryTables>(db);

/**
 * Loads the directory's reference data from the repo's data files, in one transaction,
 * replacing what an earlier version of the files put there. Personal data (contacts) is
 * loaded only for the parties this node serves.
 */
export async function seedDirectory(db: Db, nodeParty: string): Promise<void> {
  const parties = readSeedFile<SeedParty>('parties.json', 'parties');
  const partyMap = new Map(parties.map((p) => [p.code, p]));
  const areas = readSeedFile<SeedArea>('areas.json', 'areas');
  const areaMap = new Map(areas.map((a) => [a.code, a]));
  const served = (code: string) => servingParty(code, partyMap) === nodeParty;
  await db.transaction().execute(async (trx) => {
    for (const p of parties) {
      const row = {
        code: p.code,
        country: p.country,
        level: p.level,
        parent: p.parent,
        runs_node: p.runsNode,
        serving_party: servingParty(p.code, partyMap),
        names: json(p.names),
        short_names: json(p.shortNames ?? p.names),
        health_authority: json(p.healthAuthority),
        timezone: p.timezone,
      };
      await t(trx).insertInto('parties').values(row).onConflict((oc) => oc.column('code').doUpdateSet(row)).execute();
    }
    for (const a of areas) {
      const row = {
        code: a.code,
        party: a.party,
        parent: a.parent,
        level: a.level,
        names: json(a.names),
        short_names: json(a.shortNames ?? a.names),
        population: a.population,
        population_year: a.populationYear,
        border: a.border ?? false,
        lat: a.centroid?.lat ?? null,
        lon: a.centroid?.lon ?? null,
        path: json(areaPath(a.code, areaMap)),
      };
      await t(trx).insertInto('areas').values(row).onConflict((oc) => oc.column('code').doUpdateSet(row)).execute();
    }
    for (const f of readSeedFile<SeedFacility>('facilities.json', 'facilities')) {
      const row = {
        id: f.id,
        party: f.party,
        area: f.area,
        kind: f.kind,
        names: json(f.names),
        address: json(f.address ?? null),
        lat: f.coordinates?.lat ?? null,
        lon: f.coordinates?.lon ?? null,
        capabilities: json(f.capabilities ?? []),
      };
      await t(trx).insertInto('facilities').values(row).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
    }
    for (const a of readSeedFile<SeedAgreement>('agreements.json', 'agreements')) {
      const row = {
        code: a.code,
        title: json(a.title),
        parties: json(a.parties),
        signed_on: a.signedOn,
        effective_from: a.effectiveFrom,
        effective_to: a.effectiveTo ?? null,
        term: a.term ?? null,
        renewal: json(a.renewal),
        scopes: json(a.scopes),
        notes: json(a.notes ?? null),
      };
      await t(trx).insertInto('agreements').values(row).onConflict((oc) => oc.column('code').doUpdateSet(row)).execute();
    }
    // Gates and contacts keep their records whole in `data`: an upsert replaces what an earlier
    // version of the files wrote (an English-only note or role becomes its Text or code).
    for (const g of readSeedFile<BorderGate>('border-gates.json', 'borderGates')) {
      const { id, ...data } = g;
      const row = { id, vn_area: g.vn.area, cn_area: g.cn.area, data: json(data) };
      await t(trx).insertInto('border_gates').values(row).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
    }
    for (const c of readSeedFile<SeedContact>('contacts.json', 'contacts')) {
      if (!served(c.party)) continue;
      const { id, party, area, ...data } = c;
      const row = { id, party, area, data: json(data) };
      await t(trx).insertInto('contacts').values(row).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
    }
  });
}

/** Creates the demo accounts of this node (once; existing accounts are left as they are). */
export async function seedDemoUsers(db: Db, nodeParty: string, audit: AuditSink): Promise<void> {
  const store = new DirectoryStore(db);
  const wanted = DEMO_USERS.filter((u) => u.party === nodeParty);
  const existing = new Set((await store.users()).map((u) => u.username));
  const missing = wanted.filter((u) => !existing.has(u.username));
  const hashes = await Promise.all(missing.map((u) => hashPassword(demoPassword(u.username))));
  await db.transaction().execute(async (trx) => {
    for (const [i, u] of missing.entries()) {
      const created = await store.createUser(trx, { ...u, passwordHash: hashes[i] });
      if (!created) continue;
      await audit.append(trx, {
        action: 'access.user.created',
        actor: { kind: 'node', party: nodeParty },
        resource: { type: 'user', id: created.id },
        purpose: 'demo seed',
        detail: { username: created.username, role: created.role, jurisdiction: created.jurisdiction },
      });
    }
  });
}
