import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { CLASSIFICATIONS, OUTCOMES, SEXES, type Case, type Classification, type CaseOutcome, type NewCase, type Sex } from '../api/surveillance';
import { useMe } from '../auth/session';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Link, navigate } from '../app/router';
import { Card, ErrorBox, Field, PageHeader } from '../app/ui';
import { useOwnDiseases, usePlaces } from '../early-warning/names';
import { localDate } from '../early-warning/weeks';
import { useOwnFacilities } from './caseLabels';
import { CountryOptions } from './CountryOptions';
import { emptyForm, toNewCase, validateNewCase, type FormErrors, type NewCaseForm } from './newCaseForm';
import { TravelStops } from './TravelStops';

/** The form for a new case: checked here, then sent to the node, then the case's page. */
export function NewCasePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const me = useMe();
  const j = me.jurisdiction;
  const diseases = useOwnDiseases();
  const places = usePlaces();
  const facilities = useOwnFacilities();
  const today = localDate();
  const home = places.country ?? 'VN';
  const other = home === 'CN' ? 'VN' : 'CN';
  const [form, setForm] = useState<NewCaseForm>(emptyForm(j, today));
  const [errors, setErrors] = useState<FormErrors>({});
  const set = <K extends keyof NewCaseForm>(k: K, v: NewCaseForm[K]) => setForm((s) => ({ ...s, [k]: v }));
  // Places of residence the reporter may write cases for.
  const residences = j.kind === 'area' ? places.ownAreas.filter((a) => a.path.includes(j.area)) : places.ownAreas;
  const infectionCountry = form.infectionCountry || (form.imported ? form.importCountry || other : home);
  const infectionAreas = useMemo(() => [...places.areaMap.values()].filter((a) => a.code.startsWith(`${infectionCountry}-`)).sort((a, b) => a.code.localeCompare(b.code)), [places.areaMap, infectionCountry]);

  const save = useMutation({
    mutationFn: (body: NewCase) => api<Case>('/api/cases', { method: 'POST', body }),
    onSuccess: async (c) => {
      await qc.invalidateQueries({ queryKey: ['cases'] });
      navigate(`/surveillance/cases/${encodeURIComponent(c.id)}`);
    },
  });

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e = validateNewCase(form, today, home, t);
    setErrors(e);
    if (Object.keys(e).length) return;
    save.mutate(toNewCase(form, infectionCountry));
  };

  return (
    <>
      <PageHeader
        title={t('newCase.title')}
        subtitle={t('newCase.subtitle')}
        actions={
          <Link to="/surveillance/cases" className="btn">
            {t('case.back')}
          </Link>
        }
      />
      <form onSubmit={submit} noValidate className="case-form" data-testid="new-case-form">
        <Card title={t('newCase.disease')}>
          <div className="form-grid">
            <Field label={t('case.disease')} htmlFor="nc-disease" error={errors.disease}>
              <select id="nc-disease" value={form.disease} onChange={(e) => set('disease', e.target.value)}>
                <option value="">{t('common.choose')}</option>
                {diseases.list.map((d) => (
                  <option key={d.code} value={d.code}>
                    {f.text(d.names)} ({d.code})
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('cases.classification')} htmlFor="nc-class">
              <select id="nc-class" value={form.classification} onChange={(e) => set('classification', e.target.value as Classification)}>
                {CLASSIFICATIONS.map((c) => (
                  <option key={c} value={c}>
                    {enumLabel(t, 'classification', c)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('case.onsetDate')} htmlFor="nc-onset" error={errors.onsetDate}>
              <input id="nc-onset" type="date" max={today} value={form.onsetDate} onChange={(e) => set('onsetDate', e.target.value)} />
            </Field>
            <Field label={t('cases.reportDate')} htmlFor="nc-report" error={errors.reportDate}>
              <input id="nc-report" type="date" max={today} value={form.reportDate} onChange={(e) => set('reportDate', e.target.value)} />
            </Field>
            {form.classification === 'confirmed' ? (
              <Field label={t('case.confirmationDate')} htmlFor="nc-confirm" error={errors.confirmationDate}>
                <input id="nc-confirm" type="date" max={today} value={form.confirmationDate} onChange={(e) => set('confirmationDate', e.target.value)} />
              </Field>
            ) : null}
            <Field label={t('cases.outcome')} htmlFor="nc-outcome">
              <select id="nc-outcome" value={form.outcome} onChange={(e) => set('outcome', e.target.value as CaseOutcome)}>
                {OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {enumLabel(t, 'caseOutcome', o)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </Card>
        <Card title={t('newCase.person')}>
          <div className="form-grid">
            <Field label={t('case.age')} htmlFor="nc-age" error={errors.age} hint={t('newCase.ageHint')}>
              <input id="nc-age" type="text" inputMode="numeric" value={form.age} onChange={(e) => set('age', e.target.value)} />
            </Field>
            <Field label={t('case.sex')} htmlFor="nc-sex">
              <select id="nc-sex" value={form.sex} onChange={(e) => set('sex', e.target.value as Sex)}>
                {SEXES.map((s) => (
                  <option key={s} value={s}>
                    {enumLabel(t, 'sex', s)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('cases.residence')} htmlFor="nc-residence" error={errors.residenceArea}>
              <select id="nc-residence" value={form.residenceArea} onChange={(e) => set('residenceArea', e.target.value)}>
                <option value="">{t('common.choose')}</option>
                {residences.map((a) => (
                  <option key={a.code} value={a.code}>
                    {places.areaTreeName(a.code)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('case.reportingFacility')} htmlFor="nc-facility" error={errors.reportingFacility}>
              <select id="nc-facility" value={form.reportingFacility} onChange={(e) => set('reportingFacility', e.target.value)}>
                <option value="">{t('common.choose')}</option>
                {facilities.list.map((x) => (
                  <option key={x.id} value={x.id}>
                    {f.text(x.names)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('newCase.contactsVn')} htmlFor="nc-cvn" error={errors.contactsVn}>
              <input id="nc-cvn" type="text" inputMode="numeric" value={form.contactsVn} onChange={(e) => set('contactsVn', e.target.value)} />
            </Field>
            <Field label={t('newCase.contactsCn')} htmlFor="nc-ccn" error={errors.contactsCn}>
              <input id="nc-ccn" type="text" inputMode="numeric" value={form.contactsCn} onChange={(e) => set('contactsCn', e.target.value)} />
            </Field>
          </div>
        </Card>
        <Card title={t('newCase.exposure')}>
          <label className="checkbox section-gap-small">
            <input type="checkbox" checked={form.imported} onChange={(e) => set('imported', e.target.checked)} data-testid="nc-imported" />
            {t('newCase.importedLabel')}
          </label>
          {form.imported ? (
            <div className="form-grid">
              <Field label={t('newCase.importCountry')} htmlFor="nc-icountry" error={errors.importCountry}>
                <select id="nc-icountry" value={form.importCountry} onChange={(e) => set('importCountry', e.target.value)}>
                  <option value="">{t('common.choose')}</option>
                  <CountryOptions exclude={home} />
                </select>
              </Field>
              <Field label={t('newCase.entryGate')} htmlFor="nc-gate" hint={t('newCase.entryGateHint')}>
                <select id="nc-gate" value={form.entryGate} onChange={(e) => set('entryGate', e.target.value)}>
                  <option value="">{t('newCase.noGate')}</option>
                  {[...places.gateMap.values()].map((g) => (
                    <option key={g.id} value={g.id}>
                      {places.gateName(g.id)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('newCase.entryDate')} htmlFor="nc-entry" error={errors.entryDate}>
                <input id="nc-entry" type="date" max={today} value={form.entryDate} onChange={(e) => set('entryDate', e.target.value)} />
              </Field>
            </div>
          ) : null}
          <div className="form-grid">
            <Field label={t('newCase.infectionCountry')} htmlFor="nc-fcountry">
              <select id="nc-fcountry" value={infectionCountry} onChange={(e) => setForm((s) => ({ ...s, infectionCountry: e.target.value, infectionArea: '' }))}>
                <CountryOptions />
              </select>
            </Field>
            <Field label={t('newCase.infectionArea')} htmlFor="nc-farea" hint={t('newCase.optional')}>
              <select id="nc-farea" value={form.infectionArea} onChange={(e) => set('infectionArea', e.target.value)}>
                <option value="">{t('newCase.unknownArea')}</option>
                {infectionAreas.map((a) => (
                  <option key={a.code} value={a.code}>
                    {f.text(a.names)} ({a.code})
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('newCase.infectionDescription')} htmlFor="nc-fdesc" error={errors.infectionDescription} hint={t('newCase.optional')}>
              <input id="nc-fdesc" type="text" value={form.infectionDescription} maxLength={500} onChange={(e) => set('infectionDescription', e.target.value)} />
            </Field>
          </div>
          <div className="sub-heading">{t('case.travel')}</div>
          <TravelStops stops={form.travel} errors={errors} today={today} other={other} onChange={(stops) => set('travel', stops)} />
        </Card>
        <Card title={t('case.identity')}>
          <p className="small muted">{t('newCase.identityNote')}</p>
          <label className="checkbox section-gap-small">
            <input type="checkbox" checked={form.withIdentity} onChange={(e) => set('withIdentity', e.target.checked)} data-testid="nc-with-identity" />
            {t('newCase.withIdentity')}
          </label>
          {form.withIdentity ? (
            <div className="form-grid">
              <Field label={t('case.fullName')} htmlFor="nc-name" error={errors.fullName}>
                <input id="nc-name" type="text" maxLength={200} autoComplete="off" value={form.fullName} onChange={(e) => set('fullName', e.target.value)} />
              </Field>
              <Field label={t('newCase.idType')} htmlFor="nc-idtype">
                <input id="nc-idtype" type="text" maxLength={50} autoComplete="off" value={form.idType} onChange={(e) => set('idType', e.target.value)} />
              </Field>
              <Field label={t('newCase.idNumber')} htmlFor="nc-idnum">
                <input id="nc-idnum" type="text" maxLength={50} autoComplete="off" value={form.idNumber} onChange={(e) => set('idNumber', e.target.value)} />
              </Field>
              <Field label={t('case.phone')} htmlFor="nc-phone">
                <input id="nc-phone" type="text" maxLength={50} autoComplete="off" value={form.phone} onChange={(e) => set('phone', e.target.value)} />
              </Field>
              <Field label={t('case.address')} htmlFor="nc-address" error={errors.address}>
                <input id="nc-address" type="text" maxLength={500} autoComplete="off" value={form.address} onChange={(e) => set('address', e.target.value)} />
              </Field>
              <Field label={t('case.dateOfBirth')} htmlFor="nc-dob" error={errors.dateOfBirth}>
                <input id="nc-dob" type="date" max={today} value={form.dateOfBirth} onChange={(e) => set('dateOfBirth', e.target.value)} />
              </Field>
            </div>
          ) : null}
        </Card>
        {Object.keys(errors).length ? <div className="alert alert-error" role="alert">{t('newCase.fixErrors')}</div> : null}
        {save.isError ? <ErrorBox error={save.error} /> : null}
        <div className="form-actions form-actions-page">
          <Link to="/surveillance/cases" className="btn">
            {t('common.cancel')}
          </Link>
          <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="new-case-submit">
            {save.isPending ? t('common.saving') : t('newCase.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
