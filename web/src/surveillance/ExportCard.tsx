import { useTranslation } from 'react-i18next';
import { exportUrl } from '../api/surveillance';
import { can, useMe } from '../auth/session';
import { enumLabel } from '../app/labels';
import { Icon } from '../app/icons';
import { Card } from '../app/ui';
import { DATA_KINDS, READ_CAPABILITY } from './importKinds';

/** Download links for each kind of data the user may read, as CSV and (but for cases) DHIS2. */
export function ExportCard() {
  const { t } = useTranslation();
  const me = useMe();
  const kinds = DATA_KINDS.filter((k) => can(me.role, READ_CAPABILITY[k]));
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
