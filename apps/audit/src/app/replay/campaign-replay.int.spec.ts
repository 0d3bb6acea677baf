import {
  canonicalJson,
  createEvent,
  DataOf,
  EventEnvelope,
  GENESIS_HASH,
  platformEvents,
  ResponseData,
  Topics,
  UnitRegistered,
} from '@hailong/contracts';
import { createDirectoryViewMigration, DirectoryView } from '@hailong/directory/view';
import {
  createKafka,
  ensureTopics,
  MessagingConfig,
  messagingConfigFromEnv,
  messagingMigrations,
  prefixed,
} from '@hailong/platform/messaging';
import { runMigrations } from '@hailong/platform/persistence';
import { assertKafkaReachable, createTestDatabase, TestDatabase, uniqueTopicPrefix } from '@hailong/platform/testing';
import { applyScoringEvents, CampaignFigures, campaignFigures, scoringSpecFixtures, scoringTablesSql } from '@hailong/scoring/data-access';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AUDIT_SCHEMA, auditMigrations } from '../migrations';
import { CampaignReplay, CampaignReplayReport, DEFAULT_REPLAY_TUNING } from './campaign-replay';

// Issue 11: the replay counts most responses in memory and writes their cells at checkpoints. Whatever
// the log holds — voids (one before its response), corrections (one voided in turn), a response after the
// close and its correction, a relay's repeat, a second event for one response, a message without headers
// — its figures must be those scoring's projection builds from the same events, and a replay stopped
// between checkpoints must resume to the same figures.

const { IntakeLog, randomResponse, seeded, uuidOf } = scoringSpecFixtures;
const CAMPAIGN = uuidOf('e0000000', 11);
const unit = (n: number) => uuidOf('d0000000', n);
const [P, D, C1, C2, C3] = [1, 2, 3, 4, 5].map(unit);

function directoryLog(): EventEnvelope[] {
  let sequence = 0;
  const registered = (unitId: string, code: string, unitType: DataOf<typeof UnitRegistered>['unitType'], parentId: string | null) => ({
    ...createEvent(
      UnitRegistered,
      unitId,
      { unitId, code, unitType, nameVi: code, nameEn: code, parentId, areaCode: null, validFrom: '2020-01-01' },
      {
        source: 'unit-directory',
        actor: { id: 'spec', kind: 'staff', roles: [] },
        correlationId: 'spec',
      },
    ),
    ledger: { sequence: ++sequence, previousHash: GENESIS_HASH },
  });
  return [
    registered(P, '26', 'provincial-police', null),
    registered(D, '244', 'district-police', P),
    registered(C1, '08740', 'commune-police', D),
    registered(C2, '08734', 'commune-police', D),
    registered(C3, '08737', 'commune-police', D),
  ] as EventEnvelope[];
}

/** The intake log, in the order it is produced, and what scoring must count from it. */
function intakeLog(): { produced: { event: EventEnvelope; headers: boolean }[]; closeSequence: number } {
  const log = new IntakeLog();
  const random = seeded(11);
  const units = [C1, C2, C3];
  const responses = Array.from({ length: 240 }, (_, n) =>
    randomResponse(random, n, CAMPAIGN, units[n % 3], `2022-04-${String(1 + (n % 28)).padStart(2, '0')}`),
  );
  const replaced = (r: ResponseData, n: number): ResponseData => ({
    ...r,
    responseId: uuidOf('c0000000', n),
    answers: r.answers.map((a) => ({ ...a, level: 2 })),
  });
  const produced: { event: EventEnvelope; headers: boolean }[] = [];
  const send = (event: EventEnvelope, headers = true) => produced.push({ event, headers });

  [log.questionnaire(), log.created(CAMPAIGN), log.opened(CAMPAIGN)].forEach((e) => send(e));
  // Response 3's void is produced before its submission (same unit, same partition): scoring ignores the late submission.
  const voidFirst = log.voided(responses[3]);
  send(voidFirst, false);
  const submitted = responses.map((r) => log.submitted(r));
  submitted.forEach((e, n) => n !== 3 && send(e));
  send(submitted[3]);
  send(submitted[10]); // the relay's repeat: the same event again
  send({ ...submitted[11], id: randomUUID() }); // another event for a response already counted
  send(log.voided(responses[0]), false);
  send(log.corrected(responses[1], replaced(responses[1], 5001)));
  const second = replaced(responses[2], 5002);
  send(log.corrected(responses[2], second));
  send(log.voided(second));
  const closing = log.closed(CAMPAIGN);
  send(closing);
  const late = randomResponse(seeded(12), 6000, CAMPAIGN, C2, '2022-05-30');
  send(log.submitted(late));
  send(log.corrected(late, replaced(late, 6001)));
  return { produced, closeSequence: closing.ledger?.sequence as number };
}

