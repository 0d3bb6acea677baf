import { EventEnvelope, platformEvents, Roles, Topics } from '@hailong/contracts';
import { createKafka, messagingConfigFromEnv, readTopicToEnd } from '@hailong/platform/messaging';
import { assertKafkaReachable, eventually, ServiceProcess } from '@hailong/platform/testing';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { callService, TestPlatform } from './platform';

/**
 * The online public services portal as its team would call it: signed server-to-server ratings
 * (HMAC-SHA256 over key id, timestamp, nonce and the raw body, as docs/portal-api.md describes it),
 * the dossier id making a rating idempotent, replays and stale requests refused, and a key rotation
 * with two keys valid in between. Two intake processes share the nonce store; real PostgreSQL and Kafka.
 */

const KEK = randomBytes(32).toString('base64');
const MEDIA_TYPE = 'application/vnd.hailong.portal-rating+json';
const ITEMS = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'D1', 'D2', 'D3', 'E1', 'E2', 'E3'];

interface Signed {
  readonly keyId: string;
  readonly secret: string;
  readonly body: string;
  readonly timestamp?: number;
  readonly nonce?: string;
}

/** The recipe of docs/portal-api.md, written here on its own rather than imported from intake. */
function signedHeaders({
  keyId,
  secret,
  body,
  timestamp = Math.floor(Date.now() / 1000),
  nonce = randomBytes(16).toString('hex'),
}: Signed) {
  const input = `v1\n${keyId}\n${timestamp}\n${nonce}\n${body}`;
  const signature = 'v1=' + createHmac('sha256', Buffer.from(secret, 'base64')).update(input, 'utf8').digest('hex');
  return {
    'content-type': MEDIA_TYPE,
    'x-hailong-key-id': keyId,
    'x-hailong-timestamp': String(timestamp),
    'x-hailong-nonce': nonce,
    'x-hailong-signature': signature,
  };
}

