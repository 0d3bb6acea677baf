import { randomUUID } from 'node:crypto';
import { Kafka, KafkaMessage } from 'kafkajs';
import { MessagingConfig, prefixed } from './messaging.config';

export interface TopicReadResult {
  readonly messages: number;
  /** Per partition, the offset the read stopped before (the high watermark when it began). */
  readonly endOffsets: Record<number, string>;
}

/**
 * Reads a topic from offset 0 up to where it ended when the read began, batch by batch, through a
 * throwaway consumer group that commits nothing: the audit's way to trust only the log.
 */
export async function readTopicToEnd(
  kafka: Kafka,
  config: MessagingConfig,
  topic: string,
  onBatch: (partition: number, messages: readonly KafkaMessage[]) => Promise<void>,
): Promise<TopicReadResult> {
  const name = prefixed(config, topic);
  const admin = kafka.admin();
  await admin.connect();
  const groupId = prefixed(config, `audit.read.${randomUUID()}`);
  try {
    const offsets = await admin.fetchTopicOffsets(name);
    const end = new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
    const remaining = new Set(offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => o.partition));
    const endOffsets = Object.fromEntries(offsets.map((o) => [o.partition, o.high]));
    if (remaining.size === 0) return { messages: 0, endOffsets };

    let count = 0;
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: config.consumerSessionTimeoutMs,
      heartbeatInterval: config.consumerHeartbeatMs,
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [name], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch, heartbeat }) => {
              const stop = end.get(batch.partition) ?? 0n;
              const wanted = batch.messages.filter((m) => BigInt(m.offset) < stop);
              if (wanted.length > 0) {
                await onBatch(batch.partition, wanted);
                count += wanted.length;
              }
              const last = BigInt(batch.lastOffset());
              if (last + 1n >= stop) remaining.delete(batch.partition);
              await heartbeat();
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
        // kafkajs restarts the consumer after a retriable crash (a fresh broker's group coordinator
        // still loading, say); only a crash it gives up on ends the read.
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          if (!payload.restart) reject(payload.error);
        });
      });
    } finally {
      await consumer.disconnect();
    }
    return { messages: count, endOffsets };
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
