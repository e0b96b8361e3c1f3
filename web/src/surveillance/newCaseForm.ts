/** The new-case form's state, its checks, and the case it sends to the node. */
import type { TFunction } from 'i18next';
import type { Classification, CaseOutcome, NewCase, Sex } from '../api/surveillance';
import type { Jurisdiction } from '../api/types';

/** A stop of the travel history, as typed. */
export interface Stop {
  place: string;
  country: string;
  from: string;
  to: string;
}

/** The form's fields, as typed (numbers as text). */
export interface NewCaseForm {
  disease: string;
  classification: Classification;
  onsetDate: string;
  reportDate: string;
  confirmationDate: string;
  age: string;
  sex: Sex;
  residenceArea: string;
  reportingFacility: string;
  outcome: CaseOutcome;
  infectionCountry: string;
  infectionArea: string;
  infectionDescription: string;
  imported: boolean;
  importCountry: string;
  entryGate: string;
  entryDate: string;
  contactsVn: string;
  contactsCn: string;
  travel: Stop[];
  withIdentity: boolean;
  fullName: string;
  idType: string;
  idNumber: string;
  phone: string;
  address: string;
  dateOfBirth: string;
}

/** The message of each field that fails a check, by field (`travel.0.place` for a travel stop's). */
export type FormErrors = Partial<Record<string, string>>;

const COUNT = /^\d{1,9}$/;

/** The form as it opens on `today` for a reporter with jurisdiction `j`. */
export function emptyForm(j: Jurisdiction, today: string): NewCaseForm {
  return {
    disease: '',
    classification: 'suspected',
    onsetDate: '',
    reportDate: today,
    confirmationDate: '',
    age: '',
    sex: 'unknown',
    residenceArea: '',
    // A reporter with a facility or gate jurisdiction reports from there.
    reportingFacility: j.kind === 'facility' ? j.facility : '',
    outcome: 'under-treatment',
    infectionCountry: '',
    infectionArea: '',
    infectionDescription: '',
    imported: j.kind === 'gate',
    importCountry: '',
    entryGate: j.kind === 'gate' ? j.gate : '',
    entryDate: '',
    contactsVn: '0',
    contactsCn: '0',
    travel: [],
    withIdentity: false,
    fullName: '',
    idType: '',
    idNumber: '',
    phone: '',
    address: '',
    dateOfBirth: '',
  };
}

/** The form's problems, none when it may be sent; `home` is the reporter's country. */
export function validateNewCase(form: NewCaseForm, today: string, home: string, t: TFunction): FormErrors {
  const e: FormErrors = {};
  const req = (k: keyof NewCaseForm) => {
    if (!String(form[k]).trim()) e[k] = t('validation.required');
  };
  req('disease');
  req('reportDate');
  req('residenceArea');
  req('reportingFacility');
  const future = (k: keyof NewCaseForm) => {
    const v = String(form[k]);
    if (v && v > today) e[k] = t('newCase.future');
  };
  (['onsetDate', 'reportDate', 'confirmationDate', 'entryDate', 'dateOfBirth'] as const).forEach(future);
  if (form.classification === 'confirmed' && !form.confirmationDate) e.confirmationDate = t('newCase.confirmationRequired');
  if (form.onsetDate && form.reportDate && form.onsetDate > form.reportDate && !e.reportDate) e.reportDate = t('newCase.reportBeforeOnset');
  if (form.onsetDate && form.confirmationDate && form.onsetDate > form.confirmationDate && !e.confirmationDate) e.confirmationDate = t('newCase.confirmationBeforeOnset');
  if (form.age && (!COUNT.test(form.age) || Number(form.age) > 130)) e.age = t('newCase.badAge');
  if (!COUNT.test(form.contactsVn)) e.contactsVn = t('newCase.badCount');
  if (!COUNT.test(form.contactsCn)) e.contactsCn = t('newCase.badCount');
  if (form.imported) {
    if (!form.importCountry) e.importCountry = t('validation.required');
    else if (form.importCountry === home) e.importCountry = t('newCase.importedFromHome');
    if (!form.entryDate) e.entryDate = t('validation.required');
    else if (form.reportDate && form.entryDate > form.reportDate && !e.entryDate) e.entryDate = t('newCase.entryAfterReport');
  }
  if (form.infectionDescription.length > 500) e.infectionDescription = t('validation.tooLong', { max: 500 });
  form.travel.forEach((s, i) => {
    if (!s.place.trim()) e[`travel.${i}.place`] = t('validation.required');
    if (!s.from) e[`travel.${i}.from`] = t('validation.required');
    if (s.from && s.to && s.to < s.from) e[`travel.${i}.to`] = t('newCase.toBeforeFrom');
  });
  if (form.withIdentity) {
    if (!form.fullName.trim()) e.fullName = t('validation.required');
    else if (form.fullName.length > 200) e.fullName = t('validation.tooLong', { max: 200 });
    if (form.address.length > 500) e.address = t('validation.tooLong', { max: 500 });
  }
  return e;
}

/** The case the node is sent for a checked form, infected in `infectionCountry`. */
export function toNewCase(form: NewCaseForm, infectionCountry: string): NewCase {
  const opt = (s: string) => (s.trim() ? s.trim() : null);
  return {
    disease: form.disease,
    classification: form.classification,
    onsetDate: opt(form.onsetDate),
    reportDate: form.reportDate,
    confirmationDate: form.classification === 'confirmed' ? form.confirmationDate : null,
    age: form.age ? Number(form.age) : null,
    sex: form.sex,
    residenceArea: form.residenceArea,
    infectionPlace: { country: infectionCountry, area: opt(form.infectionArea), description: opt(form.infectionDescription) },
    imported: form.imported ? { country: form.importCountry, entryGate: opt(form.entryGate), entryDate: form.entryDate } : null,
    outcome: form.outcome,
    reportingFacility: form.reportingFacility,
    contacts: { vn: Number(form.contactsVn), cn: Number(form.contactsCn) },
    travel: form.travel.map((s) => ({ place: s.place.trim(), country: s.country, from: s.from, to: s.to || null })),
    identity: form.withIdentity
      ? { fullName: form.fullName.trim(), idType: opt(form.idType), idNumber: opt(form.idNumber), phone: opt(form.phone), address: opt(form.address), dateOfBirth: opt(form.dateOfBirth) }
      : null,
  };
}
