import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { listOf } from '../api/lists';
import { CASE_COLUMNS, CASE_OPTIONAL_COLUMNS } from '../../../src/surveillance/importers/case-columns';
import { exportUrl, type DataKind, type FileFormat, type ImportReport } from '../api/surveillance';
import { uploadFile, uuid } from '../api/upload';
import { can, useMe, type Capability } from '../auth/session';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Icon } from '../app/icons';
import { Badge, Card, ErrorBox, Field, PageHeader, type Tone } from '../app/ui';

/** The CSV columns of each kind, as the node reads them (the header is line 1). */
export const CSV_COLUMNS: Record<DataKind, { required: readonly string[]; optional: readonly string[] }> = {
  aggregates: { required: ['period', 'area', 'disease', 'age_group', 'sex', 'count'], optional: [] },
  screening: { required: ['date', 'gate', 'people', 'vehicles', 'consignments', 'samples', 'symptomatic', 'referred', 'quarantined'], optional: [] },
  vectors: { required: ['survey_date', 'area'], optional: ['house_index', 'breteau_index', 'container_index', 'rodent_density', 'flea_index', 'species'] },
  cases: { required: CASE_COLUMNS, optional: CASE_OPTIONAL_COLUMNS },
};

/** What each kind needs to be written, besides the right to upload. */
const WRITE: Record<DataKind, Capability> = { aggregates: 'writeAggregates', screening: 'writeScreening', vectors: 'writeVectors', cases: 'caseWrite' };
const READ: Record<DataKind, Capability> = { aggregates: 'surveillanceData', screening: 'surveillanceData', vectors: 'surveillanceData', cases: 'cases' };
const KINDS = listOf<DataKind>()(['aggregates', 'screening', 'vectors', 'cases']);
const STATE_TONE: Record<string, Tone> = { receiving: 'info', writing: 'info', succeeded: 'success', rejected: 'danger', failed: 'danger' };
const POLL_MS = 400;

type Phase =
  | { step: 'idle' }
  | { step: 'uploading'; sent: number; total: number; server: ImportReport | null }
  | { step: 'done'; report: ImportReport }
  | { step: 'error'; error: unknown };

function Bar({ value, label, testId }: { value: number | null; label: string; testId?: string }) {
  const pct = value == null ? null : Math.max(0, Math.min(100, value * 100));
  return (
    <div className="progress" data-testid={testId}>
      <div className="progress-label">{label}</div>
      <div
        className={pct == null ? 'progress-track indeterminate' : 'progress-track'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct == null ? undefined : Math.round(pct)}
      >
        <div className="progress-fill" style={pct == null ? undefined : { width: `${pct}%` }} />
      </div>
    </div>
  );
}

function Progress({ phase }: { phase: Extract<Phase, { step: 'uploading' }> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const pct = (n: number, of: number) => new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 0 }).format(of ? n / of : 0);
  const s = phase.server;
  const sentAll = phase.total > 0 && phase.sent >= phase.total;
  return (
    <Card title={t('import.progress')}>
      <Bar
        value={phase.total ? phase.sent / phase.total : null}
        label={t('import.uploaded', { sent: f.number(phase.sent), total: f.number(phase.total), pct: pct(phase.sent, phase.total) })}
        testId="upload-progress"
      />
      {s ? (
        <>
          <Bar
            value={s.state === 'writing' ? (s.validRows ? s.writtenRows / s.validRows : null) : s.totalBytes ? s.processedBytes / s.totalBytes : null}
            label={
              s.state === 'writing'
                ? t('import.writing', { written: f.number(s.writtenRows), total: f.number(s.validRows) })
                : t('import.checking', { rows: f.number(s.processedRows), bad: f.number(s.errorCount) })
            }
            testId="server-progress"
          />
          <div className="small muted">
            <Badge tone={STATE_TONE[s.state] ?? 'neutral'}>{enumLabel(t, 'jobState', s.state)}</Badge>
          </div>
        </>
      ) : sentAll ? (
        <Bar value={null} label={t('import.waiting')} />
      ) : null}
    </Card>
  );
}

