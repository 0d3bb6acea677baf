import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { computeBreakdown } from '@hailong/scoring/data-access';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { answering, breakdownRequestOf } from '../../http/breakdown-request';
import { SCORING_SCHEMA } from '../../migrations';
import { BreakdownQueryDto } from './breakdown.query.dto';

/** Who may read figures: leadership, campaign managers, and the province-wide audit roles. */
export const FIGURE_READERS = [Roles.viewer, Roles.campaignManager, Roles.admin, Roles.auditor, Roles.reinspector];

@ApiTags('figures')
@ApiBearerAuth()
@Controller('campaigns')
export class GetBreakdownController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get(':campaignId/figures')
  @AllowRoles(...FIGURE_READERS)
  @ApiOperation({
    summary: 'Any breakdown of a campaign’s figures',
    description:
      'Every group with its sample size, item/factor/overall indices with 95% intervals (Wilson for proportions, seeded respondent bootstrap for ' +
      'indices), the pooled ratio, mean score, level distribution and expectations; by=unit ranks units in rank groups (overlapping intervals ' +
      'share one; below the minimum sample unranked). `total` is all groups together.',
  })
  get(@Param('campaignId', new ParseUUIDPipe()) campaignId: string, @Query() query: BreakdownQueryDto, @CurrentActor() actor: Actor) {
    const request = breakdownRequestOf(campaignId, query, actor);
    return answering(() => computeBreakdown(this.dataSource.manager, SCORING_SCHEMA, request));
  }
}
