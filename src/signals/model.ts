/**
 * Signal rules: the lifecycle state machine (WHO EWARS / event-based surveillance triage), the
 * evidence a signal carries, and ISO-week arithmetic. Pure: no I/O, no clock.
 *
 * Lifecycle:
 *
 *   new ──▶ under-verification ──▶ verified ──▶ risk-assessed ──▶ response ──▶ closed
 *                    │                               │
 *                    └──▶ discarded (terminal)       └──▶ closed (risk judged, no response needed)
 *
 * - `discarded` is terminal: a signal that verification shows to be no real event (an artefact of
 *   reporting, a duplicate, a known cluster) is finished there; it is never "closed" on top, so the
 *   two terminal states say apart "was never an event" and "was an event, now over".
 * - `risk-assessed` requires a risk level; `response` requires a description of the response.
 * - `risk-assessed → closed` is allowed (WHO rapid risk assessment may conclude that monitoring
 *   is enough); the risk level stays on the closed signal.
 * - Every transition records who, when and why (a non-empty reason).
 */

export const SIGNAL_STATUSES = ['new', 'under-verification', 'verified', 'discarded', 'risk-assessed', 'response', 'closed'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

export const RISK_LEVELS = ['low', 'moderate', 'high', 'very-high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Where signals come from. `cross-border` and `manual` are reserved for the next issue. */
export const SIGNAL_KINDS = ['aggregate-detection', 'gate-screening', 'vector-index', 'cross-border', 'manual'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** The states a signal can be in; fields a state needs are present exactly in that state. */
export type SignalState =
  | { status: 'new' }
  | { status: 'under-verification' }
  | { status: 'verified' }
  | { status: 'discarded' }
  | { status: 'risk-assessed'; risk: RiskLevel }
  | { status: 'response'; risk: RiskLevel; response: string }
  | { status: 'closed'; risk: RiskLevel; response: string | null };

/** A request to move a signal; `risk` and `response` only where the target needs them. */
export type TransitionCommand =
  | { to: 'under-verification'; reason: string }
  | { to: 'verified'; reason: string }
  | { to: 'discarded'; reason: string }
  | { to: 'risk-assessed'; reason: string; risk: RiskLevel }
  | { to: 'response'; reason: string; response: string }
  | { to: 'closed'; reason: string };

/** The person (or node) acting. */
export interface Actor {
  id: string;
  name: string;
}

/** One recorded change of status. */
export interface TransitionRecord {
  /** 1, 2, 3… in order; equals the index in the history plus one. */
  seq: number;
  from: SignalStatus;
  to: SignalStatus;
  at: string;
  actor: Actor;
  reason: string;
  risk: RiskLevel | null;
  response: string | null;
}

/** What the state machine works on. */
export interface Lifecycle {
  state: SignalState;
  history: readonly TransitionRecord[];
}

/** Why a transition was refused; `code` is the registered error code. */
export type TransitionError =
  | { code: 'BH_SIGNAL_INVALID_TRANSITION'; from: SignalStatus; to: string }
  | { code: 'BH_SIGNAL_REASON_REQUIRED' }
  | { code: 'BH_SIGNAL_RISK_REQUIRED' }
  | { code: 'BH_SIGNAL_RESPONSE_REQUIRED' }
  | { code: 'BH_SIGNAL_FIELD_NOT_ALLOWED'; field: 'risk' | 'response'; to: SignalStatus };

export type TransitionResult = { ok: true; lifecycle: Lifecycle; record: TransitionRecord } | { ok: false; error: TransitionError };

/** The moves the machine allows from each status. */
export const NEXT: Readonly<Record<SignalStatus, readonly SignalStatus[]>> = {
  new: ['under-verification'],
  'under-verification': ['verified', 'discarded'],
  verified: ['risk-assessed'],
  discarded: [],
  'risk-assessed': ['response', 'closed'],
  response: ['closed'],
  closed: [],
};

/** Statuses no transition leaves. */
export function isTerminal(status: SignalStatus): boolean {
  return NEXT[status].length === 0;
}

/** Names of the statuses for people, in the three languages. */
export const STATUS_LABELS: Readonly<Record<SignalStatus, { vi: string; 'zh-CN': string; en: string }>> = {
  new: { vi: 'mới', 'zh-CN': '新信号', en: 'new' },
  'under-verification': { vi: 'đang xác minh', 'zh-CN': '核实中', en: 'under verification' },
  verified: { vi: 'đã xác minh', 'zh-CN': '已核实', en: 'verified' },
  discarded: { vi: 'đã loại bỏ', 'zh-CN': '已排除', en: 'discarded' },
  'risk-assessed': { vi: 'đã đánh giá nguy cơ', 'zh-CN': '已完成风险评估', en: 'risk-assessed' },
  response: { vi: 'đang đáp ứng', 'zh-CN': '响应中', en: 'in response' },
  closed: { vi: 'đã đóng', 'zh-CN': '已关闭', en: 'closed' },
};

export const MAX_REASON_LENGTH = 4000;

const isStatus = (s: unknown): s is SignalStatus => typeof s === 'string' && (SIGNAL_STATUSES as readonly string[]).includes(s);
const isRisk = (s: unknown): s is RiskLevel => typeof s === 'string' && (RISK_LEVELS as readonly string[]).includes(s);
const filled = (s: unknown): s is string => typeof s === 'string' && s.trim().length > 0;

/** The parameters the localized invalid-transition message needs (status codes and their names). */
export function transitionErrorParams(e: TransitionError): Record<string, unknown> {
  if (e.code === 'BH_SIGNAL_INVALID_TRANSITION') {
    const label = (s: string) => (isStatus(s) ? STATUS_LABELS[s] : { vi: s, 'zh-CN': s, en: s });
    const f = label(e.from);
    const t = label(e.to);
    return { from: e.from, to: e.to, fromVi: f.vi, toVi: t.vi, fromZh: f['zh-CN'], toZh: t['zh-CN'], fromEn: f.en, toEn: t.en };
  }
  if (e.code === 'BH_SIGNAL_FIELD_NOT_ALLOWED') return { field: e.field, to: e.to };
  return {};
}

/**
 * Applies a command to a signal's lifecycle: the new lifecycle (history with one record appended)
 * or why not. Accepts loosely typed input (from an API body) and checks every field itself.
 */
export function transition(signal: Lifecycle, command: { to: string; reason?: unknown; risk?: unknown; response?: unknown }, actor: Actor, now: Date): TransitionResult {
  const from = signal.state.status;
  const to = command.to;
  if (!isStatus(to) || !NEXT[from].includes(to)) return { ok: false, error: { code: 'BH_SIGNAL_INVALID_TRANSITION', from, to } };
  if (!filled(command.reason)) return { ok: false, error: { code: 'BH_SIGNAL_REASON_REQUIRED' } };
  if (command.risk != null && to !== 'risk-assessed') return { ok: false, error: { code: 'BH_SIGNAL_FIELD_NOT_ALLOWED', field: 'risk', to } };
  if (command.response != null && to !== 'response') return { ok: false, error: { code: 'BH_SIGNAL_FIELD_NOT_ALLOWED', field: 'response', to } };

  let state: SignalState;
  switch (to) {
    case 'risk-assessed':
      if (!isRisk(command.risk)) return { ok: false, error: { code: 'BH_SIGNAL_RISK_REQUIRED' } };
      state = { status: to, risk: command.risk };
      break;
    case 'response': {
      if (!filled(command.response)) return { ok: false, error: { code: 'BH_SIGNAL_RESPONSE_REQUIRED' } };
      // only reachable from risk-assessed (NEXT), which carries the risk
      const risk = (signal.state as { risk: RiskLevel }).risk;
      state = { status: to, risk, response: command.response.trim() };
      break;
    }
    case 'closed': {
      const s = signal.state as Extract<SignalState, { status: 'risk-assessed' | 'response' }>;
      state = { status: to, risk: s.risk, response: s.status === 'response' ? s.response : null };
      break;
    }
    default:
      state = { status: to } as SignalState;
  }
  const record: TransitionRecord = {
    seq: signal.history.length + 1,
    from,
    to,
    at: now.toISOString(),
    actor: { id: actor.id, name: actor.name },
    reason: command.reason.trim(),
    risk: 'risk' in state ? state.risk : null,
    response: 'response' in state ? state.response : null,
  };
  return { ok: true, lifecycle: { state, history: [...signal.history, record] }, record };
}

/** The lifecycle of a new signal. */
export function initialLifecycle(): Lifecycle {
  return { state: { status: 'new' }, history: [] };
}

/**
 * Checks a lifecycle's invariants: the state is well-formed for its status, and replaying the
 * history from `new` through the machine gives exactly that state. Answers the problems found.
 */
export function lifecycleProblems(l: Lifecycle): string[] {
  const problems: string[] = [];
  const s = l.state as Record<string, unknown> & { status: unknown };
  if (!isStatus(s.status)) return [`unknown status ${String(s.status)}`];
  const needsRisk = s.status === 'risk-assessed' || s.status === 'response' || s.status === 'closed';
  if (needsRisk !== isRisk(s.risk)) problems.push(`status ${s.status} ${needsRisk ? 'needs' : 'must not have'} a risk level`);
  if (s.status === 'response' && !filled(s.response)) problems.push('status response needs a response description');
  let replay: Lifecycle = initialLifecycle();
  let lastAt = '';
  l.history.forEach((h, i) => {
    if (h.seq !== i + 1) problems.push(`history ${i}: seq ${h.seq}`);
    if (h.from !== replay.state.status) problems.push(`history ${i}: from ${h.from} but the signal was ${replay.state.status}`);
    if (h.at < lastAt) problems.push(`history ${i}: earlier than the entry before`);
    lastAt = h.at;
    if (!filled(h.reason) || !h.actor?.id) problems.push(`history ${i}: no reason or actor`);
    const r = transition(replay, { to: h.to, reason: h.reason, risk: h.to === 'risk-assessed' ? h.risk : undefined, response: h.to === 'response' ? h.response : undefined }, h.actor, new Date(h.at));
    if (!r.ok) problems.push(`history ${i}: ${h.from} → ${h.to} is not a valid move (${r.error.code})`);
    else replay = r.lifecycle;
  });
  if (JSON.stringify(replay.state) !== JSON.stringify(l.state)) problems.push('the state does not follow from the history');
  return problems;
}

// ───────────────────────────── evidence ─────────────────────────────

/** One judged week of a series, as the detector answered it. */
export interface JudgedWeek {
  week: string;
  observed: number;
  expected: number | null;
  upperbound: number | null;
  alarm: boolean | null;
}

/** Why an aggregate-detection signal exists: the series and the detector's judgement. */
export interface AggregateEvidence {
  kind: 'aggregate-detection';
  area: string;
  disease: string;
  /** The ISO week the alarm is for. */
  week: string;
  observed: number;
  expected: number | null;
  /** Null when the method raised the alarm without a finite bound. */
  upperbound: number | null;
  method: string;
  /** The full, defaults-filled parameters the detector ran with. */
  params: Record<string, unknown>;
  /** Why this method: e.g. "6.2 years of history: Farrington–Noufaily with b = 5". */
  methodReason: string;
  /** Plain statement of the alarm. */
  reason: string;
  /** Every week of the run's judged range, with its answer. */
  judged: JudgedWeek[];
  /** Weeks of the judged range that alarmed. */
  alarmWeeks: string[];
  /** The series up to and including the judged week (at most `EVIDENCE_WEEKS` weeks). */
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
  /** The reporting days before the judged day that the baseline is drawn from, with their counts. */
  baseline: { dates: string[]; counts: number[] };
}

/** Why a gate-screening signal exists: the day's screening and the rules it broke. */
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

/** Why a vector-index signal exists: the surveys of an area and day and the thresholds reached. */
export interface VectorEvidence {
  kind: 'vector-index';
  area: string;
  date: string;
  surveyKind: 'mosquito' | 'rodent';
  exceeded: { index: VectorIndex; value: number; threshold: number }[];
  surveys: Partial<Record<VectorIndex, number | null>>[];
  reason: string;
}

/** Evidence of the kinds to come (shared cross-border signals, event-based manual reports). */
export interface OtherEvidence {
  kind: 'cross-border' | 'manual';
  [field: string]: unknown;
}

export type Evidence = AggregateEvidence | GateEvidence | VectorEvidence | OtherEvidence;

export const EVIDENCE_WEEKS = 104;

// ───────────────────────────── records ─────────────────────────────
// The shapes of signals and detection runs as the store answers them and the API sends them (the
// web app imports these types; they live here, apart from the store's I/O, so that it can).

/** A signal as the API and other capabilities see it. */
export interface Signal {
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
  evidence: Evidence;
  runId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SignalComment {
  id: string;
  signalId: string;
  author: Actor;
  text: string;
  at: string;
}

export interface SignalDetail extends Signal {
  history: TransitionRecord[];
  comments: SignalComment[];
}

export const RUN_TRIGGERS = ['schedule', 'import', 'manual'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** running → succeeded | partial (some series or sources failed) | failed; interrupted: the node stopped mid-run. */
export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'interrupted';

/** Counts for one source of signals within a run. */
export interface SourceCounts {
  /** Series (aggregate), gate-days or area-days looked at. */
  judged: number;
  /** Looked at but no judgement possible (too little history, no recent data, no fit). */
  notJudgeable: number;
  alarms: number;
  created: number;
  errors: number;
}

export interface RunDetail {
  aggregate: SourceCounts & { series: number; methods: Record<string, number>; weeks: string[] };
  gate: SourceCounts;
  vector: SourceCounts;
  /** The first errors (at most 50), enough to find what failed. */
  errorSamples: { source: 'aggregate' | 'gate' | 'vector' | 'run'; subject: string; message: string }[];
  durationMs: number | null;
}

/** One run of detection, as recorded. */
export interface DetectionRun {
  id: string;
  trigger: RunTrigger;
  requestedBy: string | null;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  seriesJudged: number;
  alarms: number;
  signalsCreated: number;
  errors: number;
  detail: RunDetail;
}

// ───────────────────────────── ISO weeks and dates ─────────────────────────────

const DAY = 86_400_000;
const WEEK_RE = /^(\d{4})-W(\d{2})$/;

function isoWeekParts(ms: number): { year: number; week: number } {
  const d = new Date(ms);
  const dow = d.getUTCDay() || 7;
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) + (4 - dow) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY / 7) };
}

/** The ISO week ('2024-W05') a calendar date ('2024-02-01') lies in. */
export function isoWeekOf(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(ms)) throw new RangeError(`not a date: ${date}`);
  const { year, week } = isoWeekParts(ms);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday (UTC midnight, ms) of an ISO week; throws on a malformed or non-existent week. */
export function weekStart(week: string): number {
  const m = WEEK_RE.exec(week);
  if (!m) throw new RangeError(`not an ISO week: ${week}`);
  const year = Number(m[1]);
  const w = Number(m[2]);
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() || 7) - 1) * DAY + (w - 1) * 7 * DAY;
  const back = isoWeekParts(monday);
  if (w < 1 || back.year !== year || back.week !== w) throw new RangeError(`no such ISO week: ${week}`);
  return monday;
}

/** The week `n` weeks after (or before, n < 0) the given one. */
export function addWeeks(week: string, n: number): string {
  const { year, week: w } = isoWeekParts(weekStart(week) + n * 7 * DAY);
  return `${year}-W${String(w).padStart(2, '0')}`;
}

/** How many weeks `b` lies after `a`. */
export function weeksBetween(a: string, b: string): number {
  return Math.round((weekStart(b) - weekStart(a)) / (7 * DAY));
}

/** A calendar date `n` days after the given one. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** The calendar date of an instant in a time zone ('Asia/Ho_Chi_Minh'); UTC without one. */
export function localDate(now: Date, timeZone?: string): string {
  if (!timeZone) return now.toISOString().slice(0, 10);
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The last ISO week that has ended on the given local date (the week before the date's week). */
export function lastCompletedWeek(today: string): string {
  return addWeeks(isoWeekOf(today), -1);
}
