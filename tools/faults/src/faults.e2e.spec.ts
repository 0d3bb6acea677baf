import { Roles, Topics } from '@hailong/contracts';
import { createKafka, messagingConfigFromEnv, prefixed } from '@hailong/platform/messaging';
import { eventually, ServiceApp } from '@hailong/platform/testing';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the e2e platform (four services as processes) has no path alias
import { callService, TestPlatform } from '../../../apps/platform-e2e/src/platform';
import { OwnKafka, OwnPostgres, sleep } from './infrastructure';
import { FormTarget, LoadClient } from './load-client';
import { DeadLetter, FaultRow, readDeadLetters, readSubmissions } from './reconcile';

/**
 * The fault suite of issue 12: a load client submits paper forms through staff entry (POST /responses)
 * and keeps its own list of every acknowledged response id. While forms wait in intake's outbox (its
 * relay held back) and scoring's consumer is behind (held back too), one fault strikes per scenario:
 * the Kafka broker SIGKILLed and restarted, each service SIGKILLed and restarted, PostgreSQL crashed
 * and restarted, a burst far larger than a consumer's batch. The client resends what was not
 * acknowledged with the same idempotency key, as a real client does. Once the platform has recovered,
 * every acknowledged id must be on the response topic (once in effect: copies of one event are
 * allowed, two events for one response are not) and counted once in scoring's figures; the figures,
 * published, must equal the audit's replay from the topics; no outbox row may be left unpublished;
 * the dead-letter topics may hold only the poison message the suite sent.
 *
 * The broker and the PostgreSQL cluster are the suite's own (ports 9192/9193 and 5442, temporary
 * directories): killing them disturbs no other suite. Services on 3320–3323.
 * FAULTS_FORM=full (npm run faults) runs longer outages and a larger burst than the short form of CI.
 * Writes reports/faults.json.
 */

const FORM = process.env['FAULTS_FORM'] === 'full' ? 'full' : 'short';
const PLAN =
  FORM === 'full'
    ? { writers: 4, loadMs: 3000, holdMs: 3000, outageMs: 8000, afterMs: 3000, burst: 3000, burstConcurrency: 8 }
    : { writers: 3, loadMs: 300, holdMs: 1000, outageMs: 1000, afterMs: 300, burst: 600, burstConcurrency: 6 };
/** Small batches, so the burst is many batches deep for the relay and the consumers. */
const BATCH = 50;
/** How long after the relay and the consumers are let go a `catching-up` fault strikes: mid-backlog. */
const CATCHING_UP_MS = 150;
const PORTS = { services: 3320, postgres: 5442, kafka: 9192, kafkaController: 9193 };
const SCHEMAS = ['directory', 'intake', 'scoring', 'audit'];
const APPS: ServiceApp[] = ['unit-directory', 'survey-intake', 'scoring', 'audit'];

