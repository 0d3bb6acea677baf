import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { readUnitSatisfactionTotals } from '@hailong/scoring/data-access';
import { Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AUDIT_SCHEMA } from '../migrations';
import { ReplayService } from './replay.service';

@ApiTags('replay')
@ApiBearerAuth()
@Controller('replay')
export class ReplayController {
  constructor(
    private readonly replay: ReplayService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Rebuilds the figures from the response topic, from offset 0 to where it ends now. */
  @Post()
  @HttpCode(200)
  @AllowRoles(Roles.auditor, Roles.admin)
  run(@CurrentActor() actor: Actor) {
    return this.replay.replayResponses(actor);
  }

  /** A unit's figure as the last replay rebuilt it from the log. */
  @Get('units/:unitId/satisfaction')
  @AllowRoles(Roles.auditor, Roles.reinspector, Roles.admin)
  async unit(@Param('unitId', new ParseUUIDPipe()) unitId: string) {
    const totals = await readUnitSatisfactionTotals(this.dataSource.manager, AUDIT_SCHEMA, unitId.toLowerCase());
    // The replay knows units only through the responses in the log: nothing counted is nothing to show.
    if (totals.sampleSize === 0 && totals.validAnswers === 0) {
      const reason = 'the last replay of the log counted no response for this unit';
      const reasonVi = 'lần dựng lại gần nhất từ nhật ký không đếm được phiếu nào của đơn vị này';
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: reason,
        messageVi: reasonVi,
        errors: [{ field: 'unitId', reason, reasonVi }],
      });
    }
    return totals;
  }
}
