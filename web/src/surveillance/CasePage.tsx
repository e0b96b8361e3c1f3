import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { api, ApiError } from '../api/client';
import { useCase, type Case, type IdentityResponse } from '../api/surveillance';
import { can, useMe } from '../auth/session';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Icon } from '../app/icons';
import { Link, useParams } from '../app/router';
import { Badge, Card, ErrorBox, Loading, Mono, PageHeader } from '../app/ui';
import { useDiseaseName, usePlaces } from '../early-warning/names';
import { CLASSIFICATION_TONE, countryName, OUTCOME_TONE, useOwnFacilities } from './caseLabels';

/** Identifiers are fetched only on request, from the audited endpoint, and forgotten when hidden. */
function IdentityCard({ c }: { c: Case }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [shown, setShown] = useState<IdentityResponse | null>(null);
  const reveal = useMutation({
    mutationFn: () => api<IdentityResponse>(`/api/cases/${encodeURIComponent(c.id)}/identity`, { query: { purpose: 'case-investigation' } }),
    onSuccess: (r) => setShown(r),
  });
  const none = reveal.error instanceof ApiError && reveal.error.status === 404;
  return (
    <Card
      title={t('case.identity')}
      actions={
        shown ? (
          <button type="button" className="btn btn-small" onClick={() => setShown(null)}>
            {t('case.hideIdentity')}
          </button>
        ) : null
      }
      className="identity-card"
    >
      {shown ? (
        <dl className="facts" data-testid="case-identity">
          <dt>{t('case.fullName')}</dt>
          <dd className="strong">{shown.fullName}</dd>
          <dt>{t('case.idDocument')}</dt>
          <dd>{shown.idNumber ? `${shown.idType ? `${shown.idType} · ` : ''}${shown.idNumber}` : '—'}</dd>
          <dt>{t('case.phone')}</dt>
          <dd>{shown.phone ?? '—'}</dd>
          <dt>{t('case.address')}</dt>
          <dd>{shown.address ?? '—'}</dd>
          <dt>{t('case.dateOfBirth')}</dt>
          <dd>{f.date(shown.dateOfBirth)}</dd>
        </dl>
      ) : (
        <>
          <p className="small muted">{t('case.identityNote')}</p>
          {none ? <p className="muted">{t('case.noIdentity')}</p> : reveal.isError ? <ErrorBox error={reveal.error} /> : null}
          <button type="button" className="btn" onClick={() => reveal.mutate()} disabled={reveal.isPending} data-testid="show-identity">
            <Icon name="eye" size={16} />
            {reveal.isPending ? t('common.loading') : t('case.showIdentity')}
          </button>
        </>
      )}
    </Card>
  );
}

