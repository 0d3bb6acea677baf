import { ConflictException, Inject, Injectable, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { INTAKE_SCHEMA } from '../migrations';
import { KeyEncryptionKey } from '../personal-data/key-encryption-key';
import { unwrapSecret, wrapSecret } from '../personal-data/personal-data.cipher';
import { KEY_ENCRYPTION_KEY } from '../personal-data/respondent-key-store';

/** At most this many keys verify at once: the current one and, during a rotation, the one it replaces. */
export const MAX_ACTIVE_KEYS = 2;

export interface SigningKeySummary {
  readonly keyId: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly retiredAt: string | null;
  readonly retiredBy: string | null;
}

const label = (keyId: string) => `hailong:portal-signing-key:${keyId}`;

/**
 * The portal's HMAC keys. HMAC needs the secret itself to verify, so it cannot be hashed: it is
 * wrapped under intake's key-encryption key (AES-256-GCM, the key id as associated data) and shown
 * to the admin who created it once, never again. Rotation: create a new key, give it to the portal,
 * retire the old one once the portal signs with the new one; two keys verify in between.
 */
@Injectable()
export class SigningKeyStore implements OnApplicationBootstrap {
  private readonly table = `"${INTAKE_SCHEMA}".portal_signing_keys`;

  constructor(
    @Inject(KEY_ENCRYPTION_KEY) private readonly kek: KeyEncryptionKey,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const others: { kek_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT kek_id FROM ${this.table} WHERE retired_at IS NULL AND kek_id <> $1 LIMIT 3`,
      [this.kek.id],
    );
    if (others.length > 0) {
      throw new Error(
        `portal signing keys were wrapped by another key-encryption key (${others.map((o) => o.kek_id).join(', ')}, this process has ${this.kek.id})`,
      );
    }
  }

  /** A new active key and its secret, which the caller hands to the portal and nobody stores in clear. */
  async create(keyId: string, actorId: string): Promise<{ keyId: string; secret: Buffer }> {
    return this.dataSource.transaction(async (manager) => {
      // One rotation at a time: creations queue on this lock, so a third key can never slip in.
      await manager.query(`LOCK TABLE ${this.table} IN SHARE ROW EXCLUSIVE MODE`);
      const [{ active }] = await manager.query(`SELECT count(*)::int AS active FROM ${this.table} WHERE retired_at IS NULL`);
      if (active >= MAX_ACTIVE_KEYS) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `${MAX_ACTIVE_KEYS} keys are already active: retire the older one before creating another`,
          messageVi: `đã có ${MAX_ACTIVE_KEYS} khóa đang dùng: hãy thu hồi khóa cũ trước khi tạo khóa mới`,
          errors: [{ field: 'keyId', reason: 'too many active keys', reasonVi: 'quá nhiều khóa đang dùng' }],
        });
      }
      const secret = randomBytes(32);
      const inserted: unknown[] = await manager.query(
        `INSERT INTO ${this.table} (key_id, wrapped_secret, kek_id, created_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key_id) DO NOTHING RETURNING key_id`,
        [keyId, wrapSecret(this.kek.key, label(keyId), secret), this.kek.id, actorId],
      );
      if (inserted.length === 0) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: 'a signing key with this id exists (key ids are never reused)',
          messageVi: 'đã có khóa ký với mã này (mã khóa không được dùng lại)',
          errors: [{ field: 'keyId', reason: 'already exists', reasonVi: 'đã tồn tại' }],
        });
      }
      return { keyId, secret };
    });
  }

  async retire(keyId: string, actorId: string): Promise<SigningKeySummary> {
    const rows: unknown[] = await this.dataSource.query(
      // Through a CTE: TypeORM answers a bare UPDATE with [rows, count] rather than the rows.
      `WITH retired AS (
         UPDATE ${this.table} SET retired_at = COALESCE(retired_at, now()), retired_by = COALESCE(retired_by, $2) WHERE key_id = $1 RETURNING key_id
       ) SELECT key_id FROM retired`,
      [keyId, actorId],
    );
    if (rows.length === 0)
      throw new NotFoundException({ statusCode: 404, message: 'no such signing key', messageVi: 'không có khóa ký này' });
    return (await this.list()).find((k) => k.keyId === keyId) as SigningKeySummary;
  }

  async list(): Promise<SigningKeySummary[]> {
    const rows: { key_id: string; created_at: Date; created_by: string; retired_at: Date | null; retired_by: string | null }[] =
      await this.dataSource.query(
        `SELECT key_id, created_at, created_by, retired_at, retired_by FROM ${this.table} ORDER BY created_at, key_id`,
      );
    return rows.map((r) => ({
      keyId: r.key_id,
      createdAt: r.created_at.toISOString(),
      createdBy: r.created_by,
      retiredAt: r.retired_at?.toISOString() ?? null,
      retiredBy: r.retired_by,
    }));
  }

  /** The secret of an active key, or null when the key is unknown or retired. */
  async activeSecret(manager: EntityManager, keyId: string): Promise<Buffer | null> {
    const [row]: { wrapped_secret: Buffer }[] = await manager.query(
      `SELECT wrapped_secret FROM ${this.table} WHERE key_id = $1 AND retired_at IS NULL`,
      [keyId],
    );
    return row ? unwrapSecret(this.kek.key, label(keyId), row.wrapped_secret) : null;
  }
}
