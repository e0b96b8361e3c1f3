/**
 * The one access policy: who may do what to which record. Data in, decision out; no I/O.
 * Routes declare the action they perform; the HTTP layer calls `decide` before the handler
 * (role check) and again with the record's scope once the record is loaded (jurisdiction check).
 */

export const ROLES = ['administrator', 'epidemiologist', 'gate-officer', 'clinician', 'liaison', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Where a user's authority reaches. Area codes are hierarchical (`VN-QN` ⊃ `VN-QN-MC`). */
export type Jurisdiction =
  | { kind: 'party'; party: string }
  | { kind: 'area'; area: string }
  | { kind: 'gate'; gate: string }
  | { kind: 'facility'; facility: string };

/** The authenticated caller. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  party: string;
  role: Role;
  jurisdiction: Jurisdiction;
}

/** Where a record lives, as far as access is concerned. */
export interface RecordScope {
  party: string;
  /** The record's area and all its ancestors, e.g. ['VN-QN', 'VN-QN-MC']. */
  areas?: readonly string[];
  gate?: string | null;
  facility?: string | null;
}

export type Decision =
  | { allow: true }
  | { allow: false; reason: 'unauthenticated' | 'forbidden' | 'not-found' };

const permissions = new Map<string, ReadonlySet<Role>>();

/** Declares which roles may perform each action; capabilities call this for their own actions. */
export function definePermissions(table: Record<string, readonly Role[]>): void {
  for (const [action, roles] of Object.entries(table)) permissions.set(action, new Set(roles));
}

/** The roles allowed to perform an action (empty for an unknown action). */
export function rolesFor(action: string): ReadonlySet<Role> {
  return permissions.get(action) ?? new Set();
}

/** Whether a jurisdiction covers a record. */
export function covers(j: Jurisdiction, party: string, scope: RecordScope): boolean {
  if (scope.party !== party) return false;
  switch (j.kind) {
    case 'party':
      return j.party === scope.party;
    case 'area':
      return (scope.areas ?? []).includes(j.area);
    case 'gate':
      return scope.gate === j.gate;
    case 'facility':
      return scope.facility === j.facility;
  }
}

/**
 * Decides an action. Without a scope only the role is judged; with one, a record outside the
 * caller's jurisdiction is reported as not found, exactly like a record that does not exist.
 */
export function decide(principal: Principal | null, action: string, scope?: RecordScope): Decision {
  if (!principal) return { allow: false, reason: 'unauthenticated' };
  if (!rolesFor(action).has(principal.role)) return { allow: false, reason: 'forbidden' };
  if (scope && !covers(principal.jurisdiction, principal.party, scope)) return { allow: false, reason: 'not-found' };
  return { allow: true };
}

/** Every role. */
export const ALL_ROLES: readonly Role[] = ROLES;

definePermissions({
  'session.read': ROLES,
  'audit.read': ['administrator', 'epidemiologist', 'liaison', 'viewer'],
});
