import { AUTH_CONFIG_DEFAULTS } from '../config/auth.config';
import { keyIdOf, parseEd25519PrivateKey, publicJwkOf } from './signing-keys';
import { AccessTokenClaims, signAccessToken } from './token-signing';

export interface TestTokenOptions {
  /** Defaults to AUTH_ISSUER's default, `hailong-local`. */
  issuer?: string;
  /** Defaults to AUTH_AUDIENCE's default, `hailong`. */
  audience?: string;
  /** Defaults to 300; pass a negative number for an expired token. */
  expiresInSeconds?: number;
  /** Defaults to the key's thumbprint, like the local issuer. */
  kid?: string;
}

/**
 * Signs a token the way the local issuer does, so a service's tests can call its endpoints
 * as a given role without running the unit-directory.
 */
export async function issueTestToken(
  privateKeyPem: string,
  claims: AccessTokenClaims,
  options: TestTokenOptions = {},
): Promise<string> {
  const privateKey = parseEd25519PrivateKey(privateKeyPem);
  return signAccessToken(privateKey, claims, {
    issuer: options.issuer ?? AUTH_CONFIG_DEFAULTS.issuer,
    audience: options.audience ?? AUTH_CONFIG_DEFAULTS.audience,
    expiresInSeconds: options.expiresInSeconds ?? 300,
    kid: options.kid ?? (await keyIdOf(publicJwkOf(privateKey))),
  });
}
