import { canonicalJson, EncryptedPersonalData, PERSONAL_DATA_ALGORITHM } from '@hailong/contracts';
import { PersonalData } from '@hailong/intake/domain';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** A respondent's data key, unwrapped, for the length of one request. */
export interface RespondentKey {
  readonly keyId: string;
  readonly key: Buffer;
}

const aad = (responseId: string, keyId: string) => Buffer.from(`hailong:personal-data:${responseId.toLowerCase()}:${keyId.toLowerCase()}`);

/**
 * AES-256-GCM (node:crypto) with a fresh 96-bit IV each time and the response id as associated data,
 * so a ciphertext cannot be moved onto another response without failing authentication.
 */
export function encryptPersonalData(key: RespondentKey, responseId: string, data: PersonalData): EncryptedPersonalData {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(aad(responseId, key.keyId));
  const ciphertext = Buffer.concat([cipher.update(canonicalJson(data), 'utf8'), cipher.final()]);
  return {
    respondentKeyId: key.keyId,
    algorithm: PERSONAL_DATA_ALGORITHM,
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Throws if the key is not the one it was encrypted with, or anything was altered. */
export function decryptPersonalData(key: RespondentKey, responseId: string, sealed: EncryptedPersonalData): PersonalData {
  if (sealed.respondentKeyId.toLowerCase() !== key.keyId.toLowerCase()) throw new Error('sealed under another respondent key');
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(aad(responseId, key.keyId));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const plaintext = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  return JSON.parse(plaintext.toString('utf8')) as PersonalData;
}

/**
 * A fingerprint of personal data for telling a retry from a different submission under the same
 * idempotency key. Keyed with the respondent's own key: a phone number has too few possibilities for
 * a plain hash to hide it, and once the key is destroyed the fingerprint means nothing to anyone.
 */
export function personalDataFingerprint(key: RespondentKey, data: PersonalData): string {
  return createHmac('sha256', key.key).update(canonicalJson(data)).digest('hex');
}

/** Wraps a data key under the key-encryption key (AES-256-GCM, the key id as associated data): iv ‖ tag ‖ ciphertext. */
export function wrapKey(kek: Buffer, keyId: string, key: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(`hailong:respondent-key:${keyId.toLowerCase()}`));
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), wrapped]);
}

export function unwrapKey(kek: Buffer, keyId: string, wrapped: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(0, 12));
  decipher.setAAD(Buffer.from(`hailong:respondent-key:${keyId.toLowerCase()}`));
  decipher.setAuthTag(wrapped.subarray(12, 28));
  return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
}

/** Wraps any secret intake must read back (a portal signing key) under the key-encryption key; `label` binds it to its use and id. */
export function wrapSecret(kek: Buffer, label: string, secret: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(label));
  const wrapped = Buffer.concat([cipher.update(secret), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), wrapped]);
}

export function unwrapSecret(kek: Buffer, label: string, wrapped: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(0, 12));
  decipher.setAAD(Buffer.from(label));
  decipher.setAuthTag(wrapped.subarray(12, 28));
  return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
}
