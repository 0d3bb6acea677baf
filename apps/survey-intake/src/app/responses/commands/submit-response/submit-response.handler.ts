import { canonicalJson, createEvent, ResponseSubmitted, sha256Hex } from '@hailong/contracts';
import { DirectoryView } from '@hailong/directory/view';
import { Actor } from '@hailong/platform/auth';
import { badRequest, unprocessable } from '@hailong/platform/http';
import { OutboxWriter } from '@hailong/platform/messaging';
import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SubmitResponseRequestDto } from './submit-response.request.dto';

export interface SubmitResponseResult {
  readonly responseId: string;
  /** False when the idempotency key had already been used for the same submission. */
  readonly created: boolean;
}

@Injectable()
export class SubmitResponseHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly directory: DirectoryView,
  ) {}

  async execute(request: SubmitResponseRequestDto, actor: Actor, correlationId: string): Promise<SubmitResponseResult> {
    const channel = request.channel ?? 'paper';
    const answers = request.answers.map((a) => ({
      itemId: a.itemId,
      level: a.level,
    }));
    const duplicateItem = answers.find((a, i) => answers.findIndex((b) => b.itemId === a.itemId) !== i);
    if (duplicateItem) {
      throw badRequest([
        {
          field: 'answers',
          reason: `item ${duplicateItem.itemId} is answered twice`,
          reasonVi: `câu ${duplicateItem.itemId} được trả lời hai lần`,
        },
      ]);
    }
    const requestHash = sha256Hex(canonicalJson({ unitId: request.unitId, channel, answers }));

    return this.dataSource.transaction(async (manager) => {
      // Known = the directory has published anything about it. Whether the unit was valid on the
      // service date is a later check: responses do not carry a service date yet.
      if (!(await this.directory.isKnown(manager, request.unitId))) {
        throw unprocessable([
          {
            field: 'unitId',
            reason: 'unknown unit',
            reasonVi: 'đơn vị không có trong danh mục',
          },
        ]);
      }
      const responseId = randomUUID();
      const event = createEvent(
        ResponseSubmitted,
        responseId,
        {
          responseId,
          campaignId: null,
          unitId: request.unitId,
          channel,
          questionnaire: null,
          procedureId: null,
          serviceDate: null,
          collectedBy: null,
          form: { startedAt: null, finishedAt: null },
          answers,
          expectations: [],
          profileGroups: {},
          personal: null,
        },
        {
          source: 'survey-intake',
          actor: { id: actor.id, kind: 'staff', roles: actor.roles },
          correlationId,
        },
      );
      // Concurrent copies with one key queue on the unique index; all but the first insert nothing.
      const inserted: { response_id: string }[] = await manager.query(
        `INSERT INTO intake.responses (response_id, idempotency_key, request_hash, unit_id, channel, answers, actor_id, event_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING response_id`,
        [responseId, request.idempotencyKey, requestHash, request.unitId, channel, JSON.stringify(answers), actor.id, event.id],
      );
      if (inserted.length === 1) {
        await this.outbox.append(manager, [event]);
        return { responseId, created: true };
      }
      const [existing]: { response_id: string; request_hash: string }[] = await manager.query(
        'SELECT response_id, request_hash FROM intake.responses WHERE idempotency_key = $1',
        [request.idempotencyKey],
      );
      if (existing.request_hash !== requestHash) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: 'this idempotency key was already used for a different response',
          messageVi: 'khóa chống trùng này đã được dùng cho một phiếu khác',
          errors: [
            {
              field: 'idempotencyKey',
              reason: 'already used for a different response',
              reasonVi: 'đã được dùng cho một phiếu khác',
            },
          ],
        });
      }
      return { responseId: existing.response_id, created: false };
    });
  }
}
