// Verification side: every service.
export { AuthModule } from './lib/auth.module';
export { ACCOUNT_UNITS, AUTH_SETTINGS } from './lib/auth.constants';
export type { AccountUnits } from './lib/auth.constants';
export { AUTH_CONFIG_DEFAULTS, AUTH_ENV, AuthConfigError, authConfigFromEnv, validateAuthConfig } from './lib/config/auth.config';
export type { AuthConfig } from './lib/config/auth.config';
export { resolveAuthSettings } from './lib/config/auth-settings';
export type { AuthSettings, SigningKey, VerificationKeySource } from './lib/config/auth-settings';
export type { Actor } from './lib/tokens/actor';
export { TokenVerificationError, TokenVerifier } from './lib/tokens/token-verifier';
export type { TokenRejection, TokenVerifierOptions } from './lib/tokens/token-verifier';
export { AuthGuard } from './lib/guard/auth.guard';
export { Public } from './lib/guard/public.decorator';
export { AllowRoles } from './lib/guard/roles.decorator';
export { CurrentActor } from './lib/guard/current-actor.decorator';
export { confinedUnitOf, outsideYourUnit } from './lib/unit-scope';
export type { RequestWithActor } from './lib/guard/current-actor.decorator';
export type { AuthErrorBody, FieldError } from './lib/http-errors';

// Issuing side: the one service hosting the local issuer.
export { LocalAccountsModule } from './lib/local-accounts/local-accounts.module';
export { BOOTSTRAP_ADMIN_ENV, bootstrapAdminFromEnv } from './lib/local-accounts/local-accounts.config';
export type { BootstrapAdmin, LocalAccountsOptions } from './lib/local-accounts/local-accounts.config';
export { StaffAccount } from './lib/local-accounts/staff-account.entity';
export { createStaffAccountsMigration } from './lib/local-accounts/staff-accounts.migration';
export { LocalAccountsService } from './lib/local-accounts/local-accounts.service';
export type { NewStaffAccount } from './lib/local-accounts/local-accounts.service';
export { BootstrapAdminService } from './lib/local-accounts/bootstrap-admin.service';
export { TokenIssuer } from './lib/local-accounts/token-issuer';
export type { IssuedToken, PublishedJwk } from './lib/local-accounts/token-issuer';

// Keys and tokens for tests and the local start script.
export { generateSigningKeyPair } from './lib/tokens/signing-keys';
export type { Ed25519PublicJwk, SigningKeyPair } from './lib/tokens/signing-keys';
export { issueTestToken } from './lib/tokens/test-tokens';
export type { TestTokenOptions } from './lib/tokens/test-tokens';
export type { AccessTokenClaims } from './lib/tokens/token-signing';
