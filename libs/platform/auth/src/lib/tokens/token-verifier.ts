import { KeyObject } from 'node:crypto';
import {
  createRemoteJWKSet,
  errors,
  JWTPayload,
  jwtVerify,
  JWTVerifyOptions,
} from 'jose';
import { isRole, Role } from '@hailong/contracts';
import { AuthSettings } from '../config/auth-settings';
import { Actor } from './actor';
import { parseEd25519PublicKey } from './signing-keys';

/** Why a token was refused; the guard turns each into a 401 message. */
export type TokenRejection = 'malformed' | 'expired' | 'invalid';

/** A token the caller sent is unusable. Other errors (JWKS unreachable) are not this. */
export class TokenVerificationError extends Error {
  override readonly name = 'TokenVerificationError';

  constructor(
    readonly reason: TokenRejection,
    message: string,
  ) {
    super(message);
  }
}

export interface TokenVerifierOptions {
  /** Required `iss`; not checked when omitted. */
  issuer?: string;
  /** Required `aud`; not checked when omitted. */
  audience?: string;
  /** The issuer's JWKS endpoint; exclusive with `publicKey`. */
  jwksUrl?: string | URL;
  /** An Ed25519 public key (KeyObject or SPKI PEM); exclusive with `jwksUrl`. */
  publicKey?: KeyObject | string;
  /** Allowed clock skew between services, in seconds (default 5). */
  clockToleranceSeconds?: number;
}

// Asymmetric algorithms only, so a public key can never be used as an HMAC secret. A JWKS may
// belong to an external OIDC issuer, which commonly signs RS256 or ES256.
const LOCAL_KEY_ALGORITHMS = ['EdDSA', 'Ed25519'];
const JWKS_ALGORITHMS = [
  ...LOCAL_KEY_ALGORITHMS,
  'ES256',
  'ES384',
  'RS256',
  'PS256',
];

const MALFORMED = [errors.JWSInvalid, errors.JWTInvalid];
const INVALID = [
  errors.JWSSignatureVerificationFailed,
  errors.JWTClaimValidationFailed,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
];

/** Verifies platform bearer tokens (signature, `exp`, `iss`, `aud`) and reads the Actor. */
export class TokenVerifier {
  private readonly verifyJwt: (token: string) => Promise<JWTPayload>;

  constructor(options: TokenVerifierOptions) {
    if (Boolean(options.jwksUrl) === Boolean(options.publicKey)) {
      throw new Error(
        'TokenVerifier needs exactly one of jwksUrl or publicKey',
      );
    }
    const checks: JWTVerifyOptions = {
      issuer: options.issuer,
      audience: options.audience,
      requiredClaims: ['sub', 'exp'],
      clockTolerance: options.clockToleranceSeconds ?? 5,
    };
    if (options.jwksUrl) {
      const jwks = createRemoteJWKSet(new URL(options.jwksUrl));
      const jwksChecks = { ...checks, algorithms: JWKS_ALGORITHMS };
      this.verifyJwt = async (token) =>
        (await jwtVerify(token, jwks, jwksChecks)).payload;
    } else {
      const key =
        typeof options.publicKey === 'string'
          ? parseEd25519PublicKey(options.publicKey)
          : (options.publicKey as KeyObject);
      const keyChecks = { ...checks, algorithms: LOCAL_KEY_ALGORITHMS };
      this.verifyJwt = async (token) =>
        (await jwtVerify(token, key, keyChecks)).payload;
    }
  }

  static fromSettings(settings: AuthSettings): TokenVerifier {
    return new TokenVerifier({
      issuer: settings.issuer,
      audience: settings.audience,
      ...settings.verification,
    });
  }

  /**
   * @throws TokenVerificationError when the token is malformed, expired, wrongly signed or for
   *   another issuer/audience; any other error means the keys could not be fetched.
   */
  async verify(token: string): Promise<Actor> {
    let payload: JWTPayload;
    try {
      payload = await this.verifyJwt(token);
    } catch (error) {
      throw asVerificationError(error);
    }
    return actorOf(payload);
  }
}

function asVerificationError(error: unknown): unknown {
  if (error instanceof errors.JWTExpired) {
    return new TokenVerificationError('expired', 'token has expired');
  }
  if (MALFORMED.some((type) => error instanceof type)) {
    return new TokenVerificationError('malformed', (error as Error).message);
  }
  if (INVALID.some((type) => error instanceof type)) {
    return new TokenVerificationError('invalid', (error as Error).message);
  }
  return error;
}

function actorOf(payload: JWTPayload): Actor {
  const { sub } = payload;
  if (typeof sub !== 'string' || sub.length === 0) {
    throw new TokenVerificationError(
      'invalid',
      '"sub" claim must be a non-empty string',
    );
  }
  const roles = payload['roles'];
  const unitId = payload['unitId'];
  const name = payload['name'];
  return {
    id: sub,
    roles: Array.isArray(roles) ? uniqueRoles(roles) : [],
    unitId: typeof unitId === 'string' && unitId.length > 0 ? unitId : null,
    ...(typeof name === 'string' && name.length > 0 ? { name } : {}),
  };
}

function uniqueRoles(values: unknown[]): Role[] {
  return [...new Set(values.filter(isRole))];
}
