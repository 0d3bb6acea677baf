import type { Role } from '@hailong/contracts';

/** Staff roles: the ones that sign in to these screens (citizens, portals and devices use the channels). */
export const STAFF_ROLES: readonly Role[] = [
  'surveyor',
  'campaign-manager',
  'directory-editor',
  'viewer',
  'auditor',
  're-inspector',
  'admin',
];

export type NavLabel =
  | 'nav.home'
  | 'nav.directory'
  | 'nav.dashboard'
  | 'nav.paperEntry'
  | 'nav.campaigns'
  | 'nav.questionnaires'
  | 'nav.imports'
  | 'nav.tablet'
  | 'nav.tablets'
  | 'nav.reinspection';

export interface NavItem {
  readonly path: string;
  readonly label: NavLabel;
  /** Who sees the item and may open the screen. */
  readonly roles: readonly Role[];
}

/**
 * Every staff screen, in menu order. A screen is listed once it works; campaigns, paper-form entry,
 * file import, the dashboard and re-inspection join as their APIs land.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'nav.home', roles: STAFF_ROLES },
  { path: '/units', label: 'nav.directory', roles: STAFF_ROLES },
  // Scoring's figure readers (FIGURE_READERS in apps/scoring): leadership first.
  { path: '/dashboard', label: 'nav.dashboard', roles: ['viewer', 'campaign-manager', 'admin', 'auditor', 're-inspector'] },
  // Who may POST /responses (paper forms keyed by staff).
  { path: '/paper-entry', label: 'nav.paperEntry', roles: ['surveyor', 'admin'] },
  // Who may create, open and close campaigns and publish questionnaire versions.
  { path: '/campaigns', label: 'nav.campaigns', roles: ['campaign-manager', 'admin'] },
  { path: '/questionnaires', label: 'nav.questionnaires', roles: ['campaign-manager', 'admin'] },
  // Who may POST /campaigns/{id}/imports.
  { path: '/imports', label: 'nav.imports', roles: ['surveyor', 'admin'] },
  // Working groups' surveyors; the page itself opens without a sign-in, to work offline.
  { path: '/tablet', label: 'nav.tablet', roles: ['surveyor'] },
  // Who may enrol and revoke tablets.
  { path: '/tablets', label: 'nav.tablets', roles: ['admin'] },
  // The re-inspection team, and leadership for the figures and the report.
  { path: '/reinspection', label: 'nav.reinspection', roles: ['auditor', 're-inspector', 'admin', 'viewer'] },
];

export function navigationFor(roles: readonly Role[], items: readonly NavItem[] = NAV_ITEMS): NavItem[] {
  return items.filter((item) => item.roles.some((role) => roles.includes(role)));
}

export function rolesFor(path: string, items: readonly NavItem[] = NAV_ITEMS): readonly Role[] {
  const item = items.find((i) => i.path === path);
  if (!item) throw new Error(`no navigation item for ${path}`);
  return item.roles;
}
