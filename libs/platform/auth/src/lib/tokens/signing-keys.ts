import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  KeyObject,
} from 'node:crypto';
import { promisify } from 'node:util';
import { calculateJwkThumbprint } from 'jose';

/** The public half of an Ed25519 key as a JWK (RFC 8037), without `kid`/`use`/`alg`. */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}

export interface SigningKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
  kid: string;
}

/** Parses a PKCS8 PEM and insists on Ed25519, the only algorithm the platform signs with. */
export function parseEd25519PrivateKey(pem: string): KeyObject {
  const key = parseKey(
    () => createPrivateKey({ key: pem, format: 'pem' }),
    'a PKCS8 private key',
  );
  return requireEd25519(key);
}

/** Parses an SPKI PEM and insists on Ed25519. */
export function parseEd25519PublicKey(pem: string): KeyObject {
  const key = parseKey(
    () => createPublicKey({ key: pem, format: 'pem' }),
    'an SPKI public key',
  );
  return requireEd25519(key);
}

/** The JWK of the public key (derived first when given the private key). */
export function publicJwkOf(key: KeyObject): Ed25519PublicJwk {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const { x } = publicKey.export({ format: 'jwk' });
  if (typeof x !== 'string') {
    throw new Error('Expected an Ed25519 key with an "x" coordinate');
  }
  return { kty: 'OKP', crv: 'Ed25519', x };
}

/** RFC 7638 thumbprint: a stable `kid` that changes exactly when the key changes. */
export function keyIdOf(jwk: Ed25519PublicJwk): Promise<string> {
  return calculateJwkThumbprint(jwk, 'sha256');
}

/** A fresh Ed25519 key pair as PEMs, for tests and the local start script. */
export async function generateSigningKeyPair(): Promise<SigningKeyPair> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)(
    'ed25519',
    {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    },
  );
  const kid = await keyIdOf(publicJwkOf(parseEd25519PublicKey(publicKey)));
  return { privateKeyPem: privateKey, publicKeyPem: publicKey, kid };
}

function parseKey(parse: () => KeyObject, expected: string): KeyObject {
  try {
    return parse();
  } catch (error) {
    throw new Error(`Not ${expected} in PEM form: ${(error as Error).message}`);
  }
}

function requireEd25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(
      `Expected an Ed25519 key, got ${key.asymmetricKeyType ?? 'a symmetric key'}`,
    );
  }
  return key;
}
