import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { badRequest } from '@hailong/platform/http';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { KEY_ID } from '../../portal-signature';
import { SigningKeyStore } from '../../signing-key-store';

@ApiTags('portal')
@ApiBearerAuth()
@Controller('portal/signing-keys')
export class RetireSigningKeyController {
  constructor(private readonly keys: SigningKeyStore) {}

  /** Ends a rotation: requests signed with this key are refused from now on. Retiring twice changes nothing. */
  @Post(':keyId/retire')
  @HttpCode(200)
  @AllowRoles(Roles.admin)
  retire(@Param('keyId') keyId: string, @CurrentActor() actor: Actor) {
    if (!KEY_ID.test(keyId)) throw badRequest([{ field: 'keyId', reason: 'is not a key id', reasonVi: 'không phải mã khóa' }]);
    return this.keys.retire(keyId, actor.id);
  }
}
