import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type {
  Agreement,
  Area,
  Contact,
  Disease,
  Facility,
  Gate,
  Health,
  NodeInfo,
  Party,
  TreeHead,
  User,
} from './types';

/** Reference data changes rarely: keep it for the session, refetch on demand. */
const REFERENCE = { staleTime: 5 * 60_000 };

export const useNodeInfo = () =>
  useQuery({ queryKey: ['node'], queryFn: ({ signal }) => api<NodeInfo>('/.well-known/borderhealth/node.json', { signal }), staleTime: Infinity });

export const useHealth = () => useQuery({ queryKey: ['health'], queryFn: ({ signal }) => api<Health>('/api/health', { signal }) });

export const useParties = () =>
  useQuery({ queryKey: ['directory', 'parties'], queryFn: ({ signal }) => api<Party[]>('/api/directory/parties', { signal }), ...REFERENCE });

export const useAgreements = () =>
  useQuery({ queryKey: ['directory', 'agreements'], queryFn: ({ signal }) => api<Agreement[]>('/api/directory/agreements', { signal }), ...REFERENCE });

export interface AreaFilter {
  party?: string;
  parent?: string;
  level?: string;
}

export const useAreas = (filter: AreaFilter = {}) =>
  useQuery({
    queryKey: ['directory', 'areas', filter],
    queryFn: ({ signal }) => api<Area[]>('/api/directory/areas', { signal, query: { ...filter } }),
    ...REFERENCE,
  });

export interface FacilityFilter {
  party?: string;
  area?: string;
  kind?: string;
  q?: string;
}

export const useFacilities = (filter: FacilityFilter = {}) =>
  useQuery({
    queryKey: ['directory', 'facilities', filter],
    queryFn: ({ signal }) => api<Facility[]>('/api/directory/facilities', { signal, query: { ...filter } }),
    ...REFERENCE,
    placeholderData: (prev) => prev,
  });

export const useGates = () =>
  useQuery({ queryKey: ['directory', 'gates'], queryFn: ({ signal }) => api<Gate[]>('/api/directory/gates', { signal }), ...REFERENCE });

export const useContacts = (enabled = true) =>
  useQuery({ queryKey: ['directory', 'contacts'], queryFn: ({ signal }) => api<Contact[]>('/api/directory/contacts', { signal }), enabled, ...REFERENCE });

export const useUsers = (enabled = true) =>
  useQuery({ queryKey: ['users'], queryFn: ({ signal }) => api<User[]>('/api/users', { signal }), enabled });

export const useDiseases = (list: 'vn' | 'cn', q: string) =>
  useQuery({
    queryKey: ['terminology', 'diseases', list, q],
    queryFn: ({ signal }) => api<Disease[]>('/api/terminology/diseases', { signal, query: { list, q } }),
    ...REFERENCE,
    placeholderData: (prev) => prev,
  });

export const useTreeHead = (enabled = true) =>
  useQuery({ queryKey: ['audit', 'tree-head'], queryFn: ({ signal }) => api<TreeHead>('/api/audit/tree-head', { signal }), enabled, staleTime: 0 });
