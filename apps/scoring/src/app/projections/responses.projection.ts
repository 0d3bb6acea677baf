import { EventEnvelope, ResponseSubmitted, Topics } from '@hailong/contracts';
import { Projection, ProjectionBatch } from '@hailong/platform/messaging';
import { addResponsesToCounts } from '@hailong/scoring/data-access';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { SCORING_SCHEMA } from '../migrations';

type ResponseSubmittedData = ReturnType<typeof ResponseSubmitted.schema.parse>;

/** Folds accepted responses into scoring's counters, in the transaction that stores the offsets. */
@Controller()
export class ResponsesProjection {
  @Projection({ name: 'responses', topics: [Topics.intakeResponses], eventTypes: [ResponseSubmitted.type] })
  async apply(@Payload() { events, manager }: ProjectionBatch): Promise<void> {
    const responses = (events as EventEnvelope<'ResponseSubmitted', ResponseSubmittedData>[]).map((e) => e.data);
    await addResponsesToCounts(manager, SCORING_SCHEMA, responses);
  }
}
