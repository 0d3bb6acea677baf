import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { INTAKE_SCHEMA } from '../migrations';
import { KeyEncryptionKey } from './key-encryption-key';
import { RespondentKey, unwrapKey, wrapKey } from './personal-data.cipher';

export const KEY_ENCRYPTION_KEY = Symbol('KEY_ENCRYPTION_KEY');

export type StoredKey =
  | { readonly state: 'live'; readonly key: RespondentKey }
  | { readonly state: 'destroyed' }
  | { readonly state: 'unknown' };

/**
 * The only place respondent keys live: one row per respondent, the key wrapped under the
 * key-encryption key. Destroying a key overwrites it with NULL; every field sealed under it, in the
 * log and in this database, is unreadable from then on.
 */
@Injectable()
export class RespondentKeyStore implements OnApplicationBootstrap {
  private readonly table = `"${INTAKE_SCHEMA}".respondent_keys`;

  constructor(
    @Inject(KEY_ENCRYPTION_KEY) private readonly kek: KeyEncryptionKey,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Refuses to start with a key-encryption key other than the one that wrapped the stored keys. */
  async onApplicationBootstrap(): Promise<void> {
    const others: { kek_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT kek_id FROM ${this.table} WHERE wrapped_key IS NOT NULL AND kek_id <> $1 LIMIT 3`,
      [this.kek.id],
    );
    if (others.length > 0) {
      throw new Error(
        `respondent keys in the database were wrapped by another key-encryption key (${others.map((o) => o.kek_id).join(', ')}, this process has ${this.kek.id}): ` +
          'start intake with the key-encryption key it was given before',
      );
    }
  }

  /** A new key, not yet stored: store it in the transaction that first uses it, or forget it. */
  newKey(): RespondentKey {
    return { keyId: randomUUID(), key: randomBytes(32) };
  }

  async store(manager: EntityManager, key: RespondentKey): Promise<void> {
    await manager.query(`INSERT INTO ${this.table} (key_id, wrapped_key, kek_id) VALUES ($1, $2, $3)`, [
      key.keyId,
      wrapKey(this.kek.key, key.keyId, key.key),
      this.kek.id,
    ]);
  }

  /** Several new keys in one statement (a chunk of a file import). */
  async storeMany(manager: EntityManager, keys: readonly RespondentKey[]): Promise<void> {
    if (keys.length === 0) return;
    await manager.query(
      `INSERT INTO ${this.table} (key_id, wrapped_key, kek_id) SELECT k, w, $3 FROM unnest($1::uuid[], $2::bytea[]) AS t(k, w)`,
      [keys.map((k) => k.keyId), keys.map((k) => wrapKey(this.kek.key, k.keyId, k.key)), this.kek.id],
    );
  }

  async find(manager: EntityManager, keyId: string, lock: 'none' | 'update' = 'none'): Promise<StoredKey> {
    const [row]: { wrapped_key: Buffer | null }[] = await manager.query(
      `SELECT wrapped_key FROM ${this.table} WHERE key_id = $1 ${lock === 'update' ? 'FOR UPDATE' : ''}`,
      [keyId],
    );
    if (!row) return { state: 'unknown' };
    if (row.wrapped_key === null) return { state: 'destroyed' };
    return { state: 'live', key: { keyId, key: unwrapKey(this.kek.key, keyId, row.wrapped_key) } };
  }

  /** Overwrites the wrapped key; the row stays as the record of who destroyed it, when and why. */
  async destroy(manager: EntityManager, keyId: string, actorId: string, reason: string): Promise<void> {
    await manager.query(
      `UPDATE ${this.table} SET wrapped_key = NULL, destroyed_at = now(), destroyed_by = $2, destruction_reason = $3 WHERE key_id = $1`,
      [keyId, actorId, reason],
    );
  }
}
