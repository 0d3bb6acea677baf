import { Projection, ProjectionBatch } from '@hailong/platform/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DirectoryView, directoryViewSubscription } from './directory-view';

/**
 * A service's own copy of the directory, fed from the directory's topic, so it can check a unit, name
 * it as it was then or roll it up into today's structure without asking the directory at request time.
 */
@Controller()
export class DirectoryViewProjection {
  constructor(private readonly view: DirectoryView) {}

  @Projection(directoryViewSubscription)
  async apply(@Payload() { events, manager }: ProjectionBatch): Promise<void> {
    await this.view.record(manager, events);
  }
}
