import { CampaignScoresPublished, Roles } from '@hailong/contracts';
import { AllowRoles } from '@hailong/platform/auth';
import { badRequest } from '@hailong/platform/http';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CampaignReplay } from '../../campaign-replay';
import { refusal } from '../../replay-refusal';
import { ComparePublicationRequestDto } from './compare-publication.request.dto';

@ApiTags('replay')
@ApiBearerAuth()
@Controller('replay/campaigns')
export class ComparePublicationController {
  constructor(private readonly replay: CampaignReplay) {}

  @Post(':campaignId/comparisons')
  @HttpCode(200)
  @AllowRoles(Roles.auditor, Roles.reinspector, Roles.admin)
  @ApiOperation({
    summary: 'Compare a publication someone holds (a copy, a printed report) with the figures of the campaign’s last replay',
    description: 'Every value of the given CampaignScoresPublished data that the replay did not reproduce, with both values.',
  })
  async compare(@Param('campaignId', new ParseUUIDPipe()) campaignId: string, @Body() body: ComparePublicationRequestDto) {
    const parsed = CampaignScoresPublished.schema.safeParse(body.published);
    if (!parsed.success) {
      throw badRequest(
        parsed.error.issues.slice(0, 20).map((issue) => ({
          field: ['published', ...issue.path.map(String)].join('.'),
          reason: issue.message,
          reasonVi: 'không đúng lược đồ của sự kiện công bố điểm',
        })),
      );
    }
    if (parsed.data.campaignId !== campaignId.toLowerCase()) {
      throw badRequest([
        { field: 'published.campaignId', reason: 'is not the campaign of the path', reasonVi: 'không phải chiến dịch trong đường dẫn' },
      ]);
    }
    return refusal(() => this.replay.compareWithLast(campaignId, parsed.data));
  }
}
