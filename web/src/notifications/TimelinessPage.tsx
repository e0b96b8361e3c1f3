import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../auth/session';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { useSyncSearch } from '../app/hooks';
import { Card, Empty, ErrorBox, Loading, PageHeader } from '../app/ui';
import { useDiseaseName } from '../early-warning/names';
import { useTimeliness, type Direction, type IntervalStats } from './api';
import { TimelinessChart } from './LazyCharts';
import { PeerStatusCard, useDuration, usePartyName } from './parts';

function Cell({ s }: { s: IntervalStats | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const dur = useDuration();
  if (!s || (s.count === 0 && s.open === 0)) return <td className="faint">—</td>;
  return (
    <td className="small">
      <div>
        {t('notifications.timeliness.medianShort')} {dur(s.medianSeconds)} · {t('notifications.timeliness.p90Short')} {dur(s.p90Seconds)}
      </div>
      <div className="faint">
        {t('notifications.timeliness.countOpen', { n: f.number(s.count), open: f.number(s.open) })}
        {s.within24h != null ? ` · ${t('notifications.timeliness.within', { share: f.number(Math.round(s.within24h * 1000) / 10) })}` : ''}
      </div>
    </td>
  );
}

/** Confirmation → queued → delivered → acknowledged per partner and disease: median, 90th percentile, share within 24 h. */
export function TimelinessPage() {
  const { t } = useTranslation();
  const me = useMe();
  const initial = new URLSearchParams(window.location.search);
  const [direction, setDirection] = useState<Direction>(initial.get('direction') === 'incoming' ? 'incoming' : 'outgoing');
  useSyncSearch({ direction });
  const q = useTimeliness({ direction });
  const diseaseName = useDiseaseName();
  const partyName = usePartyName();
  const overall = q.data?.groups.find((g) => g.peer === '*');
  const groups = q.data?.groups.filter((g) => g.peer !== '*') ?? [];
  return (
    <>
      <PageHeader title={t('notifications.timeliness.title')} subtitle={t('notifications.timeliness.subtitle')} />
      <div className="filters">
        <div className="field">
          <label htmlFor="tl-direction">{t('notifications.direction')}</label>
          <select id="tl-direction" value={direction} onChange={(e) => setDirection(e.target.value as Direction)}>
            {(['outgoing', 'incoming'] as const).map((d) => (
              <option key={d} value={d}>
                {enumLabel(t, 'notificationDirection', d)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorBox error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <Card title={t('notifications.timeliness.overall', { n: overall?.notifications ?? 0 })}>
            {overall && overall.notifications > 0 ? <TimelinessChart intervals={q.data.intervals} stats={overall.intervals} /> : <Empty>{t('notifications.timeliness.none')}</Empty>}
          </Card>
          <Card title={t('notifications.timeliness.byPeer')} flush>
            {groups.length ? (
              <div className="table-wrap">
                <table className="table" data-testid="timeliness-table">
                  <thead>
                    <tr>
                      <th>{t('notifications.partner')}</th>
                      <th>{t('notifications.case.disease')}</th>
                      <th>{t('notifications.timeliness.notifications')}</th>
                      {q.data.intervals.map((i) => (
                        <th key={i}>{enumLabel(t, 'timelinessInterval', i)}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {groups.map((g) => (
                      <tr key={`${g.peer}/${g.disease}`} data-peer={g.peer} data-disease={g.disease}>
                        <td>{partyName(g.peer)}</td>
                        <td>{diseaseName(g.disease)}</td>
                        <td>{g.notifications}</td>
                        {q.data.intervals.map((i) => (
                          <Cell key={i} s={g.intervals[i]} />
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <Empty>{t('notifications.timeliness.none')}</Empty>
            )}
          </Card>
        </>
      )}
      {can(me.role, 'notifications') ? <PeerStatusCard /> : null}
    </>
  );
}
