/** The notifications API (`/api/notifications`, `/api/identity-requests`) and the exchange's peer status. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';

export const DIRECTIONS = ['outgoing', 'incoming'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const STATUSES = ['unrouted', 'queued', 'delivered', 'acknowledged', 'failed', 'received'] as const;
export type NotificationStatus = (typeof STATUSES)[number];
export const OUTGOING_STATUSES: readonly NotificationStatus[] = ['unrouted', 'queued', 'delivered', 'acknowledged', 'failed'];
export const INCOMING_STATUSES: readonly NotificationStatus[] = ['received', 'acknowledged'];
export const MESSAGE_KINDS = ['request', 'answer', 'information'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const IDENTITY_PURPOSES = ['contact-tracing', 'case-investigation', 'outbreak-response'] as const;
export const LEGAL_BASES = ['ihr-2005-art-45', 'vn-law-03-2007-qh12', 'cn-infectious-disease-law', 'cooperation-agreement', 'other'] as const;
export const OUTGOING_INTERVALS = ['confirmedToQueued', 'queuedToDelivered', 'deliveredToAcknowledged', 'confirmedToAcknowledged'] as const;
export const INCOMING_INTERVALS = ['confirmedToReceived', 'receivedToAcknowledged', 'confirmedToAcknowledged'] as const;

export interface DiseaseRef {
  code: string;
  system: 'VN' | 'CN';
  relation: string;
  equivalents: string[];
}

export interface CaseData {
  disease: DiseaseRef;
  classification: string;
  onsetDate: string | null;
  reportDate: string;
  confirmationDate: string | null;
  ageGroup: string;
  sex: string;
  entry: { country: string; gate: string | null; date: string } | null;
  infectionPlace: { country: string; area: string | null; description: string | null };
  travel: { place: string; country: string; from: string; to: string | null }[];
  contacts: { vn: number; cn: number };
  outcome: string;
}

export interface CaseBody {
  event: 'notified' | 'updated';
  caseId: string;
  version: number;
  confirmedAt: string | null;
  changed: string[];
  case: CaseData;
}

export interface CurvePoint {
  t: string;
  observed: number | null;
  expected: number | null;
  upperbound: number | null;
  alarm: boolean | null;
}

export interface SignalBody {
  signalId: string;
  kind: string;
  disease: DiseaseRef;
  area: string;
  gate: string | null;
  period: string;
  status: string;
  risk: string | null;
  detectedAt: string;
  sharedAt: string;
  note: string | null;
  evidence: {
    reason: string;
    method: string | null;
    observed: number | null;
    expected: number | null;
    upperbound: number | null;
    curve: CurvePoint[];
    thresholds: { name: string; value: number; threshold: number }[];
  };
}

export type Route =
  | { routed: true; basis: string; concerned: string; area: string | null; node: string; agreements: string[] }
  | { routed: false; reason: string; candidates: { basis: string; concerned: string; node: string; reason: string }[] };

export interface Notification {
  id: string;
  direction: Direction;
  kind: 'case' | 'signal';
  origin: string;
  peer: string;
  subjectId: string;
  status: NotificationStatus;
  disease: string | null;
  diseaseLocal: string | null;
  classification: string | null;
  gate: string | null;
  area: string | null;
  version: number;
  route: Route | { agreements: string[] } | null;
  body: CaseBody | SignalBody | null;
  timeline: { confirmedAt: string | null; queuedAt: string | null; deliveredAt: string | null; receivedAt: string | null; acknowledgedAt: string | null };
  durations: Record<string, number | null>;
  acknowledgement: { at: string; role: string | null; by: string | null; note: string | null } | null;
  firstMessageId: string | null;
  lastMessageId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ThreadEvent {
  id: string;
  type: string;
  side: 'sent' | 'received' | 'local';
  messageId: string | null;
  at: string;
  author: string | null;
  authorRole: string | null;
  text: string | null;
  detail: Record<string, unknown> | null;
}

export interface IdentityRequest {
  id: string;
  direction: Direction;
  notificationId: string;
  peer: string;
  purpose: string;
  legalBasis: { code: string; text: string };
  requester: { name: string; role: string };
  requestedAt: string;
  status: 'pending' | 'approved' | 'refused';
  decidedAt: string | null;
  decidedBy: { name: string; role: string } | null;
  reason: string | null;
  disclosed: boolean;
}

export interface NotificationDetail extends Notification {
  events: ThreadEvent[];
  identityRequests: IdentityRequest[];
  message: { id: string; status: string; queuedAt: string | null; deliveredAt: string | null; receivedAt: string | null; appliedAt: string | null; acknowledgedAt: string | null; receipt: string | null } | null;
}

export interface NotificationFilter {
  direction?: Direction;
  kind?: 'case' | 'signal' | '';
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

export interface IntervalStats {
  count: number;
  open: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  within24h: number | null;
}

export interface Timeliness {
  direction: Direction;
  intervals: string[];
  groups: { peer: string; disease: string; notifications: number; intervals: Record<string, IntervalStats> }[];
}

export interface IdentityValues {
  requestId: string;
  fullName: string;
  idType: string | null;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  dateOfBirth: string | null;
}

const clean = (f: NotificationFilter) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== '' && v !== undefined)) as Record<string, string | number>;

/** Notifications change as peers answer: lists and records refresh every few seconds. */
const LIVE = { refetchInterval: 3000 };

export const useNotifications = (filter: NotificationFilter) =>
  useQuery({
    queryKey: ['notifications', 'list', clean(filter)],
    queryFn: ({ signal }) => api<{ items: Notification[]; total: number }>('/api/notifications', { signal, query: clean(filter) }),
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
