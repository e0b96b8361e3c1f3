/** The notifications API (`/api/notifications`, `/api/identity-requests`) and the exchange's peer status. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { cleanFilter, listOf, type Page } from '../api/lists';
import type { CaseNotificationBody, SignalShareBody } from '../../../src/notifications/messages';
import type {
  Direction,
  EventView,
  IdentityPurpose,
  IdentityRequestView,
  IdentityStatus,
  Interval,
  IntervalStats,
  Kind,
  LegalBasisCode,
  MessageKind,
  NotificationStatus,
  NotificationView,
  TimelinessGroup,
} from '../../../src/notifications/model';
import type { Route } from '../../../src/notifications/routing';
import type { CaseIdentity } from '../../../src/surveillance/model';

export type { Direction, Interval, IntervalStats, MessageKind, NotificationStatus, Route };

export const OUTGOING_STATUSES: readonly NotificationStatus[] = ['unrouted', 'queued', 'delivered', 'acknowledged', 'failed'];
export const INCOMING_STATUSES: readonly NotificationStatus[] = ['received', 'acknowledged'];
export const MESSAGE_KINDS = listOf<MessageKind>()(['request', 'answer', 'information']);
export const IDENTITY_PURPOSES = listOf<IdentityPurpose>()(['contact-tracing', 'case-investigation', 'outbreak-response']);
export const LEGAL_BASES = listOf<LegalBasisCode>()(['ihr-2005-art-45', 'vn-law-03-2007-qh12', 'cn-infectious-disease-law', 'cooperation-agreement', 'other']);

/** The body of a case notification (`notification.case`). */
export type CaseBody = CaseNotificationBody;
/** The body of a shared signal (`signal.share`). */
export type SignalBody = SignalShareBody;
export type CurvePoint = SignalShareBody['evidence']['curve'][number];

/**
 * A notification as the list and the record answer it; the node types `route` and `body` as
 * unknown (they are stored as sent), the page reads them as what they are.
 */
export interface Notification extends Omit<NotificationView, 'route' | 'body'> {
  route: Route | { agreements: string[] } | null;
  body: CaseBody | SignalBody | null;
}

export interface ThreadEvent extends Omit<EventView, 'side' | 'detail'> {
  side: 'sent' | 'received' | 'local';
  detail: Record<string, unknown> | null;
}

export interface IdentityRequest extends Omit<IdentityRequestView, 'status'> {
  status: IdentityStatus;
}

export interface NotificationDetail extends Notification {
  events: ThreadEvent[];
  identityRequests: IdentityRequest[];
  message: { id: string; status: string; queuedAt: string | null; deliveredAt: string | null; receivedAt: string | null; appliedAt: string | null; acknowledgedAt: string | null; receipt: string | null } | null;
}

export interface NotificationFilter {
  direction?: Direction;
  kind?: Kind | '';
  status?: NotificationStatus | '';
  disease?: string;
  peer?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export interface PeerStatus {
  party: string;
  baseUrl: string;
  reachable: boolean | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  lastDeliveredAt: string | null;
  queueDepth: number;
  oldestUndeliveredAgeSeconds: number | null;
  undeliverable: number;
}

export interface Timeliness {
  direction: Direction;
  intervals: Interval[];
  groups: TimelinessGroup[];
}

/** Identifiers of a case, revealed under an approved request. */
export interface IdentityValues extends CaseIdentity {
  requestId: string;
}

/** Notifications change as peers answer: lists and records refresh every few seconds. */
const LIVE = { refetchInterval: 3000 };

export const useNotifications = (filter: NotificationFilter) =>
  useQuery({
    queryKey: ['notifications', 'list', cleanFilter(filter)],
    queryFn: ({ signal }) => api<Page<Notification>>('/api/notifications', { signal, query: cleanFilter(filter) }),
    placeholderData: keepPreviousData,
    ...LIVE,
  });

export const useNotification = (id: string) =>
  useQuery({ queryKey: ['notifications', 'one', id], queryFn: ({ signal }) => api<NotificationDetail>(`/api/notifications/${encodeURIComponent(id)}`, { signal }), ...LIVE });

export const usePeers = (enabled = true) =>
  useQuery({ queryKey: ['exchange', 'peers'], queryFn: ({ signal }) => api<PeerStatus[]>('/api/exchange/peers', { signal }), enabled, refetchInterval: 5000 });

export const usePartners = () =>
  useQuery({
    queryKey: ['notifications', 'partners'],
    queryFn: ({ signal }) => api<{ party: string; notification: string[]; informationSharing: string[] }[]>('/api/notifications/partners', { signal }),
    staleTime: 60_000,
  });

export const useTimeliness = (q: { direction: Direction; peer?: string; disease?: string }) =>
  useQuery({
    queryKey: ['notifications', 'timeliness', q],
    queryFn: ({ signal }) => api<Timeliness>('/api/notifications/timeliness', { signal, query: { ...q } }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['notifications'] });
}

export function useAcknowledge(id: string) {
  const done = useInvalidate();
  return useMutation({ mutationFn: (note: string | null) => api<NotificationDetail>(`/api/notifications/${id}/acknowledge`, { method: 'POST', body: { note } }), onSuccess: done });
}

export function usePostMessage(id: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (m: { text: string; kind: MessageKind; inReplyTo?: string | null }) => api<NotificationDetail>(`/api/notifications/${id}/messages`, { method: 'POST', body: m }),
    onSuccess: done,
  });
}

export function useRequestIdentity(id: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (r: { purpose: string; legalBasis: { code: string; text: string } }) => api<IdentityRequest>(`/api/notifications/${id}/identity-requests`, { method: 'POST', body: r }),
    onSuccess: done,
  });
}

export function useDecideIdentity() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (d: { id: string; approve: boolean; reason: string | null }) =>
      api<IdentityRequest>(`/api/identity-requests/${d.id}/decision`, { method: 'POST', body: { approve: d.approve, reason: d.reason } }),
    onSuccess: done,
  });
}

export function useRevealIdentity() {
  return useMutation({ mutationFn: (requestId: string) => api<IdentityValues>(`/api/identity-requests/${requestId}/identity`) });
}

export function useShareSignal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: { id: string; to?: string[]; note?: string | null }) =>
      api<{ notifications: Notification[] }>(`/api/notifications/signals/${s.id}/share`, { method: 'POST', body: { ...(s.to ? { to: s.to } : {}), note: s.note ?? null } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
