import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { breakdownCsv, breakdownXlsx } from '@hailong/scoring/data-access';
import { Controller, Get, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { answering, breakdownRequestOf } from '../../http/breakdown-request';
import { FiguresCache } from '../figures.cache';
import { BreakdownQueryDto } from '../get-breakdown/breakdown.query.dto';
import { FIGURE_READERS } from '../get-breakdown/get-breakdown.controller';

const FORMATS = ['csv', 'xlsx'] as const;

export class ExportQueryDto extends BreakdownQueryDto {
  @ApiPropertyOptional({ enum: FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(FORMATS)
  format?: (typeof FORMATS)[number];
}

@ApiTags('figures')
@ApiBearerAuth()
@Controller('campaigns')
export class ExportBreakdownController {
  constructor(private readonly figures: FiguresCache) {}

  @Get(':campaignId/figures/export')
  @AllowRoles(...FIGURE_READERS)
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({
    summary: 'A breakdown as CSV or XLSX',
    description: 'One row per group and a total row; text cells beginning with = + - @ (or tab, CR) are escaped against formula injection.',
  })
  async export(@Param('campaignId', new ParseUUIDPipe()) campaignId: string, @Query() query: ExportQueryDto, @CurrentActor() actor: Actor) {
    const { format = 'csv', ...rest } = query;
    const request = breakdownRequestOf(campaignId, rest, actor);
    const result = await answering(() => this.figures.breakdown(request));
    const name = `figures-${request.campaignId}-${request.by}-${request.structure}`;
    if (format === 'xlsx') {
      return new StreamableFile(await breakdownXlsx(result), {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        disposition: `attachment; filename="${name}.xlsx"`,
      });
    }
    return new StreamableFile(Buffer.from(breakdownCsv(result), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${name}.csv"`,
    });
  }
}
