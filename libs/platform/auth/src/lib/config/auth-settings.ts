import { createPublicKey, KeyObject } from 'node:crypto';
import {
  Ed25519PublicJwk,
  keyIdOf,
  parseEd25519PrivateKey,
  parseEd25519PublicKey,
  publicJwkOf,
} from '../tokens/signing-keys';
import {
  AUTH_ENV,
  AuthConfig,
  AuthConfigError,
  validateAuthConfig,
} from './auth.config';

/** Where verification keys come from: the issuer's JWKS endpoint or one configured key. */
export type VerificationKeySource = { jwksUrl: URL } | { publicKey: KeyObject };

/** The issuer's key: present only where AUTH_SIGNING_KEY is set. */
export interface SigningKey {
  privateKey: KeyObject;
  publicJwk: Ed25519PublicJwk;
  kid: string;
}

/** The validated configuration with its keys imported; built once at start-up. */
export interface AuthSettings {
  issuer: string;
  audience: string;
  tokenTtlSeconds: number;
  verification: VerificationKeySource;
  signing: SigningKey | null;
}

/**
 * Validates the configuration and imports its keys, failing with a message that names the
 * variable to fix. Verification takes exactly one of AUTH_JWKS_URL or AUTH_PUBLIC_KEY; a
 * service holding only AUTH_SIGNING_KEY (the issuer) verifies with the key's public half.
 */
export async function resolveAuthSettings(
  partial: Partial<AuthConfig>,
): Promise<AuthSettings> {
  const config = validateAuthConfig(partial);
  const signing = config.signingKeyPem ? await importSigningKey(config) : null;
  return {
    issuer: config.issuer,
    audience: config.audience,
    tokenTtlSeconds: config.tokenTtlSeconds,
    verification: verificationSource(config, signing),
    signing,
  };
}

async function importSigningKey(config: AuthConfig): Promise<SigningKey> {
  const privateKey = importKey(AUTH_ENV.signingKeyPem, () =>
    parseEd25519PrivateKey(config.signingKeyPem ?? ''),
  );
  const publicJwk = publicJwkOf(privateKey);
  return {
    privateKey,
    publicJwk,
    kid: config.signingKeyId ?? (await keyIdOf(publicJwk)),
  };
}

function verificationSource(
  config: AuthConfig,
  signing: SigningKey | null,
): VerificationKeySource {
  if (config.jwksUrl && config.publicKeyPem) {
    throw new AuthConfigError(
      `Set exactly one of ${AUTH_ENV.jwksUrl} or ${AUTH_ENV.publicKeyPem} for token verification, not both`,
    );
  }
  if (config.jwksUrl) {
    return { jwksUrl: new URL(config.jwksUrl) };
  }
  if (config.publicKeyPem) {
    const pem = config.publicKeyPem;
    const publicKey = importKey(AUTH_ENV.publicKeyPem, () =>
      parseEd25519PublicKey(pem),
    );
    // A mismatch would make the issuer sign tokens that no service accepts; refuse to start.
    if (signing && publicJwkOf(publicKey).x !== signing.publicJwk.x) {
      throw new AuthConfigError(
        `${AUTH_ENV.publicKeyPem} is not the public half of ${AUTH_ENV.signingKeyPem}`,
      );
    }
    return { publicKey };
  }
  if (signing) {
    return { publicKey: createPublicKey(signing.privateKey) };
  }
  throw new AuthConfigError(
    `No token verification key configured: set ${AUTH_ENV.jwksUrl} (the issuer's JWKS endpoint) ` +
      `or ${AUTH_ENV.publicKeyPem} (Ed25519 SPKI PEM); the issuing service may set only ` +
      `${AUTH_ENV.signingKeyPem} (Ed25519 PKCS8 PEM)`,
  );
}

function importKey(variable: string, parse: () => KeyObject): KeyObject {
  try {
    return parse();
  } catch (error) {
    throw new AuthConfigError(`${variable}: ${(error as Error).message}`);
  }
}