function ErrorList({ report, onMore, loadingMore }: { report: ImportReport; onMore: () => void; loadingMore: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const lineLabel = report.format === 'csv' ? t('import.line') : t('import.valueIndex');
  return (
    <>
      <div className="table-wrap">
        <table className="table" data-testid="import-errors">
          <thead>
            <tr>
              <th className="num">{lineLabel}</th>
              <th>{t('import.field')}</th>
              <th>{t('import.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e, i) => (
              <tr key={`${e.line}-${i}`}>
                <td className="num">{f.number(e.line)}</td>
                <td>{e.field ? <code className="mono">{e.field}</code> : '—'}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.errors.length < report.errorCount ? (
        <div className="card-footer">
          <span className="small muted">{t('import.shownOf', { shown: f.number(report.errors.length), total: f.number(report.errorCount) })}</span>
          <button type="button" className="btn btn-small" onClick={onMore} disabled={loadingMore}>
            {t('import.more')}
          </button>
        </div>
      ) : null}
    </>
  );
}

function Result({ report, onReport }: { report: ImportReport; onReport: (r: ImportReport) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [more, setMore] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null });
  const loadMore = async () => {
    setMore({ loading: true, error: null });
    try {
      const next = await api<ImportReport>(`/api/surveillance/imports/${encodeURIComponent(report.jobId)}`, { query: { errorOffset: report.errors.length, errorLimit: 1000 } });
      onReport({ ...next, errors: [...report.errors, ...next.errors], errorOffset: 0 });
      setMore({ loading: false, error: null });
    } catch (e) {
      setMore({ loading: false, error: e });
    }
  };
  if (report.state === 'succeeded') {
    return (
      <Card title={t('import.resultTitle')} actions={<Badge tone="success">{enumLabel(t, 'jobState', report.state)}</Badge>}>
        <div className="alert alert-success" role="status" data-testid="import-success">
          <span>{t('import.succeeded', { kind: enumLabel(t, 'dataKind', report.kind) })}</span>
        </div>
        <div className="stats stats-inline">
          <div className="stat">
            <div className="stat-label">{t('import.inserted')}</div>
            <div className="stat-value" data-testid="import-inserted">
              {f.number(report.inserted)}
            </div>
          </div>
          <div className="stat">
            <div className="stat-label">{t('import.updated')}</div>
            <div className="stat-value" data-testid="import-updated">
              {f.number(report.updated)}
            </div>
          </div>
          <div className="stat">
            <div className="stat-label">{t('import.unchanged')}</div>
            <div className="stat-value">{f.number(report.unchanged)}</div>
          </div>
          <div className="stat">
            <div className="stat-label">{t('import.rows')}</div>
            <div className="stat-value">{f.number(report.processedRows)}</div>
          </div>
        </div>
        {report.kind !== 'cases' ? <p className="small muted no-margin">{t('import.detectionNote')}</p> : null}
      </Card>
    );
  }
  if (report.state === 'failed') {
    return (
      <Card title={t('import.resultTitle')} actions={<Badge tone="danger">{enumLabel(t, 'jobState', report.state)}</Badge>}>
        <div className="alert alert-error" role="alert">
          <span>{report.failure?.message ?? t('error.unknown')}</span>
        </div>
      </Card>
    );
  }
  return (
    <Card title={t('import.rejectedTitle', { n: f.number(report.errorCount) })} actions={<Badge tone="danger">{enumLabel(t, 'jobState', report.state)}</Badge>} flush>
      <div className="card-lead">
        <div className="alert alert-error" role="alert" data-testid="import-rejected">
          <span>{t('import.rejected', { rows: f.number(report.processedRows), bad: f.number(report.errorCount) })}</span>
        </div>
      </div>
      <ErrorList report={report} onMore={() => void loadMore()} loadingMore={more.loading} />
      {more.error ? <ErrorBox error={more.error} /> : null}
    </Card>
  );
}

function ExportCard() {
  const { t } = useTranslation();
  const me = useMe();
  const kinds = KINDS.filter((k) => can(me.role, READ[k]));
  return (
    <Card title={t('import.exportTitle')}>
      <p className="small muted">{t('import.exportLead')}</p>
      <ul className="list-plain export-list">
        {kinds.map((k) => (
          <li key={k} className="row-between">
            <span>
              {enumLabel(t, 'dataKind', k)}
              {k === 'cases' ? <div className="small faint">{t('import.exportCasesNote')}</div> : null}
            </span>
            <span className="nowrap-links export-links">
              <a href={exportUrl(k, 'csv')} download className="btn btn-small" data-testid={`export-${k}-csv`}>
                <Icon name="download" size={14} />
                {enumLabel(t, 'fileFormat', 'csv')}
              </a>
              {k !== 'cases' ? (
                <a href={exportUrl(k, 'dhis2')} download className="btn btn-small" data-testid={`export-${k}-dhis2`}>
                  <Icon name="download" size={14} />
                  {enumLabel(t, 'fileFormat', 'dhis2')}
                </a>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function ImportPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const qc = useQueryClient();
  const kinds = KINDS.filter((k) => can(me.role, WRITE[k]));
  const [kind, setKind] = useState<DataKind>(kinds[0] ?? 'aggregates');
  const [format, setFormat] = useState<FileFormat>('csv');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const busy = phase.step === 'uploading';
  const columns = CSV_COLUMNS[kind];

  const start = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setFileError(t('import.chooseFile'));
    setFileError(null);
    const jobId = uuid();
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ step: 'uploading', sent: 0, total: file.size, server: null });
    let polling = true;
    // Follows the node's side of the import (reading, checking, writing) while the upload runs.
    const poll = async () => {
      while (polling && !controller.signal.aborted) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        if (!polling) break;
        try {
          const r = await api<ImportReport>(`/api/surveillance/imports/${jobId}`, { query: { errorLimit: 0 }, signal: controller.signal });
          setPhase((p) => (p.step === 'uploading' ? { ...p, server: r } : p));
        } catch {
          // Not started yet (404) or a hiccup: ask again.
        }
      }
    };
    void poll();
    try {
      const res = await uploadFile<ImportReport>(`/api/surveillance/imports?kind=${kind}&format=${format}&jobId=${jobId}`, file, {
        contentType: format === 'csv' ? 'text/csv' : 'application/json',
        accept: [200, 422],
        signal: controller.signal,
        onProgress: (sent, total) => setPhase((p) => (p.step === 'uploading' ? { ...p, sent, total } : p)),
      });
      polling = false;
      setPhase({ step: 'done', report: res.body });
      if (res.body.state === 'succeeded') {
        await qc.invalidateQueries({ queryKey: ['surveillance'] });
        await qc.invalidateQueries({ queryKey: ['cases'] });
        await qc.invalidateQueries({ queryKey: ['signals'] });
      }
    } catch (err) {
      polling = false;
      if ((err as Error).name === 'AbortError') return setPhase({ step: 'idle' });
      setPhase({ step: 'error', error: err });
    }
  };

  const reset = () => {
    setPhase({ step: 'idle' });
    setFile(null);
    if (input.current) input.current.value = '';
  };

  const template = `data:text/csv;charset=utf-8,${encodeURIComponent(`${[...columns.required, ...columns.optional].join(',')}\n`)}`;

  return (
    <>
      <PageHeader title={t('import.title')} subtitle={t('import.subtitle')} />
      <div className="grid grid-2 section-gap import-grid">
        <Card title={t('import.formTitle')}>
          {kinds.length ? (
            <form onSubmit={(e) => void start(e)} noValidate data-testid="import-form">
              <div className="form-row">
                <Field label={t('import.kind')} htmlFor="import-kind">
                  <select
                    id="import-kind"
                    value={kind}
                    disabled={busy}
                    onChange={(e) => {
                      const k = e.target.value as DataKind;
                      setKind(k);
                      if (k === 'cases') setFormat('csv');
                    }}
                  >
                    {kinds.map((k) => (
                      <option key={k} value={k}>
                        {enumLabel(t, 'dataKind', k)}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label={t('import.format')} htmlFor="import-format" hint={kind === 'cases' ? t('import.casesCsvOnly') : undefined}>
                  <select id="import-format" value={format} disabled={busy || kind === 'cases'} onChange={(e) => setFormat(e.target.value as FileFormat)}>
                    <option value="csv">{enumLabel(t, 'fileFormat', 'csv')}</option>
                    {kind !== 'cases' ? <option value="dhis2">{enumLabel(t, 'fileFormat', 'dhis2')}</option> : null}
                  </select>
                </Field>
              </div>
              <Field label={t('import.file')} htmlFor="import-file" error={fileError} hint={t('import.fileHint')}>
                <div className={busy ? 'file-picker disabled' : 'file-picker'}>
                  <input
                    ref={input}
                    id="import-file"
                    type="file"
                    className="visually-hidden"
                    accept={format === 'csv' ? '.csv,text/csv' : '.json,application/json'}
                    disabled={busy}
                    onChange={(e) => {
                      setFile(e.target.files?.[0] ?? null);
                      setFileError(null);
                    }}
                  />
                  <label htmlFor="import-file" className="btn btn-small" aria-hidden="true">
                    {t('import.chooseButton')}
                  </label>
                  <span className={file ? 'file-name' : 'file-name faint'} data-testid="import-file-name">
                    {file ? t('import.fileInfo', { name: file.name, size: f.number(file.size) }) : t('import.noFile')}
                  </span>
                </div>
              </Field>
              <div className="form-actions">
                {phase.step === 'done' || phase.step === 'error' ? (
                  <button type="button" className="btn" onClick={reset}>
                    {t('import.another')}
                  </button>
                ) : null}
                {busy ? (
                  <button type="button" className="btn" onClick={() => abort.current?.abort()}>
                    {t('common.cancel')}
                  </button>
                ) : null}
                <button type="submit" className="btn btn-primary" disabled={busy} data-testid="import-submit">
                  <Icon name="upload" size={16} />
                  {busy ? t('import.importing') : t('import.submit')}
                </button>
              </div>
              <p className="small muted no-margin">{t('import.allOrNothing')}</p>
            </form>
          ) : (
            <p className="muted">{t('import.noKinds')}</p>
          )}
        </Card>
        <Card title={t('import.formatTitle')}>
          {format === 'csv' ? (
            <>
              <p className="small muted">{t('import.csvLead')}</p>
              <div className="sub-heading">{t('import.required')}</div>
              <div className="chips section-gap-small">
                {columns.required.map((c) => (
                  <code key={c} className="chip chip-code">
                    {c}
                  </code>
                ))}
              </div>
              {columns.optional.length ? (
                <>
                  <div className="sub-heading">{t('import.optional')}</div>
                  <div className="chips section-gap-small">
                    {columns.optional.map((c) => (
                      <code key={c} className="chip chip-code chip-muted">
                        {c}
                      </code>
                    ))}
                  </div>
                </>
              ) : null}
              <p className="small muted">{t(`import.csvHint.${kind}`)}</p>
              <a href={template} download={`${kind}-template.csv`} className="btn btn-small">
                <Icon name="download" size={14} />
                {t('import.template')}
              </a>
            </>
          ) : (
            <>
              <p className="small muted">{t('import.dhis2Lead')}</p>
              <pre className="json-block">{`{"dataValues": [\n  {"dataElement": "…", "period": "…",\n   "orgUnit": "…", "categoryOptionCombo": "…",\n   "value": "…"}\n]}`}</pre>
              <p className="small muted no-margin">{t(`import.dhis2Hint.${kind}`)}</p>
            </>
          )}
        </Card>
      </div>
      {phase.step === 'uploading' ? <Progress phase={phase} /> : null}
      {phase.step === 'done' ? <Result report={phase.report} onReport={(report) => setPhase({ step: 'done', report })} /> : null}
      {phase.step === 'error' ? <ErrorBox error={phase.error} /> : null}
      <ExportCard />
    </>
  );
}
