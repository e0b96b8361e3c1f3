/**
 * Who is notified of a case: chosen by rule from the directory and the agreements, never by a
 * party code written here, so that every province and Guangxi can join as they are. Pure.
 *
 * The concerned party of a case is, in order:
 *  1. `entry-gate`: the party on the other side of the case's gate of entry (the gate pair's side
 *     in the other country → its area → the area's party);
 *  2. `infection-place`: the party of the place of likely infection, when it lies in another country;
 *  3. `sole-node`: the only party of the case's country of origin (or of infection) that runs a node.
 * The first candidate that is reachable is chosen: the node serving it (`servingParty`) is a peer
 * of this node and an agreement in force on the day covers `notification` between a party on this
 * side (the party of the case's residence area or one above it) and one on that side (the
 * concerned party or one above it).
 */

export interface RoutingParty {
  code: string;
  country: string;
  parent: string | null;
  runsNode: boolean;
  servingParty: string;
}

export interface RoutingArea {
  code: string;
  party: string;
}

export interface RoutingGate {
  id: string;
  /** Each side of the gate pair, by country code in lower case as the directory keeps them (`vn`, `cn`). */
  sides: { country: string; area: string }[];
}

export interface RoutingAgreement {
  code: string;
  parties: string[];
  scopes: string[];
  /** Whether it is in force on the day being judged. */
  inForce: boolean;
}

/** The directory as the rules need it. */
export interface RoutingDirectory {
  parties: readonly RoutingParty[];
  areas: readonly RoutingArea[];
  gates: readonly RoutingGate[];
  agreements: readonly RoutingAgreement[];
}

/** What of a case the rules look at. */
export interface RoutingCase {
  residenceArea: string;
  imported: { country: string; entryGate: string | null } | null;
  infectionPlace: { country: string; area: string | null };
}

export const ROUTE_BASES = ['entry-gate', 'infection-place', 'sole-node'] as const;
export type RouteBasis = (typeof ROUTE_BASES)[number];

export const UNROUTED_REASONS = ['no-candidate', 'no-agreement', 'not-a-peer'] as const;
export type UnroutedReason = (typeof UNROUTED_REASONS)[number];

export interface Candidate {
  basis: RouteBasis;
  /** The party concerned (e.g. a city), and the area that made it so (null for `sole-node`). */
  concerned: string;
  area: string | null;
  /** The node that serves the concerned party. */
  node: string;
}

export type Route =
  | ({ routed: true; agreements: string[] } & Candidate)
  | { routed: false; reason: UnroutedReason; candidates: (Candidate & { reason: UnroutedReason })[] };

const uniq = <T>(xs: T[]) => [...new Set(xs)];

/** A party and every party above it. */
export function partyChain(code: string, parties: ReadonlyMap<string, RoutingParty>): string[] {
  const out: string[] = [];
  let cur: string | null = code;
  while (cur && !out.includes(cur)) {
    out.push(cur);
    cur = parties.get(cur)?.parent ?? null;
  }
  return out;
}

/** Agreements in force covering a scope between any party of one chain and any of the other. */
export function agreementsCovering(agreements: readonly RoutingAgreement[], ours: readonly string[], theirs: readonly string[], scope: string): string[] {
  return agreements
    .filter((a) => a.inForce && a.scopes.includes(scope) && a.parties.some((p) => ours.includes(p)) && a.parties.some((p) => theirs.includes(p)))
    .map((a) => a.code)
    .sort();
}

