import { ALL_ROLES } from '@hailong/contracts';
import { effectiveDateOf } from '@hailong/directory/domain';
import { AllowRoles } from '@hailong/platform/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DirectoryReader, historyIn } from '../../store/directory-reader';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class GetUnitHistoryController {
  constructor(private readonly reader: DirectoryReader) {}

  /** Every event of the unit's stream, oldest first: what changed, from when, recorded by whom and when. */
  @Get(':unitId/history')
  @AllowRoles(...ALL_ROLES)
  async history(@Param('unitId', new ParseUUIDPipe()) unitId: string) {
    const log = await this.reader.current();
    historyIn(log, unitId);
    return {
      unitId,
      events: log.loggedHistory(unitId).map((e) => ({
        eventId: e.eventId,
        version: e.version,
        type: e.event.type,
        effectiveDate: effectiveDateOf(e.event),
        recordedAt: e.recordedAt,
        actor: e.actor,
        data: e.event.data,
      })),
    };
  }
}
