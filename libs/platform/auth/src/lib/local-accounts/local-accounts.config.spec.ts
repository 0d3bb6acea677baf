import { AuthConfigError } from '../config/auth.config';
import {
  bootstrapAdminFromEnv,
  validateBootstrapAdmin,
} from './local-accounts.config';

describe('bootstrap admin configuration', () => {
  it('is absent when AUTH_BOOTSTRAP_ADMIN_USERNAME is unset or empty', () => {
    expect(bootstrapAdminFromEnv({})).toBeNull();
    expect(
      bootstrapAdminFromEnv({ AUTH_BOOTSTRAP_ADMIN_USERNAME: ' ' }),
    ).toBeNull();
  });

  it('reads both variables and lower-cases the username', () => {
    const admin = bootstrapAdminFromEnv({
      AUTH_BOOTSTRAP_ADMIN_USERNAME: 'Admin',
      AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'correct horse battery',
    });
    expect(admin && validateBootstrapAdmin(admin)).toEqual({
      username: 'admin',
      password: 'correct horse battery',
    });
  });

  it('stops the start-up when the username comes without a usable password', () => {
    const admin = bootstrapAdminFromEnv({
      AUTH_BOOTSTRAP_ADMIN_USERNAME: 'admin',
    });
    expect(() => admin && validateBootstrapAdmin(admin)).toThrow(
      AuthConfigError,
    );
    expect(() =>
      validateBootstrapAdmin({ username: 'admin', password: 'short' }),
    ).toThrow('AUTH_BOOTSTRAP_ADMIN_PASSWORD must be 12 to 256 characters');
  });

  it('refuses a username the login form could not accept', () => {
    expect(() =>
      validateBootstrapAdmin({
        username: 'quản trị',
        password: 'x'.repeat(12),
      }),
    ).toThrow('AUTH_BOOTSTRAP_ADMIN_USERNAME');
  });
});
