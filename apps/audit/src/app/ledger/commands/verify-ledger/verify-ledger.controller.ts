import { Roles } from '@hailong/contracts';
import { AllowRoles } from '@hailong/platform/auth';
import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { VerifyLedgerHandler } from './verify-ledger.handler';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('ledger')
export class VerifyLedgerController {
  constructor(private readonly handler: VerifyLedgerHandler) {}

  /**
   * Reads every platform topic from offset 0 to where it ends now and walks each service's ledger:
   * every missing, altered, inserted or reordered event with the last good place, relay repeats
   * counted apart, messages that belong to no service listed apart. 409 while another run is going.
   */
  @Post('verifications')
  @HttpCode(200)
  @AllowRoles(Roles.auditor, Roles.admin)
  verify() {
    return this.handler.execute();
  }
}
