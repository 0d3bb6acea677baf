import { Public } from '@hailong/platform/auth';
import { Controller, Get, Headers, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ResponseAssembler } from '../../../responses/response-assembler';
import { CitizenRateLimitGuard, VISIT_TOKEN_HEADER } from '../../citizen-rate-limit.guard';
import { expiredVisitToken, unknownVisitToken } from '../../visit-token-refusals';
import { VISIT_TOKEN, VisitTokenStore } from '../../visit-token-store';

@ApiTags('counter')
@Controller('counter/visit')
export class GetVisitController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: VisitTokenStore,
    private readonly assembler: ResponseAssembler,
  ) {}

  /** What the citizen form shows for a token: the visit and its questionnaire. The token travels in a header, never in a URL. */
  @Get()
  @Public()
  @UseGuards(CitizenRateLimitGuard)
  @ApiHeader({ name: VISIT_TOKEN_HEADER, required: true })
  async get(@Headers(VISIT_TOKEN_HEADER) token: string | undefined) {
    if (!token || !VISIT_TOKEN.test(token)) throw unknownVisitToken();
    const visit = await this.tokens.byToken(this.dataSource.manager, token);
    if (!visit) throw unknownVisitToken();
    if (!visit.usedAt && Date.parse(visit.expiresAt) < Date.now()) throw expiredVisitToken();
    const context = await this.assembler.campaignContext(this.dataSource.manager, visit.campaignId);
    return {
      unitId: visit.unitId,
      campaignId: visit.campaignId,
      procedureId: visit.procedureId,
      serviceDate: visit.serviceDate,
      expiresAt: visit.expiresAt,
      used: visit.usedAt !== null,
      questionnaire: context.questionnaireRef,
    };
  }
}
