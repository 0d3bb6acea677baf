/** Kafka and outbox settings, from the environment with local defaults; validated once at start-up. */
export interface MessagingConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Prefixed to every topic and consumer group, so test runs and tenants do not meet. */
  readonly topicPrefix: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Create missing platform topics at start-up (local, CI); Kubernetes creates them with Strimzi. */
  readonly createTopics: boolean;
  readonly outboxBatchSize: number;
  /** How long an idle relay waits for a NOTIFY before looking at the outbox anyway. */
  readonly outboxIdleMs: number;
  readonly consumerSessionTimeoutMs: number;
  readonly consumerHeartbeatMs: number;
  /** Events per projection transaction for every projection (CONSUMER_CHUNK_SIZE); null: each projection's own, else 1,000. */
  readonly consumerChunkSize: number | null;
  /** On shutdown, how long the active publisher may keep sending what is already in the outbox. */
  readonly outboxDrainMs: number;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got ${raw}`);
  }
  return value;
}

export function messagingConfigFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): MessagingConfig {
  const brokers = (env['KAFKA_BROKERS'] ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0 || brokers.some((b) => !/^[^\s:]+:\d+$/.test(b))) {
    throw new Error(`KAFKA_BROKERS must be a comma-separated list of host:port, got ${env['KAFKA_BROKERS']}`);
  }
  const topicPrefix = env['KAFKA_TOPIC_PREFIX'] ?? '';
  if (!/^[A-Za-z0-9._-]*$/.test(topicPrefix)) throw new Error(`KAFKA_TOPIC_PREFIX has characters Kafka refuses: ${topicPrefix}`);
  return {
    brokers,
    clientId: env['KAFKA_CLIENT_ID'] ?? `hailong-${service}`,
    topicPrefix,
    partitions: int(env, 'KAFKA_PARTITIONS', 12, 1, 1000),
    replicationFactor: int(env, 'KAFKA_REPLICATION_FACTOR', 1, 1, 9),
    createTopics: (env['KAFKA_CREATE_TOPICS'] ?? 'true') !== 'false',
    outboxBatchSize: int(env, 'OUTBOX_BATCH_SIZE', 500, 1, 10000),
    outboxIdleMs: int(env, 'OUTBOX_IDLE_MS', 250, 5, 60000),
    consumerSessionTimeoutMs: int(env, 'KAFKA_SESSION_TIMEOUT_MS', 10000, 3000, 300000),
    consumerHeartbeatMs: int(env, 'KAFKA_HEARTBEAT_MS', 1000, 100, 60000),
    consumerChunkSize: env['CONSUMER_CHUNK_SIZE'] ? int(env, 'CONSUMER_CHUNK_SIZE', 1000, 1, 100000) : null,
    outboxDrainMs: int(env, 'OUTBOX_DRAIN_MS', 5000, 0, 120000),
  };
}

export function prefixed(config: Pick<MessagingConfig, 'topicPrefix'>, name: string): string {
  return `${config.topicPrefix}${name}`;
}
