/** The surveillance API (`/api/cases`, `/api/surveillance/*`): shapes and queries. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from './client';

export const CLASSIFICATIONS = ['suspected', 'probable', 'confirmed'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const OUTCOMES = ['under-treatment', 'recovered', 'died', 'unknown'] as const;
export type CaseOutcome = (typeof OUTCOMES)[number];

export const SEXES = ['male', 'female', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const AGE_GROUPS = ['0-4', '5-14', '15-24', '25-44', '45-64', '65+', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export interface InfectionPlace {
  country: string;
  area: string | null;
  description: string | null;
}

export interface ImportInfo {
  country: string;
  entryGate: string | null;
  entryDate: string;
}

export interface TravelStop {
  place: string;
  country: string;
  from: string;
  to: string | null;
}

/** The epidemiological case record: no name, document, phone, address or birth date. */
export interface Case {
  id: string;
  disease: string;
  classification: Classification;
  classificationHistory: { from: Classification | null; to: Classification; at: string; by: string }[];
  onsetDate: string | null;
  reportDate: string;
  confirmationDate: string | null;
  age: number | null;
  ageGroup: AgeGroup;
  sex: Sex;
  residenceArea: string;
  infectionPlace: InfectionPlace;
  imported: ImportInfo | null;
  outcome: CaseOutcome;
  reportingFacility: string;
  contacts: { vn: number; cn: number };
  travel: TravelStop[];
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface CaseIdentity {
  fullName: string;
  idType: string | null;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  dateOfBirth: string | null;
}

export interface IdentityResponse extends CaseIdentity {
  caseId: string;
}

/** The body of `POST /api/cases`. */
export interface NewCase {
  disease: string;
  classification: Classification;
  onsetDate?: string | null;
  reportDate: string;
  confirmationDate?: string | null;
  age?: number | null;
  sex: Sex;
  residenceArea: string;
  infectionPlace: { country: string; area?: string | null; description?: string | null };
  imported?: { country: string; entryGate?: string | null; entryDate: string } | null;
  outcome?: CaseOutcome;
  reportingFacility: string;
  contacts?: { vn: number; cn: number };
  travel?: { place: string; country: string; from: string; to?: string | null }[];
  identity?: (Partial<CaseIdentity> & { fullName: string }) | null;
}

export interface CaseFilter {
  disease?: string;
  classification?: Classification | '';
  area?: string;
  from?: string;
  to?: string;
  imported?: '' | 'true' | 'false';
  limit?: number;
  offset?: number;
}

export interface CasePage {
  items: Case[];
  total: number;
  limit: number;
  offset: number;
}

export const DATA_KINDS = ['aggregates', 'screening', 'vectors', 'cases'] as const;
export type DataKind = (typeof DATA_KINDS)[number];
export type FileFormat = 'csv' | 'dhis2';

export type JobState = 'receiving' | 'writing' | 'succeeded' | 'rejected' | 'failed';

export interface ImportReport {
  jobId: string;
  kind: DataKind;
  format: FileFormat;
  state: JobState;
  startedAt: string;
  finishedAt: string | null;
  totalBytes: number | null;
  processedBytes: number;
  processedRows: number;
  validRows: number;
  writtenRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  errorOffset: number;
  /** Bad records: CSV line (header = 1) or DHIS2 `dataValues` index; the message is already in the UI language. */
  errors: { line: number; field: string | null; code: string; message: string }[];
  failure: { code: string; message: string } | null;
}

export interface WeeklySeries {
  from: string | null;
  to: string | null;
  weeks: string[];
  series: { area: string; disease: string; counts: number[] }[];
}

export interface AreaTotal {
  area: string | null;
  disease: string | null;
  count: number;
  population: number | null;
}

export interface ScreeningDay {
  gate: string;
  date: string;
  people: number;
  vehicles: number;
  consignments: number;
  samples: number;
  symptomatic: number;
  referred: number;
  quarantined: number;
}

export interface CursorPage<T> {
  items: T[];
  next: string | null;
}

const cleanCases = (f: CaseFilter) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== '' && v !== undefined)) as Record<string, string | number>;

export const useCases = (filter: CaseFilter, enabled = true) =>
  useQuery({
    queryKey: ['cases', 'list', cleanCases(filter)],
    queryFn: ({ signal }) => api<CasePage>('/api/cases', { signal, query: cleanCases(filter) }),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useCase = (id: string) =>
  useQuery({
    queryKey: ['cases', 'detail', id],
    queryFn: ({ signal }) => api<Case>(`/api/cases/${encodeURIComponent(id)}`, { signal }),
    enabled: !!id,
  });

/** Weekly series per area × disease between two ISO weeks. */
export const useWeeklySeries = (q: { from: string; to: string; area?: readonly string[]; disease?: readonly string[] }) =>
  useQuery({
    queryKey: ['surveillance', 'series', q],
    queryFn: ({ signal }) => api<WeeklySeries>('/api/surveillance/series/weekly', { signal, query: { ...q } }),
    staleTime: 60_000,
  });

export const useTotals = (q: { from: string; to: string; by?: 'area' | 'disease' | 'area-disease'; disease?: readonly string[] }) =>
  useQuery({
    queryKey: ['surveillance', 'totals', q],
    queryFn: ({ signal }) => api<AreaTotal[]>('/api/surveillance/totals', { signal, query: { periodKind: 'week', ...q } }),
    staleTime: 60_000,
  });

/** Every screening day between two dates (all pages). */
export const useScreening = (q: { from: string; to: string }) =>
  useQuery({
    queryKey: ['surveillance', 'screening', q],
    queryFn: async ({ signal }) => {
      const all: ScreeningDay[] = [];
      let after: string | null = null;
      for (let i = 0; i < 50; i++) {
        const page: CursorPage<ScreeningDay> = await api<CursorPage<ScreeningDay>>('/api/surveillance/screening', { signal, query: { ...q, limit: 5000, after } });
        all.push(...page.items);
        if (!page.next) break;
        after = page.next;
      }
      return all;
    },
    staleTime: 60_000,
  });

/** The address of an export file (the browser downloads it with the session cookie). */
export function exportUrl(kind: DataKind, format: FileFormat, filter: Record<string, string | undefined> = {}): string {
  return withQuery('/api/surveillance/export', { kind, format, ...filter });
}
