import { Roles } from '@hailong/contracts';
import { AllowRoles } from '@hailong/platform/auth';
import { readUnitSatisfactionTotals } from '@hailong/scoring/data-access';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { SCORING_SCHEMA } from '../../migrations';

@ApiTags('figures')
@ApiBearerAuth()
@Controller('units')
export class GetUnitSatisfactionController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get(':unitId/satisfaction')
  @AllowRoles(Roles.viewer, Roles.campaignManager, Roles.auditor, Roles.admin)
  @ApiOperation({
    summary: 'A unit’s pooled share at level 4–5 over everything counted for it, with sample size and Wilson 95% interval',
    description: 'Every campaign, on time and late, voided responses taken out. Campaign figures: GET /campaigns/{id}/figures.',
  })
  get(@Param('unitId', new ParseUUIDPipe()) unitId: string) {
    return readUnitSatisfactionTotals(this.dataSource.manager, SCORING_SCHEMA, unitId.toLowerCase());
  }
}
