import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { useAreas, useFacilities, useGates, useParties } from '../api/queries';
import { useFormat } from '../i18n/format';
import { countryOf, jurisdictionText } from '../directory/jurisdiction';

/** The directory's reference data every home page reads (parties, areas, gates, facilities). */
export function useReferenceData() {
  return { parties: useParties(), areas: useAreas(), gates: useGates(), facilities: useFacilities() };
}

/** "Area: Móng Cái (VN-QN-MC)" for the signed-in user. */
export function useJurisdictionText(me: Me): string {
  const { t } = useTranslation();
  const f = useFormat();
  const { parties, areas, gates, facilities } = useReferenceData();
  return jurisdictionText(
    me.jurisdiction,
    { parties: parties.data, areas: areas.data, gates: gates.data, facilities: facilities.data },
    f,
    t,
    countryOf(parties.data ?? [], me.party),
  );
}
