import {
  createEvent,
  DeadLetterRecorded,
  deadLetterTopic,
  EventEnvelope,
  eventHash,
  GENESIS_HASH,
  platformEvents,
  ResponseData,
  ResponseSubmitted,
  Topics,
  UnplacedEvent,
} from '@hailong/contracts';
import { runMigrations } from '@hailong/platform/persistence';
import { assertKafkaReachable, createTestDatabase, eventually, TestDatabase, uniqueTopicPrefix } from '@hailong/platform/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createKafka } from './kafka.factory';
import { MessagingConfig, messagingConfigFromEnv, prefixed } from './messaging.config';
import { messagingMigrations } from './messaging.migration';
import { OutboxRelay, outboxBacklog } from './outbox.relay';
import { OutboxWriter } from './outbox.writer';
import { ProjectionBatch } from './projection';
import { ProjectionConsumer } from './projection.consumer';
import { readTopicToEnd } from './topic-reader';
import { ensureTopics } from './topic-admin';

const SCHEMA = 'svc';
const quiet = { log: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };
const UNIT = 'a0000000-0000-4000-8000-0000000000aa';

// A valid response of the current schema version: the contracts' own fixture, with fresh ids.
const FIXTURE = join(__dirname, '..', '..', '..', '..', 'contracts', 'src', 'fixtures', 'ResponseSubmitted.v2.json');
const responseData = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { data: Record<string, unknown> }).data;

function response(unitId = UNIT): UnplacedEvent {
  const responseId = randomUUID();
  return createEvent(ResponseSubmitted, responseId, { ...responseData, responseId, unitId } as ResponseData, {
    source: 'survey-intake',
    actor: { id: 'tester', kind: 'staff', roles: ['surveyor'] },
    correlationId: responseId,
  });
}

