import { useTranslation } from 'react-i18next';
import { useAgreements, useContacts } from '../api/queries';
import type { Me } from '../api/types';
import { useFormat } from '../i18n/format';
import { ContactsTable } from '../directory/ContactsPage';
import { AgreementsCard, HomeCard, loaded } from './HomeCard';
import { FIGURES, RoleHome, type Figure } from './RoleHome';
import { useReferenceData } from './useJurisdictionText';
import { nextDeadline, relevantAgreements } from './widgets';

/** The liaison's home: the next agreement deadline and the contacts. */
export function LiaisonHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { parties } = useReferenceData();
  const agreements = useAgreements();
  const contacts = useContacts();
  const inForce = agreements.data && parties.data ? relevantAgreements(agreements.data, parties.data, me.party) : null;
  const next = inForce ? nextDeadline(inForce) : null;
  const figures: Figure[] = [
    FIGURES.agreementsInForce(t, inForce?.length),
    {
      icon: 'agreements',
      label: next?.kind === 'term' ? t('home.stat.nextTermEnd') : t('home.stat.nextNotice'),
      compact: true,
      value: next ? f.date(next.date) : inForce ? '—' : undefined,
      hint: next ? `${f.relativeDays(next.days)} · ${next.agreement.code}` : undefined,
    },
    { icon: 'contacts', label: t('home.stat.contacts'), value: contacts.data?.length, to: '/directory/contacts' },
  ];
  return (
    <RoleHome me={me} figures={figures}>
      <AgreementsCard title={t('home.liaison.deadlines')} agreements={inForce} error={agreements.error} parties={parties.data} />
      <HomeCard title={t('home.liaison.contacts')} flush state={loaded(contacts)} empty={t('contacts.none')}>
        {(list) => <ContactsTable contacts={list} />}
      </HomeCard>
    </RoleHome>
  );
}
