import { AllowRoles } from '@hailong/platform/auth';
import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicationService } from '../../commands/publish-campaign-scores/publication.service';
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
    if (!publication) {
      const reason = 'the campaign has not been published';
      const reasonVi = 'chiến dịch chưa được công bố';
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: reason,
        messageVi: reasonVi,
        errors: [{ field: 'campaignId', reason, reasonVi }],
      });
    }
    return publication;
  }
}
