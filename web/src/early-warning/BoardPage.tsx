import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../api/client';
import {
  cleanFilter,
  RISK_LEVELS,
  SIGNAL_KINDS,
  SIGNAL_STATUSES,
  useRuns,
  useSignals,
  useTriggerRun,
  type RiskLevel,
  type SignalFilter,
  type SignalKind,
  type SignalPage,
  type SignalStatus,
  type SignalSummary,
} from '../api/signals';
import { can, useMe } from '../auth/session';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { useSyncSearch } from '../app/hooks';
import { Icon } from '../app/icons';
import { Link } from '../app/router';
import { Badge, Card, ErrorBox, Loading, PageHeader, type Tone } from '../app/ui';
import { FilterSelect, PagedTable, usePaging, type Column } from '../app/PagedTable';
import { periodLabel, RISK_TONE, STATUS_TONE, useDiseaseName, useOwnDiseases, usePlaces } from './names';
import { RiskBadge, StatusBadge } from './badges';

const PAGE_SIZE = 25;
const RUN_TONE: Record<string, Tone> = { succeeded: 'success', partial: 'warning', failed: 'danger', interrupted: 'warning', running: 'info' };

/** When detection last ran, what it found, when it runs next, and (for those allowed) a button to run it now. */
function RunsCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const runs = useRuns(5);
  const trigger = useTriggerRun();
  const last = runs.data?.runs[0];
  const running = runs.data?.busy || last?.status === 'running' || trigger.isPending;
  // When a run ends, the signals it created belong on the board.
  const qc = useQueryClient();
  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && !running) void qc.invalidateQueries({ queryKey: ['signals', 'list'] });
    wasRunning.current = !!running;
  }, [running, qc]);
  const action = can(me.role, 'signalRun') ? (
    <button type="button" className="btn btn-primary btn-small" onClick={() => trigger.mutate()} disabled={running} data-testid="run-detection">
      {running ? <span className="spinner spinner-light" aria-hidden="true" /> : <Icon name="play" size={14} />}
      {running ? t('board.running') : t('board.runNow')}
    </button>
  ) : null;
  return (
    <Card title={t('board.detection')} actions={action} className="runs-card">
      {runs.isPending ? (
        <Loading />
      ) : runs.isError ? (
        <ErrorBox error={runs.error} onRetry={() => void runs.refetch()} />
      ) : (
        <div className="run-facts">
          <div>
            <span className="fact-label">{t('board.lastRun')}</span>
            {last ? (
              <span data-testid="last-run">
                {f.dateTime(last.finishedAt ?? last.startedAt)} <Badge tone={RUN_TONE[last.status] ?? 'neutral'}>{enumLabel(t, 'runStatus', last.status)}</Badge>
              </span>
            ) : (
              <span className="faint">{t('board.neverRun')}</span>
            )}
          </div>
          {last ? (
            <div>
              <span className="fact-label">{t('board.lastRunResult')}</span>
              {t('board.runResult', { series: f.number(last.seriesJudged), alarms: f.number(last.alarms), created: f.number(last.signalsCreated) })}
              <div className="small faint">
                {enumLabel(t, 'runTrigger', last.trigger)}
                {last.detail.durationMs != null ? ` · ${t('board.duration', { seconds: f.number(Math.round(last.detail.durationMs / 100) / 10) })}` : ''}
                {last.errors ? ` · ${t('board.runErrors', { n: f.number(last.errors) })}` : ''}
              </div>
            </div>
          ) : null}
          <div>
            <span className="fact-label">{t('board.nextRun')}</span>
            {runs.data.nextScheduled ? f.dateTime(runs.data.nextScheduled) : <span className="faint">{t('board.noSchedule')}</span>}
          </div>
          {trigger.isError ? <div className="field-error">{errorMessage(trigger.error)}</div> : null}
        </div>
      )}
    </Card>
  );
}

type Counts = Partial<Record<string, number>>;

/** Totals per status and per risk level under the other filters (one small query each). */
function useCounts(base: SignalFilter) {
  const rest = { ...base, status: undefined, risk: undefined, limit: 1, offset: 0 };
  const specs = [
    ...SIGNAL_STATUSES.map((s) => ({ key: `status:${s}`, query: cleanFilter({ ...rest, status: s, risk: base.risk }) })),
    ...RISK_LEVELS.map((r) => ({ key: `risk:${r}`, query: cleanFilter({ ...rest, risk: r, status: base.status }) })),
  ];
  const results = useQueries({
    queries: specs.map((s) => ({
      queryKey: ['signals', 'list', s.query],
      queryFn: ({ signal }: { signal: AbortSignal }) => api<SignalPage>('/api/signals', { signal, query: s.query }),
      staleTime: 10_000,
    })),
  });
  const counts: Counts = {};
  specs.forEach((s, i) => (counts[s.key] = results[i].data?.total));
  return counts;
}

