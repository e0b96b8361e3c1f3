import { definePermissions, ROLES, type Jurisdiction, type RecordScope } from '../platform/access';
import type { DirectoryStore } from './store';

definePermissions({
  'directory.read': ROLES,
  'directory.contact.read': ['administrator', 'epidemiologist', 'gate-officer', 'clinician', 'liaison'],
  'user.read': ['administrator'],
  'user.manage': ['administrator'],
  // Recording that the parties renewed an agreement changes what every capability may do with a peer.
  'directory.agreement.renew': ['administrator'],
});

/** The access scope of a record located in an area of a party. */
export async function areaScope(store: DirectoryStore, party: string, areaCode: string): Promise<RecordScope> {
  const area = await store.area(areaCode);
  const parties = await store.party(party);
  return { party: parties?.servingParty ?? party, areas: area?.path ?? [areaCode] };
}

/** The access scope of a user record: where that user's own authority lies. */
export async function jurisdictionScope(store: DirectoryStore, party: string, j: Jurisdiction): Promise<RecordScope> {
  switch (j.kind) {
    case 'party':
      return { party, areas: [] };
    case 'area':
      return areaScope(store, party, j.area);
    case 'gate':
      return { party, gate: j.gate };
    case 'facility': {
      const f = await store.facility(j.facility);
      const s = f ? await areaScope(store, party, f.area) : { party, areas: [] };
      return { ...s, party, facility: j.facility };
    }
  }
}