export function CasePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const { id = '' } = useParams('/surveillance/cases/:id');
  const query = useCase(id);
  const diseaseName = useDiseaseName();
  const places = usePlaces();
  const facilities = useOwnFacilities();
  const back = (
    <Link to="/surveillance/cases" className="btn">
      {t('case.back')}
    </Link>
  );
  if (query.isPending) return <Loading />;
  if (query.isError)
    return (
      <>
        <PageHeader title={t('nav.case')} actions={back} />
        <ErrorBox error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  const c = query.data;
  const facility = facilities.byId.get(c.reportingFacility);
  return (
    <>
      <PageHeader
        title={t('case.title', { disease: diseaseName(c.disease) })}
        subtitle={t('case.subtitle', { date: f.date(c.reportDate), area: places.areaName(c.residenceArea) })}
        actions={back}
      />
      <div className="signal-summary">
        <div>
          <span className="fact-label">{t('cases.classification')}</span>
          <Badge tone={CLASSIFICATION_TONE[c.classification]}>{enumLabel(t, 'classification', c.classification)}</Badge>
        </div>
        <div>
          <span className="fact-label">{t('cases.outcome')}</span>
          <Badge tone={OUTCOME_TONE[c.outcome]}>{enumLabel(t, 'caseOutcome', c.outcome)}</Badge>
        </div>
        <div>
          <span className="fact-label">{t('cases.origin')}</span>
          {c.imported ? <Badge tone="warning">{t('cases.importedFrom', { country: countryName(c.imported.country, f.locale) })}</Badge> : t('cases.local')}
        </div>
        <div>
          <span className="fact-label">{t('case.caseId')}</span>
          <Mono value={c.id} max={13} />
        </div>
      </div>
      <div className="signal-layout">
        <div className="signal-main">
          <Card title={t('case.record')}>
            <div className="grid grid-2">
              <dl className="facts">
                <dt>{t('case.disease')}</dt>
                <dd>
                  {diseaseName(c.disease)}
                  <div className="small faint">
                    <code className="mono">{c.disease}</code>
                  </div>
                </dd>
                <dt>{t('case.onsetDate')}</dt>
                <dd>{f.date(c.onsetDate)}</dd>
                <dt>{t('cases.reportDate')}</dt>
                <dd>{f.date(c.reportDate)}</dd>
                <dt>{t('case.confirmationDate')}</dt>
                <dd>{f.date(c.confirmationDate)}</dd>
                <dt>{t('case.age')}</dt>
                <dd>
                  {c.age == null ? '—' : t('cases.ageYears', { age: f.number(c.age) })}
                  <span className="faint"> · {enumLabel(t, 'ageGroup', c.ageGroup)}</span>
                </dd>
                <dt>{t('case.sex')}</dt>
                <dd>{enumLabel(t, 'sex', c.sex)}</dd>
              </dl>
              <dl className="facts">
                <dt>{t('cases.residence')}</dt>
                <dd>
                  {places.areaName(c.residenceArea)}
                  <div className="small faint">{c.residenceArea}</div>
                </dd>
                <dt>{t('case.reportingFacility')}</dt>
                <dd>{facility ? f.text(facility.names) : c.reportingFacility}</dd>
                <dt>{t('case.infectionPlace')}</dt>
                <dd>
                  {countryName(c.infectionPlace.country, f.locale)}
                  {c.infectionPlace.area ? ` · ${places.areaName(c.infectionPlace.area)}` : ''}
                  {c.infectionPlace.description ? <div className="small muted">{c.infectionPlace.description}</div> : null}
                </dd>
                <dt>{t('case.contacts')}</dt>
                <dd>{t('case.contactsValue', { vn: f.number(c.contacts.vn), cn: f.number(c.contacts.cn) })}</dd>
                {c.imported ? (
                  <>
                    <dt>{t('case.imported')}</dt>
                    <dd>
                      {t('case.importedValue', { country: countryName(c.imported.country, f.locale), date: f.date(c.imported.entryDate) })}
                      {c.imported.entryGate ? <div className="small muted">{places.gateName(c.imported.entryGate)}</div> : null}
                    </dd>
                  </>
                ) : null}
              </dl>
            </div>
          </Card>
          <Card title={t('case.travel')} flush={c.travel.length > 0}>
            {c.travel.length ? (
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('case.place')}</th>
                    <th>{t('case.country')}</th>
                    <th>{t('case.from')}</th>
                    <th>{t('case.to')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.travel.map((s, i) => (
                    <tr key={i}>
                      <td>{s.place}</td>
                      <td>{countryName(s.country, f.locale)}</td>
                      <td>{f.date(s.from)}</td>
                      <td>{f.date(s.to)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted small no-margin">{t('case.noTravel')}</p>
            )}
          </Card>
        </div>
        <div className="signal-side">
          {can(me.role, 'caseIdentity') ? <IdentityCard c={c} /> : null}
          <Card title={t('case.history')}>
            <ol className="timeline">
              {[...c.classificationHistory].reverse().map((h, i) => (
                <li key={i} className="timeline-item">
                  <div className="timeline-head">
                    {h.from ? (
                      <>
                        <Badge tone={CLASSIFICATION_TONE[h.from]}>{enumLabel(t, 'classification', h.from)}</Badge> <span className="faint">→</span>{' '}
                      </>
                    ) : null}
                    <Badge tone={CLASSIFICATION_TONE[h.to]}>{enumLabel(t, 'classification', h.to)}</Badge>
                  </div>
                  <div className="small muted">{t('history.byAt', { name: h.by, at: f.dateTime(h.at) })}</div>
                </li>
              ))}
            </ol>
            <dl className="facts small">
              <dt>{t('case.version')}</dt>
              <dd>{f.number(c.version)}</dd>
              <dt>{t('case.created')}</dt>
              <dd>{t('history.byAt', { name: c.createdBy, at: f.dateTime(c.createdAt) })}</dd>
              <dt>{t('case.updated')}</dt>
              <dd>{t('history.byAt', { name: c.updatedBy, at: f.dateTime(c.updatedAt) })}</dd>
            </dl>
          </Card>
        </div>
      </div>
    </>
  );
}
