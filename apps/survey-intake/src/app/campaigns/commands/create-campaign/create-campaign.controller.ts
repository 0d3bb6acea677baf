import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { campaignView } from '../../campaign.view';
import { CreateCampaignHandler } from './create-campaign.handler';
import { CreateCampaignRequestDto } from './create-campaign.request.dto';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CreateCampaignController {
  constructor(private readonly handler: CreateCampaignHandler) {}

  /** 201 with the new draft; 200 when the same campaign id and definition were sent before. */
  @Post()
  @AllowRoles(Roles.campaignManager, Roles.admin)
  async create(
    @Body() body: CreateCampaignRequestDto,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { campaign, created } = await this.handler.execute(body, actor, correlationId);
    response.status(created ? 201 : 200);
    return campaignView(campaign);
  }
}
