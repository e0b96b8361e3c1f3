import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../api/surveillance';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Badge, Card, type Tone } from '../app/ui';

const STATE_TONE: Record<string, Tone> = { receiving: 'info', writing: 'info', succeeded: 'success', rejected: 'danger', failed: 'danger' };

/** Where an import stands: nothing started, the upload (with the node's own progress), the report, or a failure. */
export type ImportPhase =
  | { step: 'idle' }
  | { step: 'uploading'; sent: number; total: number; server: ImportReport | null }
  | { step: 'done'; report: ImportReport }
  | { step: 'error'; error: unknown };

/** A labelled progress bar; a null value runs without an end (not known yet). */
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

/** The upload's progress, then the node's: reading and checking the rows, then writing them. */
export function ImportProgress({ phase }: { phase: Extract<ImportPhase, { step: 'uploading' }> }) {
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
