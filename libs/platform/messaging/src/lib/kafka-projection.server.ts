import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, EventPattern, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { PartitionLag } from './messaging.metrics';
import { ProjectionBatch, ProjectionSubscription } from './projection';
import { ProjectionConsumer, ProjectionDeps } from './projection.consumer';

const PATTERN_PREFIX = 'projection:';

/**
 * Marks a method as a projection handler: `(batch: ProjectionBatch) => Promise<void>`, fed by the
 * Kafka projection transport. It is an ordinary `@EventPattern`, so Nest discovers it as usual.
 */
export function Projection(subscription: ProjectionSubscription): MethodDecorator {
  return EventPattern(PATTERN_PREFIX + JSON.stringify(subscription));
}

/**
 * A `@nestjs/microservices` transport strategy over kafkajs. Nest's own Kafka transport hands a
 * handler one message at a time and commits offsets to Kafka, which cannot be made atomic with a
 * PostgreSQL read model; this strategy gives each `@Projection` handler a batch and the database
 * transaction that also stores the offsets (see ProjectionConsumer).
 */
export class KafkaProjectionServer extends Server implements CustomTransportStrategy {
  private readonly consumers: ProjectionConsumer[] = [];
  private readonly log = new Logger('KafkaProjectionServer');

  constructor(private readonly deps: ProjectionDeps) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      for (const [pattern, handler] of this.getHandlers()) {
        if (!pattern.startsWith(PATTERN_PREFIX)) continue;
        const subscription = JSON.parse(pattern.slice(PATTERN_PREFIX.length)) as ProjectionSubscription;
        const consumer = new ProjectionConsumer(
          subscription,
          async (batch: ProjectionBatch) => {
            await lastValueFrom(this.transformToObservable(await handler(batch)), { defaultValue: undefined });
          },
          { ...this.deps, logger: this.log },
        );
        await consumer.start();
        this.consumers.push(consumer);
        this.log.log(`projection ${subscription.name} consuming ${subscription.topics.join(', ')} as ${consumer.groupId}`);
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Leaves every consumer group; each finishes and commits the chunk it is applying first. */
  async close(): Promise<void> {
    const consumers = this.consumers.splice(0);
    await Promise.all(consumers.map((c) => c.stop()));
    if (consumers.length > 0) this.log.log(`stopped ${consumers.length} projection consumer(s)`);
  }

  /** What each consumer group of this service has not applied yet, per partition. */
  async lag(highWatermarks: (topic: string) => Promise<Map<number, bigint>>): Promise<PartitionLag[]> {
    const lags = await Promise.all(this.consumers.map((c) => c.lag(highWatermarks)));
    return lags.flat();
  }

  on(): never {
    throw new Error('KafkaProjectionServer emits no events to listen to');
  }

  unwrap<T>(): T {
    return this.consumers as T;
  }
}
