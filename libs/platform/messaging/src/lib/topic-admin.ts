import { ConfigResourceTypes, Kafka } from 'kafkajs';
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

/**
 * What is wrong with the platform topics as they are on the broker: missing, fewer partitions than
 * configured, or not keeping events forever. Empty when all is well.
 */
export async function topicProblems(kafka: Kafka, config: MessagingConfig, names: readonly string[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const wanted = names.map((n) => prefixed(config, n));
    const existing = new Set(await admin.listTopics());
    const problems = wanted.filter((topic) => !existing.has(topic)).map((topic) => `${topic} does not exist`);
    const present = wanted.filter((topic) => existing.has(topic));
    if (present.length === 0) return problems;
    const { topics } = await admin.fetchTopicMetadata({ topics: present });
    for (const topic of topics) {
      if (topic.partitions.length < config.partitions) {
        problems.push(`${topic.name} has ${topic.partitions.length} partitions, fewer than KAFKA_PARTITIONS=${config.partitions}`);
      }
    }
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: present.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms', 'retention.bytes'] })),
    });
    for (const resource of described.resources) {
      for (const entry of resource.configEntries) {
        if (entry.configValue !== '-1')
          problems.push(`${resource.resourceName} has ${entry.configName}=${entry.configValue}: platform topics keep events forever (-1)`);
      }
    }
    return problems;
  } finally {
    await admin.disconnect();
  }
}
