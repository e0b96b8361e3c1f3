/**
 * Who may do what with surveillance data, and where each record lies for the one access policy.
 */
import { decide, definePermissions, ROLES, type Principal, type RecordScope } from '../platform/access';
import type { NodeReference } from './reference';
import type { Case, DataKind } from './model';

definePermissions({
  /** Case records (epidemiological data, no identifiers); every read is audited. */
  'surveillance.case.read': ['administrator', 'epidemiologist', 'clinician', 'gate-officer', 'liaison'],
  'surveillance.case.write': ['administrator', 'epidemiologist', 'clinician', 'gate-officer'],
  /** Names, document numbers, phones, addresses and birth dates of cases: those who investigate or treat. */
  'surveillance.case.identity.read': ['epidemiologist', 'clinician'],
  /** Aggregate counts, gate screening and vector surveys (no personal data). */
  'surveillance.data.read': ROLES,
  'surveillance.aggregate.write': ['administrator', 'epidemiologist'],
  'surveillance.screening.write': ['administrator', 'epidemiologist', 'gate-officer'],
  'surveillance.vector.write': ['administrator', 'epidemiologist'],
  /** Uploading a file; the kind of data imported also needs its own write action. */
  'surveillance.import': ['administrator', 'epidemiologist', 'clinician', 'gate-officer'],
  /** Downloading a file; the kind of data exported also needs its own read action. */
  'surveillance.export': ROLES,
});

export { DATA_KINDS, type DataKind } from './model';

export const READ_ACTION: Record<DataKind, string> = {
  aggregates: 'surveillance.data.read',
  screening: 'surveillance.data.read',
  vectors: 'surveillance.data.read',
  cases: 'surveillance.case.read',
};

export const WRITE_ACTION: Record<DataKind, string> = {
  aggregates: 'surveillance.aggregate.write',
  screening: 'surveillance.screening.write',
  vectors: 'surveillance.vector.write',
  cases: 'surveillance.case.write',
};

/** The law under which a node processes case data, recorded with every access to it. */
export function legalBasis(country: 'VN' | 'CN'): string {
  return country === 'VN'
    ? 'Luật Phòng, chống bệnh truyền nhiễm số 03/2007/QH12'
    : '《中华人民共和国传染病防治法》';
}

/** A case lies in its area of residence, at its reporting facility and at its gate of entry. */
export function caseScope(ref: NodeReference, c: Pick<Case, 'residenceArea' | 'reportingFacility' | 'imported'>): RecordScope {
  return { party: ref.party, areas: ref.areaPath(c.residenceArea), facility: c.reportingFacility, gate: c.imported?.entryGate ?? null };
}

/** Aggregates and vector surveys lie in their area. */
export function areaRecordScope(ref: NodeReference, area: string): RecordScope {
  return { party: ref.party, areas: ref.areaPath(area) };
}

/** Screening lies at its gate pair, in the area of this node's side of it. */
export function gateRecordScope(ref: NodeReference, gate: string): RecordScope {
  const area = ref.gates.get(gate)?.ownArea;
  return { party: ref.party, gate, areas: area ? ref.areaPath(area) : [] };
}

/** What part of the node's data a caller may see, by the kind of their jurisdiction. */
export type Visibility =
  | { kind: 'all' }
  | { kind: 'none' }
  /** Own areas in the jurisdiction, and the gate pairs whose side on this node lies in them. */
  | { kind: 'area'; areas: string[]; gates: string[] }
  | { kind: 'gate'; gate: string }
  | { kind: 'facility'; facility: string };

/**
 * The records of this node a principal may see for an action: the same judgement as `decide` with
 * each record's scope, computed once from the jurisdiction so that lists filter in the database.
 */
export function visibility(ref: NodeReference, principal: Principal | null, action: string): Visibility {
  if (!principal || !decide(principal, action).allow || principal.party !== ref.party) return { kind: 'none' };
  const j = principal.jurisdiction;
  switch (j.kind) {
    case 'party':
      return j.party === ref.party ? { kind: 'all' } : { kind: 'none' };
    case 'area': {
      const areas = ref.areasWithin(j.area);
      const gates = [...ref.gates.values()].filter((g) => g.ownArea && areas.includes(g.ownArea)).map((g) => g.id);
      return { kind: 'area', areas, gates };
    }
    case 'gate':
      return { kind: 'gate', gate: j.gate };
    case 'facility':
      return { kind: 'facility', facility: j.facility };
  }
}
