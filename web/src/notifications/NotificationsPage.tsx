import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../auth/session';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { useDebounced, useSyncSearch } from '../app/hooks';
import { Link } from '../app/router';
import { Card, Empty, ErrorBox, Loading, PageHeader } from '../app/ui';
import { useDiseaseName, usePlaces } from '../early-warning/names';
import { INCOMING_STATUSES, OUTGOING_STATUSES, useNotifications, type Direction, type Notification, type NotificationStatus } from './api';
import { NotificationStatusBadge, PeerStatusCard, StatusTimeline, usePartyName } from './parts';

const PAGE_SIZE = 25;

function Row({ n }: { n: Notification }) {
  const { t } = useTranslation();
  const f = useFormat();
  const diseaseName = useDiseaseName();
  const places = usePlaces();
  const partyName = usePartyName();
  const disease = n.diseaseLocal ?? n.disease;
  return (
    <tr data-notification={n.id} data-subject={n.subjectId} data-status={n.status}>
      <td>
        <NotificationStatusBadge status={n.status} />
      </td>
      <td>
        <Link to={`/notifications/${encodeURIComponent(n.id)}`} className="signal-link">
          {disease ? diseaseName(disease) : '—'}
        </Link>
        <div className="small faint">
          {enumLabel(t, 'notificationKind', n.kind)}
          {n.classification ? ` · ${enumLabel(t, 'classification', n.classification)}` : ''}
        </div>
      </td>
      <td>
        <div>{partyName(n.peer || n.origin)}</div>
        <div className="small faint">{n.direction === 'outgoing' ? t('notifications.to') : t('notifications.from')}</div>
      </td>
      <td>
        <div>{n.gate ? places.gateName(n.gate) : n.area ? places.areaName(n.area) : '—'}</div>
      </td>
      <td className="small">
        <StatusTimeline n={n} compact />
      </td>
      <td className="nowrap small">{f.dateTime(n.updatedAt)}</td>
    </tr>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const initial = new URLSearchParams(window.location.search);
  const [direction, setDirection] = useState<Direction>(initial.get('direction') === 'incoming' ? 'incoming' : 'outgoing');
  const [status, setStatus] = useState<NotificationStatus | ''>((initial.get('status') as NotificationStatus) ?? '');
  const [kind, setKind] = useState<'case' | 'signal' | ''>((initial.get('kind') as 'case' | 'signal') ?? '');
  const [q, setQ] = useState(initial.get('q') ?? '');
  const [page, setPage] = useState(0);
  const query = useDebounced(q);
  useSyncSearch({ direction, status, kind, q: query });
  const list = useNotifications({ direction, status, kind, q: query, limit: PAGE_SIZE, offset: page * PAGE_SIZE });
  const statuses = direction === 'outgoing' ? OUTGOING_STATUSES : INCOMING_STATUSES;
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const switchTo = (d: Direction) => {
    setDirection(d);
    setStatus('');
    setPage(0);
  };
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
        <div className="field">
          <label htmlFor="n-status">{t('notifications.status')}</label>
          <select
            id="n-status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as NotificationStatus | '');
              setPage(0);
            }}
          >
            <option value="">{t('common.all')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {enumLabel(t, 'notificationStatus', s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="n-kind">{t('notifications.kind')}</label>
          <select
            id="n-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as 'case' | 'signal' | '');
              setPage(0);
            }}
          >
            <option value="">{t('common.all')}</option>
            {(['case', 'signal'] as const).map((k) => (
              <option key={k} value={k}>
                {enumLabel(t, 'notificationKind', k)}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="n-q">{t('notifications.search')}</label>
          <input
            id="n-q"
            type="search"
            value={q}
            placeholder={t('notifications.searchPlaceholder')}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(0);
            }}
          />
        </div>
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card
          flush
          title={t('notifications.count', { n: f.number(total) })}
          actions={
            total > PAGE_SIZE ? (
              <div className="pager">
                <button type="button" className="btn btn-small" onClick={() => setPage((p) => p - 1)} disabled={page === 0}>
                  {t('board.previous')}
                </button>
                <button type="button" className="btn btn-small" onClick={() => setPage((p) => p + 1)} disabled={page >= pages - 1}>
                  {t('board.next')}
                </button>
              </div>
            ) : null
          }
        >
          {list.data.items.length ? (
            <div className="table-wrap">
              <table className="table" data-testid="notification-table" data-direction={direction}>
                <thead>
                  <tr>
                    <th>{t('notifications.status')}</th>
                    <th>{t('notifications.subject')}</th>
                    <th>{t('notifications.partner')}</th>
                    <th>{t('notifications.place')}</th>
                    <th>{t('notifications.timeline')}</th>
                    <th>{t('notifications.updated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((n) => (
                    <Row key={n.id} n={n} />
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <Empty>{t(direction === 'outgoing' ? 'notifications.noneOutgoing' : 'notifications.noneIncoming')}</Empty>
          )}
        </Card>
      )}
      <PeerStatusCard />
    </>
  );
}
