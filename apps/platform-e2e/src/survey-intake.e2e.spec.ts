import { ALL_TOPICS, EventEnvelope, platformEvents, Roles, Topics } from '@hailong/contracts';
import { createKafka, messagingConfigFromEnv, readTopicToEnd } from '@hailong/platform/messaging';
import { assertKafkaReachable, eventually, ServiceProcess } from '@hailong/platform/testing';
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { callService, TestPlatform } from './platform';

/**
 * Survey intake as operations run it: two intake processes on one database, the directory and scoring
 * beside them, real PostgreSQL and Kafka. Questionnaires as versioned data, campaigns, staff entry of
 * paper forms with every refusal naming its field, 20 concurrent copies of one form, voids and
 * corrections, a respondent forgotten — and phone numbers found nowhere in clear.
 */

const KEK = randomBytes(32).toString('base64');
const PHONES = ['0912345678', '+84 912 345 678', '091.234.5678'];

/** A Vietnamese mobile number however it is written: 0… or (+)84…, any spaces, dots, dashes or brackets between digits. */
const SEP = '[\\s.()\\-]*';
const phonePattern = (nationalNumber: string) => new RegExp(`(?:\\+?${SEP}8${SEP}4|0)${SEP}${nationalNumber.split('').join(SEP)}(?!\\d)`);
const PHONE_IN_ANY_FORM = phonePattern('912345678');
/** Also catches the number inside URL-encoded text (a query string in a log line). */
const containsPhone = (text: string) => {
  let decoded = text;
  try {
    decoded = decodeURIComponent(text.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
  } catch {
    // keep the raw text
  }
  return PHONE_IN_ANY_FORM.test(text) || PHONE_IN_ANY_FORM.test(decoded);
};

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('survey intake', () => {
  let platform: TestPlatform;
  let intakeA: ServiceProcess;
  let intakeB: ServiceProcess;
  let db: Client;
  let manager: string;
  let surveyor: string;
  let admin: string;
  let viewer: string;
  const errorBodies: string[] = [];
  const units: Record<string, string> = {};

  /** A call to an intake process; every refusal's body is kept for the phone-number scan. */
  const intake = async (method: string, path: string, token: string, body?: unknown, service?: ServiceProcess): Promise<Reply> => {
    const reply = await callService(service ?? intakeA, method, path, { token, body });
    if (reply.status >= 400) errorBodies.push(JSON.stringify(reply.body));
    return reply;
  };
  const kafka = () => createKafka({ ...messagingConfigFromEnv('audit'), clientId: 'e2e-intake' });
  const intakeEvents = async (): Promise<EventEnvelope[]> => {
    const events: EventEnvelope[] = [];
    await readTopicToEnd(kafka(), messagingConfigFromEnv('audit'), Topics.intakeResponses, async (_p, messages) => {
      for (const m of messages) events.push(platformEvents.decode(m.value as Buffer));
    });
    return events;
  };
  /** Waits until the relay has published everything intake committed, then reads the topic. */
  const publishedIntakeEvents = async () => {
    await eventually(async () => {
      const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM intake.outbox WHERE published_at IS NULL`)).rows;
      expect(n).toBe(0);
    });
    return intakeEvents();
  };
  const register = async (key: string, body: Record<string, unknown>) => {
    const reply = await platform.call('unit-directory', 'POST', '/units', { token: await platform.token(Roles.directoryEditor), body });
    expect(reply.status).toBe(201);
    units[key] = reply.body.unitId;
  };

  const ALL_ITEMS = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'D1', 'D2', 'D3', 'E1', 'E2', 'E3'];
  const form = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: `form-${randomUUID()}`,
    campaignId: campaigns.main,
    unitId: units.commune,
    channel: 'paper',
    procedureId: 'id-card',
    serviceDate: '2022-04-12',
    form: { startedAt: '2022-04-12T09:20:00+07:00', finishedAt: '2022-04-12T09:28:00+07:00' },
    answers: ALL_ITEMS.map((itemId, i) => ({ itemId, level: i === 5 ? null : (i % 5) + 1 })),
    expectations: [
      { itemId: 'X4', level: 4 },
      { itemId: 'X6', level: 3 },
    ],
    profile: { respondentType: 'individual', ageGroup: '35-49', sex: 'female', occupation: 'farmer' },
    ...overrides,
  });
  const campaigns: Record<string, string> = {};
  const createCampaign = async (body: Record<string, unknown>, token = manager) => intake('POST', '/campaigns', token, body);
  const campaignBody = (overrides: Record<string, unknown> = {}) => ({
    nameVi: 'Khảo sát sự hài lòng năm 2022',
    nameEn: 'Satisfaction survey 2022',
    period: { from: '2022-04-01', to: '2022-05-31' },
    scope: { unitTypes: ['commune-police', 'provincial-division'], withinUnitId: units.province },
    methods: ['paper'],
    questionnaire: { questionnaireId: 'current', version: 1 },
    targetSample: { perUnit: 100, byUnit: [{ unitId: units.commune, target: 60 }] },
    minimumSample: 30,
    ...overrides,
  });
  const openedCampaign = async (overrides: Record<string, unknown> = {}) => {
    const created = await createCampaign(campaignBody(overrides));
    expect(created.status).toBe(201);
    expect((await intake('POST', `/campaigns/${created.body.campaignId}/open`, manager)).status).toBe(200);
    return created.body.campaignId as string;
  };
  const progress = async (campaignId: string) => (await intake('GET', `/campaigns/${campaignId}/progress`, manager)).body;

  beforeAll(async () => {
    await assertKafkaReachable();
    platform = await TestPlatform.start('intake', 3221);
    process.env['KAFKA_TOPIC_PREFIX'] = platform.topicPrefix;
    // Both intake processes with one key-encryption key from the environment (nothing was encrypted yet).
    intakeA = platform.services['survey-intake'];
    await intakeA.stop('SIGTERM');
    await intakeA.start({ INTAKE_KEY_ENCRYPTION_KEY: KEK });
    intakeB = platform.extraProcess('survey-intake', 3225, { INTAKE_KEY_ENCRYPTION_KEY: KEK });
    await intakeB.start();
    db = new Client({ connectionString: platform.db.url });
    await db.connect();
    [manager, surveyor, admin, viewer] = await Promise.all([
      platform.token(Roles.campaignManager, 'manager-1'),
      platform.token(Roles.surveyor, 'surveyor-1'),
      platform.token(Roles.admin, 'admin-1'),
      platform.token(Roles.viewer, 'viewer-1'),
    ]);

    const unit = (code: string, unitType: string, nameVi: string, parentId: string | null, validFrom = '2020-01-01') => ({
      code,
      unitType,
      nameVi,
      nameEn: nameVi,
      ...(parentId ? { parentId } : {}),
      validFrom,
    });
    await register('province', unit('26', 'provincial-police', 'Công an tỉnh Vĩnh Phúc', null));
    await register('division', unit('26-PA08', 'provincial-division', 'Phòng Quản lý xuất nhập cảnh', units.province));
    await register('district', unit('243', 'district-police', 'Công an thành phố Vĩnh Yên', units.province));
    await register('commune', unit('08707', 'commune-police', 'Công an phường Tích Sơn', units.district));
    await register('newCommune', unit('08710', 'commune-police', 'Công an phường Liên Bảo', units.district, '2022-05-01'));
    await register('otherProvince', unit('27', 'provincial-police', 'Công an tỉnh Bắc Ninh', null));
    await register('otherCommune', unit('09001', 'commune-police', 'Công an phường Vũ Ninh', units.otherProvince));
    // Intake learns units from the directory's topic.
    await eventually(async () => {
      for (const id of Object.values(units)) expect((await intake('GET', `/directory/units/${id}`, viewer)).status).toBe(200);
    });
  });

  afterAll(async () => {
    await intakeB?.stop('SIGTERM');
    await db?.end();
    await platform?.stop();
  });

  describe('questionnaires as versioned data', () => {
    let currentV1Hash: string;

    it('publishes the reference file’s two forms once, though two intake processes started: current (16 items) and 2017 (22 items)', async () => {
      const reply = await intake('GET', '/questionnaires', viewer);
      expect(reply.status).toBe(200);
      expect(
        reply.body.versions.map((v: { questionnaireId: string; version: number; items: number }) => [
          v.questionnaireId,
          v.version,
          v.items,
        ]),
      ).toEqual([
        ['2017', 1, 22],
        ['current', 1, 16],
      ]);
      const published = (await publishedIntakeEvents()).filter((e) => e.type === 'QuestionnaireVersionPublished');
      expect(published.map((e) => e.subject).sort()).toEqual(['2017@1', 'current@1']);
      expect(published[0].actor).toEqual({ id: 'survey-intake', kind: 'service', roles: [] });
    });

    it('serves a version whole: labels in Vietnamese and English, the five-level and the four-level scales, profile and procedures', async () => {
      const reply = await intake('GET', '/questionnaires/current/versions/1', surveyor);
      expect(reply.status).toBe(200);
      const content = reply.body.content;
      currentV1Hash = reply.body.contentHash;
      expect(content.factors[2]).toMatchObject({ id: 'C', vi: 'Cán bộ giải quyết công việc', en: 'Officials handling the case' });
      expect(content.ratingScale.map((l: { vi: string }) => l.vi)).toEqual([
        'Rất không hài lòng',
        'Không hài lòng',
        'Bình thường',
        'Hài lòng',
        'Rất hài lòng',
      ]);
      expect(content.expectationScale).toHaveLength(4);
      expect(content.profile.map((p: { id: string }) => p.id)).toEqual(['respondentType', 'ageGroup', 'sex', 'occupation']);
      expect(content.procedures.find((p: { id: string }) => p.id === 'passport')).toMatchObject({
        unitTypes: ['PA08'],
        vi: 'Cấp hộ chiếu phổ thông',
      });
    });

    it('publishes a change as a new version and leaves the published one as it was', async () => {
      const v1 = (await intake('GET', '/questionnaires/current/versions/1', manager)).body;
      const content = { ...v1.content, titleVi: 'Phiếu khảo sát hiện hành, bản sửa', expectations: v1.content.expectations.slice(0, 5) };
      expect((await intake('POST', '/questionnaires/current/versions', surveyor, { content })).status).toBe(403);
      const reply = await intake('POST', '/questionnaires/current/versions', manager, { content });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ questionnaireId: 'current', version: 2, publishedBy: 'manager-1' });
      expect(reply.body.content.expectations).toHaveLength(5);
      const again = (await intake('GET', '/questionnaires/current/versions/1', manager)).body;
      expect(again.contentHash).toBe(currentV1Hash);
      expect(again.content.expectations).toHaveLength(10);
    });

    it('has the database refuse to change or delete a published version', async () => {
      await expect(
        db.query(`UPDATE intake.questionnaire_versions SET content_hash = 'x' WHERE questionnaire_id = 'current'`),
      ).rejects.toThrow(/never changes/);
      await expect(db.query(`DELETE FROM intake.questionnaire_versions`)).rejects.toThrow(/never changes/);
    });

    it('refuses content that breaks the contract, or a questionnaire rule, naming the field', async () => {
      const v1 = (await intake('GET', '/questionnaires/current/versions/1', manager)).body.content;
      const broken = await intake('POST', '/questionnaires/current/versions', manager, { content: { ...v1, ratingScale: 'five levels' } });
      expect(broken.status).toBe(400);
      expect(broken.body.errors[0].field).toBe('content.ratingScale');
      const factors = [{ ...v1.factors[0], items: [...v1.factors[0].items, v1.factors[0].items[0]] }, ...v1.factors.slice(1)];
      const duplicate = await intake('POST', '/questionnaires/current/versions', manager, { content: { ...v1, factors } });
      expect(duplicate.status).toBe(422);
      expect(duplicate.body.errors[0]).toMatchObject({
        field: 'content.factors.items',
        rule: 'id-duplicate',
        reasonVi: 'mã phải là duy nhất',
      });
    });
  });

  describe('campaigns: draft → open → closed, each change an event with its actor', () => {
    it('lets a campaign manager draft a campaign, and nobody else', async () => {
      expect((await createCampaign(campaignBody(), surveyor)).status).toBe(403);
      const reply = await createCampaign(campaignBody());
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        status: 'draft',
        createdBy: 'manager-1',
        questionnaire: { questionnaireId: 'current', version: 1 },
        minimumSample: 30,
      });
      campaigns.main = reply.body.campaignId;
    });

    it('pins the default questionnaire’s latest version when the campaign names none', async () => {
      const { questionnaire: _q, ...body } = campaignBody();
      const reply = await createCampaign(body);
      expect(reply.body.questionnaire).toEqual({ questionnaireId: 'current', version: 2 });
    });

    it('refuses responses while the campaign is a draft', async () => {
      const reply = await intake('POST', '/responses', surveyor, form());
      expect(reply.status).toBe(422);
      expect(reply.body.errors).toEqual([
        expect.objectContaining({ field: 'campaignId', rule: 'campaign-not-open', reasonVi: 'đợt khảo sát chưa mở' }),
      ]);
    });

    it('opens it once, and records who did', async () => {
      const opened = await intake('POST', `/campaigns/${campaigns.main}/open`, manager);
      expect(opened.status).toBe(200);
      expect(opened.body).toMatchObject({ status: 'open', openedBy: 'manager-1' });
      const again = await intake('POST', `/campaigns/${campaigns.main}/open`, manager);
      expect(again.status).toBe(422);
      expect(again.body.errors[0]).toMatchObject({ field: 'status', rule: 'campaign-not-draft' });
      const events = (await publishedIntakeEvents()).filter((e) => e.subject === campaigns.main);
      expect(events.map((e) => [e.type, e.actor.id, e.actor.roles])).toEqual([
        ['CampaignCreated', 'manager-1', ['campaign-manager']],
        ['CampaignOpened', 'manager-1', ['campaign-manager']],
      ]);
    });

    it('refuses a scope unit the directory does not know, a reversed period and no method, naming each field', async () => {
      const unknownUnit = await createCampaign(campaignBody({ scope: { unitIds: [units.commune, randomUUID()] } }));
      expect(unknownUnit.status).toBe(422);
      expect(unknownUnit.body.errors).toEqual([expect.objectContaining({ field: 'scope.unitIds.1', rule: 'unit-unknown' })]);
      const reversed = await createCampaign(campaignBody({ period: { from: '2022-06-01', to: '2022-05-01' } }));
      expect(reversed.status).toBe(422);
      expect(reversed.body.errors[0]).toMatchObject({ field: 'period.to', rule: 'period-reversed' });
      const noMethod = await createCampaign(campaignBody({ methods: [] }));
      expect(noMethod.status).toBe(400);
      expect(noMethod.body.errors[0].field).toBe('methods');
    });

    it('closes an open campaign and then refuses its new responses', async () => {
      campaigns.closed = await openedCampaign();
      const closed = await intake('POST', `/campaigns/${campaigns.closed}/close`, manager);
      expect(closed.body).toMatchObject({ status: 'closed', closedBy: 'manager-1' });
      expect((await intake('POST', `/campaigns/${campaigns.closed}/close`, manager)).body.errors[0].rule).toBe('campaign-not-open');
      const reply = await intake('POST', '/responses', surveyor, form({ campaignId: campaigns.closed }));
      expect(reply.status).toBe(422);
      expect(reply.body.errors[0]).toMatchObject({ field: 'campaignId', rule: 'campaign-closed' });
    });
  });

  describe('staff entry of a paper form', () => {
    it('accepts a complete form and publishes it with personal data as ciphertext only', async () => {
      const body = form({
        freeText: 'Cán bộ nhiệt tình'.normalize('NFD'),
        contact: { name: 'Nguyễn Thị Hoa', phone: PHONES[0], consent: true },
      });
      const reply = await intake('POST', '/responses', surveyor, body);
      expect(reply.status).toBe(201);
      expect(reply.body.respondentKeyId).toEqual(expect.any(String));
      const stored = await intake('GET', `/responses/${reply.body.responseId}`, admin);
      expect(stored.body).toMatchObject({
        status: 'valid',
        campaignId: campaigns.main,
        serviceDate: '2022-04-12',
        collectedBy: 'surveyor-1',
        profileGroups: { respondentType: 'individual' },
        personal: {
          state: 'readable',
          contact: { name: 'Nguyễn Thị Hoa', phone: '+84912345678', email: null },
          freeText: 'Cán bộ nhiệt tình'.normalize('NFC'),
          profile: { ageGroup: '35-49', occupation: 'farmer', sex: 'female' },
        },
      });
      expect((await intake('GET', `/responses/${reply.body.responseId}`, manager)).body.personal).toEqual({ state: 'sealed' });

      const event = (await publishedIntakeEvents()).find((e) => e.type === 'ResponseSubmitted' && e.subject === reply.body.responseId);
      expect(event?.schemaVersion).toBe(3);
      expect(event?.actor.id).toBe('surveyor-1');
      expect(event?.data).toMatchObject({
        campaignId: campaigns.main,
        unitId: units.commune,
        channel: 'paper',
        questionnaire: { questionnaireId: 'current', version: 1 },
        procedureId: 'id-card',
        serviceDate: '2022-04-12',
        collectedBy: { kind: 'surveyor', id: 'surveyor-1' },
        form: { startedAt: '2022-04-12T02:20:00.000Z', finishedAt: '2022-04-12T02:28:00.000Z' },
        expectations: body.expectations,
        profileGroups: { respondentType: 'individual' },
        personal: { respondentKeyId: reply.body.respondentKeyId, algorithm: 'AES-256-GCM' },
      });
      expect(JSON.stringify(event)).not.toMatch(/Hoa|farmer|35-49|nhiệt tình/);
    });

    it('accepts a unit of a listed type from the day it exists, and a division for its own procedure', async () => {
      expect(
        (await intake('POST', '/responses', surveyor, form({ unitId: units.newCommune, serviceDate: '2022-05-10', form: {} }))).status,
      ).toBe(201);
      expect((await intake('POST', '/responses', surveyor, form({ unitId: units.division, procedureId: 'passport' }))).status).toBe(201);
    });

    // Each case: the body change, the status, the field, the rule (422) — every refusal names its field in both languages.
    const refusals: [string, () => Record<string, unknown>, number, string, string | null][] = [
      ['a missing campaign', () => form({ campaignId: undefined }), 400, 'campaignId', null],
      ['a level outside 1–5', () => form({ answers: [{ itemId: 'A1', level: 6 }] }), 400, 'answers.0.level', null],
      ['a service date not written YYYY-MM-DD', () => form({ serviceDate: '12/04/2022' }), 400, 'serviceDate', null],
      ['free text over 2000 characters', () => form({ freeText: 'x'.repeat(2001) }), 400, 'freeText', null],
      ['a phone number that is not one', () => form({ contact: { phone: '12345', consent: true } }), 400, 'contact.phone', null],
      ['contact details without consent', () => form({ contact: { phone: PHONES[1], consent: false } }), 400, 'contact.consent', null],
      ['a form time without its offset', () => form({ form: { startedAt: '2022-04-12T09:20:00' } }), 400, 'form.startedAt', null],
      ['a field the form does not have', () => form({ respondentPhone: PHONES[2] }), 400, 'respondentPhone', null],
      ['an unknown campaign', () => form({ campaignId: randomUUID() }), 422, 'campaignId', 'campaign-unknown'],
      ['a method the campaign does not use', () => form({ channel: 'tablet' }), 422, 'channel', 'method-not-allowed'],
      ['a unit the directory does not know', () => form({ unitId: randomUUID() }), 422, 'unitId', 'unit-unknown'],
      [
        'a unit before it existed',
        () => form({ unitId: units.newCommune, serviceDate: '2022-04-15', form: {} }),
        422,
        'unitId',
        'unit-not-valid-on-service-date',
      ],
      ['a unit of another province', () => form({ unitId: units.otherCommune }), 422, 'unitId', 'unit-out-of-scope'],
      [
        'a unit of a type outside the scope',
        () => form({ unitId: units.district, procedureId: 'traffic-fine' }),
        422,
        'unitId',
        'unit-out-of-scope',
      ],
      [
        'an item of another questionnaire version',
        () =>
          form({
            answers: [
              { itemId: 'A1', level: 4 },
              { itemId: 'B5', level: 4 },
            ],
          }),
        422,
        'answers.1.itemId',
        'item-unknown',
      ],
      [
        'an item answered twice',
        () =>
          form({
            answers: [
              { itemId: 'A1', level: 4 },
              { itemId: 'A1', level: 3 },
            ],
          }),
        422,
        'answers.1.itemId',
        'item-answered-twice',
      ],
      ['a form with nothing answered', () => form({ answers: [{ itemId: 'A1', level: null }] }), 422, 'answers', 'nothing-answered'],
      [
        'an expectation above its four levels',
        () => form({ expectations: [{ itemId: 'X1', level: 5 }] }),
        422,
        'expectations.0.level',
        'level-outside-scale',
      ],
      [
        'an expectation the version does not have',
        () => form({ expectations: [{ itemId: 'X99', level: 2 }] }),
        422,
        'expectations.0.itemId',
        'expectation-unknown',
      ],
      [
        'a profile option the version does not have',
        () => form({ profile: { sex: 'other' } }),
        422,
        'profile.sex',
        'profile-option-unknown',
      ],
      ['a procedure outside the catalogue', () => form({ procedureId: 'marriage' }), 422, 'procedureId', 'procedure-unknown'],
      [
        'a procedure the unit’s type does not handle',
        () => form({ procedureId: 'passport' }),
        422,
        'procedureId',
        'procedure-not-for-unit',
      ],
      [
        'a service date before the period',
        () => form({ serviceDate: '2022-03-31', form: {} }),
        422,
        'serviceDate',
        'service-date-outside-period',
      ],
      [
        'a form that finished before it started',
        () => form({ form: { startedAt: '2022-04-12T09:20:00+07:00', finishedAt: '2022-04-12T09:00:00+07:00' } }),
        422,
        'form.finishedAt',
        'form-finished-before-start',
      ],
    ];

    it.each(refusals)('refuses %s, naming the field and the reason in English and Vietnamese', async (_name, body, status, field, rule) => {
      const reply = await intake('POST', '/responses', surveyor, body());
      expect(reply.status).toBe(status);
      const error = reply.body.errors.find((e: { field: string }) => e.field === field);
      expect(error).toEqual(expect.objectContaining({ field, reason: expect.any(String), reasonVi: expect.any(String) }));
      if (rule) expect(error.rule).toBe(rule);
      expect(reply.body.messageVi).toEqual(expect.any(String));
    });

    it('refuses a service date in the future in Vietnam', async () => {
      campaigns.longRunning = await openedCampaign({ period: { from: '2024-01-01', to: '2099-12-31' } });
      const tomorrow = new Date(Date.now() + 7 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
      const reply = await intake(
        'POST',
        '/responses',
        surveyor,
        form({ campaignId: campaigns.longRunning, serviceDate: tomorrow, form: {} }),
      );
      expect(reply.status).toBe(422);
      expect(reply.body.errors).toEqual([expect.objectContaining({ field: 'serviceDate', rule: 'service-date-in-future' })]);
    });

    it('refuses a body over the size limit with 413 and writes nothing', async () => {
      const key = `huge-${randomUUID()}`;
      const reply = await intake('POST', '/responses', surveyor, { ...form({ idempotencyKey: key }), freeText: 'x'.repeat(300 * 1024) });
      expect(reply.status).toBe(413);
      expect((await db.query(`SELECT count(*)::int AS n FROM intake.responses WHERE idempotency_key = $1`, [key])).rows[0].n).toBe(0);
    });

    it('gives 20 concurrent copies of one form across two intake processes one response id and one event', async () => {
      const body = form({ contact: { phone: PHONES[1], consent: true }, freeText: `Liên hệ ${PHONES[2]}` });
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) => intake('POST', '/responses', surveyor, body, i % 2 === 0 ? intakeA : intakeB)),
      );
      const ids = new Set(replies.map((r) => r.body.responseId));
      expect(ids.size).toBe(1);
      expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
      expect(replies.filter((r) => r.status === 200)).toHaveLength(19);
      const [responseId] = [...ids];
      const [{ n, keys }] = (
        await db.query(
          `SELECT count(*)::int AS n, count(DISTINCT respondent_key_id)::int AS keys FROM intake.responses WHERE idempotency_key = $1`,
          [body.idempotencyKey],
        )
      ).rows;
      expect([n, keys]).toEqual([1, 1]);
      expect((await db.query(`SELECT count(*)::int AS n FROM intake.respondent_keys`)).rows[0].n).toBe(
        (await db.query(`SELECT count(DISTINCT respondent_key_id)::int AS n FROM intake.responses`)).rows[0].n,
      );
      const events = (await publishedIntakeEvents()).filter((e) => e.type === 'ResponseSubmitted' && e.subject === responseId);
      expect(events).toHaveLength(1);
    });

    it('answers 409 when a used idempotency key comes with another form', async () => {
      const body = form();
      expect((await intake('POST', '/responses', surveyor, body)).status).toBe(201);
      const other = await intake('POST', '/responses', surveyor, { ...body, answers: [{ itemId: 'A1', level: 1 }] });
      expect(other.status).toBe(409);
      expect(other.body.errors[0].field).toBe('idempotencyKey');
      const otherPhone = await intake('POST', '/responses', surveyor, { ...body, contact: { phone: PHONES[0], consent: true } });
      expect(otherPhone.status).toBe(409);
    });
  });

  describe('voids and corrections', () => {
    const ids: string[] = [];

    it('counts three valid responses, then two after a void and a correction; the originals stay in the log', async () => {
      campaigns.counted = await openedCampaign();
      for (let i = 0; i < 3; i += 1) {
        const reply = await intake('POST', '/responses', surveyor, form({ campaignId: campaigns.counted }));
        expect(reply.status).toBe(201);
        ids.push(reply.body.responseId);
      }
      expect(await progress(campaigns.counted)).toMatchObject({
        validResponses: 3,
        units: [{ unitId: units.commune, validResponses: 3, targetSample: 60 }],
      });

      expect((await intake('POST', `/responses/${ids[0]}/void`, surveyor, { reason: 'Phiếu nhập trùng' })).status).toBe(403);
      const voided = await intake('POST', `/responses/${ids[0]}/void`, manager, { reason: 'Phiếu nhập trùng' });
      expect(voided.status).toBe(200);
      expect(voided.body).toEqual({ responseId: ids[0], status: 'voided' });

      const correction = form({ idempotencyKey: `fix-${ids[1]}`, reason: 'Câu A1 nhập nhầm mức', answers: [{ itemId: 'A1', level: 5 }] });
      delete (correction as Record<string, unknown>)['campaignId'];
      delete (correction as Record<string, unknown>)['unitId'];
      const corrected = await intake('POST', `/responses/${ids[1]}/corrections`, manager, correction);
      expect(corrected.status).toBe(201);
      expect(corrected.body).toMatchObject({ replaces: ids[1], created: true });
      expect((await intake('POST', `/responses/${ids[1]}/corrections`, manager, correction)).body).toMatchObject({
        responseId: corrected.body.responseId,
        created: false,
      });
      ids.push(corrected.body.responseId);

      expect(await progress(campaigns.counted)).toMatchObject({
        validResponses: 2,
        units: [{ unitId: units.commune, validResponses: 2, voided: 1, replaced: 1, belowMinimumSample: true }],
      });
      const events = (await publishedIntakeEvents()).filter((e) => ids.includes(e.subject));
      expect(events.map((e) => [e.type, e.subject])).toEqual(
        expect.arrayContaining([
          ['ResponseSubmitted', ids[0]],
          ['ResponseSubmitted', ids[1]],
          ['ResponseVoided', ids[0]],
          ['ResponseCorrected', ids[1]],
        ]),
      );
      const voidEvent = events.find((e) => e.type === 'ResponseVoided');
      expect(voidEvent?.actor.id).toBe('manager-1');
      expect(voidEvent?.data).toEqual({
        responseId: ids[0],
        unitId: units.commune,
        campaignId: campaigns.counted,
        reason: 'Phiếu nhập trùng',
      });
      const correctionEvent = events.find((e) => e.type === 'ResponseCorrected');
      expect(correctionEvent?.data).toMatchObject({
        responseId: ids[1],
        reason: 'Câu A1 nhập nhầm mức',
        replacement: { responseId: ids[3], unitId: units.commune, answers: [{ itemId: 'A1', level: 5 }] },
      });
      expect(await intake('GET', `/responses/${ids[1]}`, manager)).toMatchObject({
        body: { status: 'replaced', replacedBy: ids[3], statusReason: 'Câu A1 nhập nhầm mức' },
      });
    });

    it('refuses to void a void response or to correct a replaced one', async () => {
      const again = await intake('POST', `/responses/${ids[0]}/void`, manager, { reason: 'again' });
      expect(again.status).toBe(422);
      expect(again.body.errors[0]).toMatchObject({ field: 'responseId', rule: 'response-voided' });
      const replaced = await intake('POST', `/responses/${ids[1]}/void`, manager, { reason: 'again' });
      expect(replaced.body.errors[0]).toMatchObject({ field: 'responseId', rule: 'response-replaced' });
      expect((await intake('POST', `/responses/${randomUUID()}/void`, manager, { reason: 'x' })).body.errors[0].rule).toBe(
        'response-unknown',
      );
      expect((await intake('POST', `/responses/${ids[2]}/void`, manager, { reason: '' })).status).toBe(400);
    });

    it('still voids a response of a closed campaign, and the count follows', async () => {
      expect((await intake('POST', `/campaigns/${campaigns.counted}/close`, manager)).status).toBe(200);
      expect((await intake('POST', `/responses/${ids[3]}/void`, manager, { reason: 'Phiếu không hợp lệ' })).status).toBe(200);
      expect(await progress(campaigns.counted)).toMatchObject({ status: 'closed', validResponses: 1 });
    });
  });

  describe('forgetting a respondent', () => {
    it('destroys the respondent’s key as an admin event: personal data unreadable, ratings still counted', async () => {
      const body = form({
        unitId: units.division,
        procedureId: 'passport',
        contact: { phone: PHONES[2], email: 'hoa@example.vn', consent: true },
        freeText: 'Xin gọi lại cho tôi',
      });
      const submitted = await intake('POST', '/responses', surveyor, body);
      expect(submitted.status).toBe(201);
      const { responseId, respondentKeyId } = submitted.body;
      expect((await intake('GET', `/responses/${responseId}`, admin)).body.personal.state).toBe('readable');

      for (const token of [surveyor, manager]) {
        expect((await intake('POST', `/respondent-keys/${respondentKeyId}/destroy`, token, { reason: 'respondent-request' })).status).toBe(
          403,
        );
      }
      expect(
        (await intake('POST', `/respondent-keys/${respondentKeyId}/destroy`, admin, { reason: 'she asked on the phone' })).status,
      ).toBe(400);
      const destroyed = await intake('POST', `/respondent-keys/${respondentKeyId}/destroy`, admin, { reason: 'respondent-request' });
      expect(destroyed.body).toEqual({ respondentKeyId, destroyedNow: true });
      expect(
        (await intake('POST', `/respondent-keys/${respondentKeyId}/destroy`, admin, { reason: 'respondent-request' }, intakeB)).body
          .destroyedNow,
      ).toBe(false);

      for (const service of [intakeA, intakeB]) {
        expect((await intake('GET', `/responses/${responseId}`, admin, undefined, service)).body).toMatchObject({
          status: 'valid',
          personal: { state: 'erased' },
        });
      }
      const [key] = (
        await db.query(`SELECT wrapped_key, destroyed_by, destruction_reason FROM intake.respondent_keys WHERE key_id = $1`, [
          respondentKeyId,
        ])
      ).rows;
      expect(key).toEqual({ wrapped_key: null, destroyed_by: 'admin-1', destruction_reason: 'respondent-request' });

      const events = await publishedIntakeEvents();
      const destruction = events.filter((e) => e.type === 'RespondentKeyDestroyed' && e.subject === respondentKeyId);
      expect(destruction.map((e) => [e.actor.id, e.data])).toEqual([['admin-1', { respondentKeyId, reason: 'respondent-request' }]]);
      // The log still carries the response, ciphertext included: only the key is gone.
      const original = events.find((e) => e.type === 'ResponseSubmitted' && e.subject === responseId);
      expect((original?.data as { personal: { respondentKeyId: string } }).personal.respondentKeyId).toBe(respondentKeyId);

      // Its ratings still count: scoring, reading only the log, counts the division's one response.
      await eventually(async () => {
        const figure = await platform.call('scoring', 'GET', `/units/${units.division}/satisfaction`, { token: viewer });
        expect(figure.body.sampleSize).toBe(2);
      });

      const correction = { ...body, idempotencyKey: `fix-${responseId}`, reason: 'Sửa số điện thoại' } as Record<string, unknown>;
      delete correction['campaignId'];
      delete correction['unitId'];
      const revived = await intake('POST', `/responses/${responseId}/corrections`, manager, correction);
      expect(revived.status).toBe(422);
      expect(revived.body.errors[0]).toMatchObject({ field: 'contact', rule: 'respondent-forgotten' });
    });
  });

  describe('phone numbers are found nowhere in clear', () => {
    it('recognises each seeded format, so the scans below can fail', () => {
      for (const phone of PHONES) expect(containsPhone(`{"x":"${phone}"}`)).toBe(true);
      expect(containsPhone('+84912345678')).toBe(true);
      expect(containsPhone('%2B84%20912%20345%20678')).toBe(true);
      expect(containsPhone('0912345679')).toBe(false);
    });

    it('seeds every format through accepted forms, a correction and refused requests', async () => {
      for (const [i, phone] of PHONES.entries()) {
        const reply = await intake(
          'POST',
          '/responses',
          surveyor,
          form({ contact: { phone, name: `Người ${i}`, consent: true }, freeText: `Số của tôi là ${phone}` }),
        );
        expect(reply.status).toBe(201);
        if (i === 0) {
          const correction = {
            ...form({ contact: { phone: PHONES[1], consent: true }, freeText: `Gọi ${PHONES[2]}` }),
            reason: 'Sửa số',
            idempotencyKey: `fix-${randomUUID()}`,
          } as Record<string, unknown>;
          delete correction['campaignId'];
          delete correction['unitId'];
          expect((await intake('POST', `/responses/${reply.body.responseId}/corrections`, manager, correction)).status).toBe(201);
        }
      }
      const refused: Reply[] = [];
      for (const phone of PHONES) {
        refused.push(
          await intake('POST', '/responses', surveyor, form({ contact: { phone, consent: true }, answers: [{ itemId: 'A1', level: 9 }] })),
        );
        refused.push(
          await intake(
            'POST',
            '/responses',
            surveyor,
            form({ procedureId: phone.replace(/[^0-9]/g, ''), contact: { phone, consent: true } }),
          ),
        );
        refused.push(
          await intake('POST', '/responses', surveyor, form({ answers: [{ itemId: phone.replace(/[^0-9.]/g, ''), level: 3 }] })),
        );
        refused.push(
          await intake(
            'POST',
            '/responses',
            surveyor,
            form({ unitId: units.otherCommune, freeText: phone, contact: { phone, consent: false } }),
          ),
        );
        refused.push(await intake('POST', '/responses', surveyor, { ...form(), phone }));
      }
      // Not JSON at all: the parser's error must not quote the body back.
      for (const phone of PHONES) {
        const response = await fetch(`${intakeA.url}/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${surveyor}` },
          body: `{"contact": {"phone": "${phone}", }`,
        });
        const text = await response.text();
        errorBodies.push(text);
        refused.push({ status: response.status, body: text });
      }
      for (const reply of refused) {
        expect(reply.status).toBeGreaterThanOrEqual(400);
        expect(reply.status).toBeLessThan(500);
      }
    });

    it('not in the raw bytes of any topic', async () => {
      await publishedIntakeEvents();
      let messages = 0;
      for (const topic of ALL_TOPICS) {
        await readTopicToEnd(kafka(), messagingConfigFromEnv('audit'), topic, async (_p, batch) => {
          for (const m of batch) {
            messages += 1;
            const bytes = [m.key, m.value, ...Object.values(m.headers ?? {})]
              .map((b) => (Buffer.isBuffer(b) ? b.toString('utf8') : String(b ?? '')))
              .join('\n');
            expect(containsPhone(bytes)).toBe(false);
          }
        });
      }
      // Every event intake published was read (and the directory's, and any dead letters).
      const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM intake.outbox`)).rows;
      expect(messages).toBeGreaterThan(n);
    });

    it('not in a pg_dump of every schema', async () => {
      const { stdout } = await promisify(execFile)('pg_dump', ['--no-owner', '--dbname', platform.db.url], {
        maxBuffer: 512 * 1024 * 1024,
      });
      expect(stdout).toContain('CREATE TABLE intake.respondent_keys');
      expect(stdout).toContain('COPY intake.responses');
      expect(containsPhone(stdout)).toBe(false);
    });

    it('not in the logs of any service process', async () => {
      const processes = [intakeA, intakeB, ...Object.values(platform.services)];
      const logs = processes.map((p) => p.output.join('')).join('\n');
      expect(logs).toContain('survey-intake');
      expect(containsPhone(logs)).toBe(false);
    });

    it('not in any error body', async () => {
      expect(errorBodies.length).toBeGreaterThan(50);
      for (const body of errorBodies) expect(containsPhone(body)).toBe(false);
    });
  });
});
