import { createEvent, Roles, ServicesDeliveredRecorded } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId, unprocessable } from '@hailong/platform/http';
import { OutboxWriter } from '@hailong/platform/messaging';
import { readCampaign, recordServicesDelivered } from '@hailong/scoring/data-access';
import { DEFAULT_MARGIN_OF_ERROR } from '@hailong/scoring/domain';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { campaignUnknownToScoring } from '../../http/not-found';
import { SCORING_SCHEMA } from '../../migrations';
import { RecordServicesDeliveredRequestDto } from './record-services-delivered.request.dto';

@ApiTags('planning')
@ApiBearerAuth()
@Controller('campaigns')
export class RecordServicesDeliveredController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  @Put(':campaignId/services-delivered')
  @HttpCode(200)
  @AllowRoles(Roles.campaignManager, Roles.admin)
  @ApiOperation({
    summary: 'Enter or import the services each unit delivered in the period (N), for sample-size planning',
    description: 'Recorded as ServicesDeliveredRecorded; GET /campaigns/{id}/sample-progress shows n = N / (1 + N·e²) and progress.',
  })
  async record(
    @Param('campaignId', new ParseUUIDPipe()) campaignId: string,
    @Body() body: RecordServicesDeliveredRequestDto,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    const id = campaignId.toLowerCase();
    const seen = new Set<string>();
    const repeated = body.units.findIndex((u) => seen.size === seen.add(u.unitId.toLowerCase()).size);
    if (repeated >= 0) {
      throw unprocessable([
        {
          field: `units.${repeated}.unitId`,
          reason: 'the unit is listed twice',
          reasonVi: 'đơn vị bị liệt kê hai lần',
          rule: 'unit-repeated',
        },
      ]);
    }
    const data = {
      campaignId: id,
      marginOfError: body.marginOfError ?? DEFAULT_MARGIN_OF_ERROR,
      units: body.units.map((u) => ({ unitId: u.unitId.toLowerCase(), servicesDelivered: u.servicesDelivered })),
    };
    return this.dataSource.transaction(async (manager) => {
      if (!(await readCampaign(manager, SCORING_SCHEMA, id))) throw campaignUnknownToScoring();
      const event = createEvent(ServicesDeliveredRecorded, id, data, {
        source: 'scoring',
        actor: { id: actor.id, kind: 'staff', roles: actor.roles },
        correlationId,
      });
      await recordServicesDelivered(manager, SCORING_SCHEMA, data, event.id);
      await this.outbox.append(manager, [event]);
      return { campaignId: id, marginOfError: data.marginOfError, units: data.units.length, eventId: event.id };
    });
  }
}
