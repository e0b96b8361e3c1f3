/** The signals API (`/api/signals`): shapes as the node answers them, and the queries over them. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export const SIGNAL_STATUSES = ['new', 'under-verification', 'verified', 'discarded', 'risk-assessed', 'response', 'closed'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

/** Statuses still being worked on (not discarded or closed). */
export const OPEN_STATUSES: readonly SignalStatus[] = ['new', 'under-verification', 'verified', 'risk-assessed', 'response'];

export const RISK_LEVELS = ['low', 'moderate', 'high', 'very-high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const SIGNAL_KINDS = ['aggregate-detection', 'gate-screening', 'vector-index', 'cross-border', 'manual'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export interface Actor {
  id: string;
  name: string;
}

interface SignalFields {
  id: string;
  kind: SignalKind;
  /** Area code, or gate id for gate signals. */
  place: string;
  /** Disease code; a syndrome for gate screening, the vector-borne disease for vector indices. */
  disease: string;
  /** ISO week (2024-W05) for weekly detection, a date for daily sources. */
  period: string;
  party: string;
  area: string;
  areaPath: string[];
  gate: string | null;
  status: SignalStatus;
  risk: RiskLevel | null;
  response: string | null;
  runId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SignalSummary extends SignalFields {
  /** The evidence in one sentence, as the detector wrote it (not translated). */
  summary: string;
}

export interface JudgedWeek {
  week: string;
  observed: number;
  expected: number | null;
  upperbound: number | null;
  alarm: boolean | null;
}

export interface AggregateEvidence {
  kind: 'aggregate-detection';
  area: string;
  disease: string;
  week: string;
  observed: number;
  expected: number | null;
  upperbound: number | null;
  method: string;
  params: Record<string, unknown>;
  methodReason: string;
  reason: string;
  judged: JudgedWeek[];
  alarmWeeks: string[];
  series: { firstWeek: string; counts: number[] };
}

export interface GateShareRule {
  rule: 'symptomatic-share';
  share: number;
  threshold: number;
  minScreened: number;
  minSymptomatic: number;
}

export interface GateJumpRule {
  rule: 'symptomatic-jump';
  observed: number;
  upperbound: number;
  method: 'ears';
  params: Record<string, unknown>;
  baseline: { dates: string[]; counts: number[] };
}

export interface GateEvidence {
  kind: 'gate-screening';
  gate: string;
  date: string;
  people: number;
  symptomatic: number;
  referred: number;
  quarantined: number;
  rules: (GateShareRule | GateJumpRule)[];
  reason: string;
}

export const VECTOR_INDICES = ['houseIndex', 'breteauIndex', 'containerIndex', 'rodentDensity', 'fleaIndex'] as const;
export type VectorIndex = (typeof VECTOR_INDICES)[number];

export interface VectorEvidence {
  kind: 'vector-index';
  area: string;
  date: string;
  surveyKind: 'mosquito' | 'rodent';
  exceeded: { index: VectorIndex; value: number; threshold: number }[];
  surveys: Partial<Record<VectorIndex, number | null>>[];
  reason: string;
}

export interface OtherEvidence {
  kind: 'cross-border' | 'manual';
  [field: string]: unknown;
}

export type Evidence = AggregateEvidence | GateEvidence | VectorEvidence | OtherEvidence;

export interface Transition {
  seq: number;
  from: SignalStatus;
  to: SignalStatus;
  at: string;
  actor: Actor;
  reason: string;
  risk: RiskLevel | null;
  response: string | null;
}

export interface SignalComment {
  id: string;
  signalId: string;
  author: Actor;
  text: string;
  at: string;
}

export interface SignalDetail extends SignalFields {
  evidence: Evidence;
  history: Transition[];
  comments: SignalComment[];
  /** The statuses the signal may move to now. */
  next: SignalStatus[];
}

export interface SignalPage {
  items: SignalSummary[];
  total: number;
  limit: number;
  offset: number;
}

export interface SignalFilter {
  status?: SignalStatus | '';
  risk?: RiskLevel | '';
  disease?: string;
  area?: string;
  kind?: SignalKind | '';
  limit?: number;
  offset?: number;
}

export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'interrupted';

interface SourceCounts {
  judged: number;
  notJudgeable: number;
  alarms: number;
  created: number;
  errors: number;
}

export interface DetectionRun {
  id: string;
  trigger: 'schedule' | 'import' | 'manual';
  requestedBy: string | null;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  seriesJudged: number;
  alarms: number;
  signalsCreated: number;
  errors: number;
  detail: {
    aggregate: SourceCounts & { series: number; methods: Record<string, number>; weeks: string[] };
    gate: SourceCounts;
    vector: SourceCounts;
    errorSamples: { source: string; subject: string; message: string }[];
    durationMs: number | null;
  };
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

/** A filter as query parameters: empty values left out (they mean "any"). */
export const cleanFilter = (f: SignalFilter) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== '' && v !== undefined)) as Record<string, string | number>;

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
