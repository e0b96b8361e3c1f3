import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAreas, useContacts, useFacilities, useParties } from '../api/queries';
import type { Contact } from '../api/types';
import { useFormat, type Formatters } from '../i18n/format';
import { Card, Empty, Names, PageHeader, QueryView } from '../app/ui';

/** A language code (vi, zh, en…) named in the UI language. */
export function languageName(code: string, f: Formatters): string {
  try {
    // 'zh-CN' would read "Chinese (China)": the language is what matters here.
    return new Intl.DisplayNames(f.locale, { type: 'language' }).of(code.split('-')[0]) ?? code;
  } catch {
    return code;
  }
}

export function ContactsTable({ contacts }: { contacts: readonly Contact[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const areas = useAreas();
  const parties = useParties();
  const facilities = useFacilities();
  const facilityMap = useMemo(() => new Map((facilities.data ?? []).map((x) => [x.id, x])), [facilities.data]);
  const areaMap = useMemo(() => new Map((areas.data ?? []).map((a) => [a.code, a])), [areas.data]);
  const partyMap = useMemo(() => new Map((parties.data ?? []).map((p) => [p.code, p])), [parties.data]);
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>{t('contacts.name')}</th>
            <th>{t('contacts.role')}</th>
            <th>{t('contacts.organization')}</th>
            <th>{t('contacts.area')}</th>
            <th>{t('contacts.reach')}</th>
            <th>{t('contacts.languages')}</th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((c) => {
            const area = areaMap.get(c.area);
            const party = partyMap.get(c.party);
            return (
              <tr key={c.id} data-contact={c.id}>
                <td>
                  <div>
                    <strong>{f.text(c.name ?? '') || c.id}</strong>
                  </div>
                  {c.title ? <div className="small muted">{f.text(c.title)}</div> : null}
                </td>
                <td className="small">{(c.roleLabel ? f.text(c.roleLabel) : c.role) || '—'}</td>
                <td>
                  {typeof c.organization === 'string' && facilityMap.has(c.organization) ? (
                    <Names value={facilityMap.get(c.organization)!.names} />
                  ) : c.organization ? (
                    <Names value={c.organization} />
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  <div>{area ? f.text(area.names) : c.area}</div>
                  <div className="small faint">{party ? `${f.text(party.names)} · ${c.party}` : c.party}</div>
                </td>
                <td className="small nowrap-links">
                  {c.phone ? (
                    <div>
                      <a href={`tel:${c.phone.replace(/\s+/g, '')}`}>{c.phone}</a>
                    </div>
                  ) : null}
                  {c.email ? (
                    <div>
                      <a href={`mailto:${c.email}`}>{c.email}</a>
                    </div>
                  ) : null}
                  {!c.phone && !c.email ? '—' : null}
                </td>
                <td className="small">{c.languages?.length ? f.list(c.languages.map((l) => languageName(l, f))) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ContactsPage() {
  const { t } = useTranslation();
  const contacts = useContacts();
  return (
    <>
      <PageHeader title={t('contacts.title')} subtitle={t('contacts.subtitle')} />
      <div className="alert alert-info">{t('contacts.personalData')}</div>
      <QueryView query={contacts}>
        {(list) => <Card flush>{list.length ? <ContactsTable contacts={list} /> : <Empty>{t('contacts.none')}</Empty>}</Card>}
      </QueryView>
    </>
  );
}
