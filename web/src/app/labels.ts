import type { TFunction } from 'i18next';

/**
 * Labels for the values the API returns as codes (roles, kinds, statuses…). Known values have a
 * translation; a value the web app does not know yet is shown as the API sent it, never as a key.
 */
export type EnumGroup =
  | 'role'
  | 'facilityKind'
  | 'areaLevel'
  | 'partyLevel'
  | 'country'
  | 'gateStatus'
  | 'gateMode'
  | 'capability'
  | 'scope'
  | 'renewal'
  | 'agreementState'
  | 'outcome'
  | 'auditAction'
  | 'resourceType'
  | 'actorKind'
  | 'jurisdictionKind'
  | 'relation'
  | 'diseaseList'
  | 'signalStatus'
  | 'signalAction'
  | 'riskLevel'
  | 'signalKind'
  | 'runStatus'
  | 'runTrigger'
  | 'detectionMethod'
  | 'detectionParam'
  | 'gateRule'
  | 'surveyKind'
  | 'vectorIndex'
  | 'classification'
  | 'caseOutcome'
  | 'sex'
  | 'ageGroup'
  | 'dataKind'
  | 'fileFormat'
  | 'jobState'
  // Cross-border notification.
  | 'notificationStatus'
  | 'notificationStep'
  | 'notificationDirection'
  | 'notificationKind'
  | 'notificationEvent'
  | 'messageKind'
  | 'identityStatus'
  | 'identityPurpose'
  | 'legalBasis'
  | 'timelinessInterval'
  | 'routeBasis'
  | 'unroutedReason'
  | 'caseField';

/** The i18n key of a value: dots would nest, so they become underscores. */
export const enumKey = (group: EnumGroup, value: string) => `${group}.${value.replace(/\./g, '_')}`;

export function enumLabel(t: TFunction, group: EnumGroup, value: string | null | undefined): string {
  if (value == null || value === '') return '—';
  return t(enumKey(group, value), { defaultValue: value });
}
