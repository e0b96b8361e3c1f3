import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { DataKind, FileFormat, ImportReport } from '../api/surveillance';
import { uploadFile, uuid } from '../api/upload';
import { can, useMe } from '../auth/session';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Icon } from '../app/icons';
import { Card, ErrorBox, Field, PageHeader } from '../app/ui';
import { ExportCard } from './ExportCard';
import { DATA_KINDS, WRITE_CAPABILITY } from './importKinds';
import { ImportFormatCard } from './ImportFormatCard';
import { ImportProgress, type ImportPhase } from './ImportProgress';
import { ImportResult } from './ImportResult';

const POLL_MS = 400;

/** The import page: a file of one kind uploaded with its progress followed, the report, and the exports. */
export function ImportPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const qc = useQueryClient();
  const kinds = DATA_KINDS.filter((k) => can(me.role, WRITE_CAPABILITY[k]));
  const [kind, setKind] = useState<DataKind>(kinds[0] ?? 'aggregates');
  const [format, setFormat] = useState<FileFormat>('csv');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<ImportPhase>({ step: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const busy = phase.step === 'uploading';

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
        <ImportFormatCard kind={kind} format={format} />
      </div>
      {phase.step === 'uploading' ? <ImportProgress phase={phase} /> : null}
      {phase.step === 'done' ? <ImportResult report={phase.report} onReport={(report) => setPhase({ step: 'done', report })} /> : null}
      {phase.step === 'error' ? <ErrorBox error={phase.error} /> : null}
      <ExportCard />
    </>
  );
}
