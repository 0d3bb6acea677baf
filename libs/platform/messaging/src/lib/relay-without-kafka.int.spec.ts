import { createEvent, deadLetterTopic, platformEvents, ResponseData, ResponseSubmitted, Topics } from '@hailong/contracts';
import { runMigrations } from '@hailong/platform/persistence';
import { assertKafkaReachable, createTestDatabase, eventually, TestDatabase, uniqueTopicPrefix } from '@hailong/platform/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createKafka } from './kafka.factory';
import { MessagingConfig, messagingConfigFromEnv } from './messaging.config';
import { messagingMigrations } from './messaging.migration';
import { OutboxRelay } from './outbox.relay';
import { OutboxWriter } from './outbox.writer';
import { ensureTopics } from './topic-admin';

// Found by the fault suite (tools/faults): a relay that took the publisher lock while Kafka was down
// (the broker SIGKILLed mid-send) failed to connect its producer and left its PostgreSQL session open,
// holding the lock; every later attempt, its own and any other process's, found the lock taken, and
// the outbox was never published again.

const SCHEMA = 'nokafka';
const FIXTURE = join(__dirname, '..', '..', '..', '..', 'contracts', 'src', 'fixtures', 'ResponseSubmitted.v2.json');
const responseData = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { data: Record<string, unknown> }).data;

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('an outbox relay that could not reach Kafka', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let config: MessagingConfig;
  const relays: OutboxRelay[] = [];
  const errors: string[] = [];
  const logger = { log: () => undefined, warn: (m: string) => errors.push(m), error: (m: string) => errors.push(m) };

  beforeAll(async () => {
    await assertKafkaReachable();
    db = await createTestDatabase('relay_no_kafka');
    config = {
      ...messagingConfigFromEnv('survey-intake'),
      topicPrefix: uniqueTopicPrefix('relay-no-kafka'),
      partitions: 3,
      outboxIdleMs: 50,
    };
    await ensureTopics(createKafka(config), config, [Topics.intakeResponses, deadLetterTopic('survey-intake')]);
    dataSource = await new DataSource({
      type: 'postgres',
      url: db.url,
      schema: SCHEMA,
      migrations: messagingMigrations(SCHEMA),
    }).initialize();
    await runMigrations(dataSource, SCHEMA);
  });

  afterAll(async () => {
    await Promise.all(relays.map((r) => r.stop()));
    await dataSource?.destroy();
    await db?.drop();
  });

  it('leaves the publisher lock behind, so a relay that reaches Kafka publishes the outbox', async () => {
    const responseId = randomUUID();
    const event = createEvent(ResponseSubmitted, responseId, { ...responseData, responseId } as ResponseData, {
      source: 'survey-intake',
      actor: { id: 'tester', kind: 'staff', roles: ['surveyor'] },
      correlationId: responseId,
    });
    await dataSource.transaction((m) => new OutboxWriter(SCHEMA, 'survey-intake', platformEvents).append(m, [event]));

    const unreachable = new OutboxRelay(
      db.url,
      SCHEMA,
      createKafka({ ...config, brokers: [`127.0.0.1:${await closedPort()}`] }),
      config,
      logger,
    );
    relays.push(unreachable);
    unreachable.start();
    await eventually(async () => expect(errors.some((m) => m.startsWith(`outbox relay of ${SCHEMA}:`))).toBe(true), { timeoutMs: 60000 });
    await unreachable.stop();

    const [{ n: sessions }] = await dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`, [
      `hailong-relay-${SCHEMA}`,
    ]);
    expect(sessions).toBe(0);

    const relay = new OutboxRelay(db.url, SCHEMA, createKafka(config), config, logger);
    relays.push(relay);
    relay.start();
    await eventually(
      async () => {
        const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.outbox WHERE published_at IS NULL`);
        expect(n).toBe(0);
      },
      { timeoutMs: 30000 },
    );
  }, 120000);
});
