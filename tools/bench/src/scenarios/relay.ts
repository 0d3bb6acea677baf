import { BenchPlatform } from '../lib/bench-platform';
import { waitForOutboxEmpty } from '../lib/checks';
import { BenchReport } from '../lib/report';
import { sleep } from '../lib/stats';

const SCENARIO = 'outbox relay to Kafka';

/**
 * The relay's own rate: with intake stopped, `backlog` events are placed in its outbox (copies of the
 * tablet scenario's ResponseSubmitted events, each with a new event and response id, so every one is a
 * new valid response); intake starts and its relay sends them. Timed from the first event marked sent
 * to the last. Baseline: a raw kafkajs producer (idempotent, acks from all replicas, batches of the
 * relay's size) sending the same events' bytes to a topic of the same partitions.
 */
export async function outboxRelay(report: BenchReport, platform: BenchPlatform, backlog: number): Promise<void> {
  const intake = platform.services['survey-intake'];
  await intake.stop('SIGTERM');
  const { rows: sourceRows } = await platform.pool.query(
    `SELECT count(*)::int AS n FROM intake.outbox WHERE event_type = 'ResponseSubmitted'`,
  );
  if (sourceRows[0].n === 0) throw new Error('no ResponseSubmitted in the outbox to copy');
  await platform.pool.query(
    `WITH source AS (
       SELECT topic, partition_key, envelope, row_number() OVER () AS k FROM intake.outbox WHERE event_type = 'ResponseSubmitted'
     ), fresh AS (
       SELECT s.topic, s.partition_key, gen_random_uuid() AS event_id, gen_random_uuid() AS response_id, s.envelope
         FROM generate_series(1, $1::int) AS g(i) JOIN source s ON s.k = ((g.i - 1) % $2::int) + 1
     )
     INSERT INTO intake.outbox (id, topic, partition_key, event_type, envelope)
     SELECT event_id, topic, partition_key, 'ResponseSubmitted',
            jsonb_set(envelope || jsonb_build_object('id', event_id::text, 'subject', response_id::text, 'ledger', null),
              '{data,responseId}', to_jsonb(response_id::text))
       FROM fresh`,
    [backlog, sourceRows[0].n],
  );
  const { rows: before } = await platform.pool.query(`SELECT now() AS t`);
  await intake.start();
  const left = await waitForOutboxEmpty(platform, 600000);
  if (left > 0) report.fail(`${SCENARIO}: ${left} events still unsent after 10 minutes`);
  const { rows } = await platform.pool.query(
    `SELECT count(*)::int AS n, EXTRACT(EPOCH FROM max(published_at) - min(published_at))::float8 AS seconds
       FROM intake.outbox WHERE published_at > $1`,
    [before[0].t],
  );
  const relaySeconds = Math.max(Number(rows[0].seconds), 0.001);

  // The raw producer sends the same bytes, in the relay's batch size, to a topic with the same partitions.
  const { rows: events } = await platform.pool.query(
    `SELECT partition_key,
            (envelope || jsonb_build_object('ledger', jsonb_build_object('sequence', ledger_sequence, 'previousHash', ledger_previous_hash)))::text AS value
       FROM intake.outbox ORDER BY ledger_sequence DESC LIMIT $1`,
    [backlog],
  );
  const topic = `${platform.topicPrefix}bench.raw-produce`;
  const admin = platform.kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 12, replicationFactor: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = platform.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  await sleep(200);
  const started = process.hrtime.bigint();
  for (let i = 0; i < events.length; i += 500) {
    await producer.send({
      topic,
      acks: -1,
      messages: events.slice(i, i + 500).map((e) => ({ key: e.partition_key as string, value: e.value as string })),
    });
  }
  const rawSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  await producer.disconnect();
  report.add({
    scenario: SCENARIO,
    metric: 'events/s',
    value: backlog / relaySeconds,
    unit: '/s',
    baseline: events.length / rawSeconds,
    target: { kind: 'ratio', value: 0.5 },
    note: `${backlog} events placed, hashed, sent, marked`,
  });
}
