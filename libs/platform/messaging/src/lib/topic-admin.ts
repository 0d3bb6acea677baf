import { Kafka } from 'kafkajs';
import { MessagingConfig, prefixed } from './messaging.config';

/**
 * Creates the platform topics that do not exist yet: infinite retention (the audit replays from
 * offset 0), the configured partition count. Safe when several services start at once.
 */
export async function ensureTopics(kafka: Kafka, config: MessagingConfig, names: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = names.map((n) => prefixed(config, n)).filter((n) => !existing.has(n));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: config.partitions,
          replicationFactor: config.replicationFactor,
          configEntries: [
            { name: 'retention.ms', value: '-1' },
            { name: 'retention.bytes', value: '-1' },
            { name: 'cleanup.policy', value: 'delete' },
          ],
        })),
      });
    } catch (error) {
      // TOPIC_ALREADY_EXISTS from a service that created them in the meantime is success.
      const nested = (error as { errors?: { type?: string }[] }).errors ?? [];
      if (!nested.length || nested.some((e) => e.type !== 'TOPIC_ALREADY_EXISTS')) throw error;
    }
  } finally {
    await admin.disconnect();
  }
}
