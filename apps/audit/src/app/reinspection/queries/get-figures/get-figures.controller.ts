import { Roles } from '@hailong/contracts';
import { AllowRoles } from '@hailong/platform/auth';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DifferingAnswersDto } from '../../commands/close-reinspection/close-reinspection.request.dto';
import { ReinspectedFiguresService } from '../../reinspected-figures';

@ApiTags('re-inspection')
@ApiBearerAuth()
@Controller('reinspection/campaigns')
export class GetFiguresController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly figures: ReinspectedFiguresService,
  ) {}

  @Get(':campaignId/figures')
  @AllowRoles(Roles.viewer, Roles.auditor, Roles.reinspector, Roles.admin)
  @ApiOperation({
    summary: 'Published and re-inspected figures side by side, per unit and for the campaign, with their intervals',
    description:
      'Re-inspected: recomputed with scoring’s figure code without the responses the verdicts found invalid (respondent-denies; answers-differ ' +
      'left out, or counted with the re-collected answers with differingAnswers=use-recollected). status is “re-inspected” once closed.',
  })
  get(@Param('campaignId', new ParseUUIDPipe()) campaignId: string, @Query() query: DifferingAnswersDto) {
    return this.dataSource.transaction('REPEATABLE READ', (manager) =>
      this.figures.compute(manager, campaignId.toLowerCase(), query.differingAnswers ?? 'exclude'),
    );
  }
}
