import type { ComponentType } from 'react';
import type { Role } from '../api/types';
import { can, type Capability } from '../auth/session';
import type { IconName } from './icons';
import { HomePage } from '../home/HomePage';
import { PartiesPage } from '../directory/PartiesPage';
import { AgreementsPage } from '../directory/AgreementsPage';
import { FacilitiesPage } from '../directory/FacilitiesPage';
import { AreasPage } from '../directory/AreasPage';
import { GatesPage } from '../directory/GatesPage';
import { ContactsPage } from '../directory/ContactsPage';
import { UsersPage } from '../directory/UsersPage';
import { DiseasesPage } from '../terminology/DiseasesPage';
import { AuditPage } from '../audit/AuditPage';

export type Section = 'overview' | 'directory' | 'reference' | 'governance';

export interface RouteDef {
  path: string;
  /** i18n key of the menu entry and page title. */
  titleKey: string;
  icon: IconName;
  section: Section;
  component: ComponentType;
  /** Only roles with this capability see and may open the page. */
  requires?: Capability;
}

export const ROUTES: readonly RouteDef[] = [
  { path: '/', titleKey: 'nav.home', icon: 'home', section: 'overview', component: HomePage },
  { path: '/directory/parties', titleKey: 'nav.parties', icon: 'parties', section: 'directory', component: PartiesPage },
  { path: '/directory/agreements', titleKey: 'nav.agreements', icon: 'agreements', section: 'directory', component: AgreementsPage },
  { path: '/directory/facilities', titleKey: 'nav.facilities', icon: 'facilities', section: 'directory', component: FacilitiesPage },
  { path: '/directory/areas', titleKey: 'nav.areas', icon: 'areas', section: 'directory', component: AreasPage },
  { path: '/directory/gates', titleKey: 'nav.gates', icon: 'gates', section: 'directory', component: GatesPage },
  { path: '/directory/contacts', titleKey: 'nav.contacts', icon: 'contacts', section: 'directory', component: ContactsPage, requires: 'contacts' },
  { path: '/terminology/diseases', titleKey: 'nav.diseases', icon: 'diseases', section: 'reference', component: DiseasesPage },
  { path: '/admin/users', titleKey: 'nav.users', icon: 'users', section: 'governance', component: UsersPage, requires: 'users' },
  { path: '/audit', titleKey: 'nav.audit', icon: 'audit', section: 'governance', component: AuditPage, requires: 'audit' },
];

export const SECTIONS: readonly Section[] = ['overview', 'directory', 'reference', 'governance'];

export const allowed = (route: RouteDef, role: Role) => !route.requires || can(role, route.requires);

export const findRoute = (path: string) => ROUTES.find((r) => r.path === path);
