import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash, verify } from 'argon2';
import { randomBytes, randomUUID } from 'node:crypto';
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

/** Enrolled tablets. The credential is shown once at enrolment; only its argon2id hash is kept. */
@Injectable()
export class TabletStore {
  private readonly table = `"${INTAKE_SCHEMA}".tablet_devices`;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async enroll(label: string, actorId: string): Promise<TabletSummary & { credential: string }> {
    const credential = randomBytes(32).toString('base64url');
    const [row]: Row[] = await this.dataSource.query(
      `INSERT INTO ${this.table} (device_id, label, credential_hash, enrolled_by) VALUES ($1, $2, $3, $4) RETURNING *`,
      [randomUUID(), label, await hash(credential, { type: 2 }), actorId],
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
    return verify(row.credential_hash, credential);
  }
}
