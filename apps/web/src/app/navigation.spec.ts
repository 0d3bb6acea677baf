import { describe, expect, it } from 'vitest';
import { navigationFor, rolesFor, STAFF_ROLES } from './navigation';

describe('navigation by role', () => {
  it('shows every staff role the home page and the unit directory', () => {
    for (const role of STAFF_ROLES) {
      expect(
        navigationFor([role])
          .map((i) => i.path)
          .slice(0, 2),
      ).toEqual(['/', '/units']);
    }
  });

  it('shows the dashboard to those who may read figures (scoring’s FIGURE_READERS), not to surveyors or directory editors', () => {
    for (const role of ['viewer', 'campaign-manager', 'admin', 'auditor', 're-inspector'] as const)
      expect(navigationFor([role]).map((i) => i.path)).toContain('/dashboard');
    for (const role of ['surveyor', 'directory-editor'] as const)
      expect(navigationFor([role]).map((i) => i.path)).not.toContain('/dashboard');
  });

  it('shows the tablet enrolment screen to admins only (who may enrol and revoke tablets)', () => {
    expect(navigationFor(['admin']).map((i) => i.path)).toContain('/tablets');
    for (const role of STAFF_ROLES.filter((r) => r !== 'admin')) expect(navigationFor([role]).map((i) => i.path)).not.toContain('/tablets');
  });

  it('shows channel credentials and citizens no staff screen', () => {
    expect(navigationFor(['device'])).toEqual([]);
    expect(navigationFor(['portal', 'citizen'])).toEqual([]);
  });

  it('filters a screen to the roles it names', () => {
    const items = [
      { path: '/', label: 'nav.home' as const, roles: STAFF_ROLES },
      { path: '/dashboard', label: 'nav.directory' as const, roles: ['viewer' as const] },
    ];
    expect(navigationFor(['surveyor'], items).map((i) => i.path)).toEqual(['/']);
    expect(navigationFor(['viewer'], items).map((i) => i.path)).toEqual(['/', '/dashboard']);
  });

  it('knows the roles of every routed screen and refuses an unknown path', () => {
    expect(rolesFor('/units')).toBe(STAFF_ROLES);
    expect(() => rolesFor('/nowhere')).toThrow(/no navigation item/);
  });
});
