import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Request } from 'express';
import { TabletStore } from './tablet-store';

export const DEVICE_ID_HEADER = 'x-device-id';
export const DEVICE_CREDENTIAL_HEADER = 'x-device-credential';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CREDENTIAL = /^[A-Za-z0-9_-]{43}$/;

export interface TabletRequest extends Request {
  deviceId?: string;
}

/** The tablet itself, beside the surveyor's sign-in (the bearer token): an enrolled device whose credential was not revoked. */
@Injectable()
export class TabletCredentialGuard implements CanActivate {
  constructor(private readonly tablets: TabletStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TabletRequest>();
    const deviceId = request.headers[DEVICE_ID_HEADER];
    const credential = request.headers[DEVICE_CREDENTIAL_HEADER];
    const ok =
      typeof deviceId === 'string' &&
      typeof credential === 'string' &&
      UUID.test(deviceId) &&
      CREDENTIAL.test(credential) &&
      (await this.tablets.authenticate(deviceId.toLowerCase(), credential));
    if (!ok) {
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'this tablet is not enrolled, or its credential was revoked',
        messageVi: 'máy tính bảng này chưa được đăng ký, hoặc khóa truy cập đã bị thu hồi',
        errors: [{ field: DEVICE_CREDENTIAL_HEADER, reason: 'not an enrolled tablet', reasonVi: 'không phải máy tính bảng đã đăng ký' }],
      });
    }
    request.deviceId = (deviceId as string).toLowerCase();
    return true;
  }
}
