import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { INTAKE_SCHEMA } from '../migrations';

/**
 * Nonces the portal has used, per key, kept until their request's timestamp is too old to pass the
 * freshness check anyway: from then on the timestamp alone refuses a replay, so the row can go.
 */
@Injectable()
export class NonceStore {
  private readonly table = `"${INTAKE_SCHEMA}".portal_nonces`;

  /** True the first time a nonce is seen for a key; false for a replay (also across intake processes). */
  async claim(keyId: string, nonce: string, expiresAt: Date): Promise<boolean> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO ${this.table} (key_id, nonce, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING nonce`,
      [keyId, nonce, expiresAt],
    );
    return inserted.length === 1;
  }

  async purgeExpired(now = new Date()): Promise<number> {
    const [{ n }]: { n: number }[] = await this.dataSource.query(
      `WITH removed AS (DELETE FROM ${this.table} WHERE expires_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM removed`,
      [now],
    );
    return n;
  }

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}
}
