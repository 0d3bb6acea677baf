import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { staffActor } from '../../staff-actor';
import { AssignResponsesHandler } from './assign-responses.handler';
import { AssignResponsesRequestDto } from './assign-responses.request.dto';

@ApiTags('re-inspection')
@ApiBearerAuth()
@Controller('reinspection/samples')
export class AssignResponsesController {
  constructor(private readonly handler: AssignResponsesHandler) {}

  @Post(':sampleId/assignments')
  @HttpCode(200)
  @AllowRoles(Roles.auditor, Roles.admin)
  @ApiOperation({
    summary: 'Assign sampled responses to re-inspectors (BackCheckAssigned each)',
    description: 'Only the assigned re-inspector may then read the respondent’s contact details at intake and record a verdict.',
  })
  assign(
    @Param('sampleId', new ParseUUIDPipe()) sampleId: string,
    @Body() body: AssignResponsesRequestDto,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.handler.execute(sampleId.toLowerCase(), body.assignments, staffActor(actor), correlationId);
  }
}
