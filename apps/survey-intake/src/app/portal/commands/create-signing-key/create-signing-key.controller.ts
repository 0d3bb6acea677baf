import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { Body, Controller, Header, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SigningKeyStore } from '../../signing-key-store';
import { CreateSigningKeyRequestDto } from './create-signing-key.request.dto';

@ApiTags('portal')
@ApiBearerAuth()
@Controller('portal/signing-keys')
export class CreateSigningKeyController {
  constructor(private readonly keys: SigningKeyStore) {}

  /** A new key; its secret is in this answer only (base64), to hand to the portal's team over a safe channel. */
  @Post()
  @AllowRoles(Roles.admin)
  @Header('cache-control', 'no-store')
  async create(@Body() body: CreateSigningKeyRequestDto, @CurrentActor() actor: Actor) {
    const { keyId, secret } = await this.keys.create(body.keyId, actor.id);
    return { keyId, secret: secret.toString('base64'), algorithm: 'HMAC-SHA256' };
  }
}
