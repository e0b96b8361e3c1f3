import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAreas, useFacilities, useParties } from '../api/queries';
import { FACILITY_KINDS } from '../api/types';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { useDebounced, useSyncSearch } from '../app/hooks';
import { Badge, Card, Empty, ErrorBox, Loading, Names, PageHeader, type Tone } from '../app/ui';

export const KIND_TONE: Record<string, Tone> = { hospital: 'info', cdc: 'success', quarantine: 'warning', 'health-department': 'neutral', clinic: 'neutral' };

export function FacilitiesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const initial = new URLSearchParams(window.location.search);
  const [party, setParty] = useState(initial.get('party') ?? '');
  const [kind, setKind] = useState(initial.get('kind') ?? '');
  const [q, setQ] = useState(initial.get('q') ?? '');
  const debouncedQ = useDebounced(q.trim(), 300);
  useSyncSearch({ party, kind, q: debouncedQ });
  const parties = useParties();
  const areas = useAreas();
  const facilities = useFacilities({ party: party || undefined, kind: kind || undefined, q: debouncedQ || undefined });
  const areaMap = useMemo(() => new Map((areas.data ?? []).map((a) => [a.code, a])), [areas.data]);
  const partyMap = useMemo(() => new Map((parties.data ?? []).map((p) => [p.code, p])), [parties.data]);

  return (
    <>
      <PageHeader title={t('facilities.title')} subtitle={t('facilities.subtitle')} />
      <div className="filters" role="search">
        <div className="field">
          <label htmlFor="fac-party">{t('facilities.party')}</label>
          <select id="fac-party" value={party} onChange={(e) => setParty(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {(parties.data ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {f.text(p.names)} ({p.code})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="fac-kind">{t('facilities.kind')}</label>
          <select id="fac-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {FACILITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {enumLabel(t, 'facilityKind', k)}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="fac-q">{t('facilities.search')}</label>
          <input id="fac-q" type="search" value={q} placeholder={t('facilities.searchPlaceholder')} onChange={(e) => setQ(e.target.value)} />
        </div>
      </div>
      {facilities.isPending ? (
        <Loading />
      ) : facilities.isError ? (
        <ErrorBox error={facilities.error} onRetry={() => void facilities.refetch()} />
      ) : (
        <>
          <div className="result-count" aria-live="polite">
            {t('common.results', { n: f.number(facilities.data.length) })}
          </div>
          <Card flush>
            {facilities.data.length ? (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th>{t('facilities.name')}</th>
                      <th>{t('facilities.kind')}</th>
                      <th>{t('facilities.location')}</th>
                      <th>{t('facilities.capabilities')}</th>
                      <th>{t('facilities.address')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {facilities.data.map((x) => {
                      const area = areaMap.get(x.area);
                      const p = partyMap.get(x.party);
                      return (
                        <tr key={x.id} data-facility={x.id}>
                          <td>
                            <Names value={x.names} />
                          </td>
                          <td>
                            <Badge tone={KIND_TONE[x.kind] ?? 'neutral'}>{enumLabel(t, 'facilityKind', x.kind)}</Badge>
                          </td>
                          <td>
                            <div>{area ? f.text(area.names) : x.area}</div>
                            <div className="small faint">{p ? `${f.text(p.names)} · ${x.party}` : x.party}</div>
                          </td>
                          <td>
                            <div className="chips">
                              {x.capabilities.map((c) => (
                                <span className="chip" key={c}>
                                  {enumLabel(t, 'capability', c)}
                                </span>
                              ))}
                            </div>
                          </td>
                          <td className="small">
                            {x.address ? f.text(x.address) : '—'}
                            {x.coordinates ? <div className="faint">{f.coordinate(x.coordinates)}</div> : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            ) : (
              <Empty>{t('facilities.none')}</Empty>
            )}
          </Card>
        </>
      )}
    </>
  );
}
