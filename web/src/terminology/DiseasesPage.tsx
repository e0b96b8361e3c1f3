import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDiseases } from '../api/queries';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { useDebounced, useSyncSearch } from '../app/hooks';
import { Badge, Card, Empty, ErrorBox, Loading, Names, PageHeader, type Tone } from '../app/ui';
import type { Disease } from '../api/types';
import { Note } from '../directory/Note';

const GROUP_TONE: Record<string, Tone> = { A: 'danger', B: 'warning', C: 'info' };
const RELATION_TONE: Record<string, Tone> = { exact: 'success', broader: 'info', narrower: 'info', none: 'neutral' };

/** The legal provision that lists a disease. */
function Basis({ d }: { d: Disease }) {
  const { t } = useTranslation();
  const f = useFormat();
  return d.basisLabel ? <div className="small faint">{t('diseases.basis', { basis: f.text(d.basisLabel) })}</div> : null;
}

export function DiseasesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const initial = new URLSearchParams(window.location.search);
  const [list, setList] = useState<'vn' | 'cn'>(initial.get('list') === 'cn' ? 'cn' : 'vn');
  const [q, setQ] = useState(initial.get('q') ?? '');
  const debounced = useDebounced(q.trim(), 300);
  useSyncSearch({ list, q: debounced });
  const diseases = useDiseases(list, debounced);
  return (
    <>
      <PageHeader title={t('diseases.title')} subtitle={t('diseases.subtitle')} />
      <div className="filters" role="search">
        <div className="field">
          <label htmlFor="dz-list">{t('diseases.list')}</label>
          <select id="dz-list" value={list} onChange={(e) => setList(e.target.value as 'vn' | 'cn')}>
            <option value="vn">{enumLabel(t, 'diseaseList', 'vn')}</option>
            <option value="cn">{enumLabel(t, 'diseaseList', 'cn')}</option>
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="dz-q">{t('diseases.search')}</label>
          <input id="dz-q" type="search" value={q} placeholder={t('diseases.searchPlaceholder')} onChange={(e) => setQ(e.target.value)} />
        </div>
      </div>
      {diseases.isPending ? (
        <Loading />
      ) : diseases.isError ? (
        <ErrorBox error={diseases.error} onRetry={() => void diseases.refetch()} />
      ) : (
        <>
          <div className="result-count">{t('common.results', { n: f.number(diseases.data.length) })}</div>
          <Card flush>
            {diseases.data.length ? (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th>{t('diseases.code')}</th>
                      <th>{t('diseases.name')}</th>
                      <th>{t('diseases.group')}</th>
                      <th>{t('diseases.icd10')}</th>
                      <th>{t('diseases.equivalent', { list: enumLabel(t, 'diseaseList', list === 'vn' ? 'cn' : 'vn') })}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {diseases.data.map((d) => (
                      <tr key={`${d.list}-${d.code}`}>
                        <td>
                          <code className="mono">{d.code}</code>
                        </td>
                        <td>
                          <Names value={d.names} />
                          <Note value={d.notes} />
                          <Basis d={d} />
                        </td>
                        <td>
                          <Badge tone={GROUP_TONE[d.group] ?? 'neutral'}>{t('diseases.groupLabel', { group: d.group })}</Badge>
                        </td>
                        <td>
                          <div className="chips">
                            {d.icd10.map((c) => (
                              <span className="chip" key={c}>
                                {c}
                              </span>
                            ))}
                          </div>
                        </td>
                        <td className="small">
                          <Badge tone={RELATION_TONE[d.equivalent.relation] ?? 'neutral'}>{enumLabel(t, 'relation', d.equivalent.relation)}</Badge>
                          {d.equivalent.targets.map((e) => (
                            <div key={e.code} style={{ marginTop: 4 }}>
                              <code className="mono">{e.code}</code> {f.text(e.names)}
                            </div>
                          ))}
                          {d.equivalent.notes.map((n, i) => (
                            <Note key={i} value={n} />
                          ))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <Empty>{t('common.none')}</Empty>
            )}
          </Card>
        </>
      )}
    </>
  );
}
