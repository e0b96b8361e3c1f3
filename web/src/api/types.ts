/** Shapes of the node's API answers, as the web app reads them: the server's own types where they are pure. */

export { LOCALES, type Locale, type Text } from '../../../src/platform/i18n';
export { ROLES, type Role, type Jurisdiction } from '../../../src/platform/access';
import type { Text } from '../../../src/platform/i18n';
import type { Jurisdiction, Role } from '../../../src/platform/access';
import type { Agreement as AgreementRecord, AgreementStatus, RenewalRule } from '../../../src/directory/model';
export type { AgreementStatus, AgreementRenewal } from '../../../src/directory/model';
export type JurisdictionKind = Jurisdiction['kind'];

export interface Me {
  userId: string;
  username: string;
  displayName: string;
  party: string;
  role: Role;
  jurisdiction: Jurisdiction;
  locales: string[];
}

export interface Jwk {
  kty: string;
  crv: string;
  x: string;
  kid: string;
  alg: string;
  use: string;
}

export interface NodeInfo {
  party: string;
  names: Text;
  apiBaseUrl: string;
  publicKey: Jwk;
  keys: Jwk[];
  software: { name: string; version: string };
}

export interface Health {
  status: 'ok';
  party: string;
  database: string;
}

export interface LatLon {
  lat: number;
  lon: number;
}

export interface Party {
  code: string;
  country: 'VN' | 'CN' | string;
  level: string;
  parent: string | null;
  runsNode: boolean;
  servingParty: string;
  names: Text;
  healthAuthority: Text;
  timezone: string;
}

export type Renewal = RenewalRule;

/** An agreement as GET /api/directory/agreements lists it: with its status on the asked date. */
export type Agreement = AgreementRecord & { status: AgreementStatus };

export interface Area {
  code: string;
  party: string;
  parent: string | null;
  level: string;
  names: Text;
  population: number;
  populationYear: number;
  border: boolean;
  centroid: LatLon | null;
  path: string[];
}

export type FacilityKind = 'hospital' | 'cdc' | 'quarantine' | 'health-department' | 'clinic';
export const FACILITY_KINDS: readonly FacilityKind[] = ['hospital', 'cdc', 'quarantine', 'health-department', 'clinic'];

export interface Facility {
  id: string;
  party: string;
  area: string;
  kind: FacilityKind | string;
  names: Text;
  address: Text | null;
  coordinates: LatLon | null;
  capabilities: string[];
}

export interface GateSide {
  name: Text;
  area: string;
  coordinates: LatLon;
  [extra: string]: unknown;
}

export interface Gate {
  id: string;
  /** The pair's name, e.g. "Móng Cái – Đông Hưng". */
  names?: Text;
  notes?: Text;
  vn: GateSide;
  cn: GateSide;
  status: string;
  modes: string[];
  /** The boundary marker near the gate, e.g. "1369". */
  marker?: string;
  [extra: string]: unknown;
}

/** A liaison contact; its fields beyond id/party/area come from the seed files and are read defensively. */
export interface Contact {
  id: string;
  party: string;
  area: string;
  /** A code such as `liaison-international`, with its label. */
  role?: string;
  roleLabel?: Text;
  name?: string | Text;
  title?: string | Text | null;
  organization?: string | Text | null;
  phone?: string | null;
  email?: string | null;
  languages?: string[];
  [extra: string]: unknown;
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

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  jurisdiction: Jurisdiction;
  password: string;
}

export type UserChange = Partial<Pick<NewUser, 'displayName' | 'role' | 'jurisdiction' | 'password'>> & { disabled?: boolean };

export interface DiseaseEquivalence {
  /** This entry compared with the targets taken together. */
  relation: 'exact' | 'broader' | 'narrower' | 'none' | string;
  targets: { code: string; names: Text }[];
  notes: Text[];
}

export interface Disease {
  code: string;
  list: 'vn' | 'cn';
  /** Vietnam's group A/B/C or China's class A/B/C. */
  group: 'A' | 'B' | 'C' | string;
  icd10: string[];
  names: Text;
  /** The code of the legal provision that lists it, with the citation. */
  basis?: string;
  basisLabel?: Text;
  notes?: Text;
  equivalent: DiseaseEquivalence;
}

export interface TreeHead {
  treeSize: number;
  rootHash: string;
  checkpoint: string;
  signature: string;
  keyId: string;
}

export type AuditActor =
  | { kind: 'user'; id: string; username: string; party: string }
  | { kind: 'node'; party: string }
  | { kind: 'peer'; party: string }
  | { kind: 'anonymous' }
  | { kind: string; [k: string]: unknown };

export interface AuditEntry {
  time: string;
  actor: AuditActor;
  action: string;
  resource: { type: string; id: string } | null;
  purpose: string | null;
  legalBasis: string | null;
  peer: string | null;
  outcome: 'success' | 'denied' | 'failed' | string;
  detail?: Record<string, unknown>;
}

export interface AuditRecord {
  index: number;
  bytes: string;
  entry: AuditEntry;
  leafHash: string;
}

export interface InclusionProof {
  index: number;
  treeSize: number;
  leafHash: string;
  path: string[];
}

export interface ConsistencyProof {
  first: number;
  second: number;
  path: string[];
}
