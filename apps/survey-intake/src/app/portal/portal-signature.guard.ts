import { Actor } from '@hailong/platform/auth';
import { badRequest } from '@hailong/platform/http';
import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Request } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '@hailong/contracts';
import { NonceStore } from './nonce-store';
import { PORTAL_SETTINGS, PortalSettings } from './portal-config';
import { PORTAL_MEDIA_TYPE, readSignedRequest, signatureMatches, timestampFresh } from './portal-signature';
import { SigningKeyStore } from './signing-key-store';

export interface PortalRequest extends Request {
  /** Set by the guard: the portal as an actor, named by the key that signed the request. */
  portalActor?: Actor;
}

const PURGE_EVERY_MS = 60_000;

const refused = (header: string, reason: string, reasonVi: string) =>
  new UnauthorizedException({
    statusCode: 401,
    error: 'Unauthorized',
    message: `portal request refused: ${reason}`,
    messageVi: `yêu cầu từ cổng dịch vụ công bị từ chối: ${reasonVi}`,
    errors: [{ field: header, reason, reasonVi }],
  });

/**
 * Authenticates the portal: a known, active key; a fresh timestamp; a correct HMAC over the raw
 * body; and a nonce never seen before for that key (claimed only once the signature is right, so
 * nobody without the key can burn the portal's nonces). Then the body is parsed for validation.
 */
@Injectable()
export class PortalSignatureGuard implements CanActivate {
  private lastPurge = 0;

  constructor(
    private readonly keys: SigningKeyStore,
    private readonly nonces: NonceStore,
    @Inject(PORTAL_SETTINGS) private readonly settings: PortalSettings,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PortalRequest>();
    if (!Buffer.isBuffer(request.body)) {
      throw new HttpException(
        {
          statusCode: 415,
          error: 'Unsupported Media Type',
          message: `send the rating as ${PORTAL_MEDIA_TYPE}: the signature covers the body's exact bytes`,
          messageVi: `hãy gửi đánh giá với kiểu ${PORTAL_MEDIA_TYPE}: chữ ký bao trùm đúng từng byte của nội dung`,
          errors: [{ field: 'content-type', reason: `must be ${PORTAL_MEDIA_TYPE}`, reasonVi: `phải là ${PORTAL_MEDIA_TYPE}` }],
        },
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      );
    }
    const body = request.body as Buffer;
    const signed = readSignedRequest(request.headers);
    if ('header' in signed) throw refused(signed.header, signed.reason, signed.reasonVi);
    const now = new Date();
    if (!timestampFresh(signed.timestamp, now, this.settings.maxSkewSeconds)) {
      throw refused(
        'x-hailong-timestamp',
        `more than ${this.settings.maxSkewSeconds} s from the server's clock`,
        `lệch quá ${this.settings.maxSkewSeconds} giây so với đồng hồ máy chủ`,
      );
    }
    const secret = await this.keys.activeSecret(this.dataSource.manager, signed.keyId);
    if (!secret) throw refused('x-hailong-key-id', 'unknown or retired signing key', 'khóa ký không tồn tại hoặc đã thu hồi');
    if (!signatureMatches(secret, signed, body)) {
      throw refused('x-hailong-signature', 'does not match the request', 'không khớp với yêu cầu');
    }
    // The nonce is kept until the timestamp itself would be refused; after that the timestamp does the job.
    const expiresAt = new Date((signed.timestamp + this.settings.maxSkewSeconds + 1) * 1000);
    if (!(await this.nonces.claim(signed.keyId, signed.nonce, expiresAt))) {
      throw refused('x-hailong-nonce', 'already used: a replayed request', 'đã được dùng: yêu cầu bị gửi lại');
    }
    if (now.getTime() - this.lastPurge > PURGE_EVERY_MS) {
      this.lastPurge = now.getTime();
      await this.nonces.purgeExpired(now);
    }
    try {
      request.body = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest([{ field: 'body', reason: 'is not valid JSON', reasonVi: 'không phải JSON hợp lệ' }]);
    }
    request.portalActor = { id: `portal:${signed.keyId}`, roles: [Roles.portal], unitId: null };
    return true;
  }
}
