import { definePermissions, ROLES, type Principal, type RecordScope } from '../platform/access';
import type { SignalKind } from './model';

/**
 * Who may do what with signals. Reading: every role (a gate officer only the gate-screening
 * signals of their gate, a clinician read-only in their facility's area); triage (transitions):
 * administrators and epidemiologists; comments: those who triage, liaison officers (they carry
 * signals across the border) and gate officers (they verify on the ground at their gate);
 * detection runs: everyone sees when detection last ran, administrators and epidemiologists
 * may start one.
 */
definePermissions({
  'signal.read': ROLES,
  'signal.triage': ['administrator', 'epidemiologist'],
  'signal.comment': ['administrator', 'epidemiologist', 'liaison', 'gate-officer'],
  'signal.run.read': ROLES,
  'signal.run.trigger': ['administrator', 'epidemiologist'],
});

/** Where a signal lives, as stored with it. */
export interface SignalPlace {
  kind: SignalKind;
  party: string;
  areaPath: readonly string[];
  gate: string | null;
}

/** Signal kinds a role may see at all (gate officers: only screening at gates). */
export function kindsVisibleTo(principal: Principal): readonly SignalKind[] | null {
  return principal.role === 'gate-officer' ? ['gate-screening'] : null;
}

/**
 * The access scope of a signal for a caller. A facility is not where signals live, so for a
 * caller whose jurisdiction is a facility the signal counts as within it when the signal's area
 * and the facility's area lie on one branch of the area tree (the facility's district, its
 * province, or a commune of its district). `facilityPath` is that facility's area path.
 */
export function signalScope(place: SignalPlace, principal: Principal | null, facilityPath?: readonly string[] | null): RecordScope {
  const scope: RecordScope = { party: place.party, areas: place.areaPath, gate: place.gate };
  const j = principal?.jurisdiction;
  if (j?.kind === 'facility' && facilityPath && facilityPath.length > 0) {
    const signalArea = place.areaPath[place.areaPath.length - 1];
    const facilityArea = facilityPath[facilityPath.length - 1];
    if (facilityPath.includes(signalArea) || place.areaPath.includes(facilityArea)) return { ...scope, facility: j.facility };
  }
  return scope;
}

/** Whether the role restriction on kinds lets the caller see this signal. */
export function kindAllowed(principal: Principal | null, kind: SignalKind): boolean {
  if (!principal) return false;
  const kinds = kindsVisibleTo(principal);
  return kinds === null || kinds.includes(kind);
}
