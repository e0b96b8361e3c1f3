import { useTranslation } from 'react-i18next';
import { useAgreements, useTreeHead } from '../api/queries';
import type { Me } from '../api/types';
import { can } from '../auth/session';
import { enumLabel } from '../app/labels';
import { AreasTable } from '../directory/AreasPage';
import { topmost } from '../directory/jurisdiction';
import { AgreementsCard, HomeCard, loaded, ShortcutsCard } from './HomeCard';
import { FIGURES, RoleHome, type Figure } from './RoleHome';
import { useReferenceData } from './useJurisdictionText';

/** The viewer's home: the directory in figures, the agreements in force and the population of the provinces. */
export function ViewerHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { parties, areas, gates, facilities } = useReferenceData();
  const agreements = useAgreements();
  const head = useTreeHead(can(me.role, 'audit'));
  const inForce = agreements.data?.filter((a) => a.status.state === 'in-force');
  const own = me.party.split('-')[0];
  const countries = [...new Set((parties.data ?? []).map((p) => p.country))].sort((a, b) => (a === own ? -1 : b === own ? 1 : a.localeCompare(b)));
  const figures: (Figure | null)[] = [
    ...countries.map(
      (c): Figure => ({ icon: 'parties', label: t('home.stat.partiesIn', { country: enumLabel(t, 'country', c) }), value: (parties.data ?? []).filter((p) => p.country === c).length, to: '/directory/parties' }),
    ),
    FIGURES.agreementsInForce(t, inForce?.length),
    FIGURES.facilities(t, facilities.data?.length),
    FIGURES.gates(t, gates.data?.length),
    can(me.role, 'audit') ? FIGURES.auditEntries(t, head.data?.treeSize) : null,
  ];
  return (
    <RoleHome me={me} figures={figures}>
      <AgreementsCard title={t('home.viewer.agreements')} agreements={inForce} error={agreements.error} parties={parties.data} />
      <HomeCard title={t('home.viewer.population')} flush state={{ ...loaded(areas), data: areas.data && topmost(areas.data) }} empty={t('common.none')}>
        {(tops) => <AreasTable areas={tops} />}
      </HomeCard>
      <ShortcutsCard me={me} />
    </RoleHome>
  );
}
