import { canonicalJson, CHECKPOINT_ALGORITHM, LedgerCheckpoint, ledgerCheckpointSchema } from '@hailong/contracts';
import { z } from 'zod';
import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';

/**
 * The checkpoint fields, other keys dropped: a checkpoint as served (with the `eventId` that published
 * it, say) verifies like the bare data; only these fields are signed.
 */
export const checkpointFields = z.object(ledgerCheckpointSchema.shape);

/** Bound into every signed statement, so a checkpoint signature cannot be passed off as any other. */
export const CHECKPOINT_PURPOSE = 'hailong.ledger-checkpoint.v1';

/** A checkpoint before it is signed. */
export type CheckpointStatement = Omit<LedgerCheckpoint, 'signature' | 'algorithm' | 'keyId'>;

/** A public key as GET /checkpoints/keys publishes it: an RFC 8037 JWK with its RFC 7638 thumbprint as `kid`. */
export interface PublishedCheckpointKey {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly kid: string;
  readonly alg: 'EdDSA';
  readonly use: 'sig';
  /** `active` signs new checkpoints; `retired` keys only verify older ones. */
  readonly status: 'active' | 'retired';
}

export interface CheckpointSigner {
  readonly keyId: string;
  readonly publicKey: PublishedCheckpointKey;
  sign(statement: CheckpointStatement): LedgerCheckpoint;
}

export type CheckpointCheck =
  | { readonly valid: true; readonly keyId: string }
  | { readonly valid: false; readonly reason: string; readonly reasonVi: string };

/** The exact bytes signed: RFC 8785 canonical JSON of the checkpoint without its signature, with the purpose. */
export function checkpointSigningInput(checkpoint: Omit<LedgerCheckpoint, 'signature'>): Buffer {
  const { checkpointId, ledger, sequence, hash, signedAt, reason, campaignId, keyId, algorithm } = checkpoint;
  return Buffer.from(
    canonicalJson({ purpose: CHECKPOINT_PURPOSE, checkpointId, ledger, sequence, hash, signedAt, reason, campaignId, keyId, algorithm }),
    'utf8',
  );
}

function ed25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${what} must be an Ed25519 key, got ${key.asymmetricKeyType ?? 'a symmetric key'}`);
  }
  return key;
}

function jwkX(key: KeyObject): string {
  const { x } = key.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error('an Ed25519 public key has an "x" coordinate');
  return x;
}

/** RFC 7638: SHA-256 over the canonical JWK members, base64url — the same `kid` jose computes. */
export function keyIdOfX(x: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x }))
    .digest('base64url');
}

function published(key: KeyObject, status: PublishedCheckpointKey['status']): PublishedCheckpointKey {
  const x = jwkX(key);
  return { kty: 'OKP', crv: 'Ed25519', x, kid: keyIdOfX(x), alg: 'EdDSA', use: 'sig', status };
}

/** The signer of a PKCS8 PEM Ed25519 private key; its `kid` is its public key's thumbprint. */
export function checkpointSignerFromPem(privateKeyPem: string): CheckpointSigner {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: privateKeyPem, format: 'pem' });
  } catch (error) {
    throw new Error(`not a PKCS8 private key in PEM form: ${(error as Error).message}`);
  }
  ed25519(privateKey, 'the checkpoint signing key');
  const publicKey = published(createPublicKey(privateKey), 'active');
  return {
    keyId: publicKey.kid,
    publicKey,
    sign(statement: CheckpointStatement): LedgerCheckpoint {
      const unsigned = { ...statement, keyId: publicKey.kid, algorithm: CHECKPOINT_ALGORITHM } as const;
      const signature = sign(null, checkpointSigningInput(unsigned), privateKey).toString('base64url');
      // Checked against the contract so a statement the event would refuse never gets signed.
      return ledgerCheckpointSchema.parse({ ...unsigned, signature });
    },
  };
}

/** Every public key in a PEM text (one or several SPKI blocks), for publishing retired keys. */
export function publicKeysFromPem(pemText: string, status: PublishedCheckpointKey['status']): PublishedCheckpointKey[] {
  const blocks = pemText.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  if (blocks.length === 0 && pemText.trim() !== '') throw new Error('no "BEGIN PUBLIC KEY" block found');
  return blocks.map((block, i) => {
    try {
      return published(ed25519(createPublicKey({ key: block, format: 'pem' }), `public key ${i + 1}`), status);
    } catch (error) {
      throw new Error(`public key ${i + 1}: ${(error as Error).message}`);
    }
  });
}

/**
 * Public keys from what a verifier was given: the JSON of GET /checkpoints/keys (`{ keys: [...] }`), a
 * single JWK, or PEM text. A `kid` is recomputed from the key, never trusted from the file.
 */
export function publicKeysFromText(text: string): PublishedCheckpointKey[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return publicKeysFromPem(trimmed, 'retired');
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new Error('neither PEM nor JSON');
  }
  const list = Array.isArray((parsed as { keys?: unknown }).keys) ? (parsed as { keys: unknown[] }).keys : [parsed];
  return list.map((jwk, i) => {
    const { kty, crv, x } = (jwk ?? {}) as Record<string, unknown>;
    if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string') throw new Error(`key ${i + 1} is not an Ed25519 JWK`);
    const status = (jwk as { status?: unknown }).status === 'active' ? 'active' : 'retired';
    return published(createPublicKey({ key: { kty, crv, x }, format: 'jwk' }), status);
  });
}

/**
 * Checks a checkpoint's shape and signature against the published keys. The key is chosen by `keyId`,
 * so a checkpoint signed before a rotation still verifies while its key stays published.
 */
export function verifyCheckpointSignature(checkpoint: unknown, keys: readonly PublishedCheckpointKey[]): CheckpointCheck {
  const parsed = checkpointFields.safeParse(checkpoint);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      valid: false,
      reason: `not a checkpoint: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      reasonVi: `không phải một điểm kiểm tra hợp lệ: ${issue.path.join('.') || '(gốc)'}`,
    };
  }
  const { signature, ...rest } = parsed.data;
  const key = keys.find((k) => k.kid === rest.keyId);
  if (!key) {
    return {
      valid: false,
      reason: `signed with key ${rest.keyId}, which is not among the published keys`,
      reasonVi: `được ký bằng khóa ${rest.keyId}, không có trong các khóa công khai đã công bố`,
    };
  }
  const publicKey = createPublicKey({ key: { kty: key.kty, crv: key.crv, x: key.x }, format: 'jwk' });
  const ok = verify(null, checkpointSigningInput(rest), publicKey, Buffer.from(signature, 'base64url'));
  return ok
    ? { valid: true, keyId: key.kid }
    : {
        valid: false,
        reason: `the signature does not match the checkpoint under key ${key.kid}: forged or altered`,
        reasonVi: `chữ ký không khớp với điểm kiểm tra theo khóa ${key.kid}: bị giả mạo hoặc bị sửa`,
      };
}

/** A short fingerprint of a checkpoint for log lines. */
export function checkpointFingerprint(checkpoint: Pick<LedgerCheckpoint, 'ledger' | 'sequence' | 'hash'>): string {
  return `${checkpoint.ledger}#${checkpoint.sequence} ${checkpoint.hash.slice(0, 12)}`;
}
