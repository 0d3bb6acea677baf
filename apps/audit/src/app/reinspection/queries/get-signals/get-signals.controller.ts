import { Roles } from '@hailong/contracts';
import { AllowRoles } from '@hailong/platform/auth';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { SignalsQueryDto } from './get-signals.query.dto';
import { settingsOf, SignalsService } from './signals.service';

@ApiTags('re-inspection')
@ApiBearerAuth()
@Controller('reinspection/campaigns')
export class GetSignalsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signals: SignalsService,
  ) {}

  @Get(':campaignId/signals')
  @AllowRoles(Roles.auditor, Roles.reinspector, Roles.admin)
  @ApiOperation({
    summary: 'Fabrication signals per surveyor, device and channel, each with the responses behind it',
    description: 'Share of failed back-checks, identical answer vectors, forms faster than a plausible minimum, bursts in a short window.',
  })
  get(@Param('campaignId', new ParseUUIDPipe()) campaignId: string, @Query() query: SignalsQueryDto) {
    return this.signals.compute(this.dataSource.manager, campaignId.toLowerCase(), settingsOf(query));
  }
}
