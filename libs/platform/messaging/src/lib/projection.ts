import { EventEnvelope } from '@hailong/contracts';
import { EntityManager } from 'typeorm';

/** What a projection handler receives: new events, in log order per partition, and the open transaction. */
export interface ProjectionBatch {
  readonly events: readonly EventEnvelope[];
  /** The transaction that also records the consumed offsets; write the read model through it. */
  readonly manager: EntityManager;
}

/** Where a projection reads from. The consumer group is `<service>.<name>`. */
export interface ProjectionSubscription {
  readonly name: string;
  /** Topic names without the deployment prefix. */
  readonly topics: readonly string[];
  /** Event types the projection applies; others on its topics are skipped, their offsets still advance. */
  readonly eventTypes: readonly string[];
  /**
   * Events applied in one transaction at most (1,000 when not set; CONSUMER_CHUNK_SIZE, when set, is
   * every projection's). A read model that sums events into counters gains from more: each transaction
   * writes every counter it touches once, however many of its events land there.
   */
  readonly chunkSize?: number;
  /** Bytes one fetch may bring of each partition (kafkajs' maxBytesPerPartition, 1 MiB by default): room for a chunk. */
  readonly fetchBytesPerPartition?: number;
}

export type ProjectionHandler = (batch: ProjectionBatch) => Promise<void>;
