import { LedgerObservation, observeMessage } from '@hailong/audit/domain';
import { ALL_TOPICS } from '@hailong/contracts';
import { KAFKA, MESSAGING_CONFIG, MessagingConfig, prefixed } from '@hailong/platform/messaging';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Keeps the audit's index of every ledger: each message of every platform topic, raw, as the ledger
 * checks see it (its hash over the bytes as published, not an upcast copy). The projection transport
 * does not fit: it decodes and upcasts, drops a repeated id and dead-letters what does not decode,
 * while the index must keep an altered copy, a foreign message and a relay's repeat (counted) alike.
 *
 * Same exactly-once discipline as the projections: the index rows and the next offsets commit in one
 * transaction; on (re)assignment the consumer seeks to the offsets stored here, so a fresh schema
 * rebuilds the index from offset 0.
 */
@Injectable()
export class LedgerIndexer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LedgerIndexer');
  private consumer: Consumer | null = null;
  private readonly nextOffsets = new Map<string, bigint>();
  private readonly unprefixed: Map<string, string>;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.unprefixed = new Map(ALL_TOPICS.map((t) => [prefixed(config, t), t]));
  }

  async onApplicationBootstrap(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: prefixed(this.config, 'audit.ledger-index'),
      sessionTimeout: this.config.consumerSessionTimeoutMs,
      heartbeatInterval: this.config.consumerHeartbeatMs,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.nextOffsets.clear();
      void this.seekToStoredOffsets(payload.memberAssignment).catch((error: Error) =>
        this.logger.error(`seeking to stored offsets failed: ${error.message}`),
      );
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.unprefixed.keys()], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = null;
  }

  private async seekToStoredOffsets(assignment: Record<string, number[]>): Promise<void> {
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) {
        this.consumer?.seek({ topic, partition, offset: (await this.storedOffset(topic, partition)).toString() });
      }
    }
  }

  private async storedOffset(topic: string, partition: number): Promise<bigint> {
    const key = `${topic}/${partition}`;
    const cached = this.nextOffsets.get(key);
    if (cached !== undefined) return cached;
    const rows: { next_offset: string }[] = await this.dataSource.query(
      `SELECT next_offset FROM audit.ledger_index_offsets WHERE topic = $1 AND partition = $2`,
      [topic, partition],
    );
    const offset = rows.length ? BigInt(rows[0].next_offset) : 0n;
    this.nextOffsets.set(key, offset);
    return offset;
  }

  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    if (batch.isEmpty() || !isRunning() || isStale()) return;
    const next = await this.storedOffset(topic, partition);
    if (BigInt(batch.firstOffset() ?? '0') > next) {
      // Kafka is ahead of what this schema has indexed (a rebuilt index): go back.
      this.consumer?.seek({ topic, partition, offset: next.toString() });
      return;
    }
    const pending = batch.messages.filter((m) => BigInt(m.offset) >= next);
    if (pending.length > 0) {
      const last = BigInt(pending[pending.length - 1].offset);
      await this.dataSource.transaction((manager) => this.index(manager, topic, partition, pending, last + 1n));
      this.nextOffsets.set(`${topic}/${partition}`, last + 1n);
      resolveOffset(last.toString());
      await this.consumer?.commitOffsets([{ topic, partition, offset: (last + 1n).toString() }]);
    } else {
      resolveOffset(batch.lastOffset());
    }
    await heartbeat();
  }

  private async index(
    manager: EntityManager,
    topic: string,
    partition: number,
    messages: KafkaMessage[],
    nextOffset: bigint,
  ): Promise<void> {
    // The index is rebuilt from the log: a crash may lose its last transactions (rows and offsets
    // together), which are then read again; the commit need not wait for the disk.
    await manager.query(`SET LOCAL synchronous_commit = off`);
    const name = this.unprefixed.get(topic) ?? topic;
    // One row per (ledger, hash): a relay's repeat adds to `copies` of the first; the first location stays.
    const entries = new Map<string, { observation: LedgerObservation; copies: number }>();
    const foreign: { offset: string; reason: string }[] = [];
    for (const message of messages) {
      const observed = observeMessage({ topic: name, partition, offset: message.offset }, message.value);
      if (observed.kind === 'foreign') {
        foreign.push({ offset: message.offset, reason: observed.foreign.reason.slice(0, 500) });
        continue;
      }
      const key = `${observed.observation.source}/${observed.observation.hash}`;
      const entry = entries.get(key);
      if (entry) entry.copies += 1;
      else entries.set(key, { observation: observed.observation, copies: 1 });
    }
    const rows = [...entries.values()];
    if (rows.length > 0) {
      const column = <T>(pick: (o: LedgerObservation) => T) => rows.map((r) => pick(r.observation));
      await manager.query(
        `INSERT INTO audit.ledger_entries (ledger, hash, sequence, previous_hash, event_id, event_type, response_id, topic, partition, "offset", copies)
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::bigint[], $11::int[])
         ON CONFLICT (ledger, hash) DO UPDATE SET copies = ledger_entries.copies + EXCLUDED.copies`,
        [
          column((o) => o.source),
          column((o) => o.hash),
          column((o) => o.ledger?.sequence ?? null),
          column((o) => o.ledger?.previousHash ?? null),
          column((o) => o.eventId.slice(0, 200)),
          column((o) => o.eventType.slice(0, 200)),
          column((o) => o.responseId?.slice(0, 200) ?? null),
          column((o) => o.location.topic),
          column((o) => o.location.partition),
          column((o) => o.location.offset),
          rows.map((r) => r.copies),
        ],
      );
    }
    if (foreign.length > 0) {
      await manager.query(
        `INSERT INTO audit.ledger_foreign (topic, partition, "offset", reason)
         SELECT $1, $2, * FROM unnest($3::bigint[], $4::text[]) ON CONFLICT DO NOTHING`,
        [name, partition, foreign.map((f) => f.offset), foreign.map((f) => f.reason)],
      );
    }
    await manager.query(
      `INSERT INTO audit.ledger_index_offsets (topic, partition, next_offset) VALUES ($1, $2, $3)
       ON CONFLICT (topic, partition) DO UPDATE SET next_offset = GREATEST(ledger_index_offsets.next_offset, EXCLUDED.next_offset)`,
      [topic, partition, nextOffset.toString()],
    );
  }
}
