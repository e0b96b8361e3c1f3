/**
 * What surveillance checks records against: this node's areas, border gates and facilities (from
 * the directory) and its notifiable-disease list (from the terminology). Loaded once and cached.
 */
import type { DirectoryStore } from '../directory';
import type { Terminology } from '../terminology';
import { todayIn } from './periods';
import type { CaseRules } from './model';

export interface AreaRef {
  code: string;
  party: string;
  country: string;
  path: readonly string[];
  population: number;
  /** Served by this node. */
  own: boolean;
}

export interface GateRef {
  id: string;
  /** The area of this node's side of the gate pair (null when neither side is this node's). */
  ownArea: string | null;
}

export interface FacilityRef {
  id: string;
  area: string;
}

/** The node's reference data, with the lookups the rules and importers need. */
export class NodeReference {
  readonly diseases: ReadonlySet<string>;

  constructor(
    readonly party: string,
    readonly country: 'VN' | 'CN',
    readonly timezone: string,
    readonly areas: ReadonlyMap<string, AreaRef>,
    readonly gates: ReadonlyMap<string, GateRef>,
    readonly facilities: ReadonlyMap<string, FacilityRef>,
    diseases: Iterable<string>,
  ) {
    this.diseases = new Set(diseases);
  }

  /** Today in the node's own time zone. */
  today(now: Date = new Date()): string {
    return todayIn(this.timezone, now);
  }

  ownArea(code: string): AreaRef | undefined {
    const a = this.areas.get(code);
    return a?.own ? a : undefined;
  }

  /** A gate pair with a side on this node. */
  ownGate(id: string): GateRef | undefined {
    const g = this.gates.get(id);
    return g?.ownArea ? g : undefined;
  }

  /** The top-down area path of an own area (the area itself if unknown). */
  areaPath(code: string): readonly string[] {
    return this.areas.get(code)?.path ?? [code];
  }

  /** Own areas in or below an area. */
  areasWithin(code: string): string[] {
    return [...this.areas.values()].filter((a) => a.own && a.path.includes(code)).map((a) => a.code);
  }

  caseRules(today: string): CaseRules {
    return {
      country: this.country,
      today,
      isDisease: (c) => this.diseases.has(c),
      isOwnArea: (c) => this.ownArea(c) !== undefined,
      areaCountry: (c) => this.areas.get(c)?.country,
      isGate: (id) => this.gates.has(id),
      isOwnFacility: (id) => this.facilities.has(id),
    };
  }
}

/** Reads the reference data of a node from the directory and terminology. */
export async function loadReference(directory: DirectoryStore, party: string, terminology: Terminology): Promise<NodeReference> {
  const parties = new Map((await directory.parties()).map((p) => [p.code, p]));
  const self = parties.get(party);
  if (!self) throw new Error(`party ${party} is not in the directory`);
  if (self.country !== 'VN' && self.country !== 'CN') throw new Error(`party ${party} is in ${self.country}, which has no notifiable-disease list`);
  const country = self.country;
  const areas = new Map<string, AreaRef>();
  for (const a of await directory.areas()) {
    const p = parties.get(a.party);
    areas.set(a.code, {
      code: a.code,
      party: a.party,
      country: p?.country ?? a.code.slice(0, 2),
      path: a.path,
      population: a.population,
      own: (p?.servingParty ?? a.party) === party,
    });
  }
  const gates = new Map<string, GateRef>();
  for (const g of await directory.gates()) {
    const sides = [g.vn, g.cn] as ({ area?: string } | undefined)[];
    const own = sides.map((s) => s?.area).find((a): a is string => !!a && areas.get(a)?.own === true) ?? null;
    gates.set(String(g.id), { id: String(g.id), ownArea: own });
  }
  const facilities = new Map<string, FacilityRef>();
  for (const f of await directory.facilities()) {
    if (areas.get(f.area)?.own) facilities.set(f.id, { id: f.id, area: f.area });
  }
  const diseases = terminology.diseases(country).map((d) => d.code);
  return new NodeReference(party, country, self.timezone, areas, gates, facilities, diseases);
}
