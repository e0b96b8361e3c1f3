import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../auth/session';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { useDebounced, useSyncSearch } from '../app/hooks';
import { Link } from '../app/router';
import { PageHeader } from '../app/ui';
import { FilterSelect, PagedTable, usePaging, type Column } from '../app/PagedTable';
import { useDiseaseName, usePlaces } from '../early-warning/names';
import { INCOMING_STATUSES, OUTGOING_STATUSES, useNotifications, type Direction, type Notification, type NotificationStatus } from './api';
import { NotificationStatusBadge, PeerStatusCard, StatusTimeline, usePartyName } from './parts';

const PAGE_SIZE = 25;
const KINDS = ['case', 'signal'] as const;

export function NotificationsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const initial = new URLSearchParams(window.location.search);
  const [direction, setDirection] = useState<Direction>(initial.get('direction') === 'incoming' ? 'incoming' : 'outgoing');
  const [status, setStatus] = useState<NotificationStatus | ''>((initial.get('status') as NotificationStatus) ?? '');
  const [kind, setKind] = useState<'case' | 'signal' | ''>((initial.get('kind') as 'case' | 'signal') ?? '');
  const [q, setQ] = useState(initial.get('q') ?? '');
  const paging = usePaging(PAGE_SIZE);
  const query = useDebounced(q);
  useSyncSearch({ direction, status, kind, q: query });
  const list = useNotifications({ direction, status, kind, q: query, ...paging.window });
  const statuses = direction === 'outgoing' ? OUTGOING_STATUSES : INCOMING_STATUSES;
  const total = list.data?.total ?? 0;
  const change = paging.resetting;
  const switchTo = (d: Direction) => {
    setDirection(d);
    setStatus('');
    paging.setPage(0);
  };
  const diseaseName = useDiseaseName();
  const places = usePlaces();
  const partyName = usePartyName();
  const columns: Column<Notification>[] = [
    { header: t('notifications.status'), cell: (n) => <NotificationStatusBadge status={n.status} /> },
    {
      header: t('notifications.subject'),
      cell: (n) => {
        const disease = n.diseaseLocal ?? n.disease;
        return (
          <>
            <Link to={`/notifications/${encodeURIComponent(n.id)}`} className="signal-link">
              {disease ? diseaseName(disease) : '—'}
            </Link>
            <div className="small faint">
              {enumLabel(t, 'notificationKind', n.kind)}
              {n.classification ? ` · ${enumLabel(t, 'classification', n.classification)}` : ''}
            </div>
          </>
        );
      },
    },
    {
      header: t('notifications.partner'),
      cell: (n) => (
        <>
          <div>{partyName(n.peer || n.origin)}</div>
          <div className="small faint">{n.direction === 'outgoing' ? t('notifications.to') : t('notifications.from')}</div>
        </>
      ),
    },
    { header: t('notifications.place'), cell: (n) => <div>{n.gate ? places.gateName(n.gate) : n.area ? places.areaName(n.area) : '—'}</div> },
    { header: t('notifications.timeline'), cell: (n) => <StatusTimeline n={n} compact />, className: 'small' },
    { header: t('notifications.updated'), cell: (n) => f.dateTime(n.updatedAt), className: 'nowrap small' },
  ];
  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        subtitle={t('notifications.subtitle')}
        actions={
          can(me.role, 'signalShare') ? (
            <Link to="/notifications/share" className="btn">
              {t('nav.shareSignals')}
            </Link>
          ) : null
        }
      />
      <div className="status-strip" role="tablist" aria-label={t('notifications.direction')}>
        {(['outgoing', 'incoming'] as const).map((d) => (
          <button key={d} type="button" role="tab" aria-selected={direction === d} className={`status-tile${direction === d ? ' active' : ''}`} onClick={() => switchTo(d)} data-direction={d}>
            <span className="status-tile-label">{enumLabel(t, 'notificationDirection', d)}</span>
            {direction === d ? <span className="status-tile-value">{list.data ? f.number(total) : '…'}</span> : null}
          </button>
        ))}
      </div>
      <div className="filters" role="search">
        <FilterSelect id="n-status" label={t('notifications.status')} value={status} onChange={change(setStatus)} options={statuses} optionLabel={(v) => enumLabel(t, 'notificationStatus', v)} />
        <FilterSelect id="n-kind" label={t('notifications.kind')} value={kind} onChange={change(setKind)} options={KINDS} optionLabel={(k) => enumLabel(t, 'notificationKind', k)} />
        <div className="field grow">
          <label htmlFor="n-q">{t('notifications.search')}</label>
          <input id="n-q" type="search" value={q} placeholder={t('notifications.searchPlaceholder')} onChange={(e) => change(setQ)(e.target.value)} />
        </div>
      </div>
      <PagedTable
        query={list}
        paging={paging}
        range={false}
        title={(n) => t('notifications.count', { n: f.number(n) })}
        columns={columns}
        rowKey={(n) => n.id}
        rowData={(n) => ({ 'data-notification': n.id, 'data-subject': n.subjectId, 'data-status': n.status })}
        testId="notification-table"
        tableData={{ 'data-direction': direction }}
        empty={t(direction === 'outgoing' ? 'notifications.noneOutgoing' : 'notifications.noneIncoming')}
      />
      <PeerStatusCard />
    </>
  );
}
