import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { SubmitResponseHandler } from './submit-response.handler';
import { SubmitResponseRequestDto } from './submit-response.request.dto';

@ApiTags('responses')
@ApiBearerAuth()
@Controller('responses')
export class SubmitResponseController {
  constructor(private readonly handler: SubmitResponseHandler) {}

  /** 201 when the response is new, 200 with the same id when the key was seen before. */
  @Post()
  @AllowRoles(Roles.surveyor, Roles.admin)
  async submit(
    @Body() body: SubmitResponseRequestDto,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.handler.execute(body, actor, correlationId);
    response.status(result.created ? 201 : 200);
    return result;
  }
}
