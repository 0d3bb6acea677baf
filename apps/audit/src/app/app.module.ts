import { platformEvents } from '@hailong/contracts';
import { AuthModule } from '@hailong/platform/auth';
import { HealthController } from '@hailong/platform/http';
import { MessagingModule } from '@hailong/platform/messaging';
import { PersistenceModule } from '@hailong/platform/persistence';
import { Module } from '@nestjs/common';
import { AUDIT_SCHEMA, auditMigrations } from './migrations';
import { ReplayController } from './replay/replay.controller';
import { ReplayService } from './replay/replay.service';

@Module({
  imports: [
    PersistenceModule.forService({ schema: AUDIT_SCHEMA, migrations: auditMigrations }),
    MessagingModule.forService({ service: 'audit', schema: AUDIT_SCHEMA, registry: platformEvents }),
    AuthModule.forRoot(),
  ],
  controllers: [HealthController, ReplayController],
  providers: [ReplayService],
})
export class AppModule {}
