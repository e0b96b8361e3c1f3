/** The directory capability: parties, agreements, areas, facilities, border gates, contacts, users. */
import type { AppModule } from '../platform/http/app';
import { DirectoryStore } from './store';
import { directoryRoutes } from './routes';
import './access';

export { DirectoryStore } from './store';
export type { Party, Area, Facility, Contact, User } from './store';
export { directoryMigrations } from './tables';
export { seedDirectory, seedDemoUsers } from './seed';
export { seedDemoRenewals, recordRenewal, type NewRenewal } from './renewals';
export { DEMO_USERS, demoPassword } from './demo-users';
export { CONTACT_ROLES, CONTACT_ROLE_LABELS, contactRoleLabel, type ContactRole } from './contact-roles';
export { agreementStatus, agreementsBetween, agreementEnd, servingParty, type Agreement, type AgreementRenewal } from './model';
export { areaScope } from './access';

/** The directory's HTTP module. */
export function directoryModule(store: DirectoryStore): AppModule {
  return { name: 'directory', routes: directoryRoutes(store) };
}
