import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, UNAUTHORIZED_EVENT } from '../api/client';
import type { Me, Role } from '../api/types';

export const ME_KEY = ['auth', 'me'] as const;

/** Who is signed in: the user, or null when there is no session. */
async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await api<Me>('/api/auth/me', { signal, quiet401: true });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: ({ signal }) => fetchMe(signal), staleTime: 5 * 60_000, retry: false });
}

const MeContext = createContext<Me | null>(null);

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

/** The signed-in user (only inside the signed-in shell). */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside a signed-in shell');
  return me;
}

/** When any call answers 401 the session is over: forget everything and show the login page. */
export function useSessionExpiry(): void {
  const qc = useQueryClient();
  useEffect(() => {
    const onUnauthorized = () => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'node' && q.queryKey[0] !== 'auth' });
      qc.setQueryData(ME_KEY, null);
    };
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [qc]);
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      api<{ token: string; expiresAt: string }>('/api/auth/login', { method: 'POST', body, quiet401: true }),
    onSuccess: async () => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'node' && q.queryKey[0] !== 'auth' });
      await qc.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/auth/logout', { method: 'POST', quiet401: true }).catch((e) => {
      // An expired session is as good as a logged-out one.
      if (!(e instanceof ApiError && e.status === 401)) throw e;
    }),
    onSuccess: () => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'node' });
      qc.setQueryData(ME_KEY, null);
    },
  });
}

/** Which roles may open which part of the app (mirrors the node's permission table). */
export const ACCESS = {
  contacts: ['administrator', 'epidemiologist', 'gate-officer', 'clinician', 'liaison'],
  users: ['administrator'],
  audit: ['administrator', 'epidemiologist', 'liaison', 'viewer'],
  /** Signals: everyone reads (a gate officer only the screening signals of their gate). */
  signals: ['administrator', 'epidemiologist', 'gate-officer', 'clinician', 'liaison', 'viewer'],
  signalTriage: ['administrator', 'epidemiologist'],
  signalComment: ['administrator', 'epidemiologist', 'liaison', 'gate-officer'],
  signalRun: ['administrator', 'epidemiologist'],
  /** Aggregate counts, gate screening and vector surveys (no personal data). */
  surveillanceData: ['administrator', 'epidemiologist', 'gate-officer', 'clinician', 'liaison', 'viewer'],
  cases: ['administrator', 'epidemiologist', 'clinician', 'gate-officer', 'liaison'],
  caseWrite: ['administrator', 'epidemiologist', 'clinician', 'gate-officer'],
  /** Names and documents of cases: those who investigate or treat (every read is audited). */
  caseIdentity: ['epidemiologist', 'clinician'],
  /** Uploading files; each kind of data also needs its own write permission (below). */
  import: ['administrator', 'epidemiologist', 'clinician', 'gate-officer'],
  writeAggregates: ['administrator', 'epidemiologist'],
  writeScreening: ['administrator', 'epidemiologist', 'gate-officer'],
  writeVectors: ['administrator', 'epidemiologist'],
  // Cross-border notification (src/notifications/access.ts).
  notifications: ['administrator', 'liaison', 'epidemiologist'],
  notificationAct: ['administrator', 'liaison'],
  notificationMessage: ['administrator', 'liaison', 'epidemiologist'],
  identityRequest: ['administrator', 'liaison', 'epidemiologist'],
  identityDecide: ['administrator', 'liaison'],
  /** Identifiers a partner disclosed (every read is audited). */
  identityRead: ['epidemiologist', 'liaison'],
  signalShare: ['administrator', 'liaison'],
  /** Timeliness statistics (aggregates only). */
  timeliness: ['administrator', 'epidemiologist', 'gate-officer', 'clinician', 'liaison', 'viewer'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof ACCESS;

export function can(role: Role, capability: Capability): boolean {
  return (ACCESS[capability] as readonly Role[]).includes(role);
}
