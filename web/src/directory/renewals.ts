import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Agreement, AgreementRenewal, Me, Text } from '../api/types';

/** What an administrator records (POST /api/directory/agreements/:code/renewals). */
export interface NewRenewal {
  effectiveTo: string;
  signedOn: string | null;
  reference: string;
  note: Partial<Text> | null;
}

/** The renewals recorded for an agreement (none from a node that does not list them). */
export function renewalsOf(a: Agreement): readonly AgreementRenewal[] {
  return a.renewals ?? [];
}

/**
 * Whether the user may record a renewal of the agreement: mirrors the node's rule (a party-wide
 * administrator; agreements with an end that do not renew themselves).
 */
export function canRenew(me: Me, a: Agreement): boolean {
  return me.role === 'administrator' && me.jurisdiction.kind === 'party' && a.renewal.kind !== 'automatic' && Boolean(a.effectiveTo || a.term);
}

/** A demo assumption stops counting once a signed renewal is recorded (the node's rule too). */
export function isSuperseded(r: AgreementRenewal, all: readonly AgreementRenewal[]): boolean {
  return r.demo && all.some((x) => !x.demo);
}

/** Records a renewal and refreshes the agreements (their status changes with it). */
export function useRecordRenewal(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewRenewal) => api<Agreement>(`/api/directory/agreements/${encodeURIComponent(code)}/renewals`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['directory', 'agreements'] }),
  });
}
