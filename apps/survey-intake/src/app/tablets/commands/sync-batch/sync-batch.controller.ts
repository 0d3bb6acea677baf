import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { DEVICE_CREDENTIAL_HEADER, DEVICE_ID_HEADER, TabletCredentialGuard, TabletRequest } from '../../tablet-credential.guard';
import { SyncBatchHandler } from './sync-batch.handler';
import { SyncBatchRequestDto } from './sync-batch.request.dto';

@ApiTags('tablets')
@ApiBearerAuth()
@Controller('tablets/sync')
export class SyncBatchController {
  constructor(private readonly handler: SyncBatchHandler) {}

  /**
   * The signed-in surveyor's batch from an enrolled tablet. 200 with each response's outcome in the
   * batch's order: accepted (new), duplicate (synced before: the same response id) or refused (with its fields).
   */
  @Post()
  @HttpCode(200)
  @AllowRoles(Roles.surveyor)
  @UseGuards(TabletCredentialGuard)
  @ApiHeader({ name: DEVICE_ID_HEADER, required: true })
  @ApiHeader({ name: DEVICE_CREDENTIAL_HEADER, required: true })
  async sync(
    @Body() body: SyncBatchRequestDto,
    @Req() request: TabletRequest,
    @CurrentActor() surveyor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    const outcomes = await this.handler.execute(body.responses, request.deviceId!, surveyor, correlationId);
    const count = (o: string) => outcomes.filter((x) => x.outcome === o).length;
    return { accepted: count('accepted'), duplicates: count('duplicate'), refused: count('refused'), outcomes };
  }
}
