import { Topics } from '@hailong/contracts';
import { Projection, ProjectionBatch } from '@hailong/platform/messaging';
import { applyScoringEvents, SCORING_EVENT_TYPES } from '@hailong/scoring/data-access';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { SCORING_SCHEMA } from '../migrations';

/** The consumer group `scoring.scores`: publication compares its stored offsets with the response topic's. */
export const SCORES_PROJECTION = 'scores';

/**
 * Folds intake's events — responses, voids, corrections, campaigns and questionnaire versions — into
 * scoring's counters, in the transaction that stores the offsets and the applied event ids.
 */
@Controller()
export class ScoresProjection {
  // Large chunks: a backlog's responses fall into far fewer cells than there are responses, and each
  // transaction upserts each cell once (a response is ~1.2 kB on the topic, so 16 MiB hold a chunk).
  @Projection({
    name: SCORES_PROJECTION,
    topics: [Topics.intakeResponses],
    eventTypes: [...SCORING_EVENT_TYPES],
    chunkSize: 10000,
    fetchBytesPerPartition: 16 * 1024 * 1024,
  })
  async apply(@Payload() { events, manager }: ProjectionBatch): Promise<void> {
    await applyScoringEvents(manager, SCORING_SCHEMA, events);
  }
}
