/** The signals API (`/api/signals`): shapes as the node answers them, and the queries over them. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { cleanFilter, listOf, type Page } from './lists';
import type {
  Actor,
  AggregateEvidence,
  DetectionRun,
  Evidence,
  GateEvidence,
  GateJumpRule,
  GateShareRule,
  JudgedWeek,
  OtherEvidence,
  RiskLevel,
  RunStatus,
  Signal,
  SignalComment,
  SignalDetail as StoredSignal,
  SignalKind,
  SignalStatus,
  VectorEvidence,
  VectorIndex,
} from '../../../src/signals/model';

export type { Actor, AggregateEvidence, DetectionRun, Evidence, GateEvidence, GateJumpRule, GateShareRule, JudgedWeek, OtherEvidence, RiskLevel, RunStatus, SignalComment, SignalKind, SignalStatus, VectorEvidence, VectorIndex };
export { cleanFilter };

export const SIGNAL_STATUSES = listOf<SignalStatus>()(['new', 'under-verification', 'verified', 'discarded', 'risk-assessed', 'response', 'closed']);

/** Statuses still being worked on (not discarded or closed). */
export const OPEN_STATUSES: readonly SignalStatus[] = ['new', 'under-verification', 'verified', 'risk-assessed', 'response'];

export const RISK_LEVELS = listOf<RiskLevel>()(['low', 'moderate', 'high', 'very-high']);
export const SIGNAL_KINDS = listOf<SignalKind>()(['aggregate-detection', 'gate-screening', 'vector-index', 'cross-border', 'manual']);
export const VECTOR_INDICES = listOf<VectorIndex>()(['houseIndex', 'breteauIndex', 'containerIndex', 'rodentDensity', 'fleaIndex']);

/** A signal in the list: its evidence stays on the node, summed up in one sentence. */
export interface SignalSummary extends Omit<Signal, 'evidence'> {
  /** The evidence in one sentence, as the detector wrote it (not translated). */
  summary: string;
}

export interface SignalDetail extends StoredSignal {
  /** The statuses the signal may move to now. */
  next: SignalStatus[];
}

export type SignalPage = Page<SignalSummary>;

export interface SignalFilter {
  status?: SignalStatus | '';
  risk?: RiskLevel | '';
  disease?: string;
  area?: string;
  kind?: SignalKind | '';
  limit?: number;
  offset?: number;
}

export interface RunsPage {
  runs: DetectionRun[];
  busy: boolean;
  nextScheduled: string | null;
}

export interface TransitionRequest {
  to: SignalStatus;
  reason: string;
  risk?: RiskLevel;
  response?: string;
}

export const useSignals = (filter: SignalFilter) =>
  useQuery({
    queryKey: ['signals', 'list', cleanFilter(filter)],
    queryFn: ({ signal }) => api<SignalPage>('/api/signals', { signal, query: cleanFilter(filter) }),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

export const useSignal = (id: string) =>
  useQuery({
    queryKey: ['signals', 'detail', id],
    queryFn: ({ signal }) => api<SignalDetail>(`/api/signals/${encodeURIComponent(id)}`, { signal }),
    enabled: !!id,
    staleTime: 5_000,
  });

/** The recent detection runs; asked again every few seconds while one is running. */
export const useRuns = (limit = 10) =>
  useQuery({
    queryKey: ['signals', 'runs', limit],
    queryFn: ({ signal }) => api<RunsPage>('/api/signals/runs', { signal, query: { limit } }),
    refetchInterval: (q) => (q.state.data?.busy || q.state.data?.runs[0]?.status === 'running' ? 2_000 : false),
    staleTime: 5_000,
  });

export function useTriggerRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ state: 'started' | 'coalesced' }>('/api/signals/runs', { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['signals'] }),
  });
}

export function useTransition(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionRequest) => api<SignalDetail>(`/api/signals/${encodeURIComponent(id)}/transitions`, { method: 'POST', body }),
    onSuccess: async (detail) => {
      qc.setQueryData(['signals', 'detail', id], detail);
      await qc.invalidateQueries({ queryKey: ['signals', 'list'] });
    },
  });
}

export function useAddComment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => api<SignalComment>(`/api/signals/${encodeURIComponent(id)}/comments`, { method: 'POST', body: { text } }),
    onSuccess: (comment) => {
      qc.setQueryData<SignalDetail>(['signals', 'detail', id], (d) => (d ? { ...d, comments: [...d.comments, comment] } : d));
    },
  });
}
