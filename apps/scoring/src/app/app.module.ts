import { platformEvents } from '@hailong/contracts';
import { AuthModule } from '@hailong/platform/auth';
import { HealthController } from '@hailong/platform/http';
import { MessagingModule } from '@hailong/platform/messaging';
import { PersistenceModule } from '@hailong/platform/persistence';
import { DirectoryViewModule } from '@hailong/directory/view';
import { Module } from '@nestjs/common';
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
    DirectoryViewModule.forService(SCORING_SCHEMA),
  ],
  controllers: [HealthController, ResponsesProjection, GetUnitSatisfactionController],
})
export class AppModule {}
