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
export class CloseCampaignController {
  constructor(private readonly runner: CampaignLifecycleRunner) {}

  /** Open → closed: nothing more is accepted; what was accepted before is the campaign's. */
  @Post(':campaignId/close')
  @HttpCode(200)
  @AllowRoles(Roles.campaignManager, Roles.admin)
  async close(
    @Param('campaignId', new ParseUUIDPipe()) campaignId: string,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    const id = campaignId.toLowerCase();
    return campaignView(await this.runner.run(id, { type: 'CloseCampaign', campaignId: id }, actor, correlationId));
  }
}
