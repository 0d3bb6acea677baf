import { AllowRoles } from '@hailong/platform/auth';
import { readCampaign, readSampleProgress } from '@hailong/scoring/data-access';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { campaignUnknownToScoring } from '../../http/not-found';
import { SCORING_SCHEMA } from '../../migrations';
import { FIGURE_READERS } from '../get-breakdown/get-breakdown.controller';

@ApiTags('planning')
@ApiBearerAuth()
@Controller('campaigns')
export class GetSampleProgressController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get(':campaignId/sample-progress')
  @AllowRoles(...FIGURE_READERS)
  @ApiOperation({ summary: 'Per unit: the sample it needs, n = N / (1 + N·e²) rounded up, and the on-time responses collected against it' })
  async get(@Param('campaignId', new ParseUUIDPipe()) campaignId: string) {
    const id = campaignId.toLowerCase();
    if (!(await readCampaign(this.dataSource.manager, SCORING_SCHEMA, id))) throw campaignUnknownToScoring();
    return { campaignId: id, units: await readSampleProgress(this.dataSource.manager, SCORING_SCHEMA, id) };
  }
}
