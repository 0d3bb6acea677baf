import { Roles } from '@hailong/contracts';
import { AllowRoles } from '@hailong/platform/auth';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SigningKeyStore } from '../../signing-key-store';

@ApiTags('portal')
@ApiBearerAuth()
@Controller('portal/signing-keys')
export class ListSigningKeysController {
  constructor(private readonly keys: SigningKeyStore) {}

  /** Which keys exist and which are active; never their secrets. */
  @Get()
  @AllowRoles(Roles.admin)
  async list() {
    return { keys: await this.keys.list() };
  }
}
