import {
  DirectoryView,
  directoryViewSubscription,
} from '@hailong/directory/view';
import { Projection, ProjectionBatch } from '@hailong/platform/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';

/**
 * Intake's own copy of the directory, fed from the directory's topic: a response is accepted only
 * for a unit the directory has published, without asking the directory at request time.
 */
@Controller()
export class DirectoryViewProjection {
  constructor(private readonly view: DirectoryView) {}

  @Projection(directoryViewSubscription)
  async apply(@Payload() { events, manager }: ProjectionBatch): Promise<void> {
    await this.view.record(manager, events);
  }
}
