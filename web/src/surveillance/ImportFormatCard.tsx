import { useTranslation } from 'react-i18next';
import type { DataKind, FileFormat } from '../api/surveillance';
import { Icon } from '../app/icons';
import { Card } from '../app/ui';
import { CSV_COLUMNS } from './importKinds';

/** What a file of this kind and format must look like: the CSV columns and a template, or a DHIS2 example. */
export function ImportFormatCard({ kind, format }: { kind: DataKind; format: FileFormat }) {
  const { t } = useTranslation();
  const columns = CSV_COLUMNS[kind];
  const template = `data:text/csv;charset=utf-8,${encodeURIComponent(`${[...columns.required, ...columns.optional].join(',')}\n`)}`;
  return (
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
  );
}
