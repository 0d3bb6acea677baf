import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CampaignLifecycleRunner } from '../../campaign-lifecycle.runner';
import { campaignView } from '../../campaign.view';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class OpenCampaignController {
  constructor(private readonly runner: CampaignLifecycleRunner) {}

  /** Draft → open: responses are accepted from now on. */
  @Post(':campaignId/open')
  @HttpCode(200)
  @AllowRoles(Roles.campaignManager, Roles.admin)
  async open(
    @Param('campaignId', new ParseUUIDPipe()) campaignId: string,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    const id = campaignId.toLowerCase();
    return campaignView(await this.runner.run(id, { type: 'OpenCampaign', campaignId: id }, actor, correlationId));
  }
}
