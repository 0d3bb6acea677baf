import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { answering, breakdownRequestOf } from '../../http/breakdown-request';
import { FiguresCache } from '../figures.cache';
import { BreakdownQueryDto } from '../get-breakdown/breakdown.query.dto';
import { FIGURE_READERS } from '../get-breakdown/get-breakdown.controller';

@ApiTags('figures')
@ApiBearerAuth()
@Controller('campaigns')
export class GetSeriesController {
  constructor(private readonly figures: FiguresCache) {}

  @Get(':campaignId/series')
  @AllowRoles(...FIGURE_READERS)
  @ApiOperation({
    summary: 'Time series: the overall index and pooled ratio per day, week or month',
    description: 'The same filters as /figures (`under` for one unit’s subtree, channel, procedure, dates); `by` is period.',
  })
  async get(@Param('campaignId', new ParseUUIDPipe()) campaignId: string, @Query() query: BreakdownQueryDto, @CurrentActor() actor: Actor) {
    const request = breakdownRequestOf(campaignId, query, actor, { by: 'period', period: query.period ?? 'day' });
    const result = await answering(() => this.figures.breakdown(request));
    return {
      campaign: result.campaign,
      breakdown: result.breakdown,
      points: result.groups.map((g) => ({
        period: g.key.slice('period:'.length),
        responses: g.responses,
        sampleSize: g.sampleSize,
        belowMinimumSample: g.belowMinimumSample,
        overall: g.overall,
        pooled: { ratio: g.pooled.ratio, interval: g.pooled.interval, meanScore: g.pooled.meanScore },
      })),
    };
  }
}
