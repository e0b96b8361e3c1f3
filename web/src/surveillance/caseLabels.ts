import { useMemo } from 'react';
import { useFacilities, useParties } from '../api/queries';
import type { Facility } from '../api/types';
import type { Classification, CaseOutcome } from '../api/surveillance';
import { useMe } from '../auth/session';
import { servedParties } from '../directory/jurisdiction';
import type { Tone } from '../app/ui';

export const CLASSIFICATION_TONE: Record<Classification, Tone> = { suspected: 'warning', probable: 'info', confirmed: 'danger' };
export const OUTCOME_TONE: Record<CaseOutcome, Tone> = { 'under-treatment': 'info', recovered: 'success', died: 'neutral', unknown: 'neutral' };

/** Countries a border case most often involves, first; any ISO code can still be typed. */
export const COUNTRIES = ['VN', 'CN', 'LA', 'KH', 'TH', 'MM', 'KR', 'JP', 'SG', 'MY', 'ID', 'PH', 'IN', 'US'] as const;

/** The name of a country (ISO 3166-1 alpha-2) in a language. */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The facilities this node keeps records for. */
export function useOwnFacilities(): { list: Facility[]; byId: Map<string, Facility> } {
  const me = useMe();
  const parties = useParties();
  const facilities = useFacilities();
  return useMemo(() => {
    const served = servedParties(parties.data ?? [], me.party);
    const list = (facilities.data ?? []).filter((x) => served.has(x.party));
    return { list, byId: new Map((facilities.data ?? []).map((x) => [x.id, x])) };
  }, [parties.data, facilities.data, me.party]);
}
