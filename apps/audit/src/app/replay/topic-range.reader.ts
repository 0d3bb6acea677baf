import { MessagingConfig, prefixed } from '@hailong/platform/messaging';
import { Kafka, KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/** Offsets per partition, as Kafka prints them (decimal strings). */
export type Offsets = Readonly<Record<number, string>>;

/** Where each partition of a topic ends now (the next offset to be written). */
export async function topicEnds(
  kafka: Kafka,
  config: Pick<MessagingConfig, 'topicPrefix'>,
  topic: string,
): Promise<Record<number, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    if (!existing.has(prefixed(config, topic))) return {};
    const offsets = await admin.fetchTopicOffsets(prefixed(config, topic));
    return Object.fromEntries(offsets.map((o) => [o.partition, o.high]));
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads each partition of a topic from `from` (inclusive; 0 where absent) to `to` (exclusive), batch
 * by batch in partition order, through a throwaway consumer group that commits nothing: the caller
 * keeps its own offsets (with what it built from the messages), which is what makes a read resumable.
 */
export async function readTopicRange(
  kafka: Kafka,
  config: Pick<MessagingConfig, 'topicPrefix' | 'consumerSessionTimeoutMs' | 'consumerHeartbeatMs'>,
  topic: string,
  from: Offsets,
  to: Offsets,
  onBatch: (partition: number, messages: readonly KafkaMessage[]) => Promise<void>,
): Promise<void> {
  const start = (p: number) => BigInt(from[p] ?? '0');
  const stop = (p: number) => BigInt(to[p] ?? '0');
  const remaining = new Set(
    Object.keys(to)
      .map(Number)
      .filter((p) => start(p) < stop(p)),
  );
  if (remaining.size === 0) return;
  const name = prefixed(config, topic);
  const groupId = prefixed(config, `audit.replay.${randomUUID()}`);
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: config.consumerSessionTimeoutMs,
    heartbeatInterval: config.consumerHeartbeatMs,
    allowAutoTopicCreation: false,
  });
  const admin = kafka.admin();
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [name], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) reject(payload.error);
      });
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch, heartbeat }) => {
            const p = batch.partition;
            if (!remaining.has(p)) return;
            // A batch fetched before the seek below took effect may start earlier: those are already applied.
            const wanted = batch.messages.filter((m) => BigInt(m.offset) >= start(p) && BigInt(m.offset) < stop(p));
            if (wanted.length > 0) await onBatch(p, wanted);
            if (BigInt(batch.lastOffset()) + 1n >= stop(p)) remaining.delete(p);
            await heartbeat();
            if (remaining.size === 0) resolve();
          },
        })
        .then(() => {
          // Resuming: skip what was applied before the interruption instead of fetching it again.
          for (const p of remaining) if (start(p) > 0n) consumer.seek({ topic: name, partition: p, offset: start(p).toString() });
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    await admin
      .connect()
      .then(() => admin.deleteGroups([groupId]))
      .catch(() => undefined)
      .finally(() => admin.disconnect());
  }
}