describe(`fault suite (${FORM} form): an acknowledged response is never lost and never counted twice`, () => {
  let postgres: OwnPostgres;
  let kafka: OwnKafka;
  let platform: TestPlatform;
  const tokens = {} as Record<'editor' | 'manager' | 'surveyor' | 'viewer' | 'auditor', string>;
  const units: { unitId: string; procedureId: string }[] = [];
  let provinceId = '';
  const rows: FaultRow[] = [];
  const poisonKeys: string[] = [];
  let month = 0;

  /** Fresh tokens for every role the suite acts as (a test token lives a few minutes; the full form runs longer). */
  async function signIn(): Promise<void> {
    tokens.editor = await platform.token(Roles.directoryEditor, 'editor-1');
    tokens.manager = await platform.token(Roles.campaignManager, 'manager-1');
    tokens.surveyor = await platform.token(Roles.surveyor, 'surveyor-1');
    tokens.viewer = await platform.token(Roles.viewer, 'viewer-1');
    tokens.auditor = await platform.token(Roles.auditor, 'auditor-1');
  }

  /** A query on a connection of its own: PostgreSQL restarts under this suite. */
  async function query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: platform.db.url });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  const call = (app: ServiceApp, method: string, path: string, token: string, body?: unknown) =>
    callService(platform.services[app], method, path, { token, body });

  async function allReady(): Promise<void> {
    await Promise.all(APPS.map((app) => platform.services[app].waitUntilReady(120000)));
  }

  /** An open campaign over the province's units, in a month of 2022 of its own. */
  async function openCampaign(): Promise<FormTarget> {
    month += 1;
    const m = `2022-${String(month).padStart(2, '0')}`;
    const created = await call('survey-intake', 'POST', '/campaigns', tokens.manager, {
      nameVi: `Khảo sát chịu lỗi ${m}`,
      nameEn: `Fault survey ${m}`,
      period: { from: `${m}-01`, to: `${m}-28` },
      scope: { unitTypes: ['commune-police', 'district-police', 'provincial-division'], withinUnitId: provinceId },
      methods: ['paper', 'tablet'],
      questionnaire: { questionnaireId: 'current', version: 1 },
      targetSample: { perUnit: 30, byUnit: [] },
      minimumSample: 6,
    });
    expect(created.status).toBe(201);
    const campaignId = created.body.campaignId as string;
    expect((await call('survey-intake', 'POST', `/campaigns/${campaignId}/open`, tokens.manager)).status).toBe(200);
    return { campaignId, units, month: m };
  }

  /**
   * Holds intake's relay (its ledger head row locked, so nothing is placed or sent while forms keep
   * landing in the outbox) and scoring's consumers (their processed-events table locked, so no batch
   * commits). Released before recovery; a crash of PostgreSQL releases them on its own.
   */
  async function holdBack(): Promise<{ release: () => Promise<void> }> {
    const relay = new Client({ connectionString: platform.db.url });
    const consumers = new Client({ connectionString: platform.db.url });
    for (const c of [relay, consumers]) {
      await c.connect();
      c.on('error', () => undefined);
    }
    await relay.query('BEGIN');
    await relay.query('SELECT sequence FROM intake.ledger_head WHERE id = 1 FOR UPDATE');
    await consumers.query('BEGIN');
    await consumers.query('LOCK TABLE scoring.processed_events IN EXCLUSIVE MODE');
    return {
      release: async () => {
        for (const c of [relay, consumers]) {
          await c.query('ROLLBACK').catch(() => undefined);
          await c.end().catch(() => undefined);
        }
      },
    };
  }

  async function countedIds(campaignId: string): Promise<Set<string>> {
    const found = await query<{ response_id: string }>(
      `SELECT response_id FROM scoring.scored_responses WHERE campaign_id = $1 AND state = 'counted'`,
      [campaignId],
    );
    return new Set(found.map((r) => r.response_id));
  }

  async function unpublished(schema: string): Promise<number> {
    const [{ n }] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".outbox WHERE published_at IS NULL`);
    return n;
  }

  interface Fault {
    /**
     * When it strikes: `held`, while the relay and the consumers are still held back (mid-transaction,
     * waiting on a lock); `catching-up`, a moment after they are let go, while the relay sends the
     * backlog and the consumers apply it.
     */
    strikes: 'held' | 'catching-up';
    /** Strikes while forms wait in the outbox and scoring is behind. */
    inject(client: LoadClient): Promise<void>;
    /** Brings back what the fault took down. */
    recover(): Promise<void>;
  }

  async function scenario(name: string, fault: Fault): Promise<FaultRow> {
    const began = Date.now();
    await signIn();
    const target = await openCampaign();
    const client = new LoadClient(() => platform.services['survey-intake'].port, tokens.surveyor, target);
    client.start(PLAN.writers);
    await sleep(PLAN.loadMs);
    const held = await holdBack();
    await sleep(PLAN.holdMs);
    const atFault = {
      outboxBacklog: await unpublished('intake'),
      scoringBehind: client.acknowledged.size - (await countedIds(target.campaignId)).size,
    };
    if (fault.strikes === 'catching-up') {
      await held.release();
      await sleep(CATCHING_UP_MS);
      await fault.inject(client);
    } else {
      try {
        await fault.inject(client);
      } finally {
        await held.release();
      }
    }
    await sleep(PLAN.outageMs);
    await fault.recover();
    await allReady();
    await sleep(PLAN.afterMs);
    await client.stop();
    await client.resendUnacknowledged(120000);

    // Recovery: the outboxes drain and scoring catches up with every acknowledged id (or time runs out,
    // and what is missing is reported as lost).
    const acknowledged = new Set(client.acknowledged.values());
    await eventually(
      async () => {
        for (const schema of SCHEMAS) expect(await unpublished(schema)).toBe(0);
        const counted = await countedIds(target.campaignId);
        expect([...acknowledged].filter((id) => !counted.has(id)).length).toBe(0);
      },
      { timeoutMs: 120000, intervalMs: 250 },
    ).catch(() => undefined);
    let stuckInOutbox = 0;
    for (const schema of SCHEMAS) stuckInOutbox += await unpublished(schema);

    const { eventsById, messagesById } = await readSubmissions();
    const counted = await countedIds(target.campaignId);
    const [{ n: figuresResponses }] = await query<{ n: number }>(
      `SELECT COALESCE(SUM(count), 0)::int AS n FROM scoring.score_cells WHERE campaign_id = $1 AND kind = 'pattern'`,
      [target.campaignId],
    );
    const inLog = [...acknowledged].filter((id) => eventsById.has(id));
    const countedAcknowledged = [...acknowledged].filter((id) => counted.has(id));
    const lost = [...acknowledged].filter((id) => !eventsById.has(id) || !counted.has(id));
    const twiceInLog = [...acknowledged].filter((id) => (eventsById.get(id)?.size ?? 0) > 1);
    const redeliveredCopies = [...acknowledged].reduce((sum, id) => sum + (messagesById.get(id) ?? 0) - (eventsById.get(id)?.size ?? 0), 0);

    // The figures, published, against the audit's replay of the topics.
    const { published, replayDifferences } = await publishAndReplay(target.campaignId).catch((error: Error) => {
      console.log(`[faults] ${name}: publication or replay failed: ${error.message}`);
      return { published: null, replayDifferences: null };
    });

    const row: FaultRow = {
      scenario: name,
      sent: client.attempts,
      acknowledged: acknowledged.size,
      refused: client.refusedAttempts,
      inLog: inLog.length,
      counted: countedAcknowledged.length,
      lost: lost.length,
      doubleCounted: twiceInLog.length + Math.max(0, figuresResponses - counted.size),
      details: {
        forms: client.forms,
        acknowledgedOnResend: client.acknowledgedOnRetry,
        neverAcknowledged: client.unacknowledged.size,
        redeliveredCopies,
        figuresResponses,
        atFault,
        stuckInOutbox,
        published,
        replayDifferences,
        durationMs: Date.now() - began,
      },
    };
    rows.push(row);
    writeReport();
    console.log(`[faults] ${JSON.stringify(row)}`);
    if (row.lost > 0 || row.doubleCounted > 0 || stuckInOutbox > 0) {
      for (const app of APPS) console.log(`[faults] ${app} output:\n${platform.services[app].recentOutput(80)}`);
    }
    expect(client.clientErrors).toEqual([]);
    return row;
  }

  async function publishAndReplay(campaignId: string): Promise<{ published: number | null; replayDifferences: number | null }> {
    await signIn();
    expect((await call('survey-intake', 'POST', `/campaigns/${campaignId}/close`, tokens.manager)).status).toBe(200);
    await eventually(
      async () => expect((await call('scoring', 'POST', `/campaigns/${campaignId}/publication`, tokens.manager)).status).toBe(202),
      { timeoutMs: 60000, intervalMs: 200 },
    );
    const publication = await eventually(
      async () => {
        const reply = await call('scoring', 'GET', `/campaigns/${campaignId}/publication`, tokens.viewer);
        expect(reply.body.status).toBe('published');
        return reply.body.published as { responses: { onTime: number; late: number } };
      },
      { timeoutMs: 60000, intervalMs: 200 },
    );
    const report = await eventually(
      async () => {
        const reply = await call('audit', 'POST', `/replay/campaigns/${campaignId}`, tokens.auditor, { fresh: true });
        expect(reply.status).toBe(200);
        expect(reply.body.publication).not.toBeNull();
        return reply.body as { differences: unknown[] | null };
      },
      { timeoutMs: 60000, intervalMs: 300 },
    );
    if (report.differences?.length) console.log(`[faults] replay differences: ${JSON.stringify(report.differences.slice(0, 20))}`);
    return {
      published: publication.responses.onTime + publication.responses.late,
      replayDifferences: report.differences === null ? null : report.differences.length,
    };
  }

  function writeReport(): void {
    mkdirSync('reports', { recursive: true });
    writeFileSync(join('reports', 'faults.json'), `${JSON.stringify(rows, null, 2)}\n`);
  }

  function expectSurvived(row: FaultRow): void {
    expect({ scenario: row.scenario, lost: row.lost, doubleCounted: row.doubleCounted }).toEqual({
      scenario: row.scenario,
      lost: 0,
      doubleCounted: 0,
    });
    expect(row.acknowledged).toBeGreaterThan(0);
    expect(row.inLog).toBe(row.acknowledged);
    expect(row.counted).toBe(row.acknowledged);
    expect(row.details.figuresResponses).toBe(row.acknowledged);
    expect(row.details.stuckInOutbox).toBe(0);
    expect(row.details.published).toBe(row.acknowledged);
    expect(row.details.replayDifferences).toBe(0);
    // The fault struck while there was work in flight: forms queued in the outbox, responses not yet counted.
    expect(row.details.atFault.outboxBacklog).toBeGreaterThan(0);
    expect(row.details.atFault.scoringBehind).toBeGreaterThan(0);
  }

  beforeAll(async () => {
    postgres = await OwnPostgres.create(PORTS.postgres);
    kafka = await OwnKafka.create(PORTS.kafka, PORTS.kafkaController);
    process.env['TEST_DATABASE_SERVER_URL'] = postgres.serverUrl;
    process.env['KAFKA_BROKERS'] = kafka.brokers;
    process.env['CONSUMER_CHUNK_SIZE'] = String(BATCH);
    process.env['OUTBOX_BATCH_SIZE'] = String(BATCH);
    platform = await TestPlatform.start('faults', PORTS.services);
    process.env['KAFKA_TOPIC_PREFIX'] = platform.topicPrefix;
    await signIn();

    const register = async (code: string, unitType: string, nameVi: string, parentId: string | null) => {
      const reply = await call('unit-directory', 'POST', '/units', tokens.editor, {
        code,
        unitType,
        nameVi,
        nameEn: nameVi,
        ...(parentId ? { parentId } : {}),
        validFrom: '2020-01-01',
      });
      expect(reply.status).toBe(201);
      return reply.body.unitId as string;
    };
    provinceId = await register('26', 'provincial-police', 'Công an tỉnh Vĩnh Phúc', null);
    const division = await register('26-PA08', 'provincial-division', 'Phòng Quản lý xuất nhập cảnh', provinceId);
    const district = await register('243', 'district-police', 'Công an thành phố Vĩnh Yên', provinceId);
    const tichSon = await register('08707', 'commune-police', 'Công an phường Tích Sơn', district);
    const lienBao = await register('08710', 'commune-police', 'Công an phường Liên Bảo', district);
    units.push(
      { unitId: division, procedureId: 'passport' },
      { unitId: district, procedureId: 'traffic-fine' },
      { unitId: tichSon, procedureId: 'id-card' },
      { unitId: lienBao, procedureId: 'id-card' },
    );
    await eventually(async () => {
      for (const { unitId } of units) {
        expect((await call('survey-intake', 'GET', `/directory/units/${unitId}`, tokens.viewer)).status).toBe(200);
        expect((await call('scoring', 'GET', `/directory/units/${unitId}`, tokens.viewer)).status).toBe(200);
      }
    });
  }, 400000);

  afterAll(async () => {
    writeReport();
    await platform?.stop().catch(() => undefined);
    await kafka?.destroy();
    await postgres?.destroy();
  }, 120000);

  it('(a) SIGKILL of the Kafka broker, restarted: nothing acknowledged is lost or counted twice', async () => {
    const row = await scenario('kafka-broker-sigkill', {
      strikes: 'catching-up',
      inject: () => kafka.kill(),
      recover: () => kafka.start(),
    });
    expectSurvived(row);
  }, 600000);

  it.each(APPS)(
    '(b) SIGKILL of %s, restarted: nothing acknowledged is lost or counted twice',
    async (app) => {
      const service = platform.services[app];
      const row = await scenario(`${app}-sigkill`, {
        strikes: 'catching-up',
        inject: async () => {
          process.kill(service.pid as number, 'SIGKILL');
          await service.waitForExit(30000);
        },
        recover: () => service.start(),
      });
      expectSurvived(row);
    },
    600000,
  );

  it('(c) PostgreSQL crashed and restarted: nothing acknowledged is lost or counted twice', async () => {
    const row = await scenario('postgresql-restart', {
      strikes: 'held',
      inject: () => postgres.crash(),
      recover: () => postgres.start(),
    });
    expectSurvived(row);
  }, 600000);

  it(`(d) a burst of ${PLAN.burst} forms, ${PLAN.burst / BATCH}× a relay's and a consumer's batch, with a poison message among them`, async () => {
    const row = await scenario('burst', {
      strikes: 'held',
      inject: async (client) => {
        const producer = createKafka({ ...messagingConfigFromEnv('audit'), clientId: 'hailong-faults-poison' }).producer();
        await producer.connect();
        const key = `poison-${randomUUID()}`;
        poisonKeys.push(key);
        await producer.send({
          topic: prefixed(messagingConfigFromEnv('audit'), Topics.intakeResponses),
          messages: [{ key, value: '{"type":"ResponseSubmitted","not":"an event"' }],
        });
        await producer.disconnect();
        await client.burst(PLAN.burst, PLAN.burstConcurrency);
      },
      recover: async () => undefined,
    });
    expectSurvived(row);
    expect(row.acknowledged).toBeGreaterThanOrEqual(PLAN.burst);
  }, 600000);

  it('leaves on the dead-letter topics only the poison message, once for each consumer group of the response topic', async () => {
    const letters: DeadLetter[] = await readDeadLetters();
    expect(poisonKeys.length).toBe(1);
    expect(letters.filter((l) => !poisonKeys.includes(l.key ?? ''))).toEqual([]);
    const responseTopic = prefixed(messagingConfigFromEnv('audit'), Topics.intakeResponses);
    expect(letters.every((l) => l.topic === responseTopic && l.eventId === null)).toBe(true);
    // Every consumer group that reads the response topic set it aside exactly once, restarts and all.
    const readers = new Set<string>();
    for (const schema of SCHEMAS) {
      const found = await query<{ consumer_group: string }>(
        `SELECT DISTINCT consumer_group FROM "${schema}".consumer_offsets WHERE topic = $1`,
        [responseTopic],
      );
      for (const { consumer_group } of found) readers.add(consumer_group);
    }
    expect(readers.size).toBeGreaterThan(0);
    expect(letters.map((l) => l.consumerGroup).sort()).toEqual([...readers].sort());
  });
});
