import { KeyObject } from 'node:crypto';
import { JWTPayload, SignJWT } from 'jose';
import { Role } from '@hailong/contracts';

/** What a platform access token says about its holder (besides iss, aud, iat, exp). */
export interface AccessTokenClaims {
  sub: string;
  roles: readonly Role[];
  unitId?: string | null;
  name?: string;
}

export interface AccessTokenSigningOptions {
  issuer: string;
  audience: string;
  /** Seconds from now until `exp`; negative values produce an already expired token. */
  expiresInSeconds: number;
  kid?: string;
}

/** Signs an EdDSA access token; the one place that decides the token layout. */
export function signAccessToken(
  privateKey: KeyObject,
  claims: AccessTokenClaims,
  options: AccessTokenSigningOptions,
): Promise<string> {
  const payload: JWTPayload = { roles: [...claims.roles] };
  if (claims.unitId) {
    payload['unitId'] = claims.unitId;
  }
  if (claims.name) {
    payload['name'] = claims.name;
  }
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(payload)
    .setProtectedHeader({
      alg: 'EdDSA',
      typ: 'JWT',
      ...(options.kid ? { kid: options.kid } : {}),
    })
    .setSubject(claims.sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + options.expiresInSeconds)
    .sign(privateKey);
}
