import { deadLetterTopic, platformEvents, Roles, Topics } from '@hailong/contracts';
import { createKafka, messagingConfigFromEnv, prefixed, readTopicToEnd } from '@hailong/platform/messaging';
import { assertKafkaReachable, eventually } from '@hailong/platform/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TestPlatform } from './platform';

const ITEMS = ['A1', 'A2', 'A3', 'B1', 'B2'];

/**
 * One event through the whole platform, on the real broker and database, with the services as
 * separate processes: directory → intake → scoring, and the audit's rebuild from the log alone.
 */
describe('walking skeleton', () => {
  let platform: TestPlatform;
  let db: Client;
  let unitId: string;
  let campaignId: string;
  const accepted = new Map<string, string>(); // idempotency key → response id
  let surveyor: string;

  const kafkaFor = () => createKafka({ ...messagingConfigFromEnv('audit'), clientId: 'e2e' });
  const answers = (n: number) => ITEMS.map((itemId, i) => ({ itemId, level: ((n + i) % 5) + 1 }));
  /** A paper form of the open campaign: its unit, a procedure that unit handles, a service date in the period. */
  const form = (key: string, n: number) => ({
    idempotencyKey: key,
    campaignId,
    unitId,
    procedureId: 'id-card',
    serviceDate: '2022-04-12',
    answers: answers(n),
  });
  const submit = async (key: string, n: number) => {
    const reply = await platform.call('survey-intake', 'POST', '/responses', { token: surveyor, body: form(key, n) });
    if (reply.status === 201 || reply.status === 200) accepted.set(key, reply.body.responseId);
    return reply;
  };
  const scoringFigure = async () =>
    (await platform.call('scoring', 'GET', `/units/${unitId}/satisfaction`, { token: await platform.token(Roles.viewer) })).body;

  /** The expected figure, computed here from what intake acknowledged. */
  const expectedSatisfied = () => {
    let satisfied = 0;
    const ns = [...accepted.keys()].map((k) => Number(k.split('-').pop()));
    for (const n of ns) satisfied += answers(n).filter((a) => a.level >= 4).length;
    return { sampleSize: ns.length, validAnswers: ns.length * ITEMS.length, satisfiedAnswers: satisfied };
  };

  beforeAll(async () => {
    await assertKafkaReachable();
    platform = await TestPlatform.start('skeleton', 3201);
    process.env['KAFKA_TOPIC_PREFIX'] = platform.topicPrefix;
    db = new Client({ connectionString: platform.db.url });
    await db.connect();
    surveyor = await platform.token(Roles.surveyor);
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  it('answers 401 without a token and 403 with a role the endpoint does not admit', async () => {
    const body = { code: '08740', unitType: 'commune-police', nameVi: 'x', nameEn: 'x', validFrom: '2020-01-01' };
    expect((await platform.call('unit-directory', 'POST', '/units', { body })).status).toBe(401);
    expect((await platform.call('unit-directory', 'POST', '/units', { body, token: await platform.token(Roles.viewer) })).status).toBe(403);
    expect((await platform.call('scoring', 'GET', `/units/${randomUUID()}/satisfaction`, { token: surveyor })).status).toBe(403);
    expect((await platform.call('audit', 'POST', '/replay', { token: await platform.token(Roles.viewer) })).status).toBe(403);
  });

  it('signs in the bootstrap admin through the directory’s local issuer', async () => {
    const reply = await platform.call('unit-directory', 'POST', '/auth/token', {
      body: { username: 'admin', password: 'e2e-admin-password-long' },
    });
    expect(reply.status).toBe(200);
    const me = await platform.call('unit-directory', 'GET', '/auth/me', { token: reply.body.accessToken });
    expect(me.body.roles).toContain('admin');
  });

  it('registers a unit in the directory, intake learns it from the directory topic and opens a campaign for it', async () => {
    const editor = await platform.token(Roles.directoryEditor);
    const province = await platform.call('unit-directory', 'POST', '/units', {
      token: editor,
      body: {
        code: '26',
        unitType: 'provincial-police',
        nameVi: 'Công an tỉnh Vĩnh Phúc',
        nameEn: 'Vinh Phuc Provincial Police',
        validFrom: '2020-01-01',
      },
    });
    expect(province.status).toBe(201);
    const reply = await platform.call('unit-directory', 'POST', '/units', {
      token: editor,
      body: {
        parentId: province.body.unitId,
        code: '08740',
        unitType: 'commune-police',
        nameVi: 'Công an phường Trưng Nhị',
        nameEn: 'Trung Nhi Ward Police',
        validFrom: '2020-01-01',
      },
    });
    expect(reply.status).toBe(201);
    unitId = reply.body.unitId;
    const manager = await platform.token(Roles.campaignManager);
    // A campaign's scope must name units the directory has published: intake learns them a moment later.
    const campaign = await eventually(async () => {
      const created = await platform.call('survey-intake', 'POST', '/campaigns', {
        token: manager,
        body: {
          nameVi: 'Khảo sát 2022',
          nameEn: 'Survey 2022',
          period: { from: '2022-04-01', to: '2022-05-31' },
          scope: { unitIds: [unitId] },
          methods: ['paper'],
          targetSample: { perUnit: 30 },
        },
      });
      expect(created.status).toBe(201);
      return created.body;
    });
    campaignId = campaign.campaignId;
    expect((await platform.call('survey-intake', 'POST', `/campaigns/${campaignId}/open`, { token: manager })).status).toBe(200);
    expect((await submit('key-warmup-0', 0)).status).toBe(201);
  });

  it('refuses a response for a unit it does not know, naming the field', async () => {
    const reply = await platform.call('survey-intake', 'POST', '/responses', {
      token: surveyor,
      body: { ...form('key-unknown-unit', 1), unitId: randomUUID() },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0]).toMatchObject({ field: 'unitId', reason: 'unknown unit' });
  });

  it('refuses a level outside 1–5 with a 400 naming the field', async () => {
    const reply = await platform.call('survey-intake', 'POST', '/responses', {
      token: surveyor,
      body: { ...form('key-bad-level', 1), answers: [{ itemId: 'A1', level: 6 }] },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].field).toBe('answers.0.level');
  });

  it('refuses a body over the size limit with 413, before anything is written', async () => {
    const huge = { ...form('key-huge', 1), padding: 'x'.repeat(300 * 1024) };
    const reply = await fetch(`${platform.services['survey-intake'].url}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${surveyor}` },
      body: JSON.stringify(huge),
    });
    expect(reply.status).toBe(413);
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM intake.responses WHERE idempotency_key = 'key-huge'`)).rows;
    expect(n).toBe(0);
  });

  it('gives one response id for the same submission sent twice, and scoring counts it once', async () => {
    const first = await submit('key-twice-1', 1);
    const second = await submit('key-twice-1', 1);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.responseId).toBe(first.body.responseId);
    const reused = await submit('key-twice-1', 2);
    expect(reused.status).toBe(409);
    expect(reused.body.errors[0].field).toBe('idempotencyKey');
    for (let n = 2; n <= 5; n += 1) expect((await submit(`key-more-${n}`, n)).status).toBe(201);
    await eventually(async () => expect(await scoringFigure()).toMatchObject(expectedSatisfied()));
  });

  it('answers each accepted response with its receipt path, where the audit shows its ledger place and hash once placed', async () => {
    const accepted = await submit('key-receipt-1', 1);
    expect(accepted.body.receiptPath).toBe(`/api/audit/receipts/${accepted.body.responseId}`);
    const receipt = await eventually(async () => {
      const reply = await platform.call('audit', 'GET', accepted.body.receiptPath.replace('/api/audit', ''));
      expect(reply.status).toBe(200);
      return reply.body;
    });
    expect(receipt).toMatchObject({ responseId: accepted.body.responseId, eventType: 'ResponseSubmitted', ledger: 'survey-intake' });
    expect(receipt.sequence).toBeGreaterThan(0);
    expect(receipt.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('counts every response once after scoring is killed between its database commit and its Kafka commit', async () => {
    const scoring = platform.services.scoring;
    await scoring.stop('SIGTERM');
    for (let n = 6; n <= 15; n += 1) expect((await submit(`key-kill-${n}`, n)).status).toBe(201);
    // The fault point kills the process with SIGKILL right after the first transaction commits.
    const exit = await scoring.launch({ HAILONG_FAULT: 'consumer-after-commit' });
    expect(exit).toBe(-1);
    const [{ responses }] = (
      await db.query(`SELECT COALESCE(SUM(count), 0)::int AS responses FROM scoring.score_cells WHERE unit_id = $1 AND kind = 'pattern'`, [
        unitId,
      ])
    ).rows;
    expect(responses).toBeGreaterThan(6); // the killed process had committed some of the new ones
    await scoring.start();
    await eventually(async () => expect(await scoringFigure()).toMatchObject(expectedSatisfied()));
  });

  it('repeats the same ids at the same ledger places after the relay is killed between sending and marking, and no figure changes', async () => {
    const intake = platform.services['survey-intake'];
    await intake.stop('SIGTERM');
    await intake.start({ HAILONG_FAULT: 'relay-after-send' });
    // The process may die before its HTTP answer leaves: the client retries with the same key.
    await submit('key-relay-16', 16).catch(() => undefined);
    expect(await intake.waitForExit()).toBe(-1);
    await intake.start();
    const retry = await submit('key-relay-16', 16);
    expect([200, 201]).toContain(retry.status);

    const events = await eventually(async () => {
      const found: ReturnType<typeof platformEvents.decode>[] = [];
      await readTopicToEnd(kafkaFor(), messagingConfigFromEnv('audit'), Topics.intakeResponses, async (_p, messages) => {
        for (const m of messages) {
          const event = platformEvents.decode(m.value as Buffer);
          if ((event.data as { responseId: string }).responseId === retry.body.responseId) found.push(event);
        }
      });
      expect(found).toHaveLength(2);
      return found;
    });
    expect(events[1].id).toBe(events[0].id);
    expect(events[1].ledger).toEqual(events[0].ledger);
    await eventually(async () => expect(await scoringFigure()).toMatchObject(expectedSatisfied()));
  });

  it('sends a poison message on the response topic to the dead-letter topic and still counts the next response', async () => {
    const producer = kafkaFor().producer();
    await producer.connect();
    await producer.send({
      topic: prefixed(messagingConfigFromEnv('audit'), Topics.intakeResponses),
      messages: [{ key: unitId, value: 'garbage{' }],
    });
    await producer.disconnect();
    expect((await submit('key-after-poison-17', 17)).status).toBe(201);
    await eventually(async () => expect(await scoringFigure()).toMatchObject(expectedSatisfied()));
    await eventually(async () => {
      const reasons: string[] = [];
      await readTopicToEnd(kafkaFor(), messagingConfigFromEnv('audit'), deadLetterTopic('scoring'), async (_p, messages) => {
        for (const m of messages) reasons.push((platformEvents.decode(m.value as Buffer).data as { reason: string }).reason);
      });
      expect(reasons.some((r) => r.startsWith('not JSON'))).toBe(true);
    });
  });

  it('lets the audit reproduce scoring’s figure from the response topic alone, with scoring stopped', async () => {
    const published = await scoringFigure();
    await platform.services.scoring.stop('SIGTERM');
    const replay = await platform.call('audit', 'POST', '/replay', { token: await platform.token(Roles.auditor) });
    expect(replay.status).toBe(200);
    expect(replay.body.duplicates).toBeGreaterThanOrEqual(1); // the relay's repeat
    expect(replay.body.undecodable).toBeGreaterThanOrEqual(1); // the poison message
    const rebuilt = await platform.call('audit', 'GET', `/replay/units/${unitId}/satisfaction`, {
      token: await platform.token(Roles.auditor),
    });
    expect(rebuilt.body).toEqual(published);
    expect(rebuilt.body).toMatchObject(expectedSatisfied());
  });
});
