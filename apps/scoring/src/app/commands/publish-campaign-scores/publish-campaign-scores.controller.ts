import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Controller, HttpStatus, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicationService } from './publication.service';

@ApiTags('publication')
@ApiBearerAuth()
@Controller('campaigns')
export class PublishCampaignScoresController {
  constructor(private readonly publications: PublicationService) {}

  @Post(':campaignId/publication')
  @AllowRoles(Roles.campaignManager, Roles.admin)
  @ApiOperation({
    summary: 'Publish a closed campaign’s scores',
    description:
      'Scoring waits until every response accepted before the close has been applied (its stored offsets reach the response topic’s end ' +
      'offsets of this moment), then emits CampaignScoresPublished with every published figure and those offsets. Asking again answers the ' +
      'same publication. Poll GET /campaigns/{id}/publication.',
  })
  @ApiAcceptedResponse({ description: 'Waiting for the responses accepted before the close to be applied' })
  @ApiOkResponse({ description: 'Asked for before: the publication as it stands' })
  @ApiConflictResponse({ description: 'The campaign is not closed (as scoring knows it)' })
  async publish(
    @Param('campaignId', new ParseUUIDPipe()) campaignId: string,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { created, publication } = await this.publications.request(
      campaignId.toLowerCase(),
      { id: actor.id, kind: 'staff', roles: actor.roles },
      correlationId,
    );
    response.status(created || publication.status === 'waiting' ? HttpStatus.ACCEPTED : HttpStatus.OK);
    return publication;
  }
}
