import { Actor, BackCheckAssigned, createEvent } from '@hailong/contracts';
import { badRequest } from '@hailong/platform/http';
import { OutboxWriter } from '@hailong/platform/messaging';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReinspectionStore } from '../../reinspection.store';
import { AssignmentDto } from './assign-responses.request.dto';

/**
 * Gives sampled responses to re-inspectors, one BackCheckAssigned each. Intake reads these events to
 * know whom it may show a respondent's contact details. Assigning a response again to someone else
 * moves it; to the same person, changes nothing (no event).
 */
@Injectable()
export class AssignResponsesHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ReinspectionStore,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(sampleId: string, assignments: readonly AssignmentDto[], actor: Actor, correlationId: string) {
    return this.dataSource.transaction(async (manager) => {
      const sample = await this.store.sample(manager, sampleId);
      await this.store.refuseIfClosed(manager, sample.campaignId);
      const unitOf = new Map(sample.data.strata.flatMap((s) => s.drawn.map((id) => [id, s.unitId] as const)));
      const seen = new Set<string>();
      const errors = assignments.flatMap((a, i) => {
        const id = a.responseId.toLowerCase();
        if (!unitOf.has(id))
          return [
            { field: `assignments.${i}.responseId`, reason: 'not a response of this sample', reasonVi: 'không phải phiếu của mẫu này' },
          ];
        if (seen.has(id)) return [{ field: `assignments.${i}.responseId`, reason: 'given twice', reasonVi: 'bị nêu hai lần' }];
        seen.add(id);
        return [];
      });
      if (errors.length > 0) throw badRequest(errors);
      const result: { responseId: string; reinspectorId: string; eventId: string | null }[] = [];
      for (const a of assignments) {
        const responseId = a.responseId.toLowerCase();
        const current = await this.store.assignment(manager, responseId);
        if (current?.reinspectorId === a.reinspectorId && current.sampleId === sampleId) {
          result.push({ responseId, reinspectorId: a.reinspectorId, eventId: null });
          continue;
        }
        const unitId = unitOf.get(responseId) as string;
        const event = createEvent(
          BackCheckAssigned,
          responseId,
          { sampleId, campaignId: sample.campaignId, responseId, unitId, reinspectorId: a.reinspectorId },
          { source: 'audit', actor, correlationId },
        );
        await manager.query(
          `INSERT INTO audit.backcheck_assignments (response_id, sample_id, campaign_id, unit_id, reinspector_id, assigned_by, event_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (response_id) DO UPDATE SET sample_id = EXCLUDED.sample_id, reinspector_id = EXCLUDED.reinspector_id,
             assigned_at = now(), assigned_by = EXCLUDED.assigned_by, event_id = EXCLUDED.event_id`,
          [responseId, sampleId, sample.campaignId, unitId, a.reinspectorId, actor.id, event.id],
        );
        await this.outbox.append(manager, [event]);
        result.push({ responseId, reinspectorId: a.reinspectorId, eventId: event.id });
      }
      return { sampleId, campaignId: sample.campaignId, assignments: result };
    });
  }
}
