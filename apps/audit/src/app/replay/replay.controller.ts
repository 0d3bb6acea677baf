import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { readUnitSatisfactionTotals } from '@hailong/scoring/data-access';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
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
  unit(@Param('unitId', new ParseUUIDPipe()) unitId: string) {
    return readUnitSatisfactionTotals(this.dataSource.manager, AUDIT_SCHEMA, unitId.toLowerCase());
  }
}
