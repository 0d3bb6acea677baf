import { AllowRoles } from '@hailong/platform/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicationService } from '../../commands/publish-campaign-scores/publication.service';
import { notFound } from '../../http/not-found';
import { FIGURE_READERS } from '../get-breakdown/get-breakdown.controller';

@ApiTags('publication')
@ApiBearerAuth()
@Controller('campaigns')
export class GetPublicationController {
  constructor(private readonly publications: PublicationService) {}

  @Get(':campaignId/publication')
  @AllowRoles(...FIGURE_READERS)
  @ApiOperation({ summary: 'A campaign’s publication: waiting, or published with the event’s figures and log positions' })
  async get(@Param('campaignId', new ParseUUIDPipe()) campaignId: string) {
    const publication = await this.publications.find(campaignId.toLowerCase());
    if (!publication) throw notFound('campaignId', 'the campaign has not been published', 'chiến dịch chưa được công bố');
    return publication;
  }
}
