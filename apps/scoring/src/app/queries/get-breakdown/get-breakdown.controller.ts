import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { answering, breakdownRequestOf } from '../../http/breakdown-request';
import { FiguresCache } from '../figures.cache';
import { BreakdownQueryDto } from './breakdown.query.dto';

/** Who may read figures: leadership, campaign managers, and the province-wide audit roles. */
export const FIGURE_READERS = [Roles.viewer, Roles.campaignManager, Roles.admin, Roles.auditor, Roles.reinspector];

@ApiTags('figures')
@ApiBearerAuth()
@Controller('campaigns')
export class GetBreakdownController {
  constructor(private readonly figures: FiguresCache) {}

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
    return answering(() => this.figures.breakdown(request));
  }
}
