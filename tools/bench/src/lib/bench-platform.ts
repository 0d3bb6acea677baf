import { Role, Roles, Topics } from '@hailong/contracts';
import { generateSigningKeyPair, issueTestToken } from '@hailong/platform/auth';
import { createKafka, messagingConfigFromEnv, MessagingConfig, prefixed } from '@hailong/platform/messaging';
import { createTestDatabase, ServiceApp, ServiceProcess, TestDatabase, testBrokers, uniqueTopicPrefix } from '@hailong/platform/testing';
import { Kafka, logLevel } from 'kafkajs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';

export const APPS: ServiceApp[] = ['unit-directory', 'survey-intake', 'scoring', 'audit'];

/**
 * The four built services as separate processes, as operations run them, on a fresh database and a
 * topic prefix of their own, with 12 partitions per topic (the production default). Ports 3330–3333.
 * BENCH_CPU_PROF=<service>[,<service>] starts those services under a CPU profiler (tools/bench/cpu-profile.cjs; profiles in reports/profiles/<service>/).
 * Each service runs with its image's memory settings (ServiceProcess: the Dockerfile's heap cap and arena limit); BENCH_NODE_OPTIONS adds Node options after the image's.
 */
export class BenchPlatform {
  readonly services: Record<ServiceApp, ServiceProcess>;
  readonly pool: Pool;
  readonly kafka: Kafka;
  readonly messaging: MessagingConfig;
  private tokens = new Map<string, string>();

  private constructor(
    readonly db: TestDatabase,
    readonly topicPrefix: string,
    private readonly privateKeyPem: string,
    env: NodeJS.ProcessEnv,
    basePort: number,
  ) {
    const profiled = new Set((process.env['BENCH_CPU_PROF'] ?? '').split(',').filter(Boolean));
    const profileDir = join(process.cwd(), 'reports', 'profiles');
    if (profiled.size) mkdirSync(profileDir, { recursive: true });
    // After the image's own (ServiceProcess): BENCH_NODE_OPTIONS tries other settings, e.g. another --max-old-space-size.
    const tried = process.env['BENCH_NODE_OPTIONS'] ?? '';
    const profiler = `--require ${join(process.cwd(), 'tools', 'bench', 'cpu-profile.cjs')}`;
    this.services = Object.fromEntries(
      APPS.map((app, i) => [
        app,
        new ServiceProcess(app, basePort + i, {
          ...env,
          NODE_OPTIONS: `${tried} ${profiled.has(app) ? profiler : ''}`.trim(),
          // One folder per service; node names each file by time and pid, so a restarted service keeps every profile.
          ...(profiled.has(app) ? { BENCH_PROFILE_DIR: join(profileDir, app) } : {}),
        }),
      ]),
    ) as Record<ServiceApp, ServiceProcess>;
    this.pool = new Pool({ connectionString: db.url, max: 70 });
    this.messaging = messagingConfigFromEnv('bench', { ...process.env, KAFKA_TOPIC_PREFIX: topicPrefix });
    this.kafka = createKafka({ ...this.messaging, clientId: 'bench' });
    // kafkajs logs every rebalance at info; the bench only wants errors.
    this.kafka.logger().setLogLevel(logLevel.ERROR);
  }

  static async start(basePort = 3330): Promise<BenchPlatform> {
    const db = await createTestDatabase('bench');
    const keys = await generateSigningKeyPair();
    const checkpointKeys = await generateSigningKeyPair();
    const topicPrefix = uniqueTopicPrefix('bench');
    const platform = new BenchPlatform(
      db,
      topicPrefix,
      keys.privateKeyPem,
      {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testBrokers(),
        KAFKA_TOPIC_PREFIX: topicPrefix,
        KAFKA_PARTITIONS: '12',
        AUTH_SIGNING_KEY: keys.privateKeyPem,
        AUTH_PUBLIC_KEY: keys.publicKeyPem,
        AUTH_BOOTSTRAP_ADMIN_USERNAME: 'admin',
        AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'bench-admin-password-long',
        AUDIT_CHECKPOINT_SIGNING_KEY: checkpointKeys.privateKeyPem,
        AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
        LOG_LEVEL: 'warn',
      },
      basePort,
    );
    try {
      // The directory first: it creates the database's first schema and the topics.
      await platform.services['unit-directory'].start();
      await Promise.all((['survey-intake', 'scoring', 'audit'] as const).map((app) => platform.services[app].start()));
    } catch (error) {
      await platform.stop().catch(() => undefined); // no process left behind on the bench's ports
      throw error;
    }
    return platform;
  }

  url(app: ServiceApp): string {
    return this.services[app].url;
  }

  /** A token valid for the whole run (an hour), one per role. */
  async token(role: Role): Promise<string> {
    const known = this.tokens.get(role);
    if (known) return known;
    const token = await issueTestToken(this.privateKeyPem, { sub: `bench-${role}`, roles: [role] }, { expiresInSeconds: 3600 });
    this.tokens.set(role, token);
    return token;
  }

  surveyor(): Promise<string> {
    return this.token(Roles.surveyor);
  }

  topic(name: string = Topics.intakeResponses): string {
    return prefixed(this.messaging, name);
  }

  pids(): Record<string, number | undefined> {
    return Object.fromEntries(APPS.map((app) => [app, this.services[app].pid]));
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.services).map((s) => s.stop('SIGTERM')));
    await this.pool.end();
    await this.db.drop();
    const admin = this.kafka.admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(this.topicPrefix));
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}
