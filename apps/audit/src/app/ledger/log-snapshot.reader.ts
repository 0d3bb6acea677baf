import { MessagingConfig, prefixed } from '@hailong/platform/messaging';
import { Kafka, KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';

export interface LogSnapshot {
  readonly messages: number;
  /** Per topic (without prefix) and partition, the offset the read stopped before. */
  readonly endOffsets: Record<string, Record<number, string>>;
  /** Topics asked for that do not exist under this prefix. */
  readonly absentTopics: readonly string[];
}

type SnapshotConfig = Pick<MessagingConfig, 'topicPrefix' | 'consumerSessionTimeoutMs' | 'consumerHeartbeatMs'>;

/**
 * Reads several topics from offset 0 up to where they all ended at one moment. Every end offset is
 * taken before the first message is read, so the read is one cut through the log: an event seen on
 * one topic never has an earlier event of its ledger (on another topic) that the read stopped short
 * of — reading topic after topic, each to its own later end, would see such false gaps in a live log.
 * Like readTopicToEnd, through a throwaway consumer group that commits nothing.
 */
export async function readLogSnapshot(
  kafka: Kafka,
  config: SnapshotConfig,
  topics: readonly string[],
  onBatch: (topic: string, partition: number, messages: readonly KafkaMessage[]) => void | Promise<void>,
): Promise<LogSnapshot> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = prefixed(config, `audit.snapshot.${randomUUID()}`);
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((t) => existing.has(prefixed(config, t)));
    const absentTopics = topics.filter((t) => !existing.has(prefixed(config, t)));
    const end = new Map<string, bigint>();
    const endOffsets: Record<string, Record<number, string>> = {};
    const remaining = new Set<string>();
    for (const topic of present) {
      const offsets = await admin.fetchTopicOffsets(prefixed(config, topic));
      endOffsets[topic] = Object.fromEntries(offsets.map((o) => [o.partition, o.high]));
      for (const o of offsets) {
        end.set(`${topic}/${o.partition}`, BigInt(o.high));
        if (BigInt(o.high) > BigInt(o.low)) remaining.add(`${topic}/${o.partition}`);
      }
    }
    if (remaining.size === 0) return { messages: 0, endOffsets, absentTopics };

    const unprefixed = new Map(present.map((t) => [prefixed(config, t), t]));
    let count = 0;
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: config.consumerSessionTimeoutMs,
      heartbeatInterval: config.consumerHeartbeatMs,
      allowAutoTopicCreation: false,
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...unprefixed.keys()], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch, heartbeat }) => {
              const topic = unprefixed.get(batch.topic) ?? batch.topic;
              const key = `${topic}/${batch.partition}`;
              const stop = end.get(key) ?? 0n;
              const wanted = batch.messages.filter((m) => BigInt(m.offset) < stop);
              if (wanted.length > 0) {
                await onBatch(topic, batch.partition, wanted);
                count += wanted.length;
              }
              if (BigInt(batch.lastOffset()) + 1n >= stop) remaining.delete(key);
              await heartbeat();
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
        // kafkajs restarts after a retriable crash; only a crash it gives up on ends the read.
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          if (!payload.restart) reject(payload.error);
        });
      });
    } finally {
      await consumer.disconnect();
    }
    return { messages: count, endOffsets, absentTopics };
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