describe('campaign replay counts in memory and writes checkpoints (real Kafka and PostgreSQL)', () => {
  let db: TestDatabase;
  let audit: DataSource;
  let expectedSource: DataSource;
  let kafka: Kafka;
  let config: MessagingConfig;
  let producer: Producer;
  const log = intakeLog();
  let expected: CampaignFigures;

  const produce = async (topic: string, messages: { event: EventEnvelope; headers: boolean }[]) => {
    await producer.send({
      topic: prefixed(config, topic),
      acks: -1,
      messages: messages.map(({ event, headers }) => ({
        key: platformEvents.partitionKeyOf(event),
        value: canonicalJson(event),
        headers: headers ? { 'event-id': event.id, 'event-type': event.type } : undefined,
      })),
    });
  };
  const run = (replay: CampaignReplay, fresh: boolean, onProgress?: Parameters<CampaignReplay['run']>[1]) =>
    replay.run({ campaignId: CAMPAIGN, cut: { kind: 'end' }, actorId: 'spec', fresh }, onProgress);
  const withoutClose = (report: CampaignReplayReport) => {
    const { close, ...figures } = report.figures ?? { close: null };
    return { close, figures };
  };

  beforeAll(async () => {
    await assertKafkaReachable();
    db = await createTestDatabase('campaign_replay');
    config = { ...messagingConfigFromEnv('audit'), topicPrefix: uniqueTopicPrefix('campaign-replay'), partitions: 3 };
    kafka = createKafka(config);
    await ensureTopics(kafka, config, [Topics.directoryEvents, Topics.intakeResponses, Topics.scoringEvents]);
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await produce(
      Topics.directoryEvents,
      directoryLog().map((event) => ({ event, headers: true })),
    );
    await produce(Topics.intakeResponses, log.produced);

    audit = await new DataSource({ type: 'postgres', url: db.url, schema: AUDIT_SCHEMA, migrations: auditMigrations }).initialize();
    await runMigrations(audit, AUDIT_SCHEMA);

    // What scoring's projection builds from the same events, all in one batch, in a schema of its own.
    const schema = 'expected';
    expectedSource = await new DataSource({
      type: 'postgres',
      url: db.url,
      schema,
      migrations: [...messagingMigrations(schema), createDirectoryViewMigration(schema)],
    }).initialize();
    await runMigrations(expectedSource, schema);
    for (const sql of scoringTablesSql(schema)) await expectedSource.query(sql);
    await expectedSource.transaction(async (m) => {
      await new DirectoryView(schema).record(m, directoryLog());
      await applyScoringEvents(m, schema, [...new Map(log.produced.map(({ event }) => [event.id, event])).values()]);
    });
    expected = (await campaignFigures(expectedSource.manager, schema, CAMPAIGN)).figures;
  }, 120000);

  afterAll(async () => {
    await producer?.disconnect();
    await audit?.destroy();
    await expectedSource?.destroy();
    await db?.drop();
  });

  it('finds the figures scoring’s projection builds: voids, corrections, a late response, repeats and a message without headers', async () => {
    // The fixture is what it claims: 240 responses, three taken out (one voided before it came), one late.
    expect(expected.responses).toEqual({ onTime: 237, late: 1 });
    const report = await run(new CampaignReplay(audit, kafka, config), true);
    const { close, figures } = withoutClose(report);
    expect(figures).toEqual(expected);
    expect(close).toMatchObject({ ledgerSequence: log.closeSequence });
    expect(report.read).toMatchObject({ messages: 5 + log.produced.length, duplicates: 2, undecodable: 0 });
  });

  it('resumes a replay stopped between checkpoints: what was counted after the last one is dropped and read again', async () => {
    // A checkpoint before every window (a window is at least one fetched batch of a partition); the run stops
    // after its second window of responses, which only replay_counted and memory hold.
    const tuning = { ...DEFAULT_REPLAY_TUNING, windowMessages: 40, checkpointMs: 0 };
    let windows = 0;
    const stopping = run(new CampaignReplay(audit, kafka, config, tuning), true, (progress) => {
      if (progress.phase === 'responses' && progress.done > 0 && ++windows === 2) throw new Error('stopped by the spec');
    });
    await expect(stopping).rejects.toThrow('stopped by the spec');
    const [state]: { checkpoint: number; after: number; finished: boolean }[] = await audit.query(
      `SELECT r.checkpoint, (SELECT count(*)::int FROM audit.replay_counted c WHERE c.checkpoint > r.checkpoint) AS after,
              r.finished_at IS NOT NULL AS finished
         FROM audit.replays r ORDER BY started_at DESC LIMIT 1`,
    );
    // Stopped between checkpoints, with responses counted in memory only.
    expect(state.finished).toBe(false);
    expect(state.checkpoint).toBe(2);
    expect(state.after).toBeGreaterThan(0);

    const resumed = await run(new CampaignReplay(audit, kafka, config, tuning), false);
    expect(resumed.resumed).toBe(true);
    expect(resumed.read.messages).toBeLessThan(log.produced.length);
    expect(withoutClose(resumed).figures).toEqual(expected);
  });
});
