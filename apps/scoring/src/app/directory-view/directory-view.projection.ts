import {
  DirectoryView,
  directoryViewSubscription,
} from '@hailong/directory/view';
import { Projection, ProjectionBatch } from '@hailong/platform/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';

/**
 * Scoring's own copy of the directory, fed from the directory's topic, so figures can name a
 * response's unit as it was then or roll it up into today's structure without asking the directory.
 */
@Controller()
export class DirectoryViewProjection {
  constructor(private readonly view: DirectoryView) {}

  @Projection(directoryViewSubscription)
  async apply(@Payload() { events, manager }: ProjectionBatch): Promise<void> {
    await this.view.record(manager, events);
  }
}