describe('event backbone on real PostgreSQL and Kafka', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let config: MessagingConfig;
  let kafka: Kafka;
  let outbox: OutboxWriter;
  const relays: OutboxRelay[] = [];
  const consumers: ProjectionConsumer[] = [];

  const newRelay = () => {
    const relay = new OutboxRelay(db.url, SCHEMA, kafka, config, quiet);
    relays.push(relay);
    return relay;
  };

  const readAll = async (topic: string) => {
    const messages: KafkaMessage[] = [];
    await readTopicToEnd(kafka, config, topic, async (_p, batch) => void messages.push(...batch));
    return messages;
  };

  const write = (events: UnplacedEvent[]) => dataSource.transaction((m) => outbox.append(m, events));

  beforeAll(async () => {
    await assertKafkaReachable();
    db = await createTestDatabase('backbone');
    config = { ...messagingConfigFromEnv('survey-intake'), topicPrefix: uniqueTopicPrefix('backbone'), partitions: 3, outboxIdleMs: 50 };
    kafka = createKafka(config);
    await ensureTopics(kafka, config, [Topics.intakeResponses, deadLetterTopic('survey-intake')]);
    dataSource = await new DataSource({
      type: 'postgres',
      url: db.url,
      schema: SCHEMA,
      migrations: messagingMigrations(SCHEMA),
    }).initialize();
    await runMigrations(dataSource, SCHEMA);
    await dataSource.query(`CREATE TABLE ${SCHEMA}.applied (event_id uuid NOT NULL, unit_id uuid NOT NULL)`);
    outbox = new OutboxWriter(SCHEMA, 'survey-intake', platformEvents);
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await Promise.all(relays.map((r) => r.stop()));
    await dataSource?.destroy();
    await db?.drop();
  });

  it('refuses an outbox append outside a transaction', async () => {
    await expect(outbox.append(dataSource.manager, [response()])).rejects.toThrow(/transaction/);
  });

  it('publishes committed events in ledger order with a hash chain from the genesis hash', async () => {
    await write([response(), response()]);
    await write([response()]);
    const relay = newRelay();
    relay.start();
    await eventually(async () => {
      const [{ pending }] = await dataSource.query(`SELECT count(*)::int AS pending FROM ${SCHEMA}.outbox WHERE published_at IS NULL`);
      expect(pending).toBe(0);
    });
    const events = (await readAll(Topics.intakeResponses)).map((m) => platformEvents.decode(m.value as Buffer));
    const chain = [...events].sort((a, b) => (a.ledger?.sequence ?? 0) - (b.ledger?.sequence ?? 0));
    expect(chain.map((e) => e.ledger?.sequence)).toEqual([1, 2, 3]);
    expect(chain[0].ledger?.previousHash).toBe(GENESIS_HASH);
    expect(chain[1].ledger?.previousHash).toBe(eventHash(chain[0]));
    expect(chain[2].ledger?.previousHash).toBe(eventHash(chain[1]));
    // The outbox records each place in its ledger columns and keeps the envelope as it was written.
    const stored: { id: string; ledger_sequence: string; ledger_hash: string; ledger_previous_hash: string; has_ledger: boolean }[] =
      await dataSource.query(
        `SELECT id, ledger_sequence, ledger_hash, ledger_previous_hash, envelope ? 'ledger' AND envelope->'ledger' <> 'null' AS has_ledger
           FROM ${SCHEMA}.outbox ORDER BY ledger_sequence`,
      );
    expect(stored).toEqual(
      chain.map((e) => ({
        id: e.id,
        ledger_sequence: String(e.ledger?.sequence),
        ledger_hash: eventHash(e),
        ledger_previous_hash: e.ledger?.previousHash,
        has_ledger: false,
      })),
    );
  });

  it('keys every response by its unit, so one unit keeps its order on one partition', async () => {
    const messages = await readAll(Topics.intakeResponses);
    expect(new Set(messages.map((m) => m.key?.toString()))).toEqual(new Set([UNIT]));
  });

  it('lets only one relay publish: a second one waits for the lock', async () => {
    const second = newRelay();
    second.start();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(relays[0].isActive).toBe(true);
    expect(second.isActive).toBe(false);
    await second.stop();
  });

  describe('a projection consumer', () => {
    const applied: string[] = [];
    const handler = async ({ events, manager }: ProjectionBatch) => {
      for (const event of events) {
        const data = event.data as { unitId: string };
        if (data.unitId === 'a0000000-0000-4000-8000-00000000dead') throw new Error('cannot apply this unit');
        await manager.query(`INSERT INTO ${SCHEMA}.applied (event_id, unit_id) VALUES ($1, $2)`, [event.id, data.unitId]);
        applied.push(event.id);
      }
    };
    const subscription = { name: 'applied', topics: [Topics.intakeResponses], eventTypes: [ResponseSubmitted.type] };
    const newConsumer = () => {
      const consumer = new ProjectionConsumer(subscription, handler, {
        service: 'survey-intake',
        schema: SCHEMA,
        kafka,
        config,
        dataSource,
        registry: platformEvents,
        outbox,
        logger: quiet,
      });
      consumers.push(consumer);
      return consumer;
    };
    const appliedCount = async () => (await dataSource.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.applied`))[0].n as number;

    it('applies every published event once', async () => {
      await newConsumer().start();
      await eventually(async () => expect(await appliedCount()).toBe(3));
    });

    it('applied twice, counted once: a republished event with the same id changes nothing', async () => {
      const [first] = (await readAll(Topics.intakeResponses)).map((m) => platformEvents.decode(m.value as Buffer));
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic: prefixed(config, Topics.intakeResponses),
        messages: [{ key: UNIT, value: platformEvents.encode(first) }],
      });
      await write([response()]);
      await eventually(async () => expect(await appliedCount()).toBe(4));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await appliedCount()).toBe(4);
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.applied WHERE event_id = $1`, [first.id]);
      expect(n).toBe(1);
      await producer.disconnect();
    });

    it('sends a poison message and an event that fails to apply to the dead-letter topic, and keeps going', async () => {
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic: prefixed(config, Topics.intakeResponses),
        messages: [{ key: UNIT, value: Buffer.from('{"this is":"not an event"}') }],
      });
      await producer.disconnect();
      await write([response('a0000000-0000-4000-8000-00000000dead')]);
      await write([response()]);
      await eventually(async () => expect(await appliedCount()).toBe(5));
      const deadLetters = await eventually(async () => {
        const letters = (await readAll(deadLetterTopic('survey-intake'))).map(
          (m) =>
            platformEvents.decode(m.value as Buffer) as EventEnvelope<
              'DeadLetterRecorded',
              ReturnType<typeof DeadLetterRecorded.schema.parse>
            >,
        );
        expect(letters).toHaveLength(2);
        return letters;
      });
      const reasons = deadLetters.map((d) => d.data.reason).sort();
      expect(reasons[0]).toMatch(/^apply failed: cannot apply this unit/);
      expect(reasons[1]).toMatch(/^bad envelope/);
      expect(Buffer.from(deadLetters.find((d) => d.data.reason.startsWith('bad'))!.data.valueBase64, 'base64').toString()).toBe(
        '{"this is":"not an event"}',
      );
    });

    it('resumes from the offsets stored with the read model after a restart, applying nothing twice', async () => {
      await consumers[0].stop();
      await write([response(), response()]);
      await newConsumer().start();
      await eventually(async () => expect(await appliedCount()).toBe(7));
      const [{ n, distinct }] = await dataSource.query(
        `SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct FROM ${SCHEMA}.applied`,
      );
      expect(n).toBe(distinct);
    });

    it('rebuilds from offset 0 when its database forgets, although Kafka remembers the group offsets', async () => {
      await consumers[1].stop();
      await dataSource.query(`TRUNCATE ${SCHEMA}.applied, ${SCHEMA}.consumer_offsets, ${SCHEMA}.processed_events`);
      await newConsumer().start();
      await eventually(async () => expect(await appliedCount()).toBe(7));
    });
  });

  it('sends events a crashed publisher placed but did not mark first, with their places unchanged, and chains new ones after them', async () => {
    // Everything sent first (a dead letter may still be on its way), then no relay.
    await eventually(async () => {
      const [{ pending }] = await dataSource.query(`SELECT count(*)::int AS pending FROM ${SCHEMA}.outbox WHERE published_at IS NULL`);
      expect(pending).toBe(0);
    });
    await Promise.all(relays.map((r) => r.stop()));
    // As a relay that died between sending and marking leaves them: placed, sent, not marked.
    const unmarked: { id: string; ledger_sequence: string; ledger_previous_hash: string; envelope: EventEnvelope }[] =
      await dataSource.query(
        `WITH unmarked AS (
         UPDATE ${SCHEMA}.outbox SET published_at = NULL
          WHERE ledger_sequence > (SELECT max(ledger_sequence) - 3 FROM ${SCHEMA}.outbox)
          RETURNING id, ledger_sequence, ledger_previous_hash, envelope
       ) SELECT * FROM unmarked`,
      );
    // The outbox keeps each event as written and its place in the ledger columns: the envelope sent is both.
    const leftovers = unmarked.map((row) => ({
      ...row,
      envelope: { ...row.envelope, ledger: { sequence: Number(row.ledger_sequence), previousHash: row.ledger_previous_hash } },
    }));
    expect(leftovers).toHaveLength(3);
    // The outbox's last three events may include the consumer's dead letters: both topics are read.
    const decodeAll = async () =>
      [...(await readAll(Topics.intakeResponses)), ...(await readAll(deadLetterTopic('survey-intake')))].flatMap((m) => {
        try {
          return [platformEvents.decode(m.value as Buffer)];
        } catch {
          return []; // the poison message of the dead-letter test
        }
      });
    const timesOf = (events: EventEnvelope[], id: string) => events.filter((e) => e.id === id).length;
    const before = await decodeAll();
    await write([response(), response()]);
    // The backlog gauge counts them (placed or not) while nothing sends.
    expect((await outboxBacklog((sql) => dataSource.query(sql), SCHEMA)).unpublished).toBe(5);
    newRelay().start();
    await eventually(async () => {
      const [{ pending }] = await dataSource.query(`SELECT count(*)::int AS pending FROM ${SCHEMA}.outbox WHERE published_at IS NULL`);
      expect(pending).toBe(0);
    });
    expect(await outboxBacklog((sql) => dataSource.query(sql), SCHEMA)).toEqual({ unpublished: 0, oldestAgeSeconds: 0 });
    const after = await decodeAll();
    expect(after.length - before.length).toBe(5);
    // Sent again exactly as placed (same ids, same places), then the new ones from the next place on.
    for (const leftover of leftovers) {
      expect(timesOf(after, leftover.id) - timesOf(before, leftover.id)).toBe(1);
      for (const sentAgain of after.filter((e) => e.id === leftover.id)) expect(sentAgain.ledger).toEqual(leftover.envelope.ledger);
    }
    const sent = after.filter((e) => timesOf(before, e.id) === 0);
    const top = Math.max(...leftovers.map((l) => Number(l.ledger_sequence)));
    const fresh = sent.sort((a, b) => a.ledger!.sequence - b.ledger!.sequence);
    expect(fresh.map((e) => e.ledger?.sequence)).toEqual([top + 1, top + 2]);
    const last = leftovers.find((l) => Number(l.ledger_sequence) === top)!;
    expect(fresh[0].ledger?.previousHash).toBe(eventHash(last.envelope));
    expect(fresh[1].ledger?.previousHash).toBe(eventHash(fresh[0]));
  });
});