async function post(service: ServiceProcess, headers: Record<string, string>, body: string) {
  const response = await fetch(`${service.url}/portal/ratings`, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe('intake channels: the online public services portal', () => {
  let platform: TestPlatform;
  let intakeA: ServiceProcess;
  let intakeB: ServiceProcess;
  let db: Client;
  let admin: string;
  let manager: string;
  const units: Record<string, string> = {};
  let campaignId: string;
  let paperOnlyCampaignId: string;
  const keys: Record<string, string> = {};

  const rating = (dossierId: string, overrides: Record<string, unknown> = {}) =>
    JSON.stringify({
      dossierId,
      campaignId,
      unitId: units.commune,
      procedureId: 'id-card',
      serviceDate: '2022-04-12',
      form: { finishedAt: '2022-04-12T15:02:11+07:00' },
      answers: ITEMS.map((itemId, i) => ({ itemId, level: (i % 5) + 1 })),
      profile: { respondentType: 'organisation' },
      ...overrides,
    });
  const send = (keyId: string, body: string, options: Partial<Signed> = {}, service = intakeA) =>
    post(service, signedHeaders({ keyId, secret: keys[keyId], body, ...options }), body);
  const createKey = (keyId: string) => callService(intakeA, 'POST', '/portal/signing-keys', { token: admin, body: { keyId } });

  const intakeEvents = async (): Promise<EventEnvelope[]> => {
    await eventually(async () => {
      const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM intake.outbox WHERE published_at IS NULL`)).rows;
      expect(n).toBe(0);
    });
    const config = messagingConfigFromEnv('audit');
    const events: EventEnvelope[] = [];
    await readTopicToEnd(createKafka({ ...config, clientId: 'e2e-portal' }), config, Topics.intakeResponses, async (_p, messages) => {
      for (const m of messages) events.push(platformEvents.decode(m.value as Buffer));
    });
    return events;
  };
  const portalResponses = async () =>
    (await intakeEvents()).filter((e) => e.type === 'ResponseSubmitted' && (e.data as { channel: string }).channel === 'portal');

  beforeAll(async () => {
    await assertKafkaReachable();
    platform = await TestPlatform.start('portal', 3271);
    process.env['KAFKA_TOPIC_PREFIX'] = platform.topicPrefix;
    intakeA = platform.services['survey-intake'];
    await intakeA.stop('SIGTERM');
    await intakeA.start({ INTAKE_KEY_ENCRYPTION_KEY: KEK });
    intakeB = platform.extraProcess('survey-intake', 3275, { INTAKE_KEY_ENCRYPTION_KEY: KEK });
    await intakeB.start();
    db = new Client({ connectionString: platform.db.url });
    await db.connect();
    [admin, manager] = await Promise.all([platform.token(Roles.admin, 'admin-1'), platform.token(Roles.campaignManager, 'manager-1')]);
    const viewer = await platform.token(Roles.viewer);

    const register = async (key: string, body: Record<string, unknown>) => {
      const reply = await platform.call('unit-directory', 'POST', '/units', { token: await platform.token(Roles.directoryEditor), body });
      expect(reply.status).toBe(201);
      units[key] = reply.body.unitId;
    };
    await register('province', {
      code: '26',
      unitType: 'provincial-police',
      nameVi: 'Công an tỉnh Vĩnh Phúc',
      nameEn: 'Vinh Phuc',
      validFrom: '2020-01-01',
    });
    await register('district', {
      code: '243',
      unitType: 'district-police',
      nameVi: 'Công an thành phố Vĩnh Yên',
      nameEn: 'Vinh Yen',
      parentId: units.province,
      validFrom: '2020-01-01',
    });
    await register('commune', {
      code: '08707',
      unitType: 'commune-police',
      nameVi: 'Công an phường Tích Sơn',
      nameEn: 'Tich Son',
      parentId: units.district,
      validFrom: '2020-01-01',
    });
    await eventually(async () => {
      for (const id of Object.values(units))
        expect((await callService(intakeA, 'GET', `/directory/units/${id}`, { token: viewer })).status).toBe(200);
    });
    const openCampaign = async (methods: string[]) => {
      const created = await callService(intakeA, 'POST', '/campaigns', {
        token: manager,
        body: {
          nameVi: 'Khảo sát dịch vụ công trực tuyến 2022',
          nameEn: 'Online public services 2022',
          period: { from: '2022-04-01', to: '2022-05-31' },
          scope: { unitTypes: ['commune-police'], withinUnitId: units.province },
          methods,
          questionnaire: { questionnaireId: 'current', version: 1 },
          targetSample: { perUnit: 100, byUnit: [] },
          minimumSample: 30,
        },
      });
      expect(created.status).toBe(201);
      expect((await callService(intakeA, 'POST', `/campaigns/${created.body.campaignId}/open`, { token: manager })).status).toBe(200);
      return created.body.campaignId as string;
    };
    campaignId = await openCampaign(['portal', 'paper']);
    paperOnlyCampaignId = await openCampaign(['paper']);
  });

  afterAll(async () => {
    await intakeB?.stop('SIGTERM');
    await db?.end();
    await platform?.stop();
  });

  it('gives an admin a new signing key once, stores its secret only wrapped, and lists keys without secrets', async () => {
    expect((await callService(intakeA, 'POST', '/portal/signing-keys', { token: manager, body: { keyId: 'portal-2022' } })).status).toBe(
      403,
    );
    const created = await createKey('portal-2022');
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(created.body.secret, 'base64')).toHaveLength(32);
    keys['portal-2022'] = created.body.secret;

    const [row] = (await db.query(`SELECT wrapped_secret FROM intake.portal_signing_keys WHERE key_id = 'portal-2022'`)).rows;
    expect(row.wrapped_secret.includes(Buffer.from(created.body.secret, 'base64'))).toBe(false);
    const listed = await callService(intakeA, 'GET', '/portal/signing-keys', { token: admin });
    expect(listed.body.keys).toEqual([expect.objectContaining({ keyId: 'portal-2022', createdBy: 'admin-1', retiredAt: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    expect((await createKey('portal-2022')).status).toBe(409);
  });

  it('accepts a signed rating as a portal response, recorded with the channel and the key that signed it', async () => {
    const reply = await send('portal-2022', rating('H26.01-220412-0001'));
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ responseId: expect.any(String), created: true });
    await eventually(async () => {
      const event = (await portalResponses()).find((e) => e.subject === reply.body.responseId);
      expect(event?.actor).toEqual({ id: 'portal:portal-2022', kind: 'channel', roles: ['portal'] });
      expect(event?.data).toMatchObject({
        campaignId,
        unitId: units.commune,
        channel: 'portal',
        collectedBy: null,
        procedureId: 'id-card',
      });
    });
  });

  it('answers a dossier sent again (new nonce, other intake process) with the same response, and refuses other answers for it', async () => {
    const first = await send('portal-2022', rating('H26.01-220412-0002'));
    expect(first.status).toBe(201);
    const again = await send('portal-2022', rating('H26.01-220412-0002'), {}, intakeB);
    expect(again).toEqual({ status: 200, body: { responseId: first.body.responseId, created: false } });
    const changed = await send('portal-2022', rating('H26.01-220412-0002', { answers: [{ itemId: 'A1', level: 1 }] }));
    expect(changed.status).toBe(409);
    expect(changed.body.errors[0].field).toBe('idempotencyKey');
  });

  it('counts 10 copies of one dossier sent at once through both processes as one response', async () => {
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => send('portal-2022', rating('H26.01-220412-0003'), {}, i % 2 ? intakeA : intakeB)),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 200)).toHaveLength(9);
    expect(new Set(replies.map((r) => r.body.responseId)).size).toBe(1);
  });

  it('refuses a replayed request — the same bytes, headers and nonce — on either process, with 401 naming the nonce', async () => {
    const body = rating('H26.01-220412-0004');
    const headers = signedHeaders({ keyId: 'portal-2022', secret: keys['portal-2022'], body });
    expect((await post(intakeA, headers, body)).status).toBe(201);
    for (const service of [intakeA, intakeB]) {
      const replay = await post(service, headers, body);
      expect(replay.status).toBe(401);
      expect(replay.body.errors).toEqual([
        { field: 'x-hailong-nonce', reason: 'already used: a replayed request', reasonVi: 'đã được dùng: yêu cầu bị gửi lại' },
      ]);
    }
  });

  it('refuses a request signed more than 5 minutes ago (or ahead), though its nonce is new and its signature right', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now - 301, now + 301]) {
      const reply = await send('portal-2022', rating('H26.01-220412-0005'), { timestamp });
      expect(reply.status).toBe(401);
      expect(reply.body.errors[0].field).toBe('x-hailong-timestamp');
    }
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM intake.responses WHERE idempotency_key = 'portal:H26.01-220412-0005'`))
      .rows;
    expect(n).toBe(0);
  });

  it('refuses a forged or altered request, an unknown key, missing headers and a body not sent raw', async () => {
    const body = rating('H26.01-220412-0006');
    const headers = signedHeaders({ keyId: 'portal-2022', secret: keys['portal-2022'], body });
    const altered = await post(intakeA, headers, body.replace('"level":1', '"level":5'));
    expect([altered.status, altered.body.errors[0].field]).toEqual([401, 'x-hailong-signature']);
    const forged = await post(intakeA, signedHeaders({ keyId: 'portal-2022', secret: randomBytes(32).toString('base64'), body }), body);
    expect([forged.status, forged.body.errors[0].field]).toEqual([401, 'x-hailong-signature']);
    const unknown = await post(intakeA, signedHeaders({ keyId: 'someone-else', secret: keys['portal-2022'], body }), body);
    expect([unknown.status, unknown.body.errors[0].field]).toEqual([401, 'x-hailong-key-id']);
    const { 'x-hailong-nonce': _nonce, ...withoutNonce } = signedHeaders({ keyId: 'portal-2022', secret: keys['portal-2022'], body });
    const missing = await post(intakeA, withoutNonce, body);
    expect([missing.status, missing.body.errors[0].field]).toEqual([401, 'x-hailong-nonce']);
    const asJson = await post(
      intakeA,
      { ...signedHeaders({ keyId: 'portal-2022', secret: keys['portal-2022'], body }), 'content-type': 'application/json' },
      body,
    );
    expect([asJson.status, asJson.body.errors[0].field]).toEqual([415, 'content-type']);
  });

  it('checks a correctly signed rating like any response: 400 for a malformed field, 422 for a campaign without the portal', async () => {
    const malformed = await send('portal-2022', rating('H26.01-220412-0007', { answers: [{ itemId: 'A1', level: 7 }] }));
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('answers.0.level');
    const channel = await send('portal-2022', rating('H26.01-220412-0007', { channel: 'paper' }));
    expect(channel.status).toBe(400);
    expect(channel.body.errors[0].field).toBe('channel');
    const notJson = await send('portal-2022', '{"dossierId": ');
    expect([notJson.status, notJson.body.errors[0].field]).toEqual([400, 'body']);
    const paperOnly = await send('portal-2022', rating('H26.01-220412-0008', { campaignId: paperOnlyCampaignId }));
    expect(paperOnly.status).toBe(422);
    expect(paperOnly.body.errors[0]).toMatchObject({ field: 'channel', rule: 'method-not-allowed' });
  });

  it('rotates keys: two valid at once (the previous key still accepted), a third refused, the retired one refused after', async () => {
    const next = await createKey('portal-2023');
    expect(next.status).toBe(201);
    keys['portal-2023'] = next.body.secret;
    expect((await createKey('portal-2024')).status).toBe(409);

    // During the rotation the portal may still sign with the previous key, and a dossier keeps its response across keys.
    const previous = await send('portal-2022', rating('H26.01-220412-0010'));
    expect(previous.status).toBe(201);
    const current = await send('portal-2023', rating('H26.01-220412-0011'), {}, intakeB);
    expect(current.status).toBe(201);
    const resentWithNewKey = await send('portal-2023', rating('H26.01-220412-0010'));
    expect(resentWithNewKey).toEqual({ status: 200, body: { responseId: previous.body.responseId, created: false } });

    const retired = await callService(intakeA, 'POST', '/portal/signing-keys/portal-2022/retire', { token: admin });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ keyId: 'portal-2022', retiredBy: 'admin-1', retiredAt: expect.any(String) });
    const afterRetirement = await send('portal-2022', rating('H26.01-220412-0012'), {}, intakeB);
    expect([afterRetirement.status, afterRetirement.body.errors[0].field]).toEqual([401, 'x-hailong-key-id']);
    expect((await send('portal-2023', rating('H26.01-220412-0012'))).status).toBe(201);
    expect((await createKey('portal-2024')).status).toBe(201);
    expect((await callService(intakeA, 'POST', '/portal/signing-keys/no-such-key/retire', { token: admin })).status).toBe(404);
  });

  it('publishes exactly one portal response per accepted dossier', async () => {
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM intake.responses WHERE channel = 'portal'`)).rows;
    const dossiers = ['0001', '0002', '0003', '0004', '0010', '0011', '0012'];
    expect(n).toBe(dossiers.length);
    const events = await portalResponses();
    expect(events).toHaveLength(dossiers.length);
    expect(new Set(events.map((e) => e.subject)).size).toBe(dossiers.length);
  });
});
