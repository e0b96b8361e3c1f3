import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { useAreas, useFacilities, useGates, useParties } from '../api/queries';
import { useFormat } from '../i18n/format';
import { countryOf, jurisdictionText } from '../directory/jurisdiction';

/** "Area: Móng Cái (VN-QN-MC)" for the signed-in user. */
export function useJurisdictionText(me: Me): string {
  const { t } = useTranslation();
  const f = useFormat();
  const parties = useParties();
  const areas = useAreas();
  const gates = useGates();
  const facilities = useFacilities();
  return jurisdictionText(
    me.jurisdiction,
    { parties: parties.data, areas: areas.data, gates: gates.data, facilities: facilities.data },
    f,
    t,
    countryOf(parties.data ?? [], me.party),
  );
}
