import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLASSIFICATIONS, useCases, type Case, type Classification } from '../api/surveillance';
import { can, useMe } from '../auth/session';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { useSyncSearch } from '../app/hooks';
import { Icon } from '../app/icons';
import { Link } from '../app/router';
import { Badge, PageHeader } from '../app/ui';
import { FilterSelect, PagedTable, usePaging, type Column } from '../app/PagedTable';
import { useDiseaseName, useOwnDiseases, usePlaces } from '../early-warning/names';
import { CLASSIFICATION_TONE, countryName, OUTCOME_TONE } from './caseLabels';

const PAGE_SIZE = 50;
const ORIGINS = ['true', 'false'] as const;

export function CasesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const initial = new URLSearchParams(window.location.search);
  const [disease, setDisease] = useState(initial.get('disease') ?? '');
  const [classification, setClassification] = useState<Classification | ''>((initial.get('classification') as Classification) ?? '');
  const [area, setArea] = useState(initial.get('area') ?? '');
  const [from, setFrom] = useState(initial.get('from') ?? '');
  const [to, setTo] = useState(initial.get('to') ?? '');
  const [imported, setImported] = useState<'' | 'true' | 'false'>((initial.get('imported') as '' | 'true' | 'false') ?? '');
  const paging = usePaging(PAGE_SIZE);
  useSyncSearch({ disease, classification, area, from, to, imported });
  const badRange = !!from && !!to && from > to;
  const cases = useCases({ disease, classification, area, from, to, imported, ...paging.window }, !badRange);
  const diseases = useOwnDiseases();
  const diseaseName = useDiseaseName();
  const places = usePlaces();
  const change = paging.resetting;
  const columns: Column<Case>[] = [
    { header: t('cases.reportDate'), cell: (c) => <Link to={`/surveillance/cases/${encodeURIComponent(c.id)}`}>{f.date(c.reportDate)}</Link>, className: 'nowrap' },
    { header: t('cases.disease'), cell: (c) => diseaseName(c.disease) },
    { header: t('cases.classification'), cell: (c) => <Badge tone={CLASSIFICATION_TONE[c.classification]}>{enumLabel(t, 'classification', c.classification)}</Badge> },
    {
      header: t('cases.ageSex'),
      cell: (c) => (
        <>
          {c.age == null ? enumLabel(t, 'ageGroup', c.ageGroup) : t('cases.ageYears', { age: f.number(c.age) })} · {enumLabel(t, 'sex', c.sex)}
        </>
      ),
      className: 'nowrap',
    },
    { header: t('cases.residence'), cell: (c) => places.areaName(c.residenceArea) },
    {
      header: t('cases.origin'),
      cell: (c) => (
        <>
          {c.imported ? (
            <Badge tone="warning">{t('cases.importedFrom', { country: countryName(c.imported.country, f.locale) })}</Badge>
          ) : (
            <span className="muted">{t('cases.local')}</span>
          )}
          {c.imported?.entryGate ? <div className="small faint">{places.gateName(c.imported.entryGate)}</div> : null}
        </>
      ),
    },
    { header: t('cases.outcome'), cell: (c) => <Badge tone={OUTCOME_TONE[c.outcome]}>{enumLabel(t, 'caseOutcome', c.outcome)}</Badge> },
  ];
  return (
    <>
      <PageHeader
        title={t('cases.title')}
        subtitle={t('cases.subtitle')}
        actions={
          can(me.role, 'caseWrite') ? (
            <Link to="/surveillance/cases/new" className="btn btn-primary" data-testid="new-case">
              <Icon name="plus" size={16} />
              {t('cases.new')}
            </Link>
          ) : null
        }
      />
      <div className="filters" role="search">
        <FilterSelect id="case-disease" label={t('cases.disease')} grow value={disease} onChange={change(setDisease)} options={diseases.list.map((d) => d.code)} optionLabel={diseaseName} />
        <FilterSelect id="case-class" label={t('cases.classification')} value={classification} onChange={change(setClassification)} options={CLASSIFICATIONS} optionLabel={(c) => enumLabel(t, 'classification', c)} />
        <FilterSelect id="case-area" label={t('cases.residence')} grow value={area} onChange={change(setArea)} options={places.ownAreas.map((a) => a.code)} optionLabel={places.areaTreeName} />
        <div className="field">
          <label htmlFor="case-from">{t('cases.reportedFrom')}</label>
          <input id="case-from" type="date" value={from} onChange={(e) => change(setFrom)(e.target.value)} />
        </div>
        <div className={badRange ? 'field has-error' : 'field'}>
          <label htmlFor="case-to">{t('cases.reportedTo')}</label>
          <input id="case-to" type="date" value={to} onChange={(e) => change(setTo)(e.target.value)} />
        </div>
        <FilterSelect id="case-imported" label={t('cases.origin')} value={imported} onChange={change(setImported)} options={ORIGINS} optionLabel={(o) => (o === 'true' ? t('cases.importedOnly') : t('cases.localOnly'))} />
      </div>
      {badRange ? <div className="alert alert-error">{t('cases.badRange')}</div> : null}
      <p className="small faint">{t('cases.auditNote')}</p>
      <PagedTable
        query={cases}
        paging={paging}
        idle={badRange}
        title={(total) => t('cases.count', { n: f.number(total) })}
        columns={columns}
        rowKey={(c) => c.id}
        rowData={(c) => ({ 'data-case': c.id })}
        testId="case-table"
        empty={t('cases.none')}
      />
    </>
  );
}
