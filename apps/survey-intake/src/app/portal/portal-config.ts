/** How far a portal request's timestamp may be from intake's clock, either way. */
export const PORTAL_MAX_SKEW_ENV = 'PORTAL_SIGNATURE_MAX_SKEW_SECONDS';
export const PORTAL_SETTINGS = Symbol('PORTAL_SETTINGS');

export interface PortalSettings {
  readonly maxSkewSeconds: number;
}

/** Read once at start-up; a bad value stops the service rather than weakening the check. */
export function portalSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): PortalSettings {
  const raw = env[PORTAL_MAX_SKEW_ENV] ?? '300';
  const maxSkewSeconds = Number(raw);
  if (!Number.isInteger(maxSkewSeconds) || maxSkewSeconds < 1 || maxSkewSeconds > 3600) {
    throw new Error(`${PORTAL_MAX_SKEW_ENV} must be a whole number of seconds between 1 and 3600, got ${raw}`);
  }
  return { maxSkewSeconds };
}
