import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { staffActor } from '../../staff-actor';
import { CloseReinspectionHandler } from './close-reinspection.handler';
import { DifferingAnswersDto } from './close-reinspection.request.dto';

@ApiTags('re-inspection')
@ApiBearerAuth()
@Controller('reinspection/campaigns')
export class CloseReinspectionController {
  constructor(private readonly handler: CloseReinspectionHandler) {}

  @Post(':campaignId/closure')
  @HttpCode(201)
  @AllowRoles(Roles.auditor, Roles.admin)
  @ApiOperation({
    summary: 'Close the campaign’s re-inspection: the campaign becomes “re-inspected” (ReinspectionClosed)',
    description:
      'Records the samples, the verdicts and every figure’s overall index, published and re-inspected. 409 without a sample or when closed already.',
  })
  close(
    @Param('campaignId', new ParseUUIDPipe()) campaignId: string,
    @Body() body: DifferingAnswersDto,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.handler.execute(campaignId.toLowerCase(), body.differingAnswers ?? 'exclude', staffActor(actor), correlationId);
  }
}
