import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DestroyRespondentKeyHandler } from './destroy-respondent-key.handler';
import { DestroyRespondentKeyRequestDto } from './destroy-respondent-key.request.dto';

@ApiTags('personal data')
@ApiBearerAuth()
@Controller('respondent-keys')
export class DestroyRespondentKeyController {
  constructor(private readonly handler: DestroyRespondentKeyHandler) {}

  /** Forgets a respondent: their contact details, free text and identifying profile become unreadable everywhere; their ratings still count. */
  @Post(':keyId/destroy')
  @HttpCode(200)
  @AllowRoles(Roles.admin)
  destroy(
    @Param('keyId', new ParseUUIDPipe()) keyId: string,
    @Body() body: DestroyRespondentKeyRequestDto,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.handler.execute(keyId, body, actor, correlationId);
  }
}
