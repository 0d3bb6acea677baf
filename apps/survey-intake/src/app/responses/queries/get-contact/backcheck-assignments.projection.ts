import { BackCheckAssigned, DataOf, Topics } from '@hailong/contracts';
import { Projection, ProjectionBatch } from '@hailong/platform/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';

/**
 * The audit's assignments of sampled responses to re-inspectors. The latest assignment of a response
 * wins (an audit event of one campaign keeps its order: key = campaign); applying one twice changes nothing.
 */
@Controller()
export class BackcheckAssignmentsProjection {
  @Projection({ name: 'backcheck-assignments', topics: [Topics.auditEvents], eventTypes: [BackCheckAssigned.type] })
  async apply(@Payload() { events, manager }: ProjectionBatch): Promise<void> {
    for (const event of events) {
      const data = event.data as DataOf<typeof BackCheckAssigned>;
      await manager.query(
        `INSERT INTO intake.backcheck_assignments (response_id, sample_id, campaign_id, reinspector_id, event_id, assigned_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (response_id) DO UPDATE SET sample_id = EXCLUDED.sample_id, campaign_id = EXCLUDED.campaign_id,
           reinspector_id = EXCLUDED.reinspector_id, event_id = EXCLUDED.event_id, assigned_at = EXCLUDED.assigned_at
         WHERE intake.backcheck_assignments.assigned_at <= EXCLUDED.assigned_at`,
        [data.responseId, data.sampleId, data.campaignId, data.reinspectorId, event.id, event.recordedAt],
      );
    }
  }
}
