import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { VoidResponseHandler } from './void-response.handler';
import { VoidResponseRequestDto } from './void-response.request.dto';

@ApiTags('responses')
@ApiBearerAuth()
@Controller('responses')
export class VoidResponseController {
  constructor(private readonly handler: VoidResponseHandler) {}

  @Post(':responseId/void')
  @HttpCode(200)
  @AllowRoles(Roles.campaignManager, Roles.admin)
  void(
    @Param('responseId', new ParseUUIDPipe()) responseId: string,
    @Body() body: VoidResponseRequestDto,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.handler.execute(responseId.toLowerCase(), body, actor, correlationId);
  }
}
