import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { INTAKE_SCHEMA } from '../migrations';

export interface VisitToken {
  readonly tokenId: string;
  readonly campaignId: string;
  readonly unitId: string;
  readonly procedureId: string;
  readonly serviceDate: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly usedAt: string | null;
  readonly responseId: string | null;
}

export interface NewVisitToken {
  readonly campaignId: string;
  readonly unitId: string;
  readonly procedureId: string;
  readonly serviceDate: string;
  readonly issuedBy: string;
  readonly expiresAt: Date;
}

/** 256 random bits, URL-safe: what the QR code carries. */
export const VISIT_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const tokenHash = (token: string) => createHash('sha256').update(`hailong:visit-token:${token}`).digest('hex');

interface Row {
  token_id: string;
  campaign_id: string;
  unit_id: string;
  procedure_id: string;
  service_date: string;
  issued_at: Date;
  expires_at: Date;
  used_at: Date | null;
  response_id: string | null;
}

/** One-time visit tokens. Only a hash is kept: the token itself exists on the receipt slip and nowhere here. */
@Injectable()
export class VisitTokenStore {
  private readonly table = `"${INTAKE_SCHEMA}".counter_visit_tokens`;

  async issue(manager: EntityManager, t: NewVisitToken): Promise<{ token: string; record: VisitToken }> {
    const token = randomBytes(32).toString('base64url');
    const tokenId = randomUUID();
    const [row]: Row[] = await manager.query(
      `INSERT INTO ${this.table} (token_id, token_hash, campaign_id, unit_id, procedure_id, service_date, issued_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *, service_date::text AS service_date`,
      [tokenId, tokenHash(token), t.campaignId, t.unitId, t.procedureId, t.serviceDate, t.issuedBy, t.expiresAt],
    );
    return { token, record: toToken(row) };
  }

  async byToken(manager: EntityManager, token: string): Promise<VisitToken | null> {
    const [row]: Row[] = await manager.query(`SELECT *, service_date::text AS service_date FROM ${this.table} WHERE token_hash = $1`, [
      tokenHash(token),
    ]);
    return row ? toToken(row) : null;
  }

  async markUsed(manager: EntityManager, tokenId: string, responseId: string): Promise<void> {
    await manager.query(
      `UPDATE ${this.table} SET used_at = COALESCE(used_at, now()), response_id = COALESCE(response_id, $2) WHERE token_id = $1`,
      [tokenId, responseId],
    );
  }
}

const toToken = (r: Row): VisitToken => ({
  tokenId: r.token_id,
  campaignId: r.campaign_id,
  unitId: r.unit_id,
  procedureId: r.procedure_id,
  serviceDate: r.service_date,
  issuedAt: r.issued_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
  usedAt: r.used_at?.toISOString() ?? null,
  responseId: r.response_id,
});
