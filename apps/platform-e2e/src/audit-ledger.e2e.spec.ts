import {
  ALL_TOPICS,
  canonicalJson,
  createEvent,
  platformEvents,
  ResponseSubmitted,
  Role,
  Roles,
  sha256Hex,
  UnplacedEvent,
} from '@hailong/contracts';
import { generateSigningKeyPair, issueTestToken } from '@hailong/platform/auth';
import {
  createKafka,
  messagingMigrations,
  MessagingConfig,
  messagingConfigFromEnv,
  OutboxRelay,
  OutboxWriter,
  prefixed,
  readTopicToEnd,
} from '@hailong/platform/messaging';
import { runMigrations } from '@hailong/platform/persistence';
import {
  assertKafkaReachable,
  createTestDatabase,
  eventually,
  ServiceProcess,
  TestDatabase,
  testBrokers,
  uniqueTopicPrefix,
} from '@hailong/platform/testing';
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { callService } from './platform';

/**
 * Audit I, items 2–4, end to end on the real broker and database: the directory and the audit run as
 * separate processes from their builds; the re-inspection commands run as processes from theirs.
 *
 * Intake's ledger: intake is being rewritten (issue 4), so this spec writes intake's events through the
 * platform's own outbox and relay (the code every service publishes with, on the real PostgreSQL and
 * Kafka), as the backbone integration spec does. Its relay retry is the database state a relay killed
 * between sending and marking leaves (placed, sent, not marked); the directory's is the real
 * HAILONG_FAULT=relay-after-send kill. Tampered logs are real Kafka topics: the events copied with a
 * producer into new prefixed topics, one fault in each copy.
 */
const BASE_PORT = 3241;
const RESPONSES = 12;
/** The relay "crashes" after sending places 6–7, so they are sent twice. */
const RESENT = [6, 7];
const RECEIPT_PLACE = 2;
const ALTERED_PLACE = 3;
const REMOVED_PLACE = 8;
const INSERTED_PLACE = 10;
/** Both of unit A (odd places), so in one partition. */
const SWAPPED_PLACES = [9, 11];

interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(command: 'verify-ledger' | 'verify-receipt' | 'export-topics', args: string[]): Promise<CommandResult> {
  const main = join(process.cwd(), 'dist', 'apps', 'audit', 'cli', `${command}.js`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [main, ...args],
      { env: { ...process.env, KAFKA_BROKERS: testBrokers() }, timeout: 120000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const json = (result: CommandResult) => {
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
};

describe('audit: ledger verification, signed checkpoints and receipts', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let directory: ServiceProcess;
  let audit: ServiceProcess;
  let authPrivateKey: string;
  let config: MessagingConfig;
  let kafka: Kafka;
  let intakeDb: DataSource;
  let intakeOutbox: OutboxWriter;
  let intakeRelay: OutboxRelay;
  /** Intake's relay: the platform's own, on the test's database and topics. */
  const startIntakeRelay = () => {
    const relay = new OutboxRelay(db.url, 'intake', kafka, config, {
      log: () => undefined,
      warn: () => undefined,
      error: (m) => console.error(m),
    });
    relay.start();
    return relay;
  };
  const work = mkdtempSync(join(tmpdir(), 'hailong-audit-'));
  const checkpointKey = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const unitA = randomUUID();
  const unitB = randomUUID();
  /** place → response id, in intake's ledger. */
  const responseAt = new Map<number, string>();
  let receipt: Record<string, unknown> & { checkpoint: Record<string, unknown> };
  const files = { receipt: join(work, 'receipt.json'), keys: join(work, 'keys.json'), export: join(work, 'log.jsonl') };
  const copies = {
    untouched: '',
    altered: '',
    removed: '',
    inserted: '',
    swapped: '',
  };

  const token = (role: Role) => issueTestToken(authPrivateKey, { sub: `${role}-1`, roles: [role] });
  const call = async (service: ServiceProcess, method: string, path: string, role?: Role, body?: unknown) =>
    callService(service, method, path, { token: role ? await token(role) : undefined, body });

  const response = (n: number): UnplacedEvent => {
    const responseId = randomUUID();
    return createEvent(
      ResponseSubmitted,
      responseId,
      {
        responseId,
        campaignId: null,
        unitId: n % 2 === 1 ? unitA : unitB,
        channel: 'paper',
        questionnaire: { questionnaireId: 'current', version: 1 },
        procedureId: 'id-card',
        serviceDate: '2022-04-12',
        collectedBy: { kind: 'surveyor', id: 'surveyor-01' },
        form: { startedAt: null, finishedAt: null },
        answers: [
          { itemId: 'A1', level: (n % 5) + 1 },
          { itemId: 'B1', level: ((n + 2) % 5) + 1 },
        ],
        expectations: [],
        profileGroups: {},
        personal: null,
      },
      { source: 'survey-intake', actor: { id: 'surveyor-01', kind: 'staff', roles: ['surveyor'] }, correlationId: responseId },
    );
  };

  type Envelope = { id: string; source: string; ledger: { sequence: number; previousHash: string } | null; data: Record<string, unknown> };
  /** Per "topic/partition" of the platform topics under a prefix: the partition count and its message values in offset order. */
  type Log = Map<string, { topic: string; partition: number; values: Buffer[] }>;

  const readAll = async (prefix: string): Promise<{ log: Log; partitions: Map<string, number> }> => {
    const log: Log = new Map();
    const partitions = new Map<string, number>();
    const cfg = { ...config, topicPrefix: prefix };
    const admin = kafka.admin();
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    for (const topic of ALL_TOPICS.filter((t) => existing.has(prefixed(cfg, t)))) {
      const offsets = await admin.fetchTopicOffsets(prefixed(cfg, topic));
      partitions.set(topic, offsets.length);
      for (const o of offsets) log.set(`${topic}/${o.partition}`, { topic, partition: o.partition, values: [] });
    }
    await admin.disconnect();
    for (const topic of partitions.keys()) {
      // Batches of one partition arrive in offset order.
      await readTopicToEnd(kafka, cfg, topic, async (partition, messages: readonly KafkaMessage[]) => {
        (log.get(`${topic}/${partition}`) as { values: Buffer[] }).values.push(...messages.map((m) => m.value as Buffer));
      });
    }
    return { log, partitions };
  };

  const parse = (value: Buffer): Envelope | null => {
    try {
      return JSON.parse(value.toString('utf8')) as Envelope;
    } catch {
      return null;
    }
  };
  const isIntakeAt = (place: number) => (value: Buffer) => {
    const e = parse(value);
    return e?.source === 'survey-intake' && e.ledger?.sequence === place;
  };
  /** The first copy of intake's event at a ledger place: its partition's values, its index there, the event. */
  const locate = (log: Log, place: number) => {
    for (const entry of log.values()) {
      const index = entry.values.findIndex(isIntakeAt(place));
      if (index >= 0) return { values: entry.values, index, envelope: parse(entry.values[index]) as Envelope };
    }
    throw new Error(`no intake event at place ${place}`);
  };
  const idAt = async (place: number) => locate((await readAll(config.topicPrefix)).log, place).envelope.id;

  /**
   * Copies every platform topic into `<platform prefix>copy-<name>.` with a producer, same partition
   * count, partition by partition in offset order, after `tamper` has changed the copied values.
   */
  const copyLog = async (name: string, tamper: (log: Log) => void) => {
    const { log, partitions } = await readAll(config.topicPrefix);
    tamper(log);
    const target = `${config.topicPrefix}copy-${name}.`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [...partitions].map(([topic, numPartitions]) => ({
        topic: `${target}${topic}`,
        numPartitions,
        replicationFactor: 1,
        configEntries: [{ name: 'retention.ms', value: '-1' }],
      })),
    });
    await admin.disconnect();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    for (const { topic, partition, values } of log.values()) {
      if (values.length > 0)
        await producer.send({ topic: `${target}${topic}`, acks: -1, messages: values.map((value) => ({ partition, value })) });
    }
    await producer.disconnect();
    return target;
  };

  beforeAll(async () => {
    await assertKafkaReachable();
    db = await createTestDatabase('audit_ledger');
    const authKeys = await generateSigningKeyPair();
    authPrivateKey = authKeys.privateKeyPem;
    const topicPrefix = uniqueTopicPrefix('audit-ledger');
    env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testBrokers(),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_PARTITIONS: '3',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      OUTBOX_IDLE_MS: '100',
      AUTH_SIGNING_KEY: authKeys.privateKeyPem,
      AUTH_PUBLIC_KEY: authKeys.publicKeyPem,
      AUTH_BOOTSTRAP_ADMIN_USERNAME: 'admin',
      AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'e2e-admin-password-long',
      AUDIT_CHECKPOINT_SIGNING_KEY: checkpointKey.privateKey,
      AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
    };
    directory = new ServiceProcess('unit-directory', BASE_PORT, env);
    audit = new ServiceProcess('audit', BASE_PORT + 3, env);
    await directory.start(); // creates the topics
    await audit.start();

    config = { ...messagingConfigFromEnv('survey-intake', env), outboxIdleMs: 50 };
    kafka = createKafka({ ...config, clientId: 'audit-e2e' });
    intakeDb = await new DataSource({
      type: 'postgres',
      url: db.url,
      schema: 'intake',
      migrations: messagingMigrations('intake'),
    }).initialize();
    await runMigrations(intakeDb, 'intake');
    intakeOutbox = new OutboxWriter('intake', 'survey-intake', platformEvents);
    intakeRelay = startIntakeRelay();
  });

  afterAll(async () => {
    await intakeRelay?.stop();
    await intakeDb?.destroy();
    await Promise.all([directory?.stop('SIGTERM'), audit?.stop('SIGTERM')]);
    await db?.drop();
  });

  it('directory: a registration sent twice by a relay killed between sending and marking', async () => {
    const register = async (body: Record<string, unknown>) =>
      call(directory, 'POST', '/units', Roles.directoryEditor, { validFrom: '2020-01-01', ...body });
    const province = await register({
      code: '98',
      unitType: 'provincial-police',
      nameVi: 'Công an tỉnh Thử',
      nameEn: 'Test Provincial Police',
    });
    expect(province.status).toBe(201);
    const district = await register({
      code: '981',
      unitType: 'district-police',
      nameVi: 'Công an huyện Thử',
      nameEn: 'Test District Police',
      parentId: province.body.unitId,
    });
    expect(district.status).toBe(201);
    await directory.stop('SIGTERM');
    await directory.start({ HAILONG_FAULT: 'relay-after-send' });
    await register({
      code: '98001',
      unitType: 'commune-police',
      nameVi: 'Công an xã Một',
      nameEn: 'Mot Commune Police',
      parentId: district.body.unitId,
    }).catch(() => undefined);
    expect(await directory.waitForExit()).toBe(-1);
    await directory.start();
    const events = await eventually(async () => {
      const { log } = await readAll(config.topicPrefix);
      const ids = [...log.values()].filter((e) => e.topic === 'hailong.directory.events').flatMap((e) => e.values.map((v) => parse(v)?.id));
      expect(ids.length).toBe(new Set(ids).size + 1);
      return ids;
    });
    expect(new Set(events).size).toBe(3);
  });

  it(`intake: ${RESPONSES} responses through the outbox and relay, places ${RESENT.join(' and ')} sent again after a crash before marking`, async () => {
    for (let n = 1; n <= RESPONSES; n += 1) {
      const event = response(n);
      await intakeDb.transaction((manager) => intakeOutbox.append(manager, [event]));
      // One at a time, so places follow n (and so the units: odd places are unit A's).
      const [{ sequence }] = await eventually(async () => {
        const rows: { sequence: string }[] = await intakeDb.query(
          `SELECT ledger_sequence AS sequence FROM intake.outbox WHERE id = $1 AND published_at IS NOT NULL`,
          [event.id],
        );
        expect(rows).toHaveLength(1);
        return rows;
      });
      responseAt.set(Number(sequence), (event.data as { responseId: string }).responseId);
    }
    expect([...responseAt.keys()]).toEqual(Array.from({ length: RESPONSES }, (_, i) => i + 1));
    // Exactly what a relay killed after sending and before marking leaves behind; the relay that takes
    // its place sends them again (a running relay only sends what it has not placed itself).
    await intakeRelay.stop();
    await intakeDb.query(`UPDATE intake.outbox SET published_at = NULL WHERE ledger_sequence = ANY($1::bigint[])`, [RESENT]);
    intakeRelay = startIntakeRelay();
    await eventually(async () => {
      const { log } = await readAll(config.topicPrefix);
      const intake = [...log.values()].filter((e) => e.topic === 'hailong.intake.responses').flatMap((e) => e.values);
      expect(intake).toHaveLength(RESPONSES + RESENT.length);
    });
  });

  it('publishes the checkpoint key without a token; signing needs the auditor or admin role', async () => {
    const keys = await call(audit, 'GET', '/checkpoints/keys');
    expect(keys.status).toBe(200);
    expect(keys.body.keys).toEqual([
      expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', status: 'active', kid: expect.stringMatching(/^[\w-]{43}$/) }),
    ]);
    writeFileSync(files.keys, JSON.stringify(keys.body));
    expect((await call(audit, 'POST', '/checkpoints')).status).toBe(401);
    expect((await call(audit, 'POST', '/checkpoints', Roles.viewer)).status).toBe(403);
    expect((await call(audit, 'POST', '/ledger/verifications', Roles.surveyor)).status).toBe(403);
  });

  it('signs each ledger’s verified head and publishes it as LedgerCheckpointSigned', async () => {
    // The audit's index has read every intake event once each response has a receipt.
    await eventually(async () => {
      for (const id of responseAt.values()) expect((await call(audit, 'GET', `/receipts/${id}`)).status).toBe(200);
    });
    const signed = await eventually(async () => {
      const reply = await call(audit, 'POST', '/checkpoints', Roles.auditor);
      expect(reply.status).toBe(201);
      const heads = Object.fromEntries(
        reply.body.ledgers.map((l: { ledger: string; verifiedHead: { sequence: number } | null }) => [
          l.ledger,
          l.verifiedHead?.sequence ?? 0,
        ]),
      );
      expect(heads).toMatchObject({ 'survey-intake': RESPONSES, 'unit-directory': 3 });
      return (await call(audit, 'GET', '/checkpoints')).body.checkpoints as {
        ledger: string;
        sequence: number;
        reason: string;
        keyId: string;
      }[];
    });
    expect(signed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ledger: 'survey-intake', sequence: RESPONSES, reason: 'on-demand' }),
        expect.objectContaining({ ledger: 'unit-directory', sequence: 3 }),
      ]),
    );
    const again = await call(audit, 'POST', '/checkpoints', Roles.admin);
    expect(again.body.signed.filter((c: { ledger: string }) => c.ledger !== 'audit')).toEqual([]); // nothing moved
    await eventually(async () => {
      const { log } = await readAll(config.topicPrefix);
      const published = [...log.values()]
        .filter((e) => e.topic === 'hailong.audit.events')
        .flatMap((e) => e.values.map((v) => platformEvents.decode(v)));
      expect(published.map((e) => e.type)).toContain('LedgerCheckpointSigned');
      expect(
        published.some(
          (e) =>
            (e.data as { ledger: string; sequence: number }).ledger === 'survey-intake' &&
            (e.data as { sequence: number }).sequence === RESPONSES,
        ),
      ).toBe(true);
    });
  });

  it('gives a receipt for an accepted response, with the checkpoint covering it; 400 for a malformed id, 404 for an unknown one', async () => {
    const reply = await call(audit, 'GET', `/receipts/${responseAt.get(RECEIPT_PLACE)}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      responseId: responseAt.get(RECEIPT_PLACE),
      eventType: 'ResponseSubmitted',
      ledger: 'survey-intake',
      sequence: RECEIPT_PLACE,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      location: { topic: 'hailong.intake.responses' },
      status: 'covered',
      checkpoint: { ledger: 'survey-intake', sequence: RESPONSES, algorithm: 'Ed25519' },
    });
    receipt = reply.body;
    writeFileSync(files.receipt, JSON.stringify(receipt));
    const { envelope } = locate((await readAll(config.topicPrefix)).log, RECEIPT_PLACE);
    expect(receipt['hash']).toBe(sha256Hex(canonicalJson(envelope)));
    expect(receipt['eventId']).toBe(envelope.id);

    const malformed = await call(audit, 'GET', '/receipts/not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0]).toMatchObject({ field: 'responseId' });
    const unknown = await call(audit, 'GET', `/receipts/${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.messageVi).toBeTruthy();
  });

  it('verifies every ledger from the topics through the API: no fault, the relay repeats counted apart', async () => {
    const reply = await call(audit, 'POST', '/ledger/verifications', Roles.auditor);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ok: true, faults: 0, foreign: [] });
    const byLedger = Object.fromEntries(reply.body.ledgers.map((l: { ledger: string }) => [l.ledger, l]));
    expect(byLedger['survey-intake']).toMatchObject({
      events: RESPONSES,
      relayRetries: RESENT.length,
      lastGood: { sequence: RESPONSES },
      faults: [],
    });
    expect(byLedger['unit-directory']).toMatchObject({ events: 3, relayRetries: 1, faults: [] });
    expect(byLedger['audit'].faults).toEqual([]);
  });

  let insertedEventId = '';
  it('makes five copies of the log as real topics: one untouched, four with one fault each', async () => {
    copies.untouched = await copyLog('untouched', () => undefined);
    copies.altered = await copyLog('altered', (log) => {
      const { values, index, envelope } = locate(log, ALTERED_PLACE);
      const answers = envelope.data['answers'] as { level: number }[];
      answers[0].level = 1 + (answers[0].level % 5);
      values[index] = Buffer.from(canonicalJson(envelope));
    });
    copies.removed = await copyLog('removed', (log) => {
      const { values, index } = locate(log, REMOVED_PLACE);
      values.splice(index, 1);
    });
    copies.inserted = await copyLog('inserted', (log) => {
      const before = locate(log, INSERTED_PLACE - 1).envelope;
      const victim = locate(log, INSERTED_PLACE);
      const responseId = randomUUID();
      // A forged response in a plausible place: the victim's, linked to the event before it.
      const forged = {
        ...victim.envelope,
        id: randomUUID(),
        subject: responseId,
        data: { ...victim.envelope.data, responseId },
        ledger: { sequence: INSERTED_PLACE, previousHash: sha256Hex(canonicalJson(before)) },
      };
      victim.values.splice(victim.index + 1, 0, Buffer.from(canonicalJson(forged)));
      insertedEventId = forged.id;
    });
    copies.swapped = await copyLog('swapped', (log) => {
      const [a, b] = SWAPPED_PLACES.map((place) => locate(log, place));
      if (a.values !== b.values) throw new Error('the swapped responses must share a partition');
      [a.values[a.index], a.values[b.index]] = [a.values[b.index], a.values[a.index]];
    });
    expect(Object.values(copies).every((prefix) => prefix.startsWith(`${config.topicPrefix}copy-`))).toBe(true);
  });

  const verifyCopy = async (prefix: string) => {
    const result = await runCli('verify-ledger', ['--topic-prefix', prefix, '--keys', files.keys, '--json']);
    const report = json(result);
    return { code: result.code, report, intake: report.ledgers.find((l: { ledger: string }) => l.ledger === 'survey-intake') };
  };
  it('verify-ledger on the untouched copy: no fault, the relay repeats kept and counted', async () => {
    const { code, report, intake } = await verifyCopy(copies.untouched);
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, faults: 0, rejectedCheckpoints: [] });
    expect(intake).toMatchObject({ events: RESPONSES, relayRetries: RESENT.length, checkpoints: 1, lastGood: { sequence: RESPONSES } });
    expect(report.ledgers.find((l: { ledger: string }) => l.ledger === 'unit-directory').relayRetries).toBe(1);
  });

  it(`verify-ledger on the altered copy names the response at place ${ALTERED_PLACE} as altered`, async () => {
    const { code, report, intake } = await verifyCopy(copies.altered);
    expect(code).toBe(1);
    expect(report.faults).toBe(1);
    expect(intake.faults).toEqual([
      expect.objectContaining({ kind: 'altered', sequence: ALTERED_PLACE, eventId: await idAt(ALTERED_PLACE) }),
    ]);
    expect(intake.lastGood.sequence).toBe(ALTERED_PLACE - 1);
  });

  it(`verify-ledger on the copy with a response removed names place ${REMOVED_PLACE} as missing`, async () => {
    const { code, report, intake } = await verifyCopy(copies.removed);
    expect(code).toBe(1);
    expect(report.faults).toBe(1);
    expect(intake.faults).toEqual([
      expect.objectContaining({
        kind: 'missing',
        sequence: REMOVED_PLACE,
        lastSequence: REMOVED_PLACE,
        relatedEventId: await idAt(REMOVED_PLACE + 1),
      }),
    ]);
    expect(intake.lastGood.sequence).toBe(REMOVED_PLACE - 1);
  });

  it('verify-ledger on the copy with a forged response names the inserted event', async () => {
    const { code, report, intake } = await verifyCopy(copies.inserted);
    expect(code).toBe(1);
    expect(report.faults).toBe(1);
    expect(intake.faults).toEqual([
      expect.objectContaining({
        kind: 'inserted',
        sequence: INSERTED_PLACE,
        eventId: insertedEventId,
        relatedEventId: await idAt(INSERTED_PLACE),
      }),
    ]);
  });

  it(`verify-ledger on the copy with places ${SWAPPED_PLACES.join(' and ')} swapped names both as reordered`, async () => {
    const { code, intake } = await verifyCopy(copies.swapped);
    expect(code).toBe(1);
    expect(intake.faults.length).toBeGreaterThan(0);
    expect(intake.faults.every((f: { kind: string }) => f.kind === 'reordered')).toBe(true);
    const named = new Set(intake.faults.flatMap((f: { eventId: string; relatedEventId: string }) => [f.eventId, f.relatedEventId]));
    for (const id of await Promise.all(SWAPPED_PLACES.map(idAt))) expect(named.has(id)).toBe(true);
    expect(intake.lastGood.sequence).toBe(SWAPPED_PLACES[0] - 1);
  });

  it('verify-receipt: the receipt verifies against the log and the untouched copy, and fails against the altered and the removed copy', async () => {
    const args = (prefix: string) => ['--receipt', files.receipt, '--keys', files.keys, '--topic-prefix', prefix, '--json'];
    const live = await runCli('verify-receipt', args(config.topicPrefix));
    expect(live.code).toBe(0);
    expect(json(live)).toMatchObject({ verified: true, placesChecked: RESPONSES - RECEIPT_PLACE + 1 });
    expect((await runCli('verify-receipt', args(copies.untouched))).code).toBe(0);
    const altered = await runCli('verify-receipt', args(copies.altered));
    expect(altered.code).toBe(1);
    expect(json(altered)).toMatchObject({ verified: false, reason: expect.stringContaining(`place ${ALTERED_PLACE}`) });
    const removed = await runCli('verify-receipt', args(copies.removed));
    expect(json(removed)).toMatchObject({ verified: false, reason: expect.stringContaining(`place ${REMOVED_PLACE}`) });
  });

  it('verify-receipt: a checkpoint with a forged signature fails, whether random or made with another key under the published key id', async () => {
    const mallory = generateKeyPairSync('ed25519');
    const forgedFiles = [
      { ...receipt, checkpoint: { ...receipt.checkpoint, signature: Buffer.alloc(64, 7).toString('base64url') } },
      {
        ...receipt,
        checkpoint: { ...receipt.checkpoint, signature: sign(null, Buffer.from('anything'), mallory.privateKey).toString('base64url') },
      },
      { ...receipt, checkpoint: { ...receipt.checkpoint, sequence: RESPONSES - 1 } },
    ];
    for (const [i, forged] of forgedFiles.entries()) {
      const file = join(work, `forged-${i}.json`);
      writeFileSync(file, JSON.stringify(forged));
      const result = await runCli('verify-receipt', [
        '--receipt',
        file,
        '--keys',
        files.keys,
        '--topic-prefix',
        config.topicPrefix,
        '--json',
      ]);
      expect(result.code).toBe(1);
      expect(json(result)).toMatchObject({ verified: false, reason: expect.stringContaining('forged or altered') });
    }
  });

  it('exports the log to a file and checks the ledgers and the receipt from it, away from Kafka', async () => {
    const exported = await runCli('export-topics', ['--topic-prefix', config.topicPrefix, '--out', files.export]);
    expect(exported.code).toBe(0);
    const ledger = await runCli('verify-ledger', ['--from-export', files.export, '--keys', files.keys, '--json']);
    expect(ledger.code).toBe(0);
    expect(json(ledger)).toMatchObject({ ok: true });
    const checked = await runCli('verify-receipt', ['--receipt', files.receipt, '--keys', files.keys, '--from-export', files.export]);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain('VERIFIED');
  });

  it('refuses a topic prefix under which no platform topic exists, rather than reporting an untouched log', async () => {
    const result = await runCli('verify-ledger', ['--topic-prefix', `${config.topicPrefix}nothing-here.`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no platform topic exists');
  });

  it('signs periodically, and after a key rotation signs with the new key while the old receipt still verifies', async () => {
    const next = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    await audit.stop('SIGTERM');
    await audit.start({
      AUDIT_CHECKPOINT_SIGNING_KEY: next.privateKey,
      AUDIT_CHECKPOINT_RETIRED_KEYS: checkpointKey.publicKey,
      AUDIT_CHECKPOINT_INTERVAL_SECONDS: '1',
    });
    const keys = (await call(audit, 'GET', '/checkpoints/keys')).body.keys as { kid: string; status: string }[];
    expect(keys.map((k) => k.status)).toEqual(['active', 'retired']);
    expect(keys[1].kid).toBe(receipt.checkpoint['keyId']);
    const rotatedKeys = join(work, 'keys-rotated.json');
    writeFileSync(rotatedKeys, JSON.stringify({ keys }));

    const event = response(RESPONSES + 1);
    await intakeDb.transaction((manager) => intakeOutbox.append(manager, [event]));
    const latest = await eventually(
      async () => {
        const checkpoints = (await call(audit, 'GET', '/checkpoints')).body.checkpoints as {
          ledger: string;
          sequence: number;
          reason: string;
          keyId: string;
        }[];
        const intake = checkpoints.find((c) => c.ledger === 'survey-intake');
        expect(intake).toMatchObject({ sequence: RESPONSES + 1, reason: 'periodic', keyId: keys[0].kid });
        return intake;
      },
      { timeoutMs: 30000, intervalMs: 500 },
    );
    expect(latest?.keyId).not.toBe(receipt.checkpoint['keyId']);
    const old = await runCli('verify-receipt', ['--receipt', files.receipt, '--keys', rotatedKeys, '--topic-prefix', config.topicPrefix]);
    expect(old.code).toBe(0);
    const fresh = (await call(audit, 'GET', `/receipts/${(event.data as { responseId: string }).responseId}`)).body;
    expect(fresh).toMatchObject({ sequence: RESPONSES + 1, status: 'covered', checkpoint: { keyId: keys[0].kid } });
  });
});
