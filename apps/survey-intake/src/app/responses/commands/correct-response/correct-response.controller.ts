import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Body, Controller, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { CorrectResponseHandler } from './correct-response.handler';
import { CorrectResponseRequestDto } from './correct-response.request.dto';

@ApiTags('responses')
@ApiBearerAuth()
@Controller('responses')
export class CorrectResponseController {
  constructor(private readonly handler: CorrectResponseHandler) {}

  /** 201 with the replacement's id; 200 with the same id when the idempotency key was seen before. */
  @Post(':responseId/corrections')
  @AllowRoles(Roles.campaignManager, Roles.admin)
  async correct(
    @Param('responseId', new ParseUUIDPipe()) responseId: string,
    @Body() body: CorrectResponseRequestDto,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.handler.execute(responseId.toLowerCase(), body, actor, correlationId);
    response.status(result.created ? 201 : 200);
    return result;
  }
}
