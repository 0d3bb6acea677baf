import { createEvent, deadLetterTopic, platformEvents, ResponseData, ResponseSubmitted, Topics, UnplacedEvent } from '@hailong/contracts';
import { runMigrations } from '@hailong/platform/persistence';
import { assertKafkaReachable, createTestDatabase, eventually, TestDatabase, uniqueTopicPrefix } from '@hailong/platform/testing';
import { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createKafka } from './kafka.factory';
import { MessagingConfig, messagingConfigFromEnv } from './messaging.config';
import { messagingMigrations } from './messaging.migration';
import { OutboxRelay } from './outbox.relay';
import { OutboxWriter } from './outbox.writer';
import { ProjectionBatch } from './projection';
import { ProjectionConsumer } from './projection.consumer';
import { ensureTopics } from './topic-admin';

// Found by the fault suite (tools/faults): a consumer whose database transaction waited longer than
// its Kafka session (a lock, a slow disk, a database restarting) was dropped from its group, and once
// the transaction ended it never consumed again, although the service kept answering ready.

const SCHEMA = 'slow';
const FIXTURE = join(__dirname, '..', '..', '..', '..', 'contracts', 'src', 'fixtures', 'ResponseSubmitted.v2.json');
const responseData = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { data: Record<string, unknown> }).data;
const UNITS = ['a0000000-0000-4000-8000-0000000000a1', 'a0000000-0000-4000-8000-0000000000a2', 'a0000000-0000-4000-8000-0000000000a3'];

function response(unitId: string): UnplacedEvent {
  const responseId = randomUUID();
  return createEvent(ResponseSubmitted, responseId, { ...responseData, responseId, unitId } as ResponseData, {
    source: 'survey-intake',
    actor: { id: 'tester', kind: 'staff', roles: ['surveyor'] },
    correlationId: responseId,
  });
}

describe('a projection consumer whose transaction outlasts its Kafka session', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let config: MessagingConfig;
  let kafka: Kafka;
  let outbox: OutboxWriter;
  let relay: OutboxRelay;
  let consumer: ProjectionConsumer;
  const errors: string[] = [];
  const logger = { log: () => undefined, warn: (m: string) => errors.push(m), error: (m: string) => errors.push(m) };

  const write = (events: UnplacedEvent[]) => dataSource.transaction((m) => outbox.append(m, events));
  const appliedCount = async () => (await dataSource.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.applied`))[0].n as number;

  beforeAll(async () => {
    await assertKafkaReachable();
    db = await createTestDatabase('slow_batch');
    config = {
      ...messagingConfigFromEnv('survey-intake'),
      topicPrefix: uniqueTopicPrefix('slow-batch'),
      partitions: 3,
      outboxIdleMs: 50,
      consumerSessionTimeoutMs: 6000,
      consumerHeartbeatMs: 1000,
    };
    kafka = createKafka(config);
    await ensureTopics(kafka, config, [Topics.intakeResponses, deadLetterTopic('survey-intake')]);
    dataSource = await new DataSource({
      type: 'postgres',
      url: db.url,
      schema: SCHEMA,
      migrations: messagingMigrations(SCHEMA),
    }).initialize();
    await runMigrations(dataSource, SCHEMA);
    await dataSource.query(`CREATE TABLE ${SCHEMA}.applied (event_id uuid PRIMARY KEY)`);
    outbox = new OutboxWriter(SCHEMA, 'survey-intake', platformEvents);
    relay = new OutboxRelay(db.url, SCHEMA, kafka, config, logger);
    relay.start();
    const handler = async ({ events, manager }: ProjectionBatch) => {
      for (const event of events) await manager.query(`INSERT INTO ${SCHEMA}.applied (event_id) VALUES ($1)`, [event.id]);
    };
    consumer = new ProjectionConsumer({ name: 'slow', topics: [Topics.intakeResponses], eventTypes: [ResponseSubmitted.type] }, handler, {
      service: 'survey-intake',
      schema: SCHEMA,
      kafka,
      config,
      dataSource,
      registry: platformEvents,
      outbox,
      logger,
    });
    await consumer.start();
  }, 60000);

  afterAll(async () => {
    await consumer?.stop();
    await relay?.stop();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('keeps consuming after a batch held twice as long as its session timeout', async () => {
    await write(UNITS.map(response));
    await eventually(async () => expect(await appliedCount()).toBe(3));

    // Hold every commit of the consumer for 12 s (its session lasts 6 s) while events arrive.
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(`LOCK TABLE ${SCHEMA}.processed_events IN EXCLUSIVE MODE`);
    await write(UNITS.map(response));
    await new Promise((resolve) => setTimeout(resolve, 12000));
    await holder.query('ROLLBACK');
    await holder.end();

    await eventually(async () => expect(await appliedCount()).toBe(6), { timeoutMs: 30000, intervalMs: 500 });
    // And what comes after is consumed too.
    await write(UNITS.map(response));
    await eventually(async () => expect(await appliedCount()).toBe(9), { timeoutMs: 30000, intervalMs: 500 });
    console.log(`consumer log: ${JSON.stringify(errors)}`);
  }, 90000);
});
