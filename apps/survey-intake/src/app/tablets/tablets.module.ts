import { Module } from '@nestjs/common';
import { ResponsesModule } from '../responses/responses.module';
import { EnrollTabletController } from './commands/enroll-tablet/enroll-tablet.controller';
import { RevokeTabletController } from './commands/revoke-tablet/revoke-tablet.controller';
import { SyncBatchController } from './commands/sync-batch/sync-batch.controller';
import { SyncBatchHandler } from './commands/sync-batch/sync-batch.handler';
import { ListTabletsController } from './queries/list-tablets/list-tablets.controller';
import { TabletCredentialGuard } from './tablet-credential.guard';
import { TabletStore } from './tablet-store';

/** Working-group tablets (DESIGN "Methods", 3): enrolled devices and the batches they sync after working offline. */
@Module({
  imports: [ResponsesModule],
  controllers: [EnrollTabletController, RevokeTabletController, ListTabletsController, SyncBatchController],
  providers: [TabletStore, TabletCredentialGuard, SyncBatchHandler],
})
export class TabletsModule {}
