import { platformEvents } from '@hailong/contracts';
import { AuthModule } from '@hailong/platform/auth';
import { HealthController } from '@hailong/platform/http';
import { MessagingModule } from '@hailong/platform/messaging';
import { PersistenceModule } from '@hailong/platform/persistence';
import { DirectoryViewModule } from '@hailong/directory/view';
import { Module } from '@nestjs/common';
import { PublicationService } from './commands/publish-campaign-scores/publication.service';
import { PublishCampaignScoresController } from './commands/publish-campaign-scores/publish-campaign-scores.controller';
import { RecordServicesDeliveredController } from './commands/record-services-delivered/record-services-delivered.controller';
import { SCORING_SCHEMA, scoringMigrations } from './migrations';
import { ScoresProjection } from './projections/scores.projection';
import { FiguresCache } from './queries/figures.cache';
import { ExportBreakdownController } from './queries/export-breakdown/export-breakdown.controller';
import { GetBreakdownController } from './queries/get-breakdown/get-breakdown.controller';
import { GetPublicationController } from './queries/get-publication/get-publication.controller';
import { GetSampleProgressController } from './queries/get-sample-progress/get-sample-progress.controller';
import { GetSeriesController } from './queries/get-series/get-series.controller';
import { GetUnitSatisfactionController } from './queries/get-unit-satisfaction/get-unit-satisfaction.controller';
import { ListCampaignsController } from './queries/list-campaigns/list-campaigns.controller';

@Module({
  imports: [
    PersistenceModule.forService({
      schema: SCORING_SCHEMA,
      migrations: scoringMigrations,
    }),
    MessagingModule.forService({
      service: 'scoring',
      schema: SCORING_SCHEMA,
      registry: platformEvents,
    }),
    AuthModule.forRoot(),
    DirectoryViewModule.forService(SCORING_SCHEMA),
  ],
  controllers: [
    HealthController,
    ScoresProjection,
    ListCampaignsController,
    GetBreakdownController,
    GetSeriesController,
    ExportBreakdownController,
    PublishCampaignScoresController,
    GetPublicationController,
    RecordServicesDeliveredController,
    GetSampleProgressController,
    GetUnitSatisfactionController,
  ],
  providers: [PublicationService, FiguresCache],
})
export class AppModule {}
