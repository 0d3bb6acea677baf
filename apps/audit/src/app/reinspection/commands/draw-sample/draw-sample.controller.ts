import { SampleRule } from '@hailong/audit/domain';
import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { badRequest, CorrelationId } from '@hailong/platform/http';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { staffActor } from '../../staff-actor';
import { DrawSampleHandler } from './draw-sample.handler';
import { DrawSampleRequestDto } from './draw-sample.request.dto';

/** Exactly one of share and size; the rule the domain draws with. */
export function ruleOf(body: DrawSampleRequestDto): SampleRule {
  if ((body.share === undefined) === (body.size === undefined)) {
    throw badRequest([
      {
        field: body.share === undefined ? 'share' : 'size',
        reason: 'give exactly one of share and size',
        reasonVi: 'phải nêu đúng một trong hai: tỷ lệ (share) hoặc cỡ mẫu (size)',
      },
    ]);
  }
  return {
    strata: body.strata ?? 'unit',
    size: body.share !== undefined ? { kind: 'share', share: body.share } : { kind: 'count', count: body.size as number },
  };
}

@ApiTags('re-inspection')
@ApiBearerAuth()
@Controller('reinspection/campaigns')
export class DrawSampleController {
  constructor(private readonly handler: DrawSampleHandler) {}

  @Post(':campaignId/samples')
  @HttpCode(201)
  @AllowRoles(Roles.auditor, Roles.admin)
  @ApiOperation({
    summary: 'Draw a stratified, seeded back-check sample of a published campaign’s responses',
    description:
      'Per unit (or unit and surveyor/device, or unit and channel), ceil(share × N) or min(size, N) responses, with a recorded seed. ' +
      'The draw is the event BackCheckSampleDrawn: the same seed over the same responses draws the same sample (GET …/samples/{id}/redraw). ' +
      '409 before publication, while the audit is still reading the campaign’s responses, or after the re-inspection closed.',
  })
  draw(
    @Param('campaignId', new ParseUUIDPipe()) campaignId: string,
    @Body() body: DrawSampleRequestDto,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.handler.execute(campaignId.toLowerCase(), ruleOf(body), body.seed, staffActor(actor), correlationId);
  }
}
