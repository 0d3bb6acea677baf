/** Injection token of the resolved {@link AuthSettings} (keys imported, defaults applied). */
export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

/** Injection token of the issuer-only options (bootstrap admin) of LocalAccountsModule. */
export const LOCAL_ACCOUNTS_OPTIONS = Symbol('LOCAL_ACCOUNTS_OPTIONS');

/** Route metadata keys read by the global guard. */
export const IS_PUBLIC_METADATA = 'hailong:auth:public';
export const ALLOWED_ROLES_METADATA = 'hailong:auth:allowed-roles';

/** Injection token of the {@link AccountUnits} a host of LocalAccountsModule may give. */
export const ACCOUNT_UNITS = Symbol('ACCOUNT_UNITS');

/**
 * Where a unit stands today, so an account is never tied to a unit the directory does not have, or
 * to one that has ended (merged, split or dissolved): its staff now belong to the successor.
 */
export interface AccountUnits {
  statusToday(unitId: string): Promise<'unknown' | 'ended' | 'current'>;
}
