import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { ImportReport } from '../api/surveillance';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Badge, Card, ErrorBox } from '../app/ui';

/** The rows a rejected import failed on, with a button for the next page of them. */
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

/** The report of a finished import; `onReport` takes it back with more of its errors loaded. */
export function ImportResult({ report, onReport }: { report: ImportReport; onReport: (r: ImportReport) => void }) {
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