/** The candidates for a case, in order of preference (each concerned party once). */
export function candidatesFor(c: RoutingCase, self: string, dir: RoutingDirectory): Candidate[] {
  const parties = new Map(dir.parties.map((p) => [p.code, p]));
  const areas = new Map(dir.areas.map((a) => [a.code, a]));
  const home = parties.get(self)?.country;
  if (!home) return [];
  const serving = (p: string) => parties.get(p)?.servingParty ?? p;
  const countryOfArea = (code: string) => parties.get(areas.get(code)?.party ?? '')?.country;
  const out: Candidate[] = [];
  const add = (basis: RouteBasis, area: string | null, concerned: string | undefined) => {
    if (!concerned || !parties.has(concerned) || parties.get(concerned)!.country === home) return;
    if (out.some((x) => x.concerned === concerned)) return;
    out.push({ basis, concerned, area, node: serving(concerned) });
  };

  const gate = c.imported?.entryGate ? dir.gates.find((g) => g.id === c.imported!.entryGate) : undefined;
  if (gate) {
    for (const side of gate.sides) {
      const country = countryOfArea(side.area);
      if (country && country !== home) add('entry-gate', side.area, areas.get(side.area)?.party);
    }
  }
  const ip = c.infectionPlace;
  if (ip.area && ip.country !== home && countryOfArea(ip.area) === ip.country) add('infection-place', ip.area, areas.get(ip.area)?.party);

  for (const country of uniq([c.imported?.country, ip.country].filter((x): x is string => !!x && x !== home))) {
    const nodes = dir.parties.filter((p) => p.country === country && p.runsNode);
    if (nodes.length === 1) add('sole-node', null, nodes[0].code);
  }
  return out;
}

/**
 * The route of a case's notification: the first candidate that is a peer and covered by an
 * agreement in force, or why there is none.
 */
export function routeCase(c: RoutingCase, self: string, dir: RoutingDirectory, isPeer: (party: string) => boolean): Route {
  const parties = new Map(dir.parties.map((p) => [p.code, p]));
  const areaParty = dir.areas.find((a) => a.code === c.residenceArea)?.party ?? self;
  const ours = uniq([...partyChain(areaParty, parties), ...partyChain(self, parties)]);
  const tried: (Candidate & { reason: UnroutedReason })[] = [];
  for (const cand of candidatesFor(c, self, dir)) {
    const agreements = agreementsCovering(dir.agreements, ours, partyChain(cand.concerned, parties), 'notification');
    if (agreements.length === 0) {
      tried.push({ ...cand, reason: 'no-agreement' });
      continue;
    }
    if (cand.node === self || !isPeer(cand.node)) {
      tried.push({ ...cand, reason: 'not-a-peer' });
      continue;
    }
    return { routed: true, ...cand, agreements };
  }
  return { routed: false, reason: tried[0]?.reason ?? 'no-candidate', candidates: tried };
}

/**
 * The peers this node may share information with under a scope (e.g. `information-sharing` for
 * signals): nodes of another country covered by an agreement in force with this party.
 */
export function peersFor(self: string, dir: RoutingDirectory, scope: string, isPeer: (party: string) => boolean): { party: string; agreements: string[] }[] {
  const parties = new Map(dir.parties.map((p) => [p.code, p]));
  const home = parties.get(self)?.country;
  const ours = partyChain(self, parties);
  const out = new Map<string, string[]>();
  for (const p of dir.parties) {
    if (p.country === home || !isPeer(p.servingParty) || p.servingParty === self) continue;
    const agreements = agreementsCovering(dir.agreements, ours, partyChain(p.code, parties), scope);
    if (agreements.length) out.set(p.servingParty, uniq([...(out.get(p.servingParty) ?? []), ...agreements]).sort());
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([party, agreements]) => ({ party, agreements }));
}

/** This node's side of a gate pair (the area of its own country), if it has one. */
export function ownSideOf(gate: RoutingGate | undefined, self: string, dir: RoutingDirectory): string | null {
  if (!gate) return null;
  const parties = new Map(dir.parties.map((p) => [p.code, p]));
  const areas = new Map(dir.areas.map((a) => [a.code, a]));
  const served = (area: string) => parties.get(areas.get(area)?.party ?? '')?.servingParty === self;
  return gate.sides.find((s) => served(s.area))?.area ?? null;
}
