import { Roles } from '@hailong/contracts';
import { AllowRoles } from '@hailong/platform/auth';
import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CampaignStore } from '../../campaign-store';
import { campaignNotFound, campaignView } from '../../campaign.view';

const READERS = [Roles.campaignManager, Roles.surveyor, Roles.viewer, Roles.auditor, Roles.reinspector, Roles.admin];

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class GetCampaignController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CampaignStore,
  ) {}

  @Get()
  @AllowRoles(...READERS)
  async list() {
    return { campaigns: (await this.store.list(this.dataSource.manager)).map(campaignView) };
  }

  @Get(':campaignId')
  @AllowRoles(...READERS)
  async get(@Param('campaignId', new ParseUUIDPipe()) campaignId: string) {
    const campaign = await this.store.load(this.dataSource.manager, campaignId.toLowerCase());
    if (!campaign) throw new NotFoundException(campaignNotFound());
    return campaignView(campaign);
  }
}
