import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAreas, useNodeInfo, useParties } from '../api/queries';
import type { Area } from '../api/types';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { useSyncSearch } from '../app/hooks';
import { Badge, Card, Empty, Names, PageHeader, QueryView } from '../app/ui';
import { topmost } from './jurisdiction';

/** Areas in tree order: each followed by its descendants; codes with `first` as prefix (the node's country) lead. */
export function treeOrder(areas: readonly Area[], first = ''): Area[] {
  const rank = (a: Area) => (first && a.code.startsWith(first) ? 0 : 1);
  return [...areas].sort((a, b) => {
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    const n = Math.min(a.path.length, b.path.length);
    for (let i = 0; i < n; i++) if (a.path[i] !== b.path[i]) return a.path[i].localeCompare(b.path[i]);
    return a.path.length - b.path.length;
  });
}

export function AreasTable({ areas }: { areas: readonly Area[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const node = useNodeInfo();
  const ordered = treeOrder(areas, node.data?.party.split('-')[0]);
  const minDepth = Math.min(...ordered.map((a) => a.path.length));
  const tops = topmost(areas);
  const total = tops.reduce((s, a) => s + a.population, 0);
  const years = [...new Set(tops.map((a) => a.populationYear))].sort();
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>{t('areas.name')}</th>
            <th>{t('areas.code')}</th>
            <th>{t('areas.level')}</th>
            <th className="num">{t('areas.population')}</th>
            <th className="num">{t('areas.year')}</th>
            <th>{t('areas.border')}</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((a) => {
            const depth = Math.min(a.path.length - minDepth, 3);
            return (
              <tr key={a.code} data-area={a.code}>
                <td className={depth ? `indent-${depth}` : undefined}>
                  <Names value={a.names} />
                </td>
                <td>
                  <code className="mono">{a.code}</code>
                </td>
                <td>{enumLabel(t, 'areaLevel', a.level)}</td>
                <td className="num">{f.number(a.population)}</td>
                <td className="num">{a.populationYear}</td>
                <td>{a.border ? <Badge tone="warning">{t('areas.borderYes')}</Badge> : null}</td>
              </tr>
            );
          })}
        </tbody>
        {tops.length ? (
          <tfoot>
            <tr className="row-total">
              <td colSpan={3}>{t('areas.total')}</td>
              <td className="num">{f.number(total)}</td>
              <td className="num">{years.join(', ')}</td>
              <td />
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

export function AreasPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const initial = new URLSearchParams(window.location.search);
  const [party, setParty] = useState(initial.get('party') ?? '');
  const [level, setLevel] = useState(initial.get('level') ?? '');
  useSyncSearch({ party, level });
  const parties = useParties();
  const all = useAreas();
  const levels = useMemo(() => [...new Set((all.data ?? []).map((a) => a.level))], [all.data]);
  const partiesWithAreas = useMemo(() => {
    const codes = new Set((all.data ?? []).map((a) => a.party));
    return (parties.data ?? []).filter((p) => codes.has(p.code));
  }, [all.data, parties.data]);
  return (
    <>
      <PageHeader title={t('areas.title')} subtitle={t('areas.subtitle')} />
      <div className="filters">
        <div className="field">
          <label htmlFor="area-party">{t('areas.party')}</label>
          <select id="area-party" value={party} onChange={(e) => setParty(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {partiesWithAreas.map((p) => (
              <option key={p.code} value={p.code}>
                {f.text(p.names)} ({p.code})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="area-level">{t('areas.level')}</label>
          <select id="area-level" value={level} onChange={(e) => setLevel(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {levels.map((l) => (
              <option key={l} value={l}>
                {enumLabel(t, 'areaLevel', l)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <QueryView query={all}>
        {(list) => {
          const shown = list.filter((a) => (!party || a.party === party) && (!level || a.level === level));
          return (
            <>
              <div className="result-count">{t('common.results', { n: f.number(shown.length) })}</div>
              <Card flush>{shown.length ? <AreasTable areas={shown} /> : <Empty>{t('common.none')}</Empty>}</Card>
            </>
          );
        }}
      </QueryView>
    </>
  );
}
