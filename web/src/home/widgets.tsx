import { useTranslation } from 'react-i18next';
import type { Agreement, Me, Party } from '../api/types';
import { daysUntil } from '../i18n/format';
import { Link } from '../app/router';
import { Icon, type IconName } from '../app/icons';
import { Empty, Names, PageHeader } from '../app/ui';
import { AgreementStatusBadge, Deadline, PartyChips } from '../directory/AgreementsPage';
import { lineage, servedParties } from '../directory/jurisdiction';
import { useJurisdictionText } from './useJurisdictionText';
import { enumLabel } from '../app/labels';

/** The home page's heading: what this page is for this role, and who is looking at it. */
export function HomeHeader({ me }: { me: Me }) {
  const { t } = useTranslation();
  const where = useJurisdictionText(me);
  return (
    <PageHeader
      title={t(`home.${me.role}.title`)}
      subtitle={
        <>
          {t('home.greeting', { name: me.displayName, role: enumLabel(t, 'role', me.role), where })}
          <br />
          <span className="faint">{t(`home.${me.role}.intro`)}</span>
        </>
      }
    />
  );
}

/** Agreements in force that bind this node's party, a party above it or one it serves. */
export function relevantAgreements(agreements: readonly Agreement[], parties: readonly Party[], party: string): Agreement[] {
  const mine = new Set([...lineage(parties, party), ...servedParties(parties, party)]);
  return agreements.filter((a) => a.status.state === 'in-force' && a.parties.some((p) => mine.has(p)));
}

/** Sorts agreements in force by their next notice deadline (then term end), soonest first. */
export function byDeadline(a: Agreement, b: Agreement): number {
  const key = (x: Agreement) => (x.status.state === 'in-force' ? (x.status.noticeDeadline ?? x.status.termEndsOn ?? '9999') : '9999');
  return key(a).localeCompare(key(b));
}

export function AgreementsInForce({ agreements, parties }: { agreements: readonly Agreement[]; parties: Party[] | undefined }) {
  const { t } = useTranslation();
  if (!agreements.length) return <Empty>{t('home.noAgreements')}</Empty>;
  return (
    <ul className="list-plain">
      {[...agreements].sort(byDeadline).map((a) => (
        <li key={a.code}>
          <div className="row-between">
            <div>
              <strong>
                <Names value={a.title} secondary={false} />
              </strong>
              <div className="small faint">{a.code}</div>
            </div>
            <AgreementStatusBadge agreement={a} />
          </div>
          <div style={{ marginTop: 6 }}>
            <PartyChips codes={a.parties} parties={parties} />
          </div>
          {a.status.state === 'in-force' ? (
            <div className="agreement-facts" style={{ marginTop: 8 }}>
              <div>
                <span className="fact-label">{t('agreements.termEndsOn')}</span>
                {a.status.termEndsOn ? <Deadline date={a.status.termEndsOn} /> : t('agreements.indefinite')}
              </div>
              <div>
                <span className="fact-label">{t('agreements.noticeDeadline')}</span>
                {a.status.noticeDeadline ? <Deadline date={a.status.noticeDeadline} /> : '—'}
              </div>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The soonest notice deadline still ahead or, when no agreement has one, the soonest end of a term. */
export function nextDeadline(agreements: readonly Agreement[]): { agreement: Agreement; date: string; days: number; kind: 'notice' | 'term' } | null {
  const soonest = (kind: 'notice' | 'term') => {
    let best: { agreement: Agreement; date: string; days: number; kind: 'notice' | 'term' } | null = null;
    for (const a of agreements) {
      if (a.status.state !== 'in-force') continue;
      const date = kind === 'notice' ? a.status.noticeDeadline : a.status.termEndsOn;
      const days = date ? daysUntil(date) : null;
      if (!date || days === null || days < 0) continue;
      if (!best || days < best.days) best = { agreement: a, date, days, kind };
    }
    return best;
  };
  return soonest('notice') ?? soonest('term');
}

export function Shortcut({ to, icon, label, hint }: { to: string; icon: IconName; label: string; hint?: string }) {
  return (
    <Link to={to} className="shortcut">
      <Icon name={icon} size={20} />
      <span>
        {label}
        {hint ? <small>{hint}</small> : null}
      </span>
    </Link>
  );
}

export function DirectoryShortcuts({ showContacts }: { showContacts: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="shortcuts">
      <Shortcut to="/directory/parties" icon="parties" label={t('nav.parties')} hint={t('home.hint.parties')} />
      <Shortcut to="/directory/agreements" icon="agreements" label={t('nav.agreements')} hint={t('home.hint.agreements')} />
      <Shortcut to="/directory/facilities" icon="facilities" label={t('nav.facilities')} hint={t('home.hint.facilities')} />
      <Shortcut to="/directory/areas" icon="areas" label={t('nav.areas')} hint={t('home.hint.areas')} />
      <Shortcut to="/directory/gates" icon="gates" label={t('nav.gates')} hint={t('home.hint.gates')} />
      {showContacts ? <Shortcut to="/directory/contacts" icon="contacts" label={t('nav.contacts')} hint={t('home.hint.contacts')} /> : null}
      <Shortcut to="/terminology/diseases" icon="diseases" label={t('nav.diseases')} hint={t('home.hint.diseases')} />
    </div>
  );
}
