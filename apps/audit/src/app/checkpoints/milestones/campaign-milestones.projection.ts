import { CampaignClosed, CampaignScoresPublished, EventEnvelope, Topics } from '@hailong/contracts';
import { Projection, ProjectionBatch } from '@hailong/platform/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';

const MILESTONES: Record<string, 'campaign-closed' | 'campaign-published'> = {
  [CampaignClosed.type]: 'campaign-closed',
  [CampaignScoresPublished.type]: 'campaign-published',
};

/**
 * Notes every campaign close (intake) and publication (scoring) with its ledger place, in the
 * transaction that stores the consumer's offsets; CampaignMilestoneSigner signs the heads once the
 * audit has verified that ledger up to it.
 */
@Controller()
export class CampaignMilestonesProjection {
  @Projection({
    name: 'campaign-milestones',
    topics: [Topics.intakeResponses, Topics.scoringEvents],
    eventTypes: [CampaignClosed.type, CampaignScoresPublished.type],
  })
  async apply(@Payload() { events, manager }: ProjectionBatch): Promise<void> {
    for (const event of events as EventEnvelope<string, { campaignId: string }>[]) {
      if (!event.ledger) continue; // every published event has its place; a placeless one cannot be covered
      await manager.query(
        `INSERT INTO audit.pending_milestones (event_id, milestone, campaign_id, ledger, sequence, correlation_id)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING`,
        [event.id, MILESTONES[event.type], event.data.campaignId, event.source, event.ledger.sequence, event.correlationId],
      );
    }
  }
}
