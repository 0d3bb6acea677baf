import { CheckpointSigner, checkpointSignerFromPem, PublishedCheckpointKey, publicKeysFromPem } from '@hailong/audit/domain';

export const CHECKPOINT_ENV = {
  signingKey: 'AUDIT_CHECKPOINT_SIGNING_KEY',
  retiredKeys: 'AUDIT_CHECKPOINT_RETIRED_KEYS',
  intervalSeconds: 'AUDIT_CHECKPOINT_INTERVAL_SECONDS',
} as const;

export const CHECKPOINT_CONFIG = Symbol('CHECKPOINT_CONFIG');

export interface CheckpointConfig {
  /** The active signer; null when no key is configured (checkpoints cannot be signed, only read). */
  readonly signer: CheckpointSigner | null;
  /** Every key a verifier may need: the active one first, then the retired ones still published. */
  readonly published: readonly PublishedCheckpointKey[];
  /** Seconds between periodic checkpoints; 0 turns them off. */
  readonly intervalSeconds: number;
}

/**
 * From the environment, checked once at start-up; errors name the variable.
 * - AUDIT_CHECKPOINT_SIGNING_KEY: the active Ed25519 private key, PKCS8 PEM. Its `kid` is its RFC 7638
 *   thumbprint, so a new key is a new id. Without it the service runs but signs nothing.
 * - AUDIT_CHECKPOINT_RETIRED_KEYS: the public keys (SPKI PEM blocks, one after the other) of keys that
 *   signed earlier checkpoints; published so those checkpoints still verify after a rotation.
 * - AUDIT_CHECKPOINT_INTERVAL_SECONDS: 3600 by default, 0 for no periodic checkpoints.
 */
export function checkpointConfigFromEnv(env: NodeJS.ProcessEnv = process.env): CheckpointConfig {
  const pem = env[CHECKPOINT_ENV.signingKey]?.trim();
  let signer: CheckpointSigner | null = null;
  if (pem) {
    try {
      signer = checkpointSignerFromPem(pem.replace(/\\n/g, '\n'));
    } catch (error) {
      throw new Error(`${CHECKPOINT_ENV.signingKey}: ${(error as Error).message}`);
    }
  }
  let retired: PublishedCheckpointKey[] = [];
  try {
    retired = publicKeysFromPem((env[CHECKPOINT_ENV.retiredKeys] ?? '').replace(/\\n/g, '\n'), 'retired');
  } catch (error) {
    throw new Error(`${CHECKPOINT_ENV.retiredKeys}: ${(error as Error).message}`);
  }
  const rawInterval = env[CHECKPOINT_ENV.intervalSeconds];
  const intervalSeconds = rawInterval === undefined || rawInterval === '' ? 3600 : Number(rawInterval);
  if (!Number.isInteger(intervalSeconds) || intervalSeconds < 0 || intervalSeconds > 7 * 24 * 3600) {
    throw new Error(`${CHECKPOINT_ENV.intervalSeconds} must be a whole number of seconds from 0 (off) to 604800, got ${rawInterval}`);
  }
  const published = [...(signer ? [signer.publicKey] : []), ...retired.filter((k) => k.kid !== signer?.keyId)];
  return { signer, published, intervalSeconds };
}
