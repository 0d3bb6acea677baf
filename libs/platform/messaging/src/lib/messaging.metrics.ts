import { Counter, Gauge, Registry } from 'prom-client';

export interface PartitionLag {
  readonly consumerGroup: string;
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
}

export interface OutboxBacklog {
  readonly unpublished: number;
  readonly oldestAgeSeconds: number;
}

/**
 * The event backbone's Prometheus metrics for one service, in a registry of its own (the HTTP
 * layer merges it into /metrics). Counters move as events flow; the lag and the outbox backlog are
 * measured when scraped, from the broker's high watermarks and the service's own database, so they
 * are right even while a consumer is stuck.
 */
export class MessagingMetrics {
  readonly registry = new Registry();
  readonly produced: Counter<'topic' | 'event_type'>;
  readonly consumed: Counter<'consumer_group' | 'topic' | 'outcome'>;
  readonly deadLetters: Counter<'consumer_group' | 'topic'>;
  private lagSource: (() => Promise<readonly PartitionLag[]>) | null = null;
  private backlogSource: (() => Promise<OutboxBacklog>) | null = null;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    const registers = [this.registry];
    this.produced = new Counter({
      name: 'hailong_events_produced_total',
      help: 'Events the outbox relay sent to Kafka (a resend after a crash counts again; consumers ignore it).',
      labelNames: ['topic', 'event_type'],
      registers,
    });
    this.consumed = new Counter({
      name: 'hailong_events_consumed_total',
      help: 'Messages a projection consumer took from Kafka, by outcome: applied, duplicate (seen before), skipped (a type it does not apply), dead_lettered.',
      labelNames: ['consumer_group', 'topic', 'outcome'],
      registers,
    });
    this.deadLetters = new Counter({
      name: 'hailong_dead_letters_total',
      help: 'Messages a consumer could not decode or apply and recorded on its dead-letter topic.',
      labelNames: ['consumer_group', 'topic'],
      registers,
    });
    // Arrow functions read this instance's sources; inside collect(), `this` is the gauge.
    const lagSource = () => this.lagSource;
    const backlogSource = () => this.backlogSource;
    new Gauge({
      name: 'hailong_consumer_lag',
      help: "Messages on a partition that the consumer group has not applied yet: the broker's high watermark minus the next offset stored with the read model.",
      labelNames: ['consumer_group', 'topic', 'partition'],
      registers,
      async collect() {
        const source = lagSource();
        if (!source) return;
        const lags = await source().catch(() => null);
        if (!lags) return; // the broker did not answer: keep the last values rather than report zero
        this.reset();
        for (const { consumerGroup, topic, partition, lag } of lags) {
          this.set({ consumer_group: consumerGroup, topic, partition: String(partition) }, lag);
        }
      },
    });
    new Gauge({
      name: 'hailong_outbox_backlog',
      help: 'Events committed to the outbox and not yet sent to Kafka.',
      registers,
      async collect() {
        const source = backlogSource();
        if (!source) return;
        const backlog = await source().catch(() => null);
        if (backlog) this.set(backlog.unpublished);
      },
    });
    new Gauge({
      name: 'hailong_outbox_oldest_unpublished_seconds',
      help: 'Age of the oldest event waiting in the outbox (0 when it is empty).',
      registers,
      async collect() {
        const source = backlogSource();
        if (!source) return;
        const backlog = await source().catch(() => null);
        if (backlog) this.set(backlog.oldestAgeSeconds);
      },
    });
  }

  measureLagWith(source: () => Promise<readonly PartitionLag[]>): void {
    this.lagSource = source;
  }

  measureOutboxWith(source: () => Promise<OutboxBacklog>): void {
    this.backlogSource = source;
  }
}
