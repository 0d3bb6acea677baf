import { Type } from '@nestjs/common';
import { AccountUnits } from '../auth.constants';
import { AuthConfig, AuthConfigError } from '../config/auth.config';
import { normalizeUsername, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, USERNAME_PATTERN } from './account-rules';

/** The first admin account, created at start-up when no account has its username. */
export interface BootstrapAdmin {
  username: string;
  password: string;
}

export interface LocalAccountsOptions {
  /** The auth configuration; when omitted the AUTH_* variables are read. */
  auth?: Partial<AuthConfig>;
  /** When omitted, AUTH_BOOTSTRAP_ADMIN_USERNAME/PASSWORD are read; null means no bootstrap. */
  bootstrapAdmin?: BootstrapAdmin | null;
  /**
   * Where the host's units are known: a module exporting a provider of {@link AccountUnits}. Without
   * it an account's unitId is only checked for shape.
   */
  units?: { module: Type<unknown>; provider: Type<AccountUnits> };
}

export const BOOTSTRAP_ADMIN_ENV = {
  username: 'AUTH_BOOTSTRAP_ADMIN_USERNAME',
  password: 'AUTH_BOOTSTRAP_ADMIN_PASSWORD',
} as const;

/** Reads the bootstrap admin from the environment; none when the username is unset. */
export function bootstrapAdminFromEnv(env: NodeJS.ProcessEnv = process.env): BootstrapAdmin | null {
  const username = env[BOOTSTRAP_ADMIN_ENV.username]?.trim();
  if (!username) {
    return null;
  }
  return { username, password: env[BOOTSTRAP_ADMIN_ENV.password] ?? '' };
}

/** Start-up check: a half-configured bootstrap admin is a mistake worth stopping for. */
export function validateBootstrapAdmin(admin: BootstrapAdmin): BootstrapAdmin {
  const username = normalizeUsername(admin.username);
  if (!USERNAME_PATTERN.test(username)) {
    throw new AuthConfigError(`${BOOTSTRAP_ADMIN_ENV.username} must be 3-64 letters, digits, ".", "_" or "-"`);
  }
  if (admin.password.length < PASSWORD_MIN_LENGTH || admin.password.length > PASSWORD_MAX_LENGTH) {
    throw new AuthConfigError(`${BOOTSTRAP_ADMIN_ENV.password} must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`);
  }
  return { username, password: admin.password };
}
