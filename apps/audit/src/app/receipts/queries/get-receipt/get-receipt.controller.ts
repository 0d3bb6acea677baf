import { Public } from '@hailong/platform/auth';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetReceiptHandler } from './get-receipt.handler';
import { GetReceiptParamsDto } from './get-receipt.params.dto';

@ApiTags('receipts')
@Controller('receipts')
export class GetReceiptController {
  constructor(private readonly handler: GetReceiptHandler) {}

  /**
   * A response's receipt: the event that accepted it, its hash and ledger place, and the signed
   * checkpoint covering it once one exists — everything the verify-receipt command needs besides the
   * log and the public keys. Public: it reveals no answer, unit or person (only hashes and places), the
   * response id is a random UUID only the respondent and intake know, and the respondent (a citizen
   * at the counter, a person with a paper form) has no staff account.
   */
  @Get(':responseId')
  @Public()
  get(@Param() params: GetReceiptParamsDto) {
    return this.handler.execute(params.responseId);
  }
}
