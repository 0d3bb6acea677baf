import { Roles } from '@hailong/contracts';
import { DirectoryView } from '@hailong/directory/view';
import { Actor, AllowRoles, confinedUnitOf, CurrentActor, outsideYourUnit } from '@hailong/platform/auth';
import { todayInVietnam } from '@hailong/platform/http';
import { readUnitSatisfactionTotals } from '@hailong/scoring/data-access';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { notFound } from '../../http/not-found';
import { SCORING_SCHEMA } from '../../migrations';

@ApiTags('figures')
@ApiBearerAuth()
@Controller('units')
export class GetUnitSatisfactionController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryView,
  ) {}

  @Get(':unitId/satisfaction')
  @AllowRoles(Roles.viewer, Roles.campaignManager, Roles.auditor, Roles.admin)
  @ApiOperation({
    summary: 'A unit’s pooled share at level 4–5 over everything counted for it, with sample size and Wilson 95% interval',
    description: 'Every campaign, on time and late, voided responses taken out. Campaign figures: GET /campaigns/{id}/figures.',
  })
  async get(@Param('unitId', new ParseUUIDPipe()) unitId: string, @CurrentActor() actor: Actor) {
    const id = unitId.toLowerCase();
    const manager = this.dataSource.manager;
    if (!(await this.directory.isKnown(manager, id))) {
      throw notFound('unitId', 'the directory has published nothing of this unit', 'danh mục đơn vị không có đơn vị này');
    }
    const own = confinedUnitOf(actor);
    if (own !== null && !(await this.directory.isWithin(manager, id, own, todayInVietnam()))) throw outsideYourUnit('unitId');
    return readUnitSatisfactionTotals(this.dataSource.manager, SCORING_SCHEMA, id);
  }
}
