import {
  createEvent,
  DeadLetterRecorded,
  envelopeSchema,
  EventDecodeError,
  EventEnvelope,
  EventRegistry,
  ServiceName,
  UnplacedEvent,
} from '@hailong/contracts';
import { Context, context, Link, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { crashIfFaultInjected } from './faults';
import { MessagingConfig, prefixed } from './messaging.config';
import { MessagingMetrics, PartitionLag } from './messaging.metrics';
import { OutboxWriter } from './outbox.writer';
import { ProjectionHandler, ProjectionSubscription } from './projection';
import { RelayLogger } from './outbox.relay';
import { contextFromCarrier, inSpan, traceContextOf, withCorrelationId } from './telemetry';

/** What a projection consumer needs from its service. */
export interface ProjectionDeps {
  readonly service: ServiceName;
  readonly schema: string;
  readonly kafka: Kafka;
  readonly config: MessagingConfig;
  readonly dataSource: DataSource;
  readonly registry: EventRegistry;
  readonly outbox: OutboxWriter;
  readonly metrics?: MessagingMetrics;
}

/** Events applied in one transaction when neither the projection nor CONSUMER_CHUNK_SIZE says. */
const DEFAULT_CHUNK_SIZE = 1000;

/** How long a projection waits before starting its consumer again after kafkajs gave up on it. */
const RESTART_DELAY_MS = 1000;

interface Decoded {
  readonly message: KafkaMessage;
  readonly event: EventEnvelope | null;
  readonly failure: string | null;
  /** The trace and correlation the message carries (its headers, else its envelope). */
  readonly context: Context;
}

interface ChunkOutcome {
  readonly applied: number;
  readonly duplicates: number;
  readonly skipped: number;
  readonly deadLettered: number;
}

/**
 * Feeds one projection from Kafka with exactly-once effect:
 * - the read-model change, the ids of the events it applied and the next offset of each partition
 *   commit in ONE PostgreSQL transaction; Kafka's own committed offset is only a hint, written after;
 * - on (re)assignment it seeks to the offsets stored in the database, so a fresh database rebuilds
 *   from offset 0 and a restart resumes where the last transaction ended;
 * - an event id seen before (a relay retry, a redelivery) changes nothing;
 * - a message that cannot be decoded or applied is recorded as a DeadLetterRecorded event (through
 *   the service's outbox, so it too is durable and in the ledger) and the partition moves on.
 */
export class ProjectionConsumer {
  private consumer: Consumer | null = null;
  private readonly nextOffsets = new Map<string, bigint>();
  readonly groupId: string;
  private readonly topics: readonly string[];
  private stopped = false;
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly subscription: ProjectionSubscription,
    private readonly handler: ProjectionHandler,
    private readonly deps: ProjectionDeps & { readonly logger: RelayLogger },
  ) {
    this.groupId = prefixed(deps.config, `${deps.service}.${subscription.name}`);
    this.topics = subscription.topics.map((t) => prefixed(deps.config, t));
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connectAndRun();
  }

  private async connectAndRun(): Promise<Consumer> {
    const { kafka, config } = this.deps;
    const consumer = kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: config.consumerSessionTimeoutMs,
      heartbeatInterval: config.consumerHeartbeatMs,
      allowAutoTopicCreation: false,
      ...(this.subscription.fetchBytesPerPartition
        ? {
            maxBytesPerPartition: this.subscription.fetchBytesPerPartition,
            maxBytes: Math.max(this.subscription.fetchBytesPerPartition, 10 * 1024 * 1024),
          }
        : {}),
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.nextOffsets.clear();
      void this.seekToStoredOffsets(payload.memberAssignment).catch((error: Error) =>
        this.deps.logger.error(`${this.groupId}: seeking to stored offsets failed: ${error.message}`),
      );
    });
    // kafkajs restarts a consumer after a retriable crash on its own and leaves it stopped after any
    // other; a projection must not stop consuming while its service stays up, so it starts again.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      this.deps.logger.error(`${this.groupId}: consumer stopped on ${payload.error.name}: ${payload.error.message}; starting it again`);
      this.restartAfterCrash(consumer);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: 1,
        eachBatch: (payload) => this.onBatch(payload),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    return consumer;
  }

  private restartAfterCrash(crashed: Consumer): void {
    if (this.stopped || this.consumer !== crashed || this.restartTimer) return;
    const attempt = async () => {
      this.restartTimer = null;
      if (this.stopped || this.consumer !== crashed) return;
      await crashed.disconnect().catch(() => undefined);
      try {
        const started = await this.connectAndRun();
        // Stopped while the new consumer was joining: it leaves at once.
        if (this.stopped) await started.disconnect();
      } catch (error) {
        this.deps.logger.error(`${this.groupId}: starting the consumer again failed: ${(error as Error).message}`);
        crashed = this.consumer ?? crashed;
        if (!this.stopped) this.restartTimer = setTimeout(() => void attempt(), RESTART_DELAY_MS);
      }
    };
    this.restartTimer = setTimeout(() => void attempt(), RESTART_DELAY_MS);
  }

  /**
   * Leaves the group: the chunk being applied commits (with its offsets) and the rest of the batch
   * is handed back, so the partitions' next owner starts from the offsets stored in the database.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    await this.consumer?.disconnect();
    this.consumer = null;
  }

  /**
   * Per partition of the subscribed topics, what the group has not applied yet: the high watermarks
   * (from `highWatermarks`) minus the next offsets stored with the read model (0 when none).
   */
  async lag(highWatermarks: (topic: string) => Promise<Map<number, bigint>>): Promise<PartitionLag[]> {
    const stored: { topic: string; partition: number; next_offset: string }[] = await this.deps.dataSource.query(
      `SELECT topic, partition, next_offset FROM "${this.deps.schema}".consumer_offsets WHERE consumer_group = $1`,
      [this.groupId],
    );
    const next = new Map(stored.map((row) => [`${row.topic}/${row.partition}`, BigInt(row.next_offset)]));
    const lags: PartitionLag[] = [];
    for (const topic of this.topics) {
      for (const [partition, high] of await highWatermarks(topic)) {
        const behind = high - (next.get(`${topic}/${partition}`) ?? 0n);
        lags.push({ consumerGroup: this.groupId, topic, partition, lag: Number(behind > 0n ? behind : 0n) });
      }
    }
    return lags;
  }

  private async seekToStoredOffsets(assignment: Record<string, number[]>): Promise<void> {
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) {
        const offset = await this.storedOffset(topic, partition);
        this.consumer?.seek({ topic, partition, offset: offset.toString() });
      }
    }
  }

  private async storedOffset(topic: string, partition: number): Promise<bigint> {
    const key = `${topic}/${partition}`;
    const cached = this.nextOffsets.get(key);
    if (cached !== undefined) return cached;
    const rows: { next_offset: string }[] = await this.deps.dataSource.query(
      `SELECT next_offset FROM "${this.deps.schema}".consumer_offsets
        WHERE consumer_group = $1 AND topic = $2 AND partition = $3`,
      [this.groupId, topic, partition],
    );
    const offset = rows.length ? BigInt(rows[0].next_offset) : 0n;
    this.nextOffsets.set(key, offset);
    return offset;
  }

  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    if (batch.isEmpty()) return;
    const next = await this.storedOffset(topic, partition);
    if (BigInt(batch.firstOffset() ?? '0') > next) {
      // Kafka is ahead of what this database has applied (a rebuilt read model): go back.
      this.consumer?.seek({ topic, partition, offset: next.toString() });
      return;
    }
    const pending = batch.messages.filter((m) => BigInt(m.offset) >= next);
    const chunkSize = this.deps.config.consumerChunkSize ?? this.subscription.chunkSize ?? DEFAULT_CHUNK_SIZE;
    for (let i = 0; i < pending.length; i += chunkSize) {
      if (!isRunning() || isStale()) return;
      const chunk = pending.slice(i, i + chunkSize);
      const last = BigInt(chunk[chunk.length - 1].offset);
      // Heartbeats go on while the chunk's transaction waits (a lock, a slow disk, a database coming
      // back): a wait longer than the session would otherwise drop this member from its group mid-chunk.
      const beating = setInterval(() => void heartbeat().catch(() => undefined), this.deps.config.consumerHeartbeatMs);
      let outcome: ChunkOutcome;
      try {
        outcome = await this.applyChunk(topic, partition, chunk, last + 1n);
      } finally {
        clearInterval(beating);
      }
      crashIfFaultInjected('consumer-after-commit');
      this.count(topic, outcome);
      this.nextOffsets.set(`${topic}/${partition}`, last + 1n);
      resolveOffset(last.toString());
      await this.consumer?.commitOffsets([{ topic, partition, offset: (last + 1n).toString() }]);
      await heartbeat();
    }
    if (pending.length === 0) resolveOffset(batch.lastOffset());
  }

  private count(topic: string, outcome: ChunkOutcome): void {
    const metrics = this.deps.metrics;
    if (!metrics) return;
    const labels = { consumer_group: this.groupId, topic };
    metrics.consumed.inc({ ...labels, outcome: 'applied' }, outcome.applied);
    metrics.consumed.inc({ ...labels, outcome: 'duplicate' }, outcome.duplicates);
    metrics.consumed.inc({ ...labels, outcome: 'skipped' }, outcome.skipped);
    metrics.consumed.inc({ ...labels, outcome: 'dead_lettered' }, outcome.deadLettered);
    metrics.deadLetters.inc(labels, outcome.deadLettered);
  }

  private decode(message: KafkaMessage): Decoded {
    const decoded = this.decodeValue(message);
    // Headers first (what the relay sent); the envelope's own fields when a producer set no headers.
    const headers = message.headers ?? {};
    const correlationId =
      (Buffer.isBuffer(headers['correlation-id']) ? headers['correlation-id'].toString('utf8') : undefined) ?? decoded.event?.correlationId;
    const carrier = headers['traceparent'] ? headers : { ...(decoded.event?.trace ?? {}) };
    return { ...decoded, message, context: withCorrelationId(contextFromCarrier(carrier as Record<string, unknown>), correlationId) };
  }

  private decodeValue(message: KafkaMessage): Omit<Decoded, 'context'> {
    try {
      const event = this.deps.registry.decode(message.value ?? Buffer.alloc(0));
      return { message, event: this.handles(event.type) ? event : null, failure: null };
    } catch (error) {
      const reason = error instanceof EventDecodeError ? error.reason : (error as Error).message;
      // A well-formed event of a type this projection does not apply is not poison: skip it.
      const envelope = (() => {
        try {
          return envelopeSchema.safeParse(JSON.parse(message.value?.toString('utf8') ?? ''));
        } catch {
          return null;
        }
      })();
      if (envelope?.success && !this.handles(envelope.data.type)) return { message, event: null, failure: null };
      return { message, event: null, failure: reason };
    }
  }

  private handles(type: string): boolean {
    return this.subscription.eventTypes.includes(type);
  }

  /**
   * The span of applying a chunk: a child of the event's own trace when the chunk holds one event,
   * otherwise a new trace linked to every event's (OpenTelemetry's shape for batch consumers).
   */
  private chunkContext(decoded: readonly Decoded[]): { parent: Context; links: Link[] } {
    const withTrace = decoded.filter((d) => trace.getSpanContext(d.context));
    if (decoded.length === 1) return { parent: decoded[0].context, links: [] };
    const correlations = new Set(decoded.map((d) => d.event?.correlationId).filter(Boolean));
    const parent = correlations.size === 1 ? withCorrelationId(ROOT_CONTEXT, [...correlations][0]) : ROOT_CONTEXT;
    return {
      parent,
      links: withTrace.map((d) => ({ context: trace.getSpanContext(d.context) as NonNullable<ReturnType<typeof trace.getSpanContext>> })),
    };
  }

  private async applyChunk(topic: string, partition: number, messages: KafkaMessage[], nextOffset: bigint): Promise<ChunkOutcome> {
    const decoded = messages.map((m) => this.decode(m));
    const { parent, links } = this.chunkContext(decoded);
    return inSpan(
      `${topic} process`,
      {
        parent,
        links,
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.consumer.group.name': this.groupId,
          'messaging.destination.partition.id': String(partition),
          'messaging.batch.message_count': messages.length,
        },
      },
      () => this.applyInTransaction(topic, partition, decoded, nextOffset),
    );
  }

  private async applyInTransaction(
    topic: string,
    partition: number,
    decoded: readonly Decoded[],
    nextOffset: bigint,
  ): Promise<ChunkOutcome> {
    let outcome: ChunkOutcome = { applied: 0, duplicates: 0, skipped: 0, deadLettered: 0 };
    await this.deps.dataSource.transaction(async (manager) => {
      const candidates = decoded.filter((d): d is Decoded & { event: EventEnvelope } => d.event !== null);
      const fresh = await this.markProcessed(
        manager,
        candidates.map((d) => d.event.id),
      );
      const toApply = candidates.filter((d) => fresh.delete(d.event.id));
      const deadLetters: { decoded: Decoded; reason: string }[] = decoded
        .filter((d) => d.failure !== null)
        .map((d) => ({ decoded: d, reason: d.failure as string }));

      if (toApply.length > 0) {
        await manager.query('SAVEPOINT projection_chunk');
        try {
          await this.handler({ events: toApply.map((d) => d.event), manager });
          await manager.query('RELEASE SAVEPOINT projection_chunk');
        } catch {
          // Find the event(s) that fail on their own; apply the rest one by one.
          await manager.query('ROLLBACK TO SAVEPOINT projection_chunk');
          for (const item of toApply) {
            await manager.query('SAVEPOINT projection_event');
            try {
              await this.handler({ events: [item.event], manager });
              await manager.query('RELEASE SAVEPOINT projection_event');
            } catch (error) {
              await manager.query('ROLLBACK TO SAVEPOINT projection_event');
              deadLetters.push({ decoded: item, reason: `apply failed: ${(error as Error).message}` });
            }
          }
        }
      }
      if (deadLetters.length > 0) {
        await this.deps.outbox.append(
          manager,
          deadLetters.map(({ decoded: d, reason }) => this.deadLetter(topic, partition, d, reason)),
        );
        for (const { decoded: d, reason } of deadLetters) {
          context.with(d.context, () =>
            this.deps.logger.warn(`${this.groupId}: ${topic}/${partition}@${d.message.offset} dead-lettered: ${reason}`),
          );
        }
      }
      await manager.query(
        `INSERT INTO "${this.deps.schema}".consumer_offsets (consumer_group, topic, partition, next_offset)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (consumer_group, topic, partition) DO UPDATE
           SET next_offset = GREATEST(consumer_offsets.next_offset, EXCLUDED.next_offset), updated_at = now()`,
        [this.groupId, topic, partition, nextOffset.toString()],
      );
      const deadIds = new Set(deadLetters.map(({ decoded: d }) => d.message.offset));
      const applied = toApply.filter((d) => !deadIds.has(d.message.offset));
      outcome = {
        applied: applied.length,
        duplicates: candidates.length - toApply.length,
        skipped: decoded.length - candidates.length - decoded.filter((d) => d.failure !== null).length,
        deadLettered: deadLetters.length,
      };
      if (this.deps.logger.debug) {
        for (const d of applied) {
          context.with(d.context, () =>
            this.deps.logger.debug?.(
              `${this.groupId}: applied ${d.event.type} ${d.event.id} from ${topic}/${partition}@${d.message.offset}`,
            ),
          );
        }
      }
    });
    return outcome;
  }

  /** Records event ids as applied; returns those not seen before by this consumer group. */
  private async markProcessed(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { event_id: string }[] = await manager.query(
      `INSERT INTO "${this.deps.schema}".processed_events (consumer_group, event_id)
       SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.groupId, ids],
    );
    return new Set(rows.map((r) => r.event_id));
  }

  private deadLetter(topic: string, partition: number, decoded: Decoded, reason: string): UnplacedEvent {
    const { message, event } = decoded;
    const subject = `${topic}/${partition}/${message.offset}`;
    return createEvent(
      DeadLetterRecorded,
      subject,
      {
        consumerGroup: this.groupId,
        topic,
        partition,
        offset: message.offset,
        key: message.key ? message.key.toString('utf8') : null,
        eventId: event?.id ?? null,
        valueBase64: (message.value ?? Buffer.alloc(0)).toString('base64'),
        reason: reason.slice(0, 2000),
      },
      {
        source: this.deps.service,
        actor: { id: this.deps.service, kind: 'service', roles: [] },
        correlationId: event?.correlationId ?? subject,
        causationId: event?.id ?? null,
        trace: traceContextOf(decoded.context),
      },
    );
  }
}
