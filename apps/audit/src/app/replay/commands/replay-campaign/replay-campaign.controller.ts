import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { badRequest } from '@hailong/platform/http';
import { Body, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CampaignReplay, ReplayCut } from '../../campaign-replay';
import { refusal } from '../../replay-refusal';
import { ReplayCampaignRequestDto } from './replay-campaign.request.dto';

/** The cut a request names; more than one way of naming it is refused with the fields named. */
export function cutOf(body: ReplayCampaignRequestDto): ReplayCut {
  const named = (['until', 'at', 'offsets'] as const).filter((field) => body[field] !== undefined);
  if (named.length > 1) {
    throw badRequest(
      named.slice(1).map((field) => ({
        field,
        reason: `give only one of until, at and offsets (${named.join(', ')} given)`,
        reasonVi: 'chỉ được nêu một trong until, at và offsets',
      })),
    );
  }
  if (body.at !== undefined) return { kind: 'time', at: body.at };
  if (body.offsets !== undefined) {
    const partitions = body.offsets.map((o) => o.partition);
    if (body.offsets.length === 0 || new Set(partitions).size !== partitions.length) {
      throw badRequest([
        { field: 'offsets', reason: 'must name each partition once, at least one', reasonVi: 'phải nêu mỗi phân vùng đúng một lần' },
      ]);
    }
    return { kind: 'offsets', offsets: Object.fromEntries(body.offsets.map((o) => [o.partition, o.nextOffset])) };
  }
  return body.until === 'end' ? { kind: 'end' } : { kind: 'publication' };
}

@ApiTags('replay')
@ApiBearerAuth()
@Controller('replay/campaigns')
export class ReplayCampaignController {
  constructor(private readonly replay: CampaignReplay) {}

  @Post(':campaignId')
  @HttpCode(200)
  @AllowRoles(Roles.auditor, Roles.admin)
  @ApiOperation({
    summary: 'Rebuild every figure of a campaign from the topics and compare it with its publication',
    description:
      'Reads the directory and response topics (from offset 0, or from where an interrupted replay of the same campaign and cut stopped) ' +
      'up to the cut, applies them with scoring’s projection in the audit schema, computes the figures with scoring’s publication code ' +
      'and lists every published value that differs, with both values. 409 while another replay runs; 404 without a publication to reach.',
  })
  async run(
    @Param('campaignId', new ParseUUIDPipe()) campaignId: string,
    @Body() body: ReplayCampaignRequestDto,
    @CurrentActor() actor: Actor,
  ) {
    const cut = cutOf(body);
    return refusal(() => this.replay.run({ campaignId, cut, actorId: actor.id, fresh: body.fresh }));
  }

  @Get(':campaignId')
  @AllowRoles(Roles.auditor, Roles.reinspector, Roles.admin)
  @ApiOperation({ summary: 'The last finished replay of a campaign: its cut, figures and differences' })
  async last(@Param('campaignId', new ParseUUIDPipe()) campaignId: string) {
    const report = await this.replay.lastReport(campaignId);
    if (!report) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: 'no finished replay of this campaign',
        messageVi: 'chưa có lần phát lại nào của chiến dịch này',
        errors: [
          { field: 'campaignId', reason: 'no finished replay of this campaign', reasonVi: 'chưa có lần phát lại nào của chiến dịch này' },
        ],
      });
    }
    return report;
  }
}
