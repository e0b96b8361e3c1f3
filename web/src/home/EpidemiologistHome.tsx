import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgreements } from '../api/queries';
import type { Me } from '../api/types';
import { AreasTable } from '../directory/AreasPage';
import { areaInJurisdiction, topmost } from '../directory/jurisdiction';
import { AgreementsCard, HomeCard } from './HomeCard';
import { FIGURES, RoleHome, type Figure } from './RoleHome';
import { useReferenceData } from './useJurisdictionText';
import { relevantAgreements } from './widgets';

/** The epidemiologist's home: the areas of the jurisdiction and the agreements that bind it. */
export function EpidemiologistHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { parties, areas, gates, facilities } = useReferenceData();
  const agreements = useAgreements();
  const mine = useMemo(() => {
    if (!parties.data || !areas.data) return null;
    return areas.data.filter((a) =>
      areaInJurisdiction(a, me.jurisdiction, { parties: parties.data, nodeParty: me.party, gates: gates.data, facilities: facilities.data }),
    );
  }, [areas.data, parties.data, gates.data, facilities.data, me]);
  const tops = mine ? topmost(mine) : [];
  const population = tops.reduce((s, a) => s + a.population, 0);
  const years = [...new Set(tops.map((a) => a.populationYear))].sort();
  const inForce = agreements.data && parties.data ? relevantAgreements(agreements.data, parties.data, me.party) : null;
  const myFacilities = facilities.data?.filter((x) => mine?.some((a) => a.code === x.area));
  const figures: Figure[] = [
    { icon: 'areas', label: t('home.stat.areasInJurisdiction'), value: mine?.length, to: '/directory/areas' },
    { icon: 'users', label: t('home.stat.population'), value: mine ? population : undefined, hint: years.length ? t('home.stat.populationYear', { year: years.join(', ') }) : undefined },
    { icon: 'gates', label: t('home.stat.borderAreas'), value: mine?.filter((a) => a.border).length },
    { icon: 'facilities', label: t('home.stat.facilitiesInJurisdiction'), value: myFacilities?.length, to: '/directory/facilities' },
    FIGURES.agreementsInForce(t, inForce?.length),
  ];
  return (
    <RoleHome me={me} figures={figures}>
      <AgreementsCard title={t('home.epidemiologist.agreements')} agreements={inForce} error={agreements.error} parties={parties.data} />
      <HomeCard title={t('home.epidemiologist.areas')} flush state={{ data: mine, error: areas.error }} empty={t('common.none')}>
        {(list) => <AreasTable areas={list} />}
      </HomeCard>
    </RoleHome>
  );
}
