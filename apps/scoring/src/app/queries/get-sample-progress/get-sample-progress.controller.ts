import { DirectoryView } from '@hailong/directory/view';
import { Actor, AllowRoles, confinedUnitOf, CurrentActor } from '@hailong/platform/auth';
import { todayInVietnam } from '@hailong/platform/http';
import { readCampaign } from '@hailong/scoring/data-access';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { campaignUnknownToScoring } from '../../http/not-found';
import { SCORING_SCHEMA } from '../../migrations';
import { FiguresCache } from '../figures.cache';
import { FIGURE_READERS } from '../get-breakdown/get-breakdown.controller';

@ApiTags('planning')
@ApiBearerAuth()
@Controller('campaigns')
export class GetSampleProgressController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryView,
    private readonly figures: FiguresCache,
  ) {}

  @Get(':campaignId/sample-progress')
  @AllowRoles(...FIGURE_READERS)
  @ApiOperation({ summary: 'Per unit: the sample it needs, n = N / (1 + N·e²) rounded up, and the on-time responses collected against it' })
  async get(@Param('campaignId', new ParseUUIDPipe()) campaignId: string, @CurrentActor() actor: Actor) {
    const id = campaignId.toLowerCase();
    const manager = this.dataSource.manager;
    if (!(await readCampaign(manager, SCORING_SCHEMA, id))) throw campaignUnknownToScoring();
    const units = await this.figures.sampleProgress(id);
    // Staff tied to a unit see the units in today's structure under their own.
    const own = confinedUnitOf(actor);
    if (own === null) return { campaignId: id, units };
    const visible = await this.directory.unitsWithin(manager, own, todayInVietnam());
    return { campaignId: id, units: units.filter((u) => visible.has(u.unitId)) };
  }
}
