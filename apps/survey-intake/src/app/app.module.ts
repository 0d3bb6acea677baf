import { platformEvents } from '@hailong/contracts';
import { AuthModule } from '@hailong/platform/auth';
import { HealthController } from '@hailong/platform/http';
import { MessagingModule } from '@hailong/platform/messaging';
import { PersistenceModule } from '@hailong/platform/persistence';
import { DirectoryViewModule } from '@hailong/directory/view';
import { Module } from '@nestjs/common';
import { INTAKE_SCHEMA, intakeMigrations } from './migrations';
import { CampaignsModule } from './campaigns/campaigns.module';
import { PersonalDataModule } from './personal-data/personal-data.module';
import { PortalModule } from './portal/portal.module';
import { CounterModule } from './counter/counter.module';
import { TabletsModule } from './tablets/tablets.module';
import { FileImportModule } from './file-import/file-import.module';
import { QuestionnairesModule } from './questionnaires/questionnaires.module';
import { ResponsesModule } from './responses/responses.module';

@Module({
  imports: [
    PersistenceModule.forService({
      schema: INTAKE_SCHEMA,
      migrations: intakeMigrations,
    }),
    MessagingModule.forService({
      service: 'survey-intake',
      schema: INTAKE_SCHEMA,
      registry: platformEvents,
    }),
    AuthModule.forRoot(),
    DirectoryViewModule.forService(INTAKE_SCHEMA),
    PersonalDataModule,
    QuestionnairesModule,
    CampaignsModule,
    ResponsesModule,
    PortalModule,
    CounterModule,
    TabletsModule,
    FileImportModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
