import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLASSIFICATIONS, useCases, type Classification } from '../api/surveillance';
import { can, useMe } from '../auth/session';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { useSyncSearch } from '../app/hooks';
import { Icon } from '../app/icons';
import { Link } from '../app/router';
import { Badge, Card, Empty, ErrorBox, Loading, PageHeader } from '../app/ui';
import { useDiseaseName, useOwnDiseases, usePlaces } from '../early-warning/names';
import { CLASSIFICATION_TONE, countryName, OUTCOME_TONE } from './caseLabels';

const PAGE_SIZE = 50;

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
  const [page, setPage] = useState(0);
  useSyncSearch({ disease, classification, area, from, to, imported });
  const badRange = !!from && !!to && from > to;
  const cases = useCases({ disease, classification, area, from, to, imported, limit: PAGE_SIZE, offset: page * PAGE_SIZE }, !badRange);
  const diseases = useOwnDiseases();
  const diseaseName = useDiseaseName();
  const places = usePlaces();
  const change = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(0);
  };
  const total = cases.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
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
        <div className="field grow">
          <label htmlFor="case-disease">{t('cases.disease')}</label>
          <select id="case-disease" value={disease} onChange={(e) => change(setDisease)(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {diseases.list.map((d) => (
              <option key={d.code} value={d.code}>
                {f.text(d.names)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="case-class">{t('cases.classification')}</label>
          <select id="case-class" value={classification} onChange={(e) => change(setClassification)(e.target.value as Classification | '')}>
            <option value="">{t('common.all')}</option>
            {CLASSIFICATIONS.map((c) => (
              <option key={c} value={c}>
                {enumLabel(t, 'classification', c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="case-area">{t('cases.residence')}</label>
          <select id="case-area" value={area} onChange={(e) => change(setArea)(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {places.ownAreas.map((a) => (
              <option key={a.code} value={a.code}>
                {`${'\u2003'.repeat(Math.max(0, a.path.length - 1))}${f.text(a.names)}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="case-from">{t('cases.reportedFrom')}</label>
          <input id="case-from" type="date" value={from} onChange={(e) => change(setFrom)(e.target.value)} />
        </div>
        <div className={badRange ? 'field has-error' : 'field'}>
          <label htmlFor="case-to">{t('cases.reportedTo')}</label>
          <input id="case-to" type="date" value={to} onChange={(e) => change(setTo)(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="case-imported">{t('cases.origin')}</label>
          <select id="case-imported" value={imported} onChange={(e) => change(setImported)(e.target.value as '' | 'true' | 'false')}>
            <option value="">{t('common.all')}</option>
            <option value="true">{t('cases.importedOnly')}</option>
            <option value="false">{t('cases.localOnly')}</option>
          </select>
        </div>
      </div>
      {badRange ? <div className="alert alert-error">{t('cases.badRange')}</div> : null}
      <p className="small faint">{t('cases.auditNote')}</p>
      {cases.isPending ? (
        badRange ? null : <Loading />
      ) : cases.isError ? (
        <ErrorBox error={cases.error} onRetry={() => void cases.refetch()} />
      ) : (
        <Card
          flush
          title={t('cases.count', { n: f.number(total) })}
          actions={
            total > PAGE_SIZE ? (
              <div className="pager">
                <span className="pager-info">
                  {t('board.range', { from: f.number(page * PAGE_SIZE + 1), to: f.number(Math.min(total, (page + 1) * PAGE_SIZE)), total: f.number(total) })}
                </span>
                <button type="button" className="btn btn-small" onClick={() => setPage((p) => p - 1)} disabled={page === 0}>
                  {t('board.previous')}
                </button>
                <button type="button" className="btn btn-small" onClick={() => setPage((p) => p + 1)} disabled={page >= pages - 1}>
                  {t('board.next')}
                </button>
              </div>
            ) : null
          }
        >
          {cases.data.items.length ? (
            <div className="table-wrap">
              <table className="table" data-testid="case-table">
                <thead>
                  <tr>
                    <th>{t('cases.reportDate')}</th>
                    <th>{t('cases.disease')}</th>
                    <th>{t('cases.classification')}</th>
                    <th>{t('cases.ageSex')}</th>
                    <th>{t('cases.residence')}</th>
                    <th>{t('cases.origin')}</th>
                    <th>{t('cases.outcome')}</th>
                  </tr>
                </thead>
                <tbody>
                  {cases.data.items.map((c) => (
                    <tr key={c.id} data-case={c.id}>
                      <td className="nowrap">
                        <Link to={`/surveillance/cases/${encodeURIComponent(c.id)}`}>{f.date(c.reportDate)}</Link>
                      </td>
                      <td>{diseaseName(c.disease)}</td>
                      <td>
                        <Badge tone={CLASSIFICATION_TONE[c.classification]}>{enumLabel(t, 'classification', c.classification)}</Badge>
                      </td>
                      <td className="nowrap">
                        {c.age == null ? enumLabel(t, 'ageGroup', c.ageGroup) : t('cases.ageYears', { age: f.number(c.age) })} · {enumLabel(t, 'sex', c.sex)}
                      </td>
                      <td>{places.areaName(c.residenceArea)}</td>
                      <td>
                        {c.imported ? (
                          <Badge tone="warning">{t('cases.importedFrom', { country: countryName(c.imported.country, f.locale) })}</Badge>
                        ) : (
                          <span className="muted">{t('cases.local')}</span>
                        )}
                        {c.imported?.entryGate ? <div className="small faint">{places.gateName(c.imported.entryGate)}</div> : null}
                      </td>
                      <td>
                        <Badge tone={OUTCOME_TONE[c.outcome]}>{enumLabel(t, 'caseOutcome', c.outcome)}</Badge>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <Empty>{t('cases.none')}</Empty>
          )}
        </Card>
      )}
    </>
  );
}
