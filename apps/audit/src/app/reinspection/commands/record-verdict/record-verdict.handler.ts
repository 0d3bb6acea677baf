import { Actor, BackCheckVerdictRecorded, createEvent } from '@hailong/contracts';
import { badRequest } from '@hailong/platform/http';
import { OutboxWriter } from '@hailong/platform/messaging';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { refuse } from '../../reinspection-refusal';
import { ReinspectionStore } from '../../reinspection.store';
import { RecordVerdictRequestDto } from './record-verdict.request.dto';

/**
 * Records what the assigned re-inspector found, as BackCheckVerdictRecorded. Only the re-inspector
 * the response is assigned to may; a later verdict supersedes an earlier one, both stay in the log.
 */
@Injectable()
export class RecordVerdictHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ReinspectionStore,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(responseId: string, request: RecordVerdictRequestDto, actor: Actor, correlationId: string) {
    return this.dataSource.transaction(async (manager) => {
      // Serialises verdicts on one response with its assignment (a re-assignment waits or goes first).
      const [locked]: { reinspector_id: string }[] = await manager.query(
        `SELECT reinspector_id FROM audit.backcheck_assignments WHERE response_id = $1 FOR UPDATE`,
        [responseId],
      );
      const assignment = await this.store.assignment(manager, responseId);
      if (!locked || !assignment)
        throw refuse(404, 'responseId', 'this response is not assigned for a back-check', 'phiếu này chưa được phân công phúc tra');
      if (assignment.reinspectorId !== actor.id) {
        throw refuse(
          403,
          'responseId',
          'this response is assigned to another re-inspector',
          'phiếu này được phân công cho người phúc tra khác',
        );
      }
      await this.store.refuseIfClosed(manager, assignment.campaignId);
      const differs = request.verdict === 'answers-differ';
      if (differs !== (request.recollectedAnswers !== undefined)) {
        throw badRequest([
          {
            field: 'recollectedAnswers',
            reason: differs ? 'answers-differ needs the answers as re-collected' : 'only answers-differ carries re-collected answers',
            reasonVi: differs
              ? 'kết quả "trả lời khác" cần kèm các câu trả lời thu lại'
              : 'chỉ kết quả "trả lời khác" mới kèm câu trả lời thu lại',
          },
        ]);
      }
      const recollected = request.recollectedAnswers ?? null;
      if (recollected) {
        const publication = await this.store.publication(manager, assignment.campaignId);
        const content = await this.store.questionnaire(manager, publication.questionnaire);
        const items = new Set(content.factors.flatMap((f) => f.items.map((i) => i.id)));
        const seen = new Set<string>();
        const errors = recollected.flatMap((a, i) => {
          if (!items.has(a.itemId))
            return [
              {
                field: `recollectedAnswers.${i}.itemId`,
                reason: 'not an item of the campaign’s questionnaire',
                reasonVi: 'không phải câu hỏi của phiếu khảo sát',
              },
            ];
          if (seen.has(a.itemId))
            return [{ field: `recollectedAnswers.${i}.itemId`, reason: 'answered twice', reasonVi: 'bị trả lời hai lần' }];
          seen.add(a.itemId);
          return [];
        });
        if (errors.length > 0) throw badRequest(errors);
      }
      const verdictId = randomUUID();
      const data = {
        verdictId,
        sampleId: assignment.sampleId,
        campaignId: assignment.campaignId,
        responseId,
        unitId: assignment.unitId,
        verdict: request.verdict,
        recollectedAnswers: recollected ? recollected.map((a) => ({ itemId: a.itemId, level: a.level })) : null,
      };
      const event = createEvent(BackCheckVerdictRecorded, responseId, data, { source: 'audit', actor, correlationId });
      await manager.query(
        `INSERT INTO audit.backcheck_verdicts (verdict_id, response_id, sample_id, campaign_id, unit_id, verdict, recollected_answers, actor_id, event_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          verdictId,
          responseId,
          data.sampleId,
          data.campaignId,
          data.unitId,
          data.verdict,
          recollected ? JSON.stringify(data.recollectedAnswers) : null,
          actor.id,
          event.id,
        ],
      );
      await this.outbox.append(manager, [event]);
      return { ...data, eventId: event.id };
    });
  }
}
