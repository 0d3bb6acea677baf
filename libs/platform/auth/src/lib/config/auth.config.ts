import { plainToInstance } from 'class-transformer';
import {
  Contains,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  validateSync,
} from 'class-validator';

/** Auth settings as configured (PEM text, not yet imported keys). See README for the variables. */
export interface AuthConfig {
  /** `iss` the tokens must carry (and that the local issuer writes). */
  issuer: string;
  /** `aud` the tokens must carry (and that the local issuer writes). */
  audience: string;
  /** JWKS endpoint of the issuer; exclusive with `publicKeyPem`. */
  jwksUrl?: string;
  /** Ed25519 public key, SPKI PEM; exclusive with `jwksUrl`. */
  publicKeyPem?: string;
  /** Ed25519 private key, PKCS8 PEM; only the issuing service has it. */
  signingKeyPem?: string;
  /** `kid` written in token headers and the JWKS; defaults to the key's JWK thumbprint. */
  signingKeyId?: string;
  /** Lifetime of the tokens the local issuer signs. */
  tokenTtlSeconds: number;
}

/** The environment variable behind each setting, used for reading and for error messages. */
export const AUTH_ENV: Readonly<Record<keyof AuthConfig, string>> = {
  issuer: 'AUTH_ISSUER',
  audience: 'AUTH_AUDIENCE',
  jwksUrl: 'AUTH_JWKS_URL',
  publicKeyPem: 'AUTH_PUBLIC_KEY',
  signingKeyPem: 'AUTH_SIGNING_KEY',
  signingKeyId: 'AUTH_SIGNING_KEY_ID',
  tokenTtlSeconds: 'AUTH_TOKEN_TTL_SECONDS',
};

/** Safe local defaults; key material has no default on purpose. */
export const AUTH_CONFIG_DEFAULTS = {
  issuer: 'hailong-local',
  audience: 'hailong',
  tokenTtlSeconds: 3600,
} as const;

/** Raised at start-up when the auth configuration cannot work; the message names the variables. */
export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
}

const NON_EMPTY = 'must be a non-empty string';

// class-validator runs a property's decorators bottom-up and stops at the first failure, so the
// type check sits closest to the property.
class AuthConfigValues implements AuthConfig {
  @IsNotEmpty({ message: NON_EMPTY })
  @IsString({ message: NON_EMPTY })
  issuer!: string;

  @IsNotEmpty({ message: NON_EMPTY })
  @IsString({ message: NON_EMPTY })
  audience!: string;

  @IsOptional()
  @IsUrl(
    {
      protocols: ['http', 'https'],
      require_protocol: true,
      require_tld: false,
    },
    { message: 'must be an http(s) URL' },
  )
  jwksUrl?: string;

  @IsOptional()
  @Contains('-----BEGIN PUBLIC KEY-----', {
    message: 'must be an SPKI PEM ("BEGIN PUBLIC KEY")',
  })
  @IsString({ message: 'must be a PEM string' })
  publicKeyPem?: string;

  @IsOptional()
  @Contains('-----BEGIN PRIVATE KEY-----', {
    message: 'must be a PKCS8 PEM ("BEGIN PRIVATE KEY")',
  })
  @IsString({ message: 'must be a PEM string' })
  signingKeyPem?: string;

  @IsOptional()
  @IsNotEmpty({ message: NON_EMPTY })
  @IsString({ message: NON_EMPTY })
  signingKeyId?: string;

  @Max(86_400, { message: 'must be at most 86400 seconds (one day)' })
  @Min(60, { message: 'must be at least 60 seconds' })
  @IsInt({ message: 'must be a whole number of seconds' })
  tokenTtlSeconds!: number;
}

/**
 * Reads the AUTH_* variables. Empty values count as unset, and PEMs may use literal `\n`
 * because that is how multi-line values usually survive `.env` files and container settings.
 */
export function authConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Partial<AuthConfig> {
  const read = (key: keyof AuthConfig): string | undefined => {
    const value = env[AUTH_ENV[key]]?.trim();
    return value ? value : undefined;
  };
  const pem = (key: keyof AuthConfig) => read(key)?.replace(/\\n/g, '\n');
  const ttl = read('tokenTtlSeconds');
  return withoutUndefined({
    issuer: read('issuer'),
    audience: read('audience'),
    jwksUrl: read('jwksUrl'),
    publicKeyPem: pem('publicKeyPem'),
    signingKeyPem: pem('signingKeyPem'),
    signingKeyId: read('signingKeyId'),
    tokenTtlSeconds: ttl === undefined ? undefined : Number(ttl),
  });
}

/** Applies the defaults and checks each value; cross-setting rules live in resolveAuthSettings. */
export function validateAuthConfig(partial: Partial<AuthConfig>): AuthConfig {
  const values = plainToInstance(AuthConfigValues, {
    ...AUTH_CONFIG_DEFAULTS,
    ...withoutUndefined(partial),
  });
  const errors = validateSync(values, {
    forbidUnknownValues: false,
    stopAtFirstError: true,
  });
  if (errors.length > 0) {
    const lines = errors.map((error) => {
      const key = error.property as keyof AuthConfig;
      const reasons = Object.values(error.constraints ?? {}).join('; ');
      return `${AUTH_ENV[key] ?? key} (${key}) ${reasons}`;
    });
    throw new AuthConfigError(
      `Invalid auth configuration:\n - ${lines.join('\n - ')}`,
    );
  }
  return { ...values };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
