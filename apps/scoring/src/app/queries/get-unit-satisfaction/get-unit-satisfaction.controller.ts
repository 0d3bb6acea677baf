import { Roles } from '@hailong/contracts';
import { AllowRoles } from '@hailong/platform/auth';
import { readUnitSatisfaction } from '@hailong/scoring/data-access';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { SCORING_SCHEMA } from '../../migrations';

@ApiTags('figures')
@ApiBearerAuth()
@Controller('units')
export class GetUnitSatisfactionController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Share of valid answers at level 4–5 for a unit, with its sample size and Wilson 95% interval. */
  @Get(':unitId/satisfaction')
  @AllowRoles(Roles.viewer, Roles.campaignManager, Roles.auditor, Roles.admin)
  get(@Param('unitId', new ParseUUIDPipe()) unitId: string) {
    return readUnitSatisfaction(this.dataSource.manager, SCORING_SCHEMA, unitId);
  }
}
