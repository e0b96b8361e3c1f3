import type { ComponentType } from 'react';
import type { Role } from '../api/types';
import { can, type Capability } from '../auth/session';
import type { IconName } from './icons';
import { matchPath } from './router';
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
import { BoardPage } from '../early-warning/BoardPage';
import { SignalPage } from '../early-warning/SignalPage';
import { OverviewPage } from '../early-warning/OverviewPage';
import { ImportPage } from '../surveillance/ImportPage';
import { CasesPage } from '../surveillance/CasesPage';
import { CasePage } from '../surveillance/CasePage';
import { NewCasePage } from '../surveillance/NewCasePage';
// Cross-border notification.
import { NotificationsPage } from '../notifications/NotificationsPage';
import { NotificationPage } from '../notifications/NotificationPage';
import { TimelinessPage } from '../notifications/TimelinessPage';
import { SharePage } from '../notifications/SharePage';

export type Section = 'overview' | 'earlyWarning' | 'cooperation' | 'directory' | 'reference' | 'governance';

export interface RouteDef {
  /** The address; a segment `:name` matches any one segment (read it with `useParams`). */
  path: string;
  /** i18n key of the menu entry and page title. */
  titleKey: string;
  icon: IconName;
  section: Section;
  component: ComponentType;
  /** Only roles with this capability see and may open the page. */
  requires?: Capability;
  /** Not a menu entry: the page of one record, shown under the entry with this path. */
  parent?: string;
}

export const ROUTES: readonly RouteDef[] = [
  { path: '/', titleKey: 'nav.home', icon: 'home', section: 'overview', component: HomePage },
  { path: '/early-warning', titleKey: 'nav.board', icon: 'signals', section: 'earlyWarning', component: BoardPage, requires: 'signals' },
  { path: '/early-warning/signals/:id', titleKey: 'nav.signal', icon: 'signals', section: 'earlyWarning', component: SignalPage, requires: 'signals', parent: '/early-warning' },
  { path: '/early-warning/overview', titleKey: 'nav.situation', icon: 'chart', section: 'earlyWarning', component: OverviewPage, requires: 'surveillanceData' },
  { path: '/surveillance/cases', titleKey: 'nav.cases', icon: 'cases', section: 'earlyWarning', component: CasesPage, requires: 'cases' },
  { path: '/surveillance/cases/new', titleKey: 'nav.newCase', icon: 'cases', section: 'earlyWarning', component: NewCasePage, requires: 'caseWrite', parent: '/surveillance/cases' },
  { path: '/surveillance/cases/:id', titleKey: 'nav.case', icon: 'cases', section: 'earlyWarning', component: CasePage, requires: 'cases', parent: '/surveillance/cases' },
  { path: '/surveillance/import', titleKey: 'nav.import', icon: 'upload', section: 'earlyWarning', component: ImportPage, requires: 'import' },
  // Cross-border notification.
  { path: '/notifications', titleKey: 'nav.notifications', icon: 'globe', section: 'cooperation', component: NotificationsPage, requires: 'notifications' },
  { path: '/notifications/share', titleKey: 'nav.shareSignals', icon: 'signals', section: 'cooperation', component: SharePage, requires: 'signalShare' },
  { path: '/notifications/timeliness', titleKey: 'nav.timeliness', icon: 'chart', section: 'cooperation', component: TimelinessPage, requires: 'timeliness' },
  { path: '/notifications/:id', titleKey: 'nav.notification', icon: 'globe', section: 'cooperation', component: NotificationPage, requires: 'notifications', parent: '/notifications' },
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

export const SECTIONS: readonly Section[] = ['overview', 'earlyWarning', 'cooperation', 'directory', 'reference', 'governance'];

export const allowed = (route: RouteDef, role: Role) => !route.requires || can(role, route.requires);

/** The route of a path: an exact address first, then a pattern. */
export const findRoute = (path: string) => ROUTES.find((r) => r.path === path) ?? ROUTES.find((r) => r.path.includes(':') && matchPath(r.path, path));
