import { DirectoryView } from '@hailong/directory/view';
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
    private readonly directory: DirectoryView,
  ) {}

  /**
   * What the citizen form shows for a token: the visit (the unit's name on the service day, the
   * procedure's) and the questions to rate — the citizen has no account to read the questionnaire with.
   * The token travels in a header, never in a URL.
   */
  @Get()
  @Public()
  @UseGuards(CitizenRateLimitGuard)
  @ApiHeader({ name: VISIT_TOKEN_HEADER, required: true })
  async get(@Headers(VISIT_TOKEN_HEADER) token: string | undefined) {
    if (!token || !VISIT_TOKEN.test(token)) throw unknownVisitToken();
    const manager = this.dataSource.manager;
    const visit = await this.tokens.byToken(manager, token);
    if (!visit) throw unknownVisitToken();
    if (!visit.usedAt && Date.parse(visit.expiresAt) < Date.now()) throw expiredVisitToken();
    const context = await this.assembler.campaignContext(manager, visit.campaignId);
    const unit = await this.directory.unitOn(manager, visit.unitId, visit.serviceDate);
    const content = context.questionnaire;
    const procedure = content?.procedures.find((p) => p.id === visit.procedureId);
    return {
      unitId: visit.unitId,
      campaignId: visit.campaignId,
      procedureId: visit.procedureId,
      serviceDate: visit.serviceDate,
      expiresAt: visit.expiresAt,
      used: visit.usedAt !== null,
      questionnaire: context.questionnaireRef,
      unit: unit ? { nameVi: unit.nameVi, nameEn: unit.nameEn } : null,
      procedure: procedure ? { vi: procedure.vi, en: procedure.en } : null,
      // The questions only: the procedure catalogue and profile options are not the citizen's to choose.
      form: content
        ? { titleVi: content.titleVi, titleEn: content.titleEn, ratingScale: content.ratingScale, factors: content.factors }
        : null,
    };
  }
}
