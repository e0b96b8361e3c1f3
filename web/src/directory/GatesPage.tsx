import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAreas, useFacilities, useGates } from '../api/queries';
import type { Area, Gate } from '../api/types';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Badge, Card, Names, PageHeader, QueryView, type Tone } from '../app/ui';
import { GateMap } from './LazyGateMap';
import { Note } from './Note';

export function gateStatusTone(status: string): Tone {
  if (status === 'international') return 'info';
  if (/suspend|closed/i.test(status)) return 'danger';
  return 'neutral';
}

export function GateSideCell({ gate, side, areas }: { gate: Gate; side: 'vn' | 'cn'; areas: Map<string, Area> }) {
  const f = useFormat();
  const s = gate[side];
  const area = areas.get(s.area);
  return (
    <div>
      <Names value={s.name} />
      <div className="small faint">{area ? `${f.text(area.names)} · ${s.area}` : s.area}</div>
    </div>
  );
}

export function GatesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const gates = useGates();
  const facilities = useFacilities();
  const areas = useAreas();
  const [showFacilities, setShowFacilities] = useState(true);
  const areaMap = useMemo(() => new Map((areas.data ?? []).map((a) => [a.code, a])), [areas.data]);

  return (
    <>
      <PageHeader title={t('gates.title')} subtitle={t('gates.subtitle')} />
      <QueryView query={gates}>
        {(list) => (
          <>
            <Card
              title={t('gates.mapTitle')}
              actions={
                <label className="checkbox small">
                  <input type="checkbox" checked={showFacilities} onChange={(e) => setShowFacilities(e.target.checked)} />
                  {t('gates.showFacilities')}
                </label>
              }
            >
              <GateMap gates={list} facilities={showFacilities ? (facilities.data ?? []) : []} />
              <div className="legend-note">{t('gates.mapNote')}</div>
            </Card>
            <Card title={t('gates.listTitle', { n: f.number(list.length) })} flush>
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th>{t('gates.pair')}</th>
                      <th>
                        <span className="dot dot-vn" />
                        {t('map.vnSide')}
                      </th>
                      <th>
                        <span className="dot dot-cn" />
                        {t('map.cnSide')}
                      </th>
                      <th>{t('gates.status')}</th>
                      <th>{t('gates.modes')}</th>
                      <th>{t('gates.coordinates')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((g) => (
                      <tr key={g.id} data-gate={g.id}>
                        <td>
                          {g.names ? <Names value={g.names} /> : g.id}
                          {g.marker ? <div className="small faint">{t('gates.marker', { marker: g.marker })}</div> : null}
                          <Note value={g.notes} />
                        </td>
                        <td>
                          <GateSideCell gate={g} side="vn" areas={areaMap} />
                        </td>
                        <td>
                          <GateSideCell gate={g} side="cn" areas={areaMap} />
                        </td>
                        <td>
                          <Badge tone={gateStatusTone(g.status)}>{enumLabel(t, 'gateStatus', g.status)}</Badge>
                        </td>
                        <td>
                          <div className="chips">
                            {g.modes.map((m) => (
                              <span className="chip" key={m}>
                                {enumLabel(t, 'gateMode', m)}
                              </span>
                            ))}
                          </div>
                        </td>
                        <td className="small muted nowrap">
                          <div>{f.coordinate(g.vn.coordinates)}</div>
                          <div>{f.coordinate(g.cn.coordinates)}</div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Card>
          </>
        )}
      </QueryView>
    </>
  );
}
