import { Public } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Body, Controller, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { PortalRequest, PortalSignatureGuard } from '../../portal-signature.guard';
import { PORTAL_MEDIA_TYPE, PortalHeaders } from '../../portal-signature';
import { SubmitPortalRatingHandler } from './submit-portal-rating.handler';
import { SubmitPortalRatingRequestDto } from './submit-portal-rating.request.dto';

@ApiTags('portal')
@Controller('portal')
export class SubmitPortalRatingController {
  constructor(private readonly handler: SubmitPortalRatingHandler) {}

  /** Server to server, signed (docs/portal-api.md). 201 for a new rating, 200 with the same id when the dossier was rated before. */
  @Post('ratings')
  @Public()
  @UseGuards(PortalSignatureGuard)
  @ApiConsumes(PORTAL_MEDIA_TYPE)
  @ApiHeader({ name: PortalHeaders.keyId, required: true })
  @ApiHeader({ name: PortalHeaders.timestamp, required: true, description: 'Unix time in seconds' })
  @ApiHeader({ name: PortalHeaders.nonce, required: true })
  @ApiHeader({ name: PortalHeaders.signature, required: true, description: 'v1=<hex HMAC-SHA256>' })
  async submit(
    @Body() body: SubmitPortalRatingRequestDto,
    @Req() request: PortalRequest,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.handler.execute(body, request.portalActor!, correlationId);
    response.status(result.created ? 201 : 200);
    return { responseId: result.responseId, created: result.created };
  }
}
