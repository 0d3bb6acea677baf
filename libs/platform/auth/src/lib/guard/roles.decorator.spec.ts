import { Role, Roles } from '@hailong/contracts';
import { AllowRoles } from './roles.decorator';

describe('@AllowRoles', () => {
  it('refuses an empty list, which would read as "open" to a reviewer but admit no one', () => {
    expect(() => AllowRoles()).toThrow('needs at least one role');
  });

  it('refuses role strings the platform does not define', () => {
    expect(() => AllowRoles(Roles.viewer, 'superuser' as Role)).toThrow(
      'unknown roles: superuser',
    );
  });
});
