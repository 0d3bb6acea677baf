import { Global, Module } from '@nestjs/common';
import { CampaignLifecycleRunner } from './campaign-lifecycle.runner';
import { CampaignStore } from './campaign-store';
import { CloseCampaignController } from './commands/close-campaign/close-campaign.controller';
import { CreateCampaignController } from './commands/create-campaign/create-campaign.controller';
import { CreateCampaignHandler } from './commands/create-campaign/create-campaign.handler';
import { OpenCampaignController } from './commands/open-campaign/open-campaign.controller';
import { GetCampaignProgressController } from './queries/get-campaign-progress/get-campaign-progress.controller';
import { GetCampaignController } from './queries/get-campaign/get-campaign.controller';

@Global()
@Module({
  controllers: [
    CreateCampaignController,
    OpenCampaignController,
    CloseCampaignController,
    GetCampaignProgressController,
    GetCampaignController,
  ],
  providers: [CampaignStore, CampaignLifecycleRunner, CreateCampaignHandler],
  exports: [CampaignStore],
})
export class CampaignsModule {}
