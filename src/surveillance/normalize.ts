/** Canonical forms of case fields and identities (pure). */
import type { CaseFields, CaseIdentity } from './model';

const trimOrNull = (s: string | null | undefined): string | null => {
  const v = s?.trim();
  return v ? v : null;
};

/**
 * The canonical form of a case's fields: text trimmed (empty text is null), objects with their keys
 * in one order. Every write path and every read normalizes, so that equal records compare equal
 * and an exported record imports as unchanged.
 */
export function normalizeCaseFields(f: CaseFields): CaseFields {
  return {
    disease: f.disease.trim(),
    classification: f.classification,
    onsetDate: f.onsetDate ?? null,
    reportDate: f.reportDate,
    confirmationDate: f.confirmationDate ?? null,
    age: f.age ?? null,
    sex: f.sex,
    residenceArea: f.residenceArea.trim(),
    infectionPlace: {
      country: f.infectionPlace.country.trim(),
      area: trimOrNull(f.infectionPlace.area),
      description: trimOrNull(f.infectionPlace.description),
    },
    imported: f.imported ? { country: f.imported.country.trim(), entryGate: trimOrNull(f.imported.entryGate), entryDate: f.imported.entryDate } : null,
    outcome: f.outcome,
    reportingFacility: f.reportingFacility.trim(),
    contacts: { vn: f.contacts.vn, cn: f.contacts.cn },
    travel: f.travel.map((s) => ({ place: s.place.trim(), country: s.country.trim(), from: s.from, to: s.to ?? null })),
  };
}

/** The canonical form of an identity (text trimmed, empty text null). */
export function normalizeIdentity(i: CaseIdentity): CaseIdentity {
  return {
    fullName: i.fullName.trim(),
    idType: trimOrNull(i.idType),
    idNumber: trimOrNull(i.idNumber),
    phone: trimOrNull(i.phone),
    address: trimOrNull(i.address),
    dateOfBirth: trimOrNull(i.dateOfBirth),
  };
}
