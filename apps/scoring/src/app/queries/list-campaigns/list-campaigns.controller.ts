import { AllowRoles } from '@hailong/platform/auth';
import { listCampaigns } from '@hailong/scoring/data-access';
import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { SCORING_SCHEMA } from '../../migrations';
import { FIGURE_READERS } from '../get-breakdown/get-breakdown.controller';

@ApiTags('figures')
@ApiBearerAuth()
@Controller('campaigns')
export class ListCampaignsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @AllowRoles(...FIGURE_READERS)
  @ApiOperation({ summary: 'Campaigns as scoring knows them, with on-time and late responses counted and whether published' })
  async list() {
    return { campaigns: await listCampaigns(this.dataSource.manager, SCORING_SCHEMA) };
  }
}