export function BoardPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const initial = new URLSearchParams(window.location.search);
  const [status, setStatus] = useState<SignalStatus | ''>((initial.get('status') as SignalStatus) ?? '');
  const [risk, setRisk] = useState<RiskLevel | ''>((initial.get('risk') as RiskLevel) ?? '');
  const [disease, setDisease] = useState(initial.get('disease') ?? '');
  const [area, setArea] = useState(initial.get('area') ?? '');
  const [kind, setKind] = useState<SignalKind | ''>((initial.get('kind') as SignalKind) ?? '');
  const paging = usePaging(PAGE_SIZE);
  useSyncSearch({ status, risk, disease, area, kind });
  const filter: SignalFilter = { status, risk, disease, area, kind };
  const signals = useSignals({ ...filter, ...paging.window });
  const counts = useCounts(filter);
  const diseaseName = useDiseaseName();
  const diseases = useOwnDiseases();
  const places = usePlaces();
  const change = paging.resetting;
  const extraDiseases = ['symptomatic-travellers', 'dengue', 'plague'];
  const columns: Column<SignalSummary>[] = [
    { header: t('board.status'), cell: (s) => <StatusBadge status={s.status} /> },
    { header: t('board.risk'), cell: (s) => <RiskBadge risk={s.risk} /> },
    {
      header: t('board.signal'),
      cell: (s) => (
        <>
          <Link to={`/early-warning/signals/${encodeURIComponent(s.id)}`} className="signal-link">
            {diseaseName(s.disease)}
          </Link>
          <div className="small faint">{enumLabel(t, 'signalKind', s.kind)}</div>
        </>
      ),
    },
    {
      header: t('board.place'),
      cell: (s) => (
        <>
          <div>{s.gate ? places.gateName(s.gate) : places.areaName(s.area)}</div>
          <div className="small faint">{s.gate ? places.areaName(s.area) : s.area}</div>
        </>
      ),
    },
    { header: t('board.period'), cell: (s) => periodLabel(s.period, t, f), className: 'nowrap' },
    { header: t('board.detected'), cell: (s) => f.dateTime(s.createdAt), className: 'nowrap small' },
    { header: t('board.updated'), cell: (s) => f.dateTime(s.updatedAt), className: 'nowrap small' },
  ];

  return (
    <>
      <PageHeader title={t('board.title')} subtitle={t('board.subtitle')} />
      <div className="status-strip" role="group" aria-label={t('board.byStatus')}>
        {SIGNAL_STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            className={`status-tile tone-${STATUS_TONE[s]}${status === s ? ' active' : ''}`}
            aria-pressed={status === s}
            onClick={() => change(setStatus)(status === s ? '' : s)}
            data-status-count={s}
          >
            <span className="status-tile-label">{enumLabel(t, 'signalStatus', s)}</span>
            <span className="status-tile-value">{counts[`status:${s}`] === undefined ? '…' : f.number(counts[`status:${s}`])}</span>
          </button>
        ))}
      </div>
      <RunsCard />
      <div className="risk-strip" role="group" aria-label={t('board.byRisk')}>
        <span className="risk-strip-label">{t('board.byRisk')}</span>
        {RISK_LEVELS.map((r) => (
          <button key={r} type="button" className={risk === r ? 'risk-chip active' : 'risk-chip'} aria-pressed={risk === r} onClick={() => change(setRisk)(risk === r ? '' : r)}>
            <Badge tone={RISK_TONE[r]}>{enumLabel(t, 'riskLevel', r)}</Badge>
            <span className="risk-chip-count">{counts[`risk:${r}`] === undefined ? '…' : f.number(counts[`risk:${r}`])}</span>
          </button>
        ))}
      </div>
      <div className="filters" role="search">
        <FilterSelect id="sig-status" label={t('board.status')} value={status} onChange={change(setStatus)} options={SIGNAL_STATUSES} optionLabel={(s) => enumLabel(t, 'signalStatus', s)} />
        <FilterSelect id="sig-risk" label={t('board.risk')} value={risk} onChange={change(setRisk)} options={RISK_LEVELS} optionLabel={(r) => enumLabel(t, 'riskLevel', r)} />
        <FilterSelect id="sig-disease" label={t('board.disease')} grow value={disease} onChange={change(setDisease)} options={diseases.list.map((d) => d.code)} optionLabel={diseaseName}>
          <optgroup label={t('board.otherSignals')}>
            {extraDiseases.map((d) => (
              <option key={d} value={d}>
                {diseaseName(d)}
              </option>
            ))}
          </optgroup>
        </FilterSelect>
        <FilterSelect id="sig-area" label={t('board.area')} grow value={area} onChange={change(setArea)} options={places.ownAreas.map((a) => a.code)} optionLabel={places.areaTreeName} />
        <FilterSelect id="sig-kind" label={t('board.kind')} value={kind} onChange={change(setKind)} options={SIGNAL_KINDS} optionLabel={(k) => enumLabel(t, 'signalKind', k)} />
      </div>
      <PagedTable
        query={signals}
        paging={paging}
        title={(total) => t('board.signals', { n: f.number(total) })}
        columns={columns}
        rowKey={(s) => s.id}
        rowData={(s) => ({ 'data-signal': s.id, 'data-kind': s.kind })}
        testId="signal-table"
        empty={status || risk || disease || area || kind ? t('board.noneFiltered') : t('board.none')}
      />
    </>
  );
}
