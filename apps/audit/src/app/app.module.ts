import { platformEvents } from '@hailong/contracts';
import { AuthModule } from '@hailong/platform/auth';
import { HealthController } from '@hailong/platform/http';
import { KAFKA, MESSAGING_CONFIG, MessagingConfig, MessagingModule } from '@hailong/platform/messaging';
import { PersistenceModule } from '@hailong/platform/persistence';
import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { CHECKPOINT_CONFIG, checkpointConfigFromEnv } from './checkpoints/checkpoint.config';
import { CheckpointSchedule } from './checkpoints/commands/sign-checkpoints/checkpoint-schedule';
import { CampaignMilestoneSigner } from './checkpoints/milestones/campaign-milestone-signer';
import { CampaignMilestonesProjection } from './checkpoints/milestones/campaign-milestones.projection';
import { SignCheckpointsController } from './checkpoints/commands/sign-checkpoints/sign-checkpoints.controller';
import { SignCheckpointsHandler } from './checkpoints/commands/sign-checkpoints/sign-checkpoints.handler';
import { GetCheckpointsController } from './checkpoints/queries/get-checkpoints/get-checkpoints.controller';
import { VerifyLedgerController } from './ledger/commands/verify-ledger/verify-ledger.controller';
import { VerifyLedgerHandler } from './ledger/commands/verify-ledger/verify-ledger.handler';
import { LedgerIndexer } from './ledger/ledger-indexer';
import { AUDIT_SCHEMA, auditMigrations } from './migrations';
import { GetReceiptController } from './receipts/queries/get-receipt/get-receipt.controller';
import { GetReceiptHandler } from './receipts/queries/get-receipt/get-receipt.handler';
import { CampaignReplay } from './replay/campaign-replay';
import { ComparePublicationController } from './replay/commands/compare-publication/compare-publication.controller';
import { ReplayCampaignController } from './replay/commands/replay-campaign/replay-campaign.controller';
import { ReplayController } from './replay/replay.controller';
import { ReplayService } from './replay/replay.service';
import { ReinspectionModule } from './reinspection/reinspection.module';

@Module({
  imports: [
    PersistenceModule.forService({ schema: AUDIT_SCHEMA, migrations: auditMigrations }),
    MessagingModule.forService({ service: 'audit', schema: AUDIT_SCHEMA, registry: platformEvents }),
    AuthModule.forRoot(),
    ReinspectionModule,
  ],
  controllers: [
    HealthController,
    ReplayController,
    ReplayCampaignController,
    ComparePublicationController,
    VerifyLedgerController,
    SignCheckpointsController,
    GetCheckpointsController,
    GetReceiptController,
    CampaignMilestonesProjection,
  ],
  providers: [
    // Read and checked once at start-up: a bad key or interval stops the service with the variable named.
    { provide: CHECKPOINT_CONFIG, useFactory: () => checkpointConfigFromEnv() },
    ReplayService,
    // Framework-free so the replay-campaign command runs the same code without the service.
    {
      provide: CampaignReplay,
      inject: [getDataSourceToken(), KAFKA, MESSAGING_CONFIG],
      useFactory: (dataSource: DataSource, kafka: Kafka, config: MessagingConfig) => new CampaignReplay(dataSource, kafka, config),
    },
    LedgerIndexer,
    VerifyLedgerHandler,
    SignCheckpointsHandler,
    CheckpointSchedule,
    CampaignMilestoneSigner,
    GetReceiptHandler,
  ],
})
export class AppModule {}
