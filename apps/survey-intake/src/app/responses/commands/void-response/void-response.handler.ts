import { createEvent, ResponseVoided } from '@hailong/contracts';
import { decideResponse } from '@hailong/intake/domain';
import { Actor } from '@hailong/platform/auth';
import { OutboxWriter } from '@hailong/platform/messaging';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { refusingWith422 } from '../../../http/rule-refusal';
import { staffActor } from '../../../http/staff-actor';
import { ResponseStore, stateOf } from '../../response-store';
import { VoidResponseRequestDto } from './void-response.request.dto';

@Injectable()
export class VoidResponseHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly responses: ResponseStore,
    private readonly outbox: OutboxWriter,
  ) {}

  /** The response stops counting; it stays in the log and in this database, marked void with who and why. */
  async execute(responseId: string, request: VoidResponseRequestDto, actor: Actor, correlationId: string) {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.responses.byId(manager, responseId, 'update');
      const [decided] = refusingWith422(() =>
        decideResponse({ type: 'VoidResponse', responseId, reason: request.reason }, row && stateOf(row)),
      );
      if (decided.type !== 'ResponseVoided') throw new Error(`void decided ${decided.type}`);
      await this.responses.markVoided(manager, responseId, actor.id, request.reason);
      await this.outbox.append(manager, [
        createEvent(ResponseVoided, responseId, decided.data, { source: 'survey-intake', actor: staffActor(actor), correlationId }),
      ]);
      return { responseId, status: 'voided' as const };
    });
  }
}
