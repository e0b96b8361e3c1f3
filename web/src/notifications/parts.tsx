/** Pieces the notification pages share: status badge, status timeline, durations, partner names and peer status. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useParties } from '../api/queries';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Badge, Card, Empty, ErrorBox, Loading, type Tone } from '../app/ui';
import { usePeers, type Interval, type Notification, type NotificationStatus } from './api';

export const STATUS_TONE: Record<NotificationStatus, Tone> = {
  unrouted: 'warning',
  queued: 'info',
  delivered: 'info',
  acknowledged: 'success',
  failed: 'danger',
  received: 'warning',
};

export function NotificationStatusBadge({ status, testId }: { status: NotificationStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span data-testid={testId} data-status={status}>
      <Badge tone={STATUS_TONE[status] ?? 'neutral'}>{enumLabel(t, 'notificationStatus', status)}</Badge>
    </span>
  );
}

/** A duration in seconds, in the largest unit that keeps it readable, the UI language's way. */
export function useDuration(): (seconds: number | null | undefined) => string {
  const f = useFormat();
  return useCallback(
    (s: number | null | undefined) => {
      if (s == null) return '—';
      const unit = (u: 'second' | 'minute' | 'hour' | 'day', v: number, digits = 1) =>
        new Intl.NumberFormat(f.locale, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: digits }).format(v);
      if (s < 60) return unit('second', s, s < 10 ? 1 : 0);
      if (s < 3600) return unit('minute', s / 60);
      if (s < 86_400) return unit('hour', s / 3600);
      return unit('day', s / 86_400);
    },
    [f.locale],
  );
}

/** The name of a party in the UI language (its code while the directory loads). */
export function usePartyName(): (code: string) => string {
  const f = useFormat();
  const parties = useParties();
  return useCallback(
    (code: string) => {
      const p = (parties.data ?? []).find((x) => x.code === code);
      return p ? f.text(p.names) : code;
    },
    [parties.data, f],
  );
}

interface Step {
  key: string;
  at: string | null;
  /** The interval that ends at this step. */
  interval: Interval | null;
}

/** The steps of a notification's life, with the time each was reached and how long it took. */
export function stepsOf(n: Notification): Step[] {
  const tl = n.timeline;
  if (n.direction === 'outgoing') {
    const first = n.kind === 'case' ? [{ key: 'confirmed', at: tl.confirmedAt, interval: null }] : [];
    return [
      ...first,
      { key: 'queued', at: tl.queuedAt, interval: n.kind === 'case' ? 'confirmedToQueued' : null },
      { key: 'delivered', at: tl.deliveredAt, interval: 'queuedToDelivered' },
      { key: 'acknowledged', at: tl.acknowledgedAt, interval: 'deliveredToAcknowledged' },
    ];
  }
  const first = n.kind === 'case' ? [{ key: 'confirmed', at: tl.confirmedAt, interval: null }] : [];
  return [...first, { key: 'received', at: tl.receivedAt, interval: n.kind === 'case' ? 'confirmedToReceived' : null }, { key: 'acknowledged', at: tl.acknowledgedAt, interval: 'receivedToAcknowledged' }];
}

/** Confirmed → queued → delivered → acknowledged (or confirmed → received → acknowledged), with times and durations. */
export function StatusTimeline({ n, compact }: { n: Notification; compact?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const dur = useDuration();
  const steps = stepsOf(n);
  return (
    <div
      data-testid="status-timeline"
      role="list"
      aria-label={t('notifications.timelineLabel')}
      style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: compact ? '0.25rem 0.35rem' : '0.5rem 1rem' }}
    >
      {steps.map((s, i) => (
        <div key={s.key} role="listitem" data-step={s.key} data-reached={s.at ? 'yes' : 'no'} style={{ display: 'flex', alignItems: 'flex-start', gap: compact ? '0.35rem' : '1rem' }}>
          <div style={compact ? undefined : { minWidth: '9rem' }} title={s.at ? f.dateTime(s.at) : undefined}>
            <Badge tone={s.at ? (s.key === 'acknowledged' ? 'success' : 'info') : 'neutral'}>{enumLabel(t, 'notificationStep', s.key)}</Badge>
            {!compact ? <div className="small faint">{s.at ? f.dateTime(s.at) : '—'}</div> : null}
            {!compact && s.interval && s.at && n.durations[s.interval] != null ? <div className="small muted">+{dur(n.durations[s.interval])}</div> : null}
          </div>
          {i < steps.length - 1 ? (
            <span className="faint" aria-hidden="true">
              →
            </span>
          ) : null}
        </div>
      ))}
    </div>
  );
}

/** Each partner node: reachable, queue depth, oldest undelivered message, last error (from the exchange). */
export function PeerStatusCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const dur = useDuration();
  const partyName = usePartyName();
  const peers = usePeers();
  return (
    <Card title={t('notifications.peers.title')} flush>
      {peers.isPending ? (
        <Loading />
      ) : peers.isError ? (
        <ErrorBox error={peers.error} onRetry={() => void peers.refetch()} />
      ) : peers.data.length === 0 ? (
        <Empty>{t('notifications.peers.none')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="peer-status">
            <thead>
              <tr>
                <th>{t('notifications.peers.partner')}</th>
                <th>{t('notifications.peers.link')}</th>
                <th>{t('notifications.peers.queue')}</th>
                <th>{t('notifications.peers.oldest')}</th>
                <th>{t('notifications.peers.lastDelivered')}</th>
                <th>{t('notifications.peers.lastError')}</th>
              </tr>
            </thead>
            <tbody>
              {peers.data.map((p) => (
                <tr key={p.party} data-peer={p.party}>
                  <td>
                    {partyName(p.party)} <span className="small faint">{p.party}</span>
                  </td>
                  <td>
                    <Badge tone={p.reachable === null ? 'neutral' : p.reachable ? 'success' : 'danger'}>
                      {t(p.reachable === null ? 'notifications.peers.unknown' : p.reachable ? 'notifications.peers.reachable' : 'notifications.peers.unreachable')}
                    </Badge>
                  </td>
                  <td>
                    {f.number(p.queueDepth)}
                    {p.undeliverable ? <span className="small faint"> · {t('notifications.peers.undeliverable', { n: f.number(p.undeliverable) })}</span> : null}
                  </td>
                  <td>{p.oldestUndeliveredAgeSeconds == null ? '—' : dur(p.oldestUndeliveredAgeSeconds)}</td>
                  <td className="small">{f.dateTime(p.lastDeliveredAt)}</td>
                  <td className="small">{p.lastError ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
