import { EventEnvelope, platformEvents, Roles, Topics } from '@hailong/contracts';
import { createKafka, messagingConfigFromEnv, readTopicToEnd } from '@hailong/platform/messaging';
import { assertKafkaReachable, eventually, ServiceProcess } from '@hailong/platform/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { callService, TestPlatform } from './platform';

/**
 * Counter visit tokens and working-group tablets on one platform (the portal has its own spec).
 *
 * Counter visit tokens as a counter and a citizen use them: a one-time token issued with its QR code,
 * the short form opened and rated once, a used or expired token refused, and the public endpoints
 * rate-limited per token and per address (counted in PostgreSQL). Real PostgreSQL and Kafka.
 */

const PER_TOKEN = 12;
const PER_ADDRESS = 30;
const ITEMS = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'D1', 'D2', 'D3', 'E1', 'E2', 'E3'];
let addressSeq = 0;
/** Each call from its own address unless told, so only the limit under test can be reached. */
const freshAddress = () => `192.0.2.1, 203.0.113.${++addressSeq % 250}`;

describe('intake channels: counter visit tokens and working-group tablets', () => {
  let platform: TestPlatform;
  let intake: ServiceProcess;
  let db: Client;
  let surveyor: string;
  let counterSystem: string;
  let manager: string;
  const units: Record<string, string> = {};
  let campaignId: string;
  let paperOnlyCampaignId: string;
  let tabletCampaignId: string;

  const form = (level = 4, firstLevel = level) => ({
    answers: ITEMS.map((itemId, i) => ({ itemId, level: i === 0 ? firstLevel : level })),
    profile: { respondentType: 'individual' },
  });
  const issue = async (body: Record<string, unknown> = {}, token = surveyor) =>
    callService(intake, 'POST', '/counter/visit-tokens', {
      token,
      body: { campaignId, unitId: units.commune, procedureId: 'id-card', serviceDate: '2022-04-12', ...body },
    });
  const citizen = (method: string, path: string, visitToken: string | null, body?: unknown, address = freshAddress()) =>
    callService(intake, method, path, {
      body,
      headers: { ...(visitToken ? { 'x-visit-token': visitToken } : {}), 'x-forwarded-for': address },
    });
  const rate = (visitToken: string | null, body: unknown = form(), address?: string) =>
    citizen('POST', '/counter/ratings', visitToken, body, address);
  const counterEvents = () => counterEventsOf('counter');
  const counterEventsOf = async (channel: string): Promise<EventEnvelope[]> => {
    await eventually(async () => {
      const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM intake.outbox WHERE published_at IS NULL`)).rows;
      expect(n).toBe(0);
    });
    const config = messagingConfigFromEnv('audit');
    const events: EventEnvelope[] = [];
    await readTopicToEnd(createKafka({ ...config, clientId: 'e2e-counter' }), config, Topics.intakeResponses, async (_p, messages) => {
      for (const m of messages) events.push(platformEvents.decode(m.value as Buffer));
    });
    return events.filter((e) => e.type === 'ResponseSubmitted' && (e.data as { channel: string }).channel === channel);
  };

  beforeAll(async () => {
    await assertKafkaReachable();
    platform = await TestPlatform.start('counter', 3276);
    process.env['KAFKA_TOPIC_PREFIX'] = platform.topicPrefix;
    intake = platform.services['survey-intake'];
    await intake.stop('SIGTERM');
    await intake.start({
      COUNTER_RATE_PER_TOKEN: String(PER_TOKEN),
      COUNTER_RATE_PER_ADDRESS: String(PER_ADDRESS),
      // An hour: the limits below are reached within a second, far from a window's edge.
      COUNTER_RATE_WINDOW_SECONDS: '3600',
      INTAKE_TRUSTED_PROXY_HOPS: '1',
      COUNTER_FORM_URL: 'https://hailong.example.vn/counter',
    });
    db = new Client({ connectionString: platform.db.url });
    await db.connect();
    [surveyor, counterSystem, manager] = await Promise.all([
      platform.token(Roles.surveyor, 'counter-clerk-1'),
      platform.token(Roles.device, 'counter-system-1'),
      platform.token(Roles.campaignManager, 'manager-1'),
    ]);
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
        expect((await callService(intake, 'GET', `/directory/units/${id}`, { token: viewer })).status).toBe(200);
    });
    const openCampaign = async (methods: string[]) => {
      const created = await callService(intake, 'POST', '/campaigns', {
        token: manager,
        body: {
          nameVi: 'Khảo sát tại bộ phận một cửa 2022',
          nameEn: 'At the counter 2022',
          period: { from: '2022-04-01', to: '2022-05-31' },
          scope: { unitTypes: ['commune-police'], withinUnitId: units.province },
          methods,
          questionnaire: { questionnaireId: 'current', version: 1 },
          targetSample: { perUnit: 100, byUnit: [] },
          minimumSample: 30,
        },
      });
      expect(created.status).toBe(201);
      expect((await callService(intake, 'POST', `/campaigns/${created.body.campaignId}/open`, { token: manager })).status).toBe(200);
      return created.body.campaignId as string;
    };
    campaignId = await openCampaign(['counter']);
    paperOnlyCampaignId = await openCampaign(['paper']);
    tabletCampaignId = await openCampaign(['tablet']);
    // The per-address limit test needs a window with room: not within seconds of the hour's end.
    const toNextHour = 3600_000 - (Date.now() % 3600_000);
    if (toNextHour < 60_000) await new Promise((resolve) => setTimeout(resolve, toNextHour + 1000));
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  it('issues a one-time token with the form’s address and a QR code image, to counter staff or the counter system only', async () => {
    const viewer = await platform.token(Roles.viewer);
    expect((await issue({}, viewer)).status).toBe(403);
    for (const issuer of [surveyor, counterSystem]) {
      const reply = await issue({}, issuer);
      expect(reply.status).toBe(201);
      expect(reply.headers.get('cache-control')).toBe('no-store');
      expect(reply.body).toMatchObject({
        campaignId,
        unitId: units.commune,
        procedureId: 'id-card',
        serviceDate: '2022-04-12',
        usedAt: null,
      });
      expect(reply.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(reply.body.formUrl).toBe(`https://hailong.example.vn/counter#t=${reply.body.token}`);
      const png = Buffer.from(reply.body.qrCode.replace(/^data:image\/png;base64,/, ''), 'base64');
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.readUInt32BE(16)).toBe(256); // width from the IHDR chunk
      expect(Date.parse(reply.body.expiresAt) - Date.now()).toBeGreaterThan(71 * 3600_000);
    }
    const stored = await db.query(`SELECT token_hash, issued_by FROM intake.counter_visit_tokens ORDER BY issued_at`);
    expect(stored.rows.map((r) => r.issued_by)).toEqual(['counter-clerk-1', 'counter-system-1']);
    expect(stored.rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('refuses a token for a visit that could not be rated: a campaign without the counter method, a procedure the unit does not handle', async () => {
    const paper = await issue({ campaignId: paperOnlyCampaignId });
    expect(paper.status).toBe(422);
    expect(paper.body.errors).toEqual([expect.objectContaining({ field: 'channel', rule: 'method-not-allowed' })]);
    const procedure = await issue({ procedureId: 'passport' });
    expect(procedure.status).toBe(422);
    expect(procedure.body.errors[0].field).toBe('procedureId');
    expect((await issue({ serviceDate: '2022-13-01' })).status).toBe(400);
  });

  it('opens the short form for a token, and rates once: the same form again gets its response, another form is refused', async () => {
    const { body: issued } = await issue();
    const visit = await citizen('GET', '/counter/visit', issued.token);
    expect(visit.status).toBe(200);
    expect(visit.body).toMatchObject({
      unitId: units.commune,
      procedureId: 'id-card',
      used: false,
      questionnaire: { questionnaireId: 'current', version: 1 },
      unit: { nameVi: 'Công an phường Tích Sơn', nameEn: 'Tich Son' },
      procedure: { vi: expect.any(String), en: expect.any(String) },
    });
    // The citizen has no account: the questions to rate come with the visit.
    expect(visit.body.form.factors.flatMap((f: { items: { id: string }[] }) => f.items.map((i) => i.id))).toEqual(ITEMS);
    expect(visit.body.form.ratingScale).toHaveLength(5);

    const first = await rate(issued.token);
    expect(first.status).toBe(201);
    expect(first.body.receiptPath).toBe(`/api/audit/receipts/${first.body.responseId}`);
    const retry = await rate(issued.token);
    expect(retry).toMatchObject({ status: 200, body: { responseId: first.body.responseId, created: false } });
    const another = await rate(issued.token, form(1));
    expect(another.status).toBe(409);
    expect(another.body.errors).toEqual([
      { field: 'x-visit-token', reason: 'already used for a rating', reasonVi: 'đã được dùng để đánh giá' },
    ]);
    expect((await citizen('GET', '/counter/visit', issued.token)).body.used).toBe(true);

    await eventually(async () => {
      const event = (await counterEvents()).find((e) => e.subject === first.body.responseId);
      expect(event?.actor).toEqual({ id: `visit-token:${issued.tokenId}`, kind: 'citizen', roles: ['citizen'] });
      expect(event?.data).toMatchObject({
        campaignId,
        unitId: units.commune,
        channel: 'counter',
        procedureId: 'id-card',
        collectedBy: null,
      });
    });
  });

  it('counts 10 different forms sent at once with one token as one response', async () => {
    const { body: issued } = await issue();
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => rate(issued.token, form((i % 5) + 1, i < 5 ? 1 : 2))));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(9);
    const [{ n }] = (
      await db.query(`SELECT count(*)::int AS n FROM intake.responses WHERE idempotency_key = $1`, [`counter:${issued.tokenId}`])
    ).rows;
    expect(n).toBe(1);
  });

  it('refuses an expired token (410) and an unknown or malformed one (401), naming the token header', async () => {
    const { body: issued } = await issue({ validForSeconds: 5 });
    expect((await citizen('GET', '/counter/visit', issued.token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 5500));
    const expired = await rate(issued.token);
    expect(expired.status).toBe(410);
    expect(expired.body.errors).toEqual([{ field: 'x-visit-token', reason: 'expired', reasonVi: 'đã hết hạn' }]);
    expect((await citizen('GET', '/counter/visit', issued.token)).status).toBe(410);
    const [{ n }] = (
      await db.query(`SELECT count(*)::int AS n FROM intake.responses WHERE idempotency_key = $1`, [`counter:${issued.tokenId}`])
    ).rows;
    expect(n).toBe(0);

    const unknown = await rate(randomBytes(32).toString('base64url'));
    expect([unknown.status, unknown.body.errors[0].field]).toEqual([401, 'x-visit-token']);
    expect((await rate('not-a-token')).status).toBe(401);
    expect((await rate(null)).status).toBe(401);
  });

  it(`rate-limits one token to ${PER_TOKEN} calls per window, whatever address they come from`, async () => {
    const { body: issued } = await issue();
    for (let i = 0; i < PER_TOKEN; i++) expect((await citizen('GET', '/counter/visit', issued.token)).status).toBe(200);
    const limited = await citizen('GET', '/counter/visit', issued.token);
    expect(limited.status).toBe(429);
    expect(limited.body.errors).toEqual([{ field: 'x-visit-token', reason: 'rate limit reached', reasonVi: 'vượt giới hạn tần suất' }]);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await rate(issued.token)).status).toBe(429);
    // Another token is untouched.
    expect((await citizen('GET', '/counter/visit', (await issue()).body.token)).status).toBe(200);
  });

  it(`rate-limits one address to ${PER_ADDRESS} calls per window across tokens (guessing tokens gets nowhere)`, async () => {
    // The last entry is what the trusted proxy saw; anything left of it is the caller's own claim.
    const address = '192.0.2.1, 198.51.100.7';
    for (let i = 0; i < PER_ADDRESS; i++) expect((await rate(randomBytes(32).toString('base64url'), form(), address)).status).toBe(401);
    const limited = await rate(randomBytes(32).toString('base64url'), form(), address);
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0].field).toBe('address');
    // Even with a good token, that address waits; another address is served.
    const { body: issued } = await issue();
    expect((await rate(issued.token, form(), address)).status).toBe(429);
    expect((await rate(issued.token)).status).toBe(201);
  });

  it('publishes exactly one counter response per token used, and keeps no token in clear', async () => {
    const used = (await db.query(`SELECT token_id, response_id FROM intake.counter_visit_tokens WHERE response_id IS NOT NULL`)).rows;
    expect(used).toHaveLength(3);
    const events = await counterEvents();
    expect(events.map((e) => e.subject).sort()).toEqual(used.map((r) => r.response_id).sort());
    const dump = JSON.stringify((await db.query(`SELECT * FROM intake.counter_visit_tokens`)).rows);
    expect(dump).not.toMatch(/"[A-Za-z0-9_-]{43}"/);
  });

  describe('working-group tablets', () => {
    let admin: string;
    let surveyorOnTablet: string;
    const devices: { deviceId: string; credential: string }[] = [];

    const tabletForm = (tabletResponseId: string, overrides: Record<string, unknown> = {}) => ({
      tabletResponseId,
      campaignId: tabletCampaignId,
      unitId: units.commune,
      procedureId: 'id-card',
      serviceDate: '2022-04-12',
      form: { startedAt: '2022-04-12T09:20:00+07:00', finishedAt: '2022-04-12T09:28:00+07:00' },
      answers: ITEMS.map((itemId, i) => ({ itemId, level: (i % 5) + 1 })),
      ...overrides,
    });
    const sync = (responses: unknown[], device = devices[0], token = surveyorOnTablet, signal?: AbortSignal) =>
      fetch(`${intake.url}/tablets/sync`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-device-id': device.deviceId,
          'x-device-credential': device.credential,
        },
        body: JSON.stringify({ responses }),
        signal,
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any })); // eslint-disable-line @typescript-eslint/no-explicit-any
    const storedFor = async (deviceId: string) =>
      (await db.query(`SELECT count(*)::int AS n FROM intake.responses WHERE idempotency_key LIKE $1`, [`tablet:${deviceId}:%`])).rows[0]
        .n as number;
    const tabletEvents = async () =>
      (await counterEventsOf('tablet')).map((e) => ({ id: e.subject, data: e.data as { late: boolean; collectedBy: unknown } }));

    beforeAll(async () => {
      [admin, surveyorOnTablet] = await Promise.all([platform.token(Roles.admin, 'admin-1'), platform.token(Roles.surveyor, 'surveyor-7')]);
    });

    it('enrolls a tablet for an admin only, shows its credential once and keeps only its SHA-256', async () => {
      expect((await callService(intake, 'POST', '/tablets', { token: surveyorOnTablet, body: { label: 'Tổ công tác 3' } })).status).toBe(
        403,
      );
      for (const label of ['Tổ công tác 3 — máy 1', 'Tổ công tác 3 — máy 2']) {
        const enrolled = await callService(intake, 'POST', '/tablets', { token: admin, body: { label } });
        expect(enrolled.status).toBe(201);
        expect(enrolled.body).toMatchObject({ label, enrolledBy: 'admin-1', revokedAt: null });
        devices.push({ deviceId: enrolled.body.deviceId, credential: enrolled.body.credential });
      }
      const stored = (await db.query(`SELECT credential_hash FROM intake.tablet_devices`)).rows;
      expect(stored.every((r) => /^sha256:[0-9a-f]{64}$/.test(r.credential_hash))).toBe(true);
      expect(JSON.stringify(stored)).not.toContain(devices[0].credential);
      const listed = await callService(intake, 'GET', '/tablets', { token: admin });
      expect(listed.body.tablets).toHaveLength(2);
      expect(JSON.stringify(listed.body)).not.toContain(devices[0].credential);
    });

    it('syncs a batch and lists each response’s outcome in order: accepted with its id, or refused with its field', async () => {
      const batch = [
        tabletForm('t1-001'),
        tabletForm('t1-002'),
        tabletForm('t1-003', { answers: [{ itemId: 'A1', level: 7 }] }),
        tabletForm('t1-004', { procedureId: 'passport' }),
        tabletForm('t1-005'),
      ];
      const reply = await sync(batch);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ accepted: 3, duplicates: 0, refused: 2 });
      expect(reply.body.outcomes.map((o: { tabletResponseId: string; outcome: string }) => [o.tabletResponseId, o.outcome])).toEqual([
        ['t1-001', 'accepted'],
        ['t1-002', 'accepted'],
        ['t1-003', 'refused'],
        ['t1-004', 'refused'],
        ['t1-005', 'accepted'],
      ]);
      expect(reply.body.outcomes[2]).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'answers.0.level' })] });
      expect(reply.body.outcomes[3]).toMatchObject({ status: 422, errors: [expect.objectContaining({ field: 'procedureId' })] });
      await eventually(async () => {
        const event = (await tabletEvents()).find((e) => e.id === reply.body.outcomes[0].responseId);
        expect(event?.data).toMatchObject({ channel: 'tablet', collectedBy: { kind: 'device', id: devices[0].deviceId }, late: false });
      });
    });

    it('counts a batch sent twice once: the second answer lists the same response ids as duplicates', async () => {
      const batch = [tabletForm('t1-101'), tabletForm('t1-102'), tabletForm('t1-103')];
      const first = await sync(batch);
      const second = await sync(batch);
      expect(first.body).toMatchObject({ accepted: 3, duplicates: 0 });
      expect(second.body).toMatchObject({ accepted: 0, duplicates: 3, refused: 0 });
      expect(second.body.outcomes.map((o: { responseId: string }) => o.responseId)).toEqual(
        first.body.outcomes.map((o: { responseId: string }) => o.responseId),
      );
      // The same tablet id from another tablet is another form.
      expect((await sync([tabletForm('t1-101')], devices[1])).body).toMatchObject({ accepted: 1 });
    });

    it('counts a batch cut off halfway (the connection dropped mid-sync) and sent again whole once per response', async () => {
      const batch = Array.from({ length: 150 }, (_, i) => tabletForm(`t1-cut-${i}`));
      const before = await storedFor(devices[0].deviceId);
      const controller = new AbortController();
      const cut = sync(batch, devices[0], surveyorOnTablet, controller.signal).catch((error: Error) => error);
      await eventually(async () => expect(await storedFor(devices[0].deviceId)).toBeGreaterThan(before + 5), { timeoutMs: 20_000 });
      controller.abort();
      expect(((await cut) as { name?: string }).name).toBe('AbortError');
      const committedAtCut = (await storedFor(devices[0].deviceId)) - before;
      expect(committedAtCut).toBeLessThan(150);
      // The server finishes what it had started (or not): either way the resent batch completes it exactly.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const resent = await sync(batch);
      expect(resent.status).toBe(200);
      expect(resent.body.accepted + resent.body.duplicates).toBe(150);
      expect(resent.body.duplicates).toBeGreaterThanOrEqual(committedAtCut);
      expect((await storedFor(devices[0].deviceId)) - before).toBe(150);
      const ids = new Set(resent.body.outcomes.map((o: { responseId: string }) => o.responseId));
      expect(ids.size).toBe(150);
      await eventually(
        async () => {
          const published = (await tabletEvents()).filter((e) => ids.has(e.id));
          expect(published).toHaveLength(150);
        },
        { timeoutMs: 20_000 },
      );
    });

    it('counts the first half of a batch, then the whole batch, once per response', async () => {
      const batch = Array.from({ length: 10 }, (_, i) => tabletForm(`t1-half-${i}`));
      const half = await sync(batch.slice(0, 5));
      const whole = await sync(batch);
      expect(half.body).toMatchObject({ accepted: 5 });
      expect(whole.body).toMatchObject({ accepted: 5, duplicates: 5 });
      expect(whole.body.outcomes.slice(0, 5).map((o: { responseId: string }) => o.responseId)).toEqual(
        half.body.outcomes.map((o: { responseId: string }) => o.responseId),
      );
    });

    it('refuses a sync without the surveyor’s sign-in, from a revoked tablet, or with a wrong credential', async () => {
      const noSurveyor = await fetch(`${intake.url}/tablets/sync`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-device-id': devices[1].deviceId, 'x-device-credential': devices[1].credential },
        body: JSON.stringify({ responses: [tabletForm('t2-x')] }),
      });
      expect(noSurveyor.status).toBe(401);
      const wrong = await sync([tabletForm('t2-x')], { deviceId: devices[1].deviceId, credential: devices[0].credential });
      expect([wrong.status, wrong.body.errors[0].field]).toEqual([401, 'x-device-credential']);
      expect((await sync([tabletForm('t2-x')], devices[1], await platform.token(Roles.viewer))).status).toBe(403);
      expect((await callService(intake, 'POST', `/tablets/${devices[1].deviceId}/revoke`, { token: admin })).status).toBe(200);
      const revoked = await sync([tabletForm('t2-y')], devices[1]);
      expect(revoked.status).toBe(401);
      expect(await storedFor(devices[1].deviceId)).toBe(1);
    });

    it('accepts after the close, as late, a form finished before it; refuses one finished after; a resent early form stays on time', async () => {
      const early = await sync([tabletForm('t1-early')]);
      expect(early.body.outcomes[0]).toMatchObject({ outcome: 'accepted', late: false });
      expect((await callService(intake, 'POST', `/campaigns/${tabletCampaignId}/close`, { token: manager })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const finishedAfterClose = new Date().toISOString();

      const reply = await sync([
        tabletForm('t1-late'),
        tabletForm('t1-after', { form: { startedAt: '2022-04-12T09:20:00+07:00', finishedAt: finishedAfterClose } }),
        tabletForm('t1-early'),
      ]);
      expect(reply.body.outcomes[0]).toMatchObject({ outcome: 'accepted', late: true });
      expect(reply.body.outcomes[1]).toMatchObject({
        outcome: 'refused',
        status: 422,
        errors: [expect.objectContaining({ field: 'form.finishedAt', rule: 'collected-after-close' })],
      });
      expect(reply.body.outcomes[2]).toMatchObject({ outcome: 'duplicate', responseId: early.body.outcomes[0].responseId, late: false });
      // Staff entry still refuses the closed campaign: only tablets bring late forms.
      const staff = await callService(intake, 'POST', '/responses', {
        token: surveyorOnTablet,
        body: { ...tabletForm('x'), tabletResponseId: undefined, idempotencyKey: 'staff-after-close-1', channel: 'tablet' },
      });
      expect(staff.status).toBe(422);
      await eventually(async () => {
        const events = await tabletEvents();
        expect(events.find((e) => e.id === reply.body.outcomes[0].responseId)?.data.late).toBe(true);
        expect(events.find((e) => e.id === early.body.outcomes[0].responseId)?.data.late).toBe(false);
      });
    });
  });
});
