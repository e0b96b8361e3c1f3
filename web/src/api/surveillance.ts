/** The surveillance API (`/api/cases`, `/api/surveillance/*`): shapes and queries. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from './client';
import { cleanFilter, listOf, type Page } from './lists';
import type {
  Case,
  CaseFields,
  CaseIdentity,
  Classification,
  DataKind,
  ImportInfo,
  ImportReport,
  InfectionPlace,
  Outcome,
  Sex,
  TravelStop,
} from '../../../src/surveillance/model';
import type { ScreeningDay, WeeklySeries } from '../../../src/surveillance/records';

export type { Case, Classification, DataKind, ImportReport, ScreeningDay, Sex };
export type CaseOutcome = Outcome;
export type FileFormat = ImportReport['format'];

export const CLASSIFICATIONS = listOf<Classification>()(['suspected', 'probable', 'confirmed']);
export const OUTCOMES = listOf<Outcome>()(['under-treatment', 'recovered', 'died', 'unknown']);
export const SEXES = listOf<Sex>()(['male', 'female', 'unknown']);

export interface IdentityResponse extends CaseIdentity {
  caseId: string;
}

/** The fields of T that may be null, left out as well (the node reads a missing one as null). */
type NullKeys<T> = { [K in keyof T]-?: null extends T[K] ? K : never }[keyof T];
type MayOmitNulls<T> = Omit<T, NullKeys<T>> & Partial<Pick<T, NullKeys<T>>>;

/** The body of `POST /api/cases`: the case fields (those with a default may be left out) and the identity, kept apart. */
export interface NewCase
  extends Pick<CaseFields, 'disease' | 'classification' | 'reportDate' | 'sex' | 'residenceArea' | 'reportingFacility'>,
    Partial<Pick<CaseFields, 'onsetDate' | 'confirmationDate' | 'age' | 'outcome' | 'contacts'>> {
  infectionPlace: MayOmitNulls<InfectionPlace>;
  imported?: MayOmitNulls<ImportInfo> | null;
  travel?: MayOmitNulls<TravelStop>[];
  identity?: MayOmitNulls<CaseIdentity> | null;
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

export type CasePage = Page<Case>;

export interface AreaTotal {
  area: string | null;
  disease: string | null;
  count: number;
  population: number | null;
}

export interface CursorPage<T> {
  items: T[];
  next: string | null;
}

export const useCases = (filter: CaseFilter, enabled = true) =>
  useQuery({
    queryKey: ['cases', 'list', cleanFilter(filter)],
    queryFn: ({ signal }) => api<CasePage>('/api/cases', { signal, query: cleanFilter(filter) }),
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
