import { createEvent, RespondentKeyDestroyed } from '@hailong/contracts';
import { Actor } from '@hailong/platform/auth';
import { OutboxWriter } from '@hailong/platform/messaging';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { staffActor } from '../../../http/staff-actor';
import { RespondentKeyStore } from '../../respondent-key-store';
import { DestroyRespondentKeyRequestDto } from './destroy-respondent-key.request.dto';

export interface DestroyRespondentKeyResult {
  readonly respondentKeyId: string;
  /** False when it had been destroyed before: nothing new happened and no event was written. */
  readonly destroyedNow: boolean;
}

@Injectable()
export class DestroyRespondentKeyHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: RespondentKeyStore,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(
    keyId: string,
    request: DestroyRespondentKeyRequestDto,
    actor: Actor,
    correlationId: string,
  ): Promise<DestroyRespondentKeyResult> {
    return this.dataSource.transaction(async (manager) => {
      const stored = await this.keys.find(manager, keyId, 'update');
      if (stored.state === 'unknown') {
        throw new NotFoundException({
          statusCode: 404,
          error: 'Not Found',
          message: 'no such respondent key',
          messageVi: 'không có khóa người trả lời này',
          errors: [{ field: 'keyId', reason: 'no such respondent key', reasonVi: 'không có khóa người trả lời này' }],
        });
      }
      if (stored.state === 'destroyed') return { respondentKeyId: keyId, destroyedNow: false };
      await this.keys.destroy(manager, keyId, actor.id, request.reason);
      const event = createEvent(
        RespondentKeyDestroyed,
        keyId,
        { respondentKeyId: keyId, reason: request.reason },
        { source: 'survey-intake', actor: staffActor(actor), correlationId },
      );
      await this.outbox.append(manager, [event]);
      return { respondentKeyId: keyId, destroyedNow: true };
    });
  }
}
