import { itemsOf } from '@hailong/intake/domain';
import { Actor } from '@hailong/platform/auth';
import { todayInVietnam } from '@hailong/platform/http';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { toDataURL } from 'qrcode';
import { DataSource } from 'typeorm';
import { ResponseAssembler } from '../../../responses/response-assembler';
import { COUNTER_SETTINGS, CounterSettings } from '../../counter-config';
import { VisitTokenStore } from '../../visit-token-store';
import { IssueVisitTokenRequestDto } from './issue-visit-token.request.dto';

@Injectable()
export class IssueVisitTokenHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assembler: ResponseAssembler,
    private readonly tokens: VisitTokenStore,
    @Inject(COUNTER_SETTINGS) private readonly settings: CounterSettings,
  ) {}

  /**
   * A token for one rating of this unit, procedure and campaign. The visit is checked now by the very
   * rules a rating meets (campaign open with the counter method, unit in scope on the day, procedure
   * of its type), so a slip is never printed for a rating that could not count.
   */
  async execute(request: IssueVisitTokenRequestDto, actor: Actor) {
    const now = new Date();
    const target = { campaignId: request.campaignId.toLowerCase(), unitId: request.unitId.toLowerCase() };
    const serviceDate = request.serviceDate ?? todayInVietnam(now);
    const issued = await this.dataSource.transaction(async (manager) => {
      const context = await this.assembler.campaignContext(manager, target.campaignId);
      // Every item answered: only the visit's own fields can be refused here.
      const answers = context.questionnaire ? itemsOf(context.questionnaire).map((i) => ({ itemId: i.id, level: 3 })) : [];
      await this.assembler.check(
        manager,
        target,
        { channel: 'counter', procedureId: request.procedureId, serviceDate, answers },
        context,
        false,
      );
      const seconds = request.validForSeconds ?? this.settings.defaultValidMinutes * 60;
      return this.tokens.issue(manager, {
        ...target,
        procedureId: request.procedureId,
        serviceDate,
        issuedBy: actor.id,
        expiresAt: new Date(now.getTime() + seconds * 1000),
      });
    });
    const formUrl = `${this.settings.formUrl}#t=${issued.token}`;
    return {
      ...issued.record,
      token: issued.token,
      formUrl,
      qrCode: await toDataURL(formUrl, { type: 'image/png', errorCorrectionLevel: 'M', margin: 2, width: 256 }),
    };
  }
}
