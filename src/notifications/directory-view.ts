/**
 * The directory as notification flows read it: parties, areas, gates and agreements, cached for a
 * minute and read through the caller's connection (inside a case write or an applied message,
 * that is the transaction: PGlite has a single session).
 */
import { agreementStatus, DirectoryStore, type Agreement } from '../directory';
import { foldForSearch, type Terminology } from '../terminology';
import type { Db } from '../platform/store/database';
import type { Text } from '../platform/i18n';
import type { RoutingDirectory, RoutingGate, RoutingParty } from './routing';

export interface DirectorySnapshot {
  self: string;
  country: 'VN' | 'CN';
  timezone: string;
  parties: RoutingParty[];
  areas: { code: string; party: string; path: string[]; names: Text }[];
  gates: (RoutingGate & { names: Text })[];
  agreements: Agreement[];
  partyNames: Map<string, Text>;
}

/** Today (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The rules' view of a snapshot on a day (agreements in force that day). */
export function routingOn(s: DirectorySnapshot, on: string): RoutingDirectory {
  return {
    parties: s.parties,
    areas: s.areas,
    gates: s.gates,
    agreements: s.agreements.map((a) => ({ code: a.code, parties: a.parties, scopes: a.scopes, inForce: agreementStatus(a, on).state === 'in-force' })),
  };
}

/** The area path of an area code (the code alone when unknown). */
export function areaPath(s: DirectorySnapshot, code: string | null): string[] {
  if (!code) return [];
  return s.areas.find((a) => a.code === code)?.path ?? [code];
}

const texts = (t: Text | undefined) => (t ? [t.vi, t['zh-CN'], t.en] : []);

/** The folded text a notification is found by: ids, codes and names in the three languages. */
export function searchText(
  s: DirectorySnapshot,
  terminology: Terminology,
  parts: { subjectId: string; peer: string; diseases: (string | null)[]; gate: string | null; areas: (string | null)[]; extra?: (string | null)[] },
): string {
  const out: string[] = [parts.subjectId, parts.peer, ...texts(s.partyNames.get(parts.peer))];
  for (const d of parts.diseases) {
    if (!d) continue;
    out.push(d, ...texts(terminology.byCode(d)?.names as Text | undefined));
  }
  if (parts.gate) out.push(parts.gate, ...texts(s.gates.find((g) => g.id === parts.gate)?.names));
  for (const a of parts.areas) if (a) out.push(a, ...texts(s.areas.find((x) => x.code === a)?.names));
  for (const e of parts.extra ?? []) if (e) out.push(e);
  return foldForSearch(out.filter(Boolean).join(' | ')).slice(0, 4000);
}

/** Reads the directory into a snapshot, at most once a minute. */
export class DirectoryCache {
  #cached: { at: number; value: DirectorySnapshot } | null = null;

  constructor(
    private readonly party: string,
    private readonly ttlMs = 60_000,
  ) {}

  /** The snapshot, read through `db` (a transaction inside one) when stale. */
  async get(db: Db): Promise<DirectorySnapshot> {
    if (this.#cached && Date.now() - this.#cached.at < this.ttlMs) return this.#cached.value;
    const store = new DirectoryStore(db);
    const [parties, areas, gates, agreements] = [await store.parties(), await store.areas(), await store.gates(), await store.agreements()];
    const self = parties.find((p) => p.code === this.party);
    if (!self) throw new Error(`party ${this.party} is not in the directory`);
    const value: DirectorySnapshot = {
      self: this.party,
      country: self.country === 'CN' ? 'CN' : 'VN',
      timezone: self.timezone,
      parties: parties.map((p) => ({ code: p.code, country: p.country, parent: p.parent, runsNode: p.runsNode, servingParty: p.servingParty })),
      areas: areas.map((a) => ({ code: a.code, party: a.party, path: a.path, names: a.names })),
      gates: gates.map((g) => {
        const sides: { country: string; area: string }[] = [];
        for (const key of ['vn', 'cn'] as const) {
          const side = g[key] as { area?: unknown } | undefined;
          if (side && typeof side.area === 'string') sides.push({ country: key.toUpperCase(), area: side.area });
        }
        return { id: String(g.id), sides, names: (g.names as Text) ?? { vi: String(g.id), 'zh-CN': String(g.id), en: String(g.id) } };
      }),
      agreements,
      partyNames: new Map(parties.map((p) => [p.code, p.names])),
    };
    this.#cached = { at: Date.now(), value };
    return value;
  }

  /** Forgets the snapshot (e.g. after the directory changed). */
  clear(): void {
    this.#cached = null;
  }
}
