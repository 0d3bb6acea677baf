/**
 * The roles of DESIGN "People, roles and privacy". Tokens carry them; every endpoint names the
 * ones it admits, and events record the actor's roles.
 */
export const Roles = {
  citizen: 'citizen',
  portal: 'portal',
  device: 'device',
  surveyor: 'surveyor',
  campaignManager: 'campaign-manager',
  directoryEditor: 'directory-editor',
  viewer: 'viewer',
  auditor: 'auditor',
  reinspector: 're-inspector',
  admin: 'admin',
} as const;

export type Role = (typeof Roles)[keyof typeof Roles];

export const ALL_ROLES: readonly Role[] = Object.values(Roles);

/** Roles that see every unit of the province, not only their own unit and the units below it. */
export const PROVINCE_WIDE_ROLES: readonly Role[] = [
  Roles.admin,
  Roles.auditor,
  Roles.reinspector,
];

export function isRole(value: unknown): value is Role {
  return (
    typeof value === 'string' &&
    (ALL_ROLES as readonly string[]).includes(value)
  );
}
