import { EventRegistry, ServiceName, UnplacedEvent } from '@hailong/contracts';
import { EntityManager } from 'typeorm';
import { traceContextOf } from './telemetry';

export function outboxChannel(schema: string): string {
  return `hailong_outbox_${schema}`;
}

export interface AppendOptions {
  /**
   * Every event was built by the contracts' createEvent just now, whose schema parse is the check of
   * its data: the outbox does not parse the same data a second time. Only for events nothing
   * changed since (a bulk path where the second parse is a measurable share of the work).
   */
  readonly builtByCreateEvent?: boolean;
}

/**
 * Appends events to the service's outbox inside the caller's transaction, so the change and its
 * events commit together or not at all; the relay publishes them after the commit.
 */
export class OutboxWriter {
  constructor(
    private readonly schema: string,
    private readonly service: ServiceName,
    private readonly registry: EventRegistry,
  ) {}

  async append(manager: EntityManager, events: readonly UnplacedEvent[], options: AppendOptions = {}): Promise<void> {
    if (events.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('outbox append needs the transaction of the change it describes');
    }
    const ids: string[] = [];
    const topics: string[] = [];
    const keys: string[] = [];
    const types: string[] = [];
    const envelopes: string[] = [];
    // An event that names no trace context takes the caller's (the HTTP request or the consumed
    // event that caused it), so a trace follows it through Kafka to the services that apply it.
    const traceContext = traceContextOf();
    for (const given of events) {
      const event = given.trace.traceparent || !traceContext.traceparent ? given : { ...given, trace: traceContext };
      if (!options.builtByCreateEvent) this.registry.validateData(event.type, event.data);
      ids.push(event.id);
      topics.push(this.registry.topicOf(event.type, this.service));
      keys.push(this.registry.partitionKeyOf({ ...event }));
      types.push(event.type);
      envelopes.push(JSON.stringify(event));
    }
    await manager.query(
      `INSERT INTO "${this.schema}".outbox (id, topic, partition_key, event_type, envelope)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])`,
      [ids, topics, keys, types, envelopes],
    );
    // Delivered at commit: wakes the relay at once instead of at its next idle check.
    await manager.query('SELECT pg_notify($1, $2)', [outboxChannel(this.schema), '']);
  }
}
