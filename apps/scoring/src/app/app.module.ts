import { platformEvents } from '@hailong/contracts';
import { AuthModule } from '@hailong/platform/auth';
import { HealthController } from '@hailong/platform/http';
import { MessagingModule } from '@hailong/platform/messaging';
import { PersistenceModule } from '@hailong/platform/persistence';
import { Module } from '@nestjs/common';
import { DirectoryViewModule } from './directory-view/directory-view.module';
import { SCORING_SCHEMA, scoringMigrations } from './migrations';
import { ResponsesProjection } from './projections/responses.projection';
import { GetUnitSatisfactionController } from './queries/get-unit-satisfaction/get-unit-satisfaction.controller';

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
    DirectoryViewModule,
  ],
  controllers: [
    HealthController,
    ResponsesProjection,
    GetUnitSatisfactionController,
  ],
})
export class AppModule {}
