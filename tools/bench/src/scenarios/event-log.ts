import { canonicalJson, EventEnvelope, platformEvents, Roles, sha256Hex, Topics } from '@hailong/contracts';
import { readTopicToEnd } from '@hailong/platform/messaging';
import { randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { BenchData, ITEMS } from '../lib/bench-data';
import { BenchPlatform } from '../lib/bench-platform';
import { expectJson } from '../lib/http';
import { MemorySampler } from '../lib/memory';
import { BenchReport } from '../lib/report';
import { sleep, timed } from '../lib/stats';

/** Messages per produce request: a partition's share stays well under the broker's 1 MB request limit. */
const LOG_BATCH = 1000;

/**
 * Writes `count` ResponseSubmitted v3 events straight to the response topic with kafkajs — a million
 * through HTTP would take the whole run — in the shape the intake's relay publishes: canonical JSON,
 * key = unit, the event headers, and ledger places continuing the intake's own chain (its ledger head is
 * moved past them while intake is stopped, so its next event links to the last of them). Each event is
 * decoded with the contracts before it is sent.
 */
export async function writeResponseLog(platform: BenchPlatform, data: BenchData, count: number): Promise<{ seconds: number }> {
  const intake = platform.services['survey-intake'];
  await intake.stop('SIGTERM');
  const { rows } = await platform.pool.query(`SELECT sequence, hash FROM intake.ledger_head WHERE id = 1`);
  let sequence = Number(rows[0].sequence);
  let previousHash = rows[0].hash as string;
  const units = [...data.communes, data.freshnessUnit];
  const producer = platform.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const topic = platform.topic(Topics.intakeResponses);
  const batch = (start: number) => {
    const messages = [];
    for (let n = start; n < Math.min(count, start + LOG_BATCH); n += 1) {
      const responseId = randomUUID();
      const unitId = units[n % units.length];
      sequence += 1;
      const day = String((n % 28) + 1).padStart(2, '0');
      const envelope: EventEnvelope = {
        id: randomUUID(),
        type: 'ResponseSubmitted',
        schemaVersion: 3,
        occurredAt: `2022-04-${day}T09:30:00+07:00`,
        recordedAt: new Date().toISOString(),
        source: 'survey-intake',
        subject: responseId,
        actor: { id: 'bench-surveyor', kind: 'staff', roles: [Roles.surveyor] },
        correlationId: responseId,
        causationId: null,
        trace: {},
        ledger: { sequence, previousHash },
        data: {
          responseId,
          campaignId: data.campaignId,
          unitId,
          channel: n % 2 === 0 ? 'paper' : 'tablet',
          questionnaire: { questionnaireId: 'current', version: 1 },
          procedureId: 'id-card',
          serviceDate: `2022-04-${day}`,
          collectedBy: { kind: 'surveyor', id: 'bench-surveyor' },
          form: { startedAt: null, finishedAt: null },
          answers: ITEMS.map((itemId, i) => ({ itemId, level: ((n * 7 + i) % 5) + 1 })),
          expectations: [],
          profileGroups: { respondentType: n % 3 === 0 ? 'organisation' : 'individual' },
          personal: null,
          late: false,
        },
      };
      // The bytes sent are the bytes hashed (eventHash is the SHA-256 of the canonical JSON), encoded once.
      const value = canonicalJson(envelope);
      if (n === start) platformEvents.decode(value); // the contracts accept it (one per batch: decoding all costs minutes)
      previousHash = sha256Hex(value);
      messages.push({
        key: unitId,
        value,
        headers: { 'event-id': envelope.id, 'event-type': envelope.type, 'correlation-id': envelope.correlationId },
      });
    }
    return messages;
  };
  const { seconds } = await timed(async () => {
    // The next batch is encoded while the one before is on the wire; the idempotent producer keeps one
    // request in flight, so the topic's order is the ledger's order.
    let inFlight: Promise<unknown> = Promise.resolve();
    for (let start = 0; start < count; start += LOG_BATCH) {
      const messages = batch(start);
      await inFlight;
      inFlight = producer.send({ topic, acks: -1, messages });
    }
    await inFlight;
  });
  await producer.disconnect();
  await platform.pool.query(`UPDATE intake.ledger_head SET sequence = $1, hash = $2 WHERE id = 1`, [sequence, previousHash]);
  await intake.start();
  return { seconds };
}

/** A raw kafkajs consumer reading the whole response topic from offset 0: the limit every reader of it has. */
export async function rawConsume(platform: BenchPlatform): Promise<{ messages: number; seconds: number }> {
  const { result, seconds } = await timed(() =>
    readTopicToEnd(platform.kafka, platform.messaging, Topics.intakeResponses, async () => undefined),
  );
  return { messages: result.messages, seconds };
}

async function responseTopicEnd(platform: BenchPlatform): Promise<number> {
  const admin = platform.kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(platform.topic(Topics.intakeResponses));
  await admin.disconnect();
  return offsets.reduce((sum, o) => sum + Number(o.high), 0);
}

/**
 * Scoring's projection from offset 0 to the end of the response topic: scoring is stopped while the log
 * is written, its read model emptied, then started; timed from start until its stored offsets reach the end.
 */
export async function scoringProjection(
  report: BenchReport,
  platform: BenchPlatform,
  raw: { messages: number; seconds: number },
): Promise<void> {
  const scoring = platform.services.scoring;
  const end = await responseTopicEnd(platform);
  const applied = async () => {
    const { rows } = await platform.pool.query(
      `SELECT COALESCE(sum(next_offset), 0)::bigint AS n FROM scoring.consumer_offsets WHERE topic = $1`,
      [platform.topic(Topics.intakeResponses)],
    );
    return Number(rows[0].n);
  };
  const before = await applied();
  const started = Date.now();
  await scoring.start();
  const deadline = Date.now() + 20 * 60 * 1000;
  let done = before;
  while ((done = await applied()) < end && Date.now() < deadline) await sleep(250);
  const seconds = (Date.now() - started) / 1000;
  if (done < end) report.fail(`scoring projection: ${end - done} events not applied after 20 minutes`);
  report.add({
    scenario: 'scoring projection',
    metric: 'events/s applied',
    value: (done - before) / seconds,
    unit: '/s',
    baseline: raw.messages / raw.seconds,
    target: { kind: 'min', value: 20000 },
    note: `the ${done - before} events written while it was stopped, start-up included`,
  });
}

/** The audit's ledger index (every message of every topic, kept for the ledger checks and receipts) catching up. */
export async function auditIndex(report: BenchReport, platform: BenchPlatform, raw: { messages: number; seconds: number }): Promise<void> {
  const end = await responseTopicEnd(platform);
  const indexed = async () => {
    const { rows } = await platform.pool.query(
      `SELECT COALESCE(sum(next_offset), 0)::bigint AS n FROM audit.ledger_index_offsets WHERE topic IN ($1, $2)`,
      [platform.topic(Topics.intakeResponses), Topics.intakeResponses],
    );
    return Number(rows[0].n);
  };
  const before = await indexed();
  const started = Date.now();
  await platform.services.audit.start();
  const deadline = Date.now() + 20 * 60 * 1000;
  let done = before;
  while ((done = await indexed()) < end && Date.now() < deadline) await sleep(250);
  const seconds = (Date.now() - started) / 1000;
  if (done < end) report.note(`audit ledger index: ${end - done} events not indexed after 20 minutes`);
  report.add({
    scenario: 'audit ledger index',
    metric: 'events/s indexed',
    value: (done - before) / seconds,
    unit: '/s',
    baseline: raw.messages / raw.seconds,
    note: `${done - before} events, start-up included`,
  });
}

/** POST /replay/campaigns/{id} {until: end, fresh}: every event of the response topic from offset 0 through scoring's projection code. */
export async function auditReplay(
  report: BenchReport,
  platform: BenchPlatform,
  data: BenchData,
  raw: { messages: number; seconds: number },
  memory: MemorySampler,
): Promise<void> {
  const auditor = await platform.token(Roles.auditor);
  const { result, seconds } = await timed(() =>
    expectJson([200], platform.url('audit'), 'POST', `/replay/campaigns/${data.campaignId}`, {
      token: auditor,
      body: { until: 'end', fresh: true },
    }),
  );
  memory.sample();
  const events = Number(result.body?.read?.messages ?? raw.messages);
  const peak = memory.byScenario.get('audit replay')?.get('audit');
  report.add({
    scenario: 'audit replay',
    metric: 'events/s',
    value: events / seconds,
    unit: '/s',
    baseline: raw.messages / raw.seconds,
    target: { kind: 'ratio', value: 0.5 },
    note: `${events} events read from offset 0 (the audit's count), ${result.body?.read?.seconds ?? '?'} s by its own clock`,
  });
  report.add({
    scenario: 'audit replay',
    metric: 'total',
    value: seconds,
    unit: 's',
    baseline: raw.seconds,
    target: { kind: 'max', value: 60 },
  });
  report.add({
    scenario: 'audit replay',
    metric: 'peak RSS of audit',
    value: peak?.peakRssMb ?? null,
    unit: 'MB',
    baseline: null,
    target: { kind: 'max', value: 300 },
  });
  report.note(`audit replay answered: ${JSON.stringify(result.body).slice(0, 300)}`);
}
