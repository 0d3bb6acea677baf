import { deadLetterTopic, platformEvents, Roles, Topics } from '@hailong/contracts';
import { createKafka, messagingConfigFromEnv, prefixed, readTopicToEnd } from '@hailong/platform/messaging';
import { assertKafkaReachable, eventually, ServiceApp, ServiceProcess } from '@hailong/platform/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { createServer, Server, Socket, connect } from 'node:net';
import { Client } from 'pg';
import { TestPlatform } from './platform';

/**
 * Operations on the running platform (the four services as processes, real Kafka and PostgreSQL):
 * readiness and metrics, the correlation id and trace context in logs and Kafka headers, consumer lag
 * and dead letters on /metrics, readiness while the database is unreachable, and SIGTERM under load
 * for each service with nothing lost and nothing counted twice.
 *
 * The load is unit registrations: the directory writes and publishes them, intake and scoring apply
 * them to their directory views. It does not go through the response API, which is being reworked
 * (responses now need an open campaign); the consumers' machinery is the same for every event type.
 */
describe('operations', () => {
  let platform: TestPlatform;
  let db: Client;
  let editor: string;
  let viewer: string;
  let auditor: string;
  const registered = new Set<string>(); // unit ids the directory acknowledged
  const CONSUMERS = [
    { app: 'survey-intake', schema: 'intake' },
    { app: 'scoring', schema: 'scoring' },
  ] as const;

  const config = () => messagingConfigFromEnv('audit');
  const kafka = () => createKafka({ ...config(), clientId: 'e2e-operations' });
  const directoryGroup = (app: string) => prefixed(config(), `${app}.directory-view`);

  // ---- HTTP without connection reuse: every request either connects or is refused -------------------

  interface Reply {
    status: number;
    body: string;
    headers: Record<string, string | string[] | undefined>;
  }
  type Outcome = { kind: 'reply'; reply: Reply } | { kind: 'refused' } | { kind: 'reset'; code: string };

  function send(
    service: ServiceProcess,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Outcome> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: service.port,
          method,
          path,
          agent: false,
          headers: { 'content-type': 'application/json', ...(payload ? { 'content-length': payload.length } : {}), ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              kind: 'reply',
              reply: { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers },
            }),
          );
          res.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'reset', code: error.code ?? error.message }));
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) =>
        resolve(error.code === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'reset', code: error.code ?? error.message }),
      );
      req.end(payload);
    });
  }

  /** A unit registration with a caller-chosen id: a retry of the same body answers 200 and changes nothing. */
  const registration = (unitId: string, n: number) => ({
    unitId,
    code: `ops-${n}-${unitId.slice(0, 8)}`,
    unitType: 'provincial-police',
    nameVi: `Công an tỉnh thử nghiệm ${n}`,
    nameEn: `Test Provincial Police ${n}`,
    validFrom: '2020-01-01',
  });
  const register = (unitId: string, n: number, headers: Record<string, string> = {}) =>
    send(platform.services['unit-directory'], 'POST', '/units', registration(unitId, n), { authorization: `Bearer ${editor}`, ...headers });

  // ---- metrics ----------------------------------------------------------------------------------------------

  async function metrics(service: ServiceProcess): Promise<string> {
    const response = await fetch(`${service.url}/metrics`);
    expect(response.status).toBe(200);
    return response.text();
  }

  /** The sum of a metric's samples whose labels include `labels`. */
  function sample(text: string, name: string, labels: Record<string, string> = {}): number {
    let sum = 0;
    for (const line of text.split('\n')) {
      const match = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})? (\S+)$/.exec(line);
      if (!match || match[1] !== name) continue;
      const found = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
      if (Object.entries(labels).every(([key, value]) => found[key] === value)) sum += Number(match[4]);
    }
    return sum;
  }

  const directoryLag = async (app: 'survey-intake' | 'scoring') =>
    sample(await metrics(platform.services[app]), 'hailong_consumer_lag', { consumer_group: directoryGroup(app) });

  // ---- logs ---------------------------------------------------------------------------------------------------

  /** The service's stdout and stderr, line by line: the JSON objects, and any line that is not one. */
  function logsOf(service: ServiceProcess): { json: Record<string, unknown>[]; other: string[] } {
    const json: Record<string, unknown>[] = [];
    const other: string[] = [];
    for (const line of service.output.join('').split('\n')) {
      if (line.trim() === '') continue;
      try {
        json.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        other.push(line);
      }
    }
    return { json, other };
  }

  // ---- the log itself -------------------------------------------------------------------------------------------

  async function directoryTopic() {
    const events: { event: ReturnType<typeof platformEvents.decode>; headers: Record<string, string> }[] = [];
    await readTopicToEnd(kafka(), config(), Topics.directoryEvents, async (_p, messages) => {
      for (const m of messages) {
        const headers = Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)]));
        try {
          events.push({ event: platformEvents.decode(m.value as Buffer), headers });
        } catch {
          // The poison message of the dead-letter test: not an event, so nothing to count.
        }
      }
    });
    return events;
  }

  beforeAll(async () => {
    await assertKafkaReachable();
    platform = await TestPlatform.start('operations', 3251);
    process.env['KAFKA_TOPIC_PREFIX'] = platform.topicPrefix;
    db = new Client({ connectionString: platform.db.url });
    await db.connect();
    editor = await platform.token(Roles.directoryEditor);
    viewer = await platform.token(Roles.viewer);
    auditor = await platform.token(Roles.auditor);
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  it('is ready only with its database, Kafka and migrations up, and exposes HTTP, event, lag and outbox metrics', async () => {
    for (const app of ['unit-directory', 'survey-intake', 'scoring', 'audit'] as const) {
      const ready = await fetch(`${platform.services[app].url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { details: unknown }).details).toEqual({
        lifecycle: { status: 'up' },
        database: { status: 'up' },
        kafka: { status: 'up', brokers: 1 },
        migrations: { status: 'up' },
      });
      const text = await metrics(platform.services[app]);
      for (const name of [
        'http_request_duration_seconds_count',
        'hailong_outbox_backlog',
        'hailong_outbox_oldest_unpublished_seconds',
        'process_resident_memory_bytes',
      ]) {
        expect(text).toContain(`${name}{`);
      }
    }
    for (const { app } of CONSUMERS) {
      expect(await metrics(platform.services[app])).toMatch(
        new RegExp(`hailong_consumer_lag\\{consumer_group="${directoryGroup(app).replace(/\./g, '\\.')}"`),
      );
    }
  });

  it('carries the correlation id and the W3C trace from the request through the event and its Kafka headers into every consumer, in JSON logs', async () => {
    // Per-event log lines are at debug level.
    for (const app of ['unit-directory', 'survey-intake', 'scoring'] as const) {
      await platform.services[app].stop('SIGTERM');
      await platform.services[app].start({ LOG_LEVEL: 'debug' });
    }
    const traceId = randomBytes(16).toString('hex');
    const correlationId = `ops-corr-${randomBytes(4).toString('hex')}`;
    const unitId = randomUUID();
    const outcome = await register(unitId, 0, {
      'x-correlation-id': correlationId,
      traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
    });
    expect(outcome).toMatchObject({ kind: 'reply', reply: { status: 201 } });
    registered.add(unitId);
    if (outcome.kind === 'reply') expect(outcome.reply.headers['x-correlation-id']).toBe(correlationId);

    const { event, headers } = await eventually(async () => {
      const found = (await directoryTopic()).find((e) => e.event.subject === unitId);
      expect(found).toBeDefined();
      return found as NonNullable<typeof found>;
    });
    expect(event.correlationId).toBe(correlationId);
    expect(event.trace.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(headers).toMatchObject({ 'correlation-id': correlationId, traceparent: event.trace.traceparent, 'event-id': event.id });

    const about = (line: Record<string, unknown>) => line['correlationId'] === correlationId && line['traceId'] === traceId;
    await eventually(async () => {
      const directory = logsOf(platform.services['unit-directory']).json;
      expect(
        directory.some(
          (l) => about(l) && (l['req'] as { id?: string } | undefined)?.id === correlationId && l['msg'] === 'request completed',
        ),
      ).toBe(true);
      expect(directory.some((l) => about(l) && String(l['msg']).startsWith(`published UnitRegistered ${event.id}`))).toBe(true);
      for (const { app } of CONSUMERS) {
        const lines = logsOf(platform.services[app]).json;
        expect(lines.some((l) => about(l) && String(l['msg']).includes(`applied UnitRegistered ${event.id}`) && l['service'] === app)).toBe(
          true,
        );
      }
    });
    // Structured logs only: every line each process wrote is a JSON object.
    for (const app of ['unit-directory', 'survey-intake', 'scoring'] as const) expect(logsOf(platform.services[app]).other).toEqual([]);
  });

  it('shows consumer lag rising while a consumer is held and falling to zero once it catches up', async () => {
    const held = new Client({ connectionString: platform.db.url });
    await held.connect();
    try {
      await eventually(async () => expect(await directoryLag('scoring')).toBe(0));
      // Scoring's consumer cannot record what it applies; intake's is untouched.
      await held.query('BEGIN');
      await held.query('LOCK TABLE scoring.processed_events IN EXCLUSIVE MODE');
      const units = Array.from({ length: 20 }, () => randomUUID());
      for (const [i, unitId] of units.entries()) {
        expect(await register(unitId, 1000 + i)).toMatchObject({ kind: 'reply', reply: { status: 201 } });
        registered.add(unitId);
      }
      const risen = await eventually(
        async () => {
          const lag = await directoryLag('scoring');
          expect(lag).toBeGreaterThanOrEqual(20);
          return lag;
        },
        { timeoutMs: 5000, intervalMs: 200 },
      );
      expect(risen).toBeGreaterThanOrEqual(20);
      await eventually(async () => expect(await directoryLag('survey-intake')).toBe(0));
      await held.query('ROLLBACK');
      await eventually(async () => expect(await directoryLag('scoring')).toBe(0));
    } finally {
      await held.query('ROLLBACK').catch(() => undefined);
      await held.end();
    }
  });

  it('counts a poison message in the dead-letter metric of every consumer of its topic, and the partitions move on', async () => {
    const before = await Promise.all(
      CONSUMERS.map(async ({ app }) =>
        sample(await metrics(platform.services[app]), 'hailong_dead_letters_total', { consumer_group: directoryGroup(app) }),
      ),
    );
    const producer = kafka().producer();
    await producer.connect();
    await producer.send({ topic: prefixed(config(), Topics.directoryEvents), messages: [{ key: randomUUID(), value: 'not an event {' }] });
    await producer.disconnect();
    for (const [i, { app }] of CONSUMERS.entries()) {
      await eventually(async () => {
        const text = await metrics(platform.services[app]);
        expect(sample(text, 'hailong_dead_letters_total', { consumer_group: directoryGroup(app) })).toBe(before[i] + 1);
        expect(sample(text, 'hailong_events_consumed_total', { consumer_group: directoryGroup(app), outcome: 'dead_lettered' })).toBe(
          before[i] + 1,
        );
      });
      await eventually(async () => expect(await directoryLag(app)).toBe(0));
    }
  });

  it('fails readiness while its database is unreachable, stays live, and is ready again when it returns', async () => {
    const proxy = new TcpProxy(5432);
    const port = await proxy.listen();
    const url = new URL(platform.db.url);
    url.port = String(port);
    const audit = platform.extraProcess('audit', 3255, { DATABASE_URL: url.toString() });
    await audit.start();
    try {
      expect((await fetch(`${audit.url}/health/ready`)).status).toBe(200);
      await proxy.cut();
      const down = await eventually(async () => {
        const response = await fetch(`${audit.url}/health/ready`);
        expect(response.status).toBe(503);
        return (await response.json()) as { error: Record<string, { status: string }>; details: Record<string, { status: string }> };
      });
      expect(down.error.database.status).toBe('down');
      expect(down.details.kafka.status).toBe('up');
      expect((await fetch(`${audit.url}/health/live`)).status).toBe(200);
      await proxy.listen(port);
      await eventually(async () => expect((await fetch(`${audit.url}/health/ready`)).status).toBe(200));
    } finally {
      await audit.stop('SIGTERM');
      await proxy.cut();
    }
  });

  describe('SIGTERM under load', () => {
    interface Round {
      app: ServiceApp;
      exitCode: number | null;
      stopMs: number;
      registrations: { acknowledged: number; refused: number; resetUnprocessed: number; resetButProcessed: string[]; serverErrors: number };
      reads: { replies: number; refused: number; resets: number; serverErrors: number };
    }
    const rounds: Round[] = [];
    let counter = 2000;

    /** What a service under load reads while it stops: the consumers' directory views, the audit's figures. */
    const readOf = (app: ServiceApp): [string, string, string] =>
      app === 'audit'
        ? ['GET', `/replay/units/${randomUUID()}/satisfaction`, auditor]
        : app === 'unit-directory'
          ? ['GET', '/units/tree?on=2024-01-01', viewer]
          : ['GET', '/directory/tree?on=2024-01-01', viewer];

    async function underLoad(app: ServiceApp): Promise<Round> {
      const service = platform.services[app];
      const round: Round = {
        app,
        exitCode: null,
        stopMs: 0,
        registrations: { acknowledged: 0, refused: 0, resetUnprocessed: 0, resetButProcessed: [], serverErrors: 0 },
        reads: { replies: 0, refused: 0, resets: 0, serverErrors: 0 },
      };
      const pending: { unitId: string; n: number; reset: boolean }[] = [];
      let running = true;
      const writer = async () => {
        while (running) {
          const unitId = randomUUID();
          const n = (counter += 1);
          const outcome = await register(unitId, n);
          if (outcome.kind === 'reply' && outcome.reply.status < 300) {
            round.registrations.acknowledged += 1;
            registered.add(unitId);
          } else {
            if (outcome.kind === 'reply' && outcome.reply.status >= 500 && outcome.reply.status !== 503)
              round.registrations.serverErrors += 1;
            if (outcome.kind === 'refused') round.registrations.refused += 1;
            pending.push({ unitId, n, reset: outcome.kind === 'reset' });
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        }
      };
      const reader = async () => {
        const [method, path, token] = readOf(app);
        while (running) {
          const outcome = await send(service, method, path, undefined, { authorization: `Bearer ${token}` });
          if (outcome.kind === 'reply') {
            round.reads.replies += 1;
            if (outcome.reply.status >= 500 && outcome.reply.status !== 503) round.reads.serverErrors += 1;
          } else {
            if (outcome.kind === 'refused') round.reads.refused += 1;
            else round.reads.resets += 1;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
      };
      const workers = [writer(), writer(), writer(), reader(), reader()];
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const began = Date.now();
      process.kill(service.pid as number, 'SIGTERM');
      round.exitCode = await service.waitForExit(40000);
      round.stopMs = Date.now() - began;
      const shutdownLog = logsOf(service).json.map((l) => String(l['msg']));
      expect(shutdownLog).toEqual(expect.arrayContaining([expect.stringMatching(/^shutdown complete in \d+ ms$/)]));
      await service.start();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      running = false;
      await Promise.all(workers);

      // A registration whose connection broke without an answer: if the directory has it, its work was
      // done and its answer lost (what a graceful stop must not do); if not, it was never taken.
      for (const { unitId, reset } of pending) {
        if (!reset) continue;
        const unit = await send(platform.services['unit-directory'], 'GET', `/units/${unitId}`, undefined, {
          authorization: `Bearer ${viewer}`,
        });
        if (unit.kind === 'reply' && unit.reply.status === 200) round.registrations.resetButProcessed.push(unitId);
        else round.registrations.resetUnprocessed += 1;
      }
      // The client retries what was not acknowledged, with the same body: 201 or, if it had been taken, 200.
      for (const { unitId, n } of pending) {
        const retry = await eventually(async () => {
          const outcome = await register(unitId, n);
          expect(outcome.kind === 'reply' && outcome.reply.status < 300).toBe(true);
          return outcome;
        });
        expect(retry.kind).toBe('reply');
        registered.add(unitId);
      }
      rounds.push(round);
      console.log(`SIGTERM ${app} under load: ${JSON.stringify(round)}`);
      return round;
    }

    it.each(['unit-directory', 'survey-intake', 'scoring', 'audit'] as const)(
      'stops %s on SIGTERM with exit 0, answering every request it took, while registrations and reads keep coming',
      async (app) => {
        const round = await underLoad(app);
        expect(round.exitCode).toBe(0);
        expect(round.stopMs).toBeLessThan(25000);
        expect(round.registrations.acknowledged).toBeGreaterThan(0);
        expect(round.registrations.serverErrors).toBe(0);
        expect(round.registrations.resetButProcessed).toEqual([]);
        expect(round.reads.replies).toBeGreaterThan(0);
        expect(round.reads.serverErrors).toBe(0);
      },
      240000,
    );

    it('lost nothing and counted nothing twice: one event per registered unit on the topic, one row per unit in each consumer, applied once each', async () => {
      const units = [...registered];
      expect(units.length).toBeGreaterThan(50);
      // The last registrations may still be on their way from the directory's outbox: wait for every unit.
      const topic = await eventually(async () => {
        const found = (await directoryTopic()).filter((e) => registered.has(e.event.subject) && e.event.type === 'UnitRegistered');
        const seen = new Set(found.map((e) => e.event.subject));
        expect(units.filter((unitId) => !seen.has(unitId))).toEqual([]);
        return found;
      });
      const perUnit = new Map<string, number>();
      for (const { event } of topic) perUnit.set(event.subject, (perUnit.get(event.subject) ?? 0) + 1);
      expect(units.filter((unitId) => perUnit.get(unitId) !== 1).map((unitId) => `${unitId}: ${perUnit.get(unitId)}`)).toEqual([]);
      expect(new Set(topic.map((e) => e.event.id)).size).toBe(units.length);
      const eventIds = topic.map((e) => e.event.id);

      for (const { app, schema } of CONSUMERS) {
        await eventually(async () => expect(await directoryLag(app)).toBe(0));
        const rows = await db.query<{ unit_id: string; n: number }>(
          `SELECT unit_id, count(*)::int AS n FROM "${schema}".directory_events WHERE unit_id = ANY($1::uuid[]) AND event_type = 'UnitRegistered' GROUP BY unit_id`,
          [units],
        );
        expect(rows.rows.length).toBe(units.length);
        expect(rows.rows.filter((r) => r.n !== 1)).toEqual([]);
        const processed = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "${schema}".processed_events WHERE consumer_group = $1 AND event_id = ANY($2::uuid[])`,
          [directoryGroup(app), eventIds],
        );
        expect(processed.rows[0].n).toBe(units.length);
      }
      // Nothing about these units went to a dead-letter topic (only the poison message of the earlier test did).
      for (const { app } of CONSUMERS) {
        const dead: string[] = [];
        await readTopicToEnd(kafka(), config(), deadLetterTopic(app), async (_p, messages) => {
          for (const m of messages) {
            const data = platformEvents.decode(m.value as Buffer).data as { eventId: string | null };
            if (data.eventId && eventIds.includes(data.eventId)) dead.push(data.eventId);
          }
        });
        expect(dead).toEqual([]);
      }
      console.log(`SIGTERM rounds: ${rounds.length}; units registered: ${units.length}; events on the topic for them: ${topic.length}`);
    });
  });
});

/** A TCP proxy in front of PostgreSQL that the test can cut (refusing and dropping connections) and restore. */
class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly targetPort: number) {}

  listen(port = 0): Promise<number> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  }

  /** New connections are refused and open ones are dropped, as when the database host goes away. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
