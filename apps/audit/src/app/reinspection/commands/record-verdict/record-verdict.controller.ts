import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { staffActor } from '../../staff-actor';
import { RecordVerdictHandler } from './record-verdict.handler';
import { RecordVerdictRequestDto } from './record-verdict.request.dto';

@ApiTags('re-inspection')
@ApiBearerAuth()
@Controller('reinspection/responses')
export class RecordVerdictController {
  constructor(private readonly handler: RecordVerdictHandler) {}

  @Post(':responseId/verdicts')
  @HttpCode(201)
  @AllowRoles(Roles.reinspector)
  @ApiOperation({
    summary: 'Record the back-check verdict on a response assigned to you',
    description:
      'confirmed, not-reachable, respondent-denies, or answers-differ with the answers as re-collected (BackCheckVerdictRecorded). ' +
      '403 when the response is assigned to another re-inspector; 409 once the re-inspection is closed. Published figures never change.',
  })
  record(
    @Param('responseId', new ParseUUIDPipe()) responseId: string,
    @Body() body: RecordVerdictRequestDto,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.handler.execute(responseId.toLowerCase(), body, staffActor(actor), correlationId);
  }
}
