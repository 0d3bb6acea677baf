import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { verify } from 'argon2';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { INTAKE_SCHEMA } from '../migrations';

export interface TabletSummary {
  readonly deviceId: string;
  readonly label: string;
  readonly enrolledAt: string;
  readonly enrolledBy: string;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
}

interface Row {
  device_id: string;
  label: string;
  credential_hash: string;
  enrolled_at: Date;
  enrolled_by: string;
  revoked_at: Date | null;
  revoked_by: string | null;
}

const summary = (r: Row): TabletSummary => ({
  deviceId: r.device_id,
  label: r.label,
  enrolledAt: r.enrolled_at.toISOString(),
  enrolledBy: r.enrolled_by,
  revokedAt: r.revoked_at?.toISOString() ?? null,
  revokedBy: r.revoked_by,
});

const DIGEST_PREFIX = 'sha256:';

/**
 * What is kept of a tablet's credential: its SHA-256. The credential is 32 random bytes the platform
 * made, not a password a person chose: there is no dictionary to try, so a slow password hash adds
 * nothing, and argon2id cost 64 MiB and a third of a second at every sync (four tablets syncing at once
 * took intake's memory from about 150 to 420 MB).
 */
export const credentialDigest = (credential: string) => DIGEST_PREFIX + createHash('sha256').update(credential, 'utf8').digest('hex');

/**
 * Enrolled tablets. The credential is shown once at enrolment; only its digest is kept (credentialDigest).
 * A tablet enrolled when argon2id hashes were kept is checked against that hash once, which is then
 * replaced by the digest.
 */
@Injectable()
export class TabletStore {
  private readonly table = `"${INTAKE_SCHEMA}".tablet_devices`;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async enroll(label: string, actorId: string): Promise<TabletSummary & { credential: string }> {
    const credential = randomBytes(32).toString('base64url');
    const [row]: Row[] = await this.dataSource.query(
      `INSERT INTO ${this.table} (device_id, label, credential_hash, enrolled_by) VALUES ($1, $2, $3, $4) RETURNING *`,
      [randomUUID(), label, credentialDigest(credential), actorId],
    );
    return { ...summary(row), credential };
  }

  async revoke(deviceId: string, actorId: string): Promise<TabletSummary> {
    const [row]: Row[] = await this.dataSource.query(
      // Through a CTE: TypeORM answers a bare UPDATE with [rows, count] rather than the rows.
      `WITH revoked AS (
         UPDATE ${this.table} SET revoked_at = COALESCE(revoked_at, now()), revoked_by = COALESCE(revoked_by, $2) WHERE device_id = $1 RETURNING *
       ) SELECT * FROM revoked`,
      [deviceId, actorId],
    );
    if (!row) throw new NotFoundException({ statusCode: 404, message: 'no such tablet', messageVi: 'không có máy tính bảng này' });
    return summary(row);
  }

  async list(): Promise<TabletSummary[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM ${this.table} ORDER BY enrolled_at, device_id`);
    return rows.map(summary);
  }

  /** Whether this credential is the enrolled, unrevoked tablet's. */
  async authenticate(deviceId: string, credential: string): Promise<boolean> {
    const [row]: Pick<Row, 'credential_hash' | 'revoked_at'>[] = await this.dataSource.query(
      `SELECT credential_hash, revoked_at FROM ${this.table} WHERE device_id = $1`,
      [deviceId],
    );
    if (!row || row.revoked_at) return false;
    const digest = credentialDigest(credential);
    if (row.credential_hash.startsWith(DIGEST_PREFIX)) {
      return row.credential_hash.length === digest.length && timingSafeEqual(Buffer.from(row.credential_hash), Buffer.from(digest));
    }
    if (!(await verify(row.credential_hash, credential).catch(() => false))) return false;
    await this.dataSource.query(`UPDATE ${this.table} SET credential_hash = $2 WHERE device_id = $1 AND credential_hash = $3`, [
      deviceId,
      digest,
      row.credential_hash,
    ]);
    return true;
  }
}
