import { EventEnvelope, platformEvents, PublishedFigure, Role, Roles, Topics } from '@hailong/contracts';
import { generateSigningKeyPair, issueTestToken } from '@hailong/platform/auth';
import { createKafka, messagingConfigFromEnv, readTopicToEnd } from '@hailong/platform/messaging';
import {
  assertKafkaReachable,
  createTestDatabase,
  eventually,
  ServiceApp,
  ServiceProcess,
  TestDatabase,
  testBrokers,
  uniqueTopicPrefix,
} from '@hailong/platform/testing';
import { FigureSettings, publishedPart } from '@hailong/scoring/data-access';
import { computeFigure, countResponses, questionnaireFromForm, ScorableResponse } from '@hailong/scoring/domain';
import { Workbook } from 'exceljs';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Scoring end to end, as operations run it: the directory with the real Vĩnh Phúc imports, intake
// taking staff-entered forms, scoring as a separate process (killed with SIGKILL mid-stream once),
// every figure read back through scoring's API and compared with the pure library's figures for
// the same responses. Lives in apps/scoring (not platform-e2e) because e2e projects may not import
// the scoring library that computes the expected figures.

const reference = (file: string) => readFileSync(join(process.cwd(), 'data', 'reference', file), 'utf8');
const QUESTIONNAIRE = questionnaireFromForm(JSON.parse(reference('questionnaires.json')).forms.current);
const ITEMS = QUESTIONNAIRE.factors.flatMap((f) => f.itemIds);
const MINIMUM = 10;
const STRUCTURE_DATE = '2025-08-01';

interface TreeNode {
  unitId: string;
  code: string;
  unitType: string;
  nameVi: string;
  children: TreeNode[];
}
const flatten = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

interface Sent extends ScorableResponse {
  readonly responseId: string;
  readonly unitId: string;
  readonly channel: string;
  readonly unitType: string;
}

/** A seeded generator (mulberry32): the same forms on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Only what the published contract carries, rank aside (it depends on the other groups). */
const comparable = (figure: PublishedFigure) => ({ ...publishedPart(figure), rank: null, unranked: null });

describe('scoring through intake (services as processes, real PostgreSQL and Kafka)', () => {
  let db: TestDatabase;
  let privateKeyPem: string;
  let topicPrefix: string;
  const services = {} as Record<Exclude<ServiceApp, 'audit'>, ServiceProcess>;
  let campaignId: string;
  let settings: FigureSettings;
  const sent: Sent[] = [];
  const tokens = {} as Record<'manager' | 'surveyor' | 'viewer' | 'editor', string>;
  let units2022: TreeNode[];
  let province: TreeNode;
  let injection: string;

  const token = (role: Role, id: string) => issueTestToken(privateKeyPem, { sub: id, roles: [role] });
  const call = async (
    app: keyof typeof services,
    method: string,
    path: string,
    tokenOf: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${services[app].url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenOf}`, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : text;
    return { status: response.status, body: json, headers: response.headers };
  };
  const figures = async (query: string) => {
    const reply = await call('scoring', 'GET', `/campaigns/${campaignId}/figures?${query}`, tokens.viewer);
    expect(reply.status).toBe(200);
    return reply.body as {
      total: PublishedFigure;
      groups: (PublishedFigure & { label: { successorUnknown: boolean } })[];
      responses: { onTime: number; late: number };
    };
  };
  const expected = (key: string, responses: readonly Sent[]) => comparable(computeFigure(key, countResponses(responses), settings));

  const random = seeded(2022);
  const level = () => (random() < 0.7 ? 4 + Math.floor(random() * 2) : 1 + Math.floor(random() * 3));
  const CHANNELS = ['paper', 'portal', 'tablet'];
  const procedureFor = (unit: TreeNode) =>
    unit.unitType === 'provincial-division'
      ? unit.code.endsWith('PA08')
        ? 'passport'
        : 'id-card'
      : unit.unitType === 'district-police'
        ? 'traffic-fine'
        : 'id-card';

  /** Sends `n` forms for a unit through intake, as a surveyor would key them in; keeps what intake acknowledged. */
  const send = async (unit: TreeNode, n: number) => {
    for (let i = 0; i < n; i += 1) {
      const answers = ITEMS.map((itemId) => ({ itemId, level: random() < 0.05 ? null : level() }));
      const expectations = random() < 0.5 ? [{ itemId: 'X4', level: 1 + Math.floor(random() * 4) }] : [];
      const channel = CHANNELS[Math.floor(random() * CHANNELS.length)];
      const day = 1 + Math.floor(random() * 28);
      const body = {
        idempotencyKey: `e2e-${randomUUID()}`,
        campaignId,
        unitId: unit.unitId,
        channel,
        procedureId: procedureFor(unit),
        serviceDate: `2022-04-${String(day).padStart(2, '0')}`,
        answers,
        expectations,
        profile: { respondentType: random() < 0.8 ? 'individual' : 'organisation' },
      };
      const reply = await call('survey-intake', 'POST', '/responses', tokens.surveyor, body);
      if (reply.status !== 201) throw new Error(`intake refused a form: ${reply.status} ${JSON.stringify(reply.body)}`);
      sent.push({ responseId: reply.body.responseId, unitId: unit.unitId, unitType: unit.unitType, channel, answers, expectations });
    }
  };

  /** Scoring has counted exactly what intake acknowledged. */
  const caughtUp = () =>
    eventually(
      async () => {
        const all = await figures('by=none');
        expect(all.responses.onTime).toBe(sent.length);
      },
      { timeoutMs: 60000, intervalMs: 500 },
    );

  beforeAll(async () => {
    await assertKafkaReachable();
    db = await createTestDatabase('scoring_e2e');
    const keys = await generateSigningKeyPair();
    privateKeyPem = keys.privateKeyPem;
    topicPrefix = uniqueTopicPrefix('scoring-e2e');
    const env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testBrokers(),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_PARTITIONS: '3',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      OUTBOX_IDLE_MS: '100',
      PUBLICATION_POLL_MS: '200',
      AUTH_SIGNING_KEY: keys.privateKeyPem,
      AUTH_PUBLIC_KEY: keys.publicKeyPem,
      AUTH_BOOTSTRAP_ADMIN_USERNAME: 'admin',
      AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'e2e-admin-password-long',
    };
    services['unit-directory'] = new ServiceProcess('unit-directory', 3231, env);
    services['survey-intake'] = new ServiceProcess('survey-intake', 3232, env);
    services.scoring = new ServiceProcess('scoring', 3233, env);
    await services['unit-directory'].start();
    await Promise.all([services['survey-intake'].start(), services.scoring.start()]);
    process.env['KAFKA_TOPIC_PREFIX'] = topicPrefix;
    tokens.manager = await token(Roles.campaignManager, 'manager-1');
    tokens.surveyor = await token(Roles.surveyor, 'surveyor-1');
    tokens.viewer = await token(Roles.viewer, 'viewer-1');
    tokens.editor = await token(Roles.directoryEditor, 'editor-1');
  }, 180000);

  afterAll(async () => {
    await Promise.all(Object.values(services).map((s) => s.stop('SIGTERM')));
    await db?.drop();
  });

  it('loads the directory’s real Vĩnh Phúc imports (2020 structure, 2024 mergers, 2025 dissolution and reorganisation)', async () => {
    const imports: [string, Record<string, unknown>][] = [
      ['admin-units', { csv: reference('vinh-phuc-admin-units-pre2025.csv'), validFrom: '2020-01-01' }],
      ['commune-mergers', { csv: reference('vinh-phuc-commune-mergers-2024.csv'), effectiveDate: '2025-01-01' }],
      ['district-dissolution', { provinceCode: '26', effectiveDate: '2025-03-01' }],
      ['province-reorganization', { csv: reference('vinh-phuc-commune-reorganization-2025-07-01.csv'), effectiveDate: '2025-07-01' }],
    ];
    for (const [kind, body] of imports)
      expect((await call('unit-directory', 'POST', `/imports/${kind}`, tokens.editor, body)).status).toBe(200);
    // A commune whose name would be a spreadsheet formula: the exports must defuse it.
    const tree = (await call('unit-directory', 'GET', '/units/tree?on=2022-05-01', tokens.viewer)).body.roots as TreeNode[];
    province = tree[0];
    const district = province.children.find((c) => c.unitType === 'district-police') as TreeNode;
    const registered = await call('unit-directory', 'POST', '/units', tokens.editor, {
      code: '99001',
      unitType: 'commune-police',
      nameVi: '=HYPERLINK("http://x.example","Công an xã Thử")',
      nameEn: '=HYPERLINK("http://x.example","Test Commune Police")',
      parentId: district.unitId,
      validFrom: '2020-01-01',
    });
    expect(registered.status).toBe(201);
    injection = registered.body.unitId;
    // Merged away with the 2024 communes, successor unknown: rolled up, it is shown as such, under the area it belonged to.
    const dissolved = await call(
      'unit-directory',
      'POST',
      `/units/${injection}/dissolve`,
      tokens.editor,
      { successorUnknown: true, effectiveDate: '2025-01-01' },
      { 'if-match': registered.headers.get('etag') as string },
    );
    expect(dissolved.status).toBe(200);
    units2022 = flatten((await call('unit-directory', 'GET', '/units/tree?on=2022-05-01', tokens.viewer)).body.roots);
    expect(units2022).toHaveLength(151);
  });

  it('counts forms of communes, district police and divisions on three channels exactly as the pure library does', async () => {
    const created = await eventually(async () => {
      const reply = await call('survey-intake', 'POST', '/campaigns', tokens.manager, {
        nameVi: 'Khảo sát sự hài lòng năm 2022',
        nameEn: 'Satisfaction survey 2022',
        period: { from: '2022-04-01', to: '2022-05-31' },
        scope: { unitTypes: ['commune-police', 'district-police', 'provincial-division'], withinUnitId: province.unitId },
        methods: CHANNELS,
        questionnaire: { questionnaireId: 'current', version: 1 },
        targetSample: { perUnit: 30, byUnit: [] },
        minimumSample: MINIMUM,
      });
      expect(reply.status).toBe(201);
      return reply.body;
    });
    campaignId = created.campaignId;
    settings = { campaignId, questionnaire: QUESTIONNAIRE, minimumSample: MINIMUM, replicates: 2000 };
    expect((await call('survey-intake', 'POST', `/campaigns/${campaignId}/open`, tokens.manager)).status).toBe(200);

    const byCode = (code: string) => units2022.find((u) => u.code === code) as TreeNode;
    // Communes of Phúc Yên that merged into one 2025 commune, Tân Tiến (successor unknown), two divisions, two district police.
    const chosen = [
      ...['08740', '08734', '08737', '09103', '08707'].map(byCode),
      byCode('26-PA08'),
      byCode('26-PC06'),
      byCode('243'),
      byCode('244'),
    ];
    expect(chosen.every(Boolean)).toBe(true);
    for (const unit of chosen) await send(unit, 14);
    await send(units2022.find((u) => u.unitId === injection) as TreeNode, 3);
    await caughtUp();

    const byUnit = await figures('by=unit');
    expect(byUnit.total).toMatchObject(expected('campaign', sent));
    for (const unit of [...chosen, { unitId: injection }]) {
      const key = `unit:${unit.unitId}`;
      expect(comparable(byUnit.groups.find((g) => g.key === key) as PublishedFigure)).toEqual(
        expected(
          key,
          sent.filter((s) => s.unitId === unit.unitId),
        ),
      );
    }
    const byChannel = await figures('by=channel');
    for (const channel of CHANNELS) {
      const key = `channel:${channel}`;
      expect(comparable(byChannel.groups.find((g) => g.key === key) as PublishedFigure)).toEqual(
        expected(
          key,
          sent.filter((s) => s.channel === channel),
        ),
      );
    }
    const byType = await figures('by=unitType');
    for (const type of ['commune-police', 'district-police', 'provincial-division']) {
      const key = `unitType:${type}`;
      expect(comparable(byType.groups.find((g) => g.key === key) as PublishedFigure)).toEqual(
        expected(
          key,
          sent.filter((s) => s.unitType === type),
        ),
      );
    }
  });

  it('gives the same figures after scoring is killed with SIGKILL mid-stream and restarted', async () => {
    const before = sent.length;
    const sending = (async () => {
      for (const code of ['08740', '09103', '26-PA08', '244']) await send(units2022.find((u) => u.code === code) as TreeNode, 10);
    })();
    await eventually(async () => expect(sent.length).toBeGreaterThan(before + 12), { timeoutMs: 60000, intervalMs: 50 });
    await services.scoring.stop('SIGKILL');
    await sending;
    await services.scoring.start();
    await caughtUp();
    const byUnit = await figures('by=unit');
    expect(byUnit.total).toMatchObject(expected('campaign', sent));
    for (const unitId of new Set(sent.map((s) => s.unitId))) {
      const key = `unit:${unitId}`;
      expect(comparable(byUnit.groups.find((g) => g.key === key) as PublishedFigure)).toEqual(
        expected(
          key,
          sent.filter((s) => s.unitId === unitId),
        ),
      );
    }
  });

  it('rolls 2022 units up into the structure of 2025-08-01 through the directory’s lineage, with the totals of the as-it-was view', async () => {
    // Who carries on each unit's work, as the directory itself answers it.
    const carriedOn = new Map<string, string>();
    for (const unitId of new Set(sent.map((s) => s.unitId))) {
      const lineage = (await call('unit-directory', 'GET', `/units/${unitId}/lineage?on=${STRUCTURE_DATE}`, tokens.viewer)).body;
      const by = lineage.carriedOnBy as { unknown: boolean; units: { unitId: string }[] };
      carriedOn.set(
        unitId,
        by.unknown
          ? `unknown:${unitId}`
          : by.units.length === 1
            ? `unit:${by.units[0].unitId}`
            : `shared:${by.units
                .map((u) => u.unitId)
                .sort()
                .join('+')}`,
      );
    }
    const asItWas = await figures('by=unit');
    const rolled = await figures(`by=unit&structure=rolled-up&on=${STRUCTURE_DATE}`);
    expect(new Set(rolled.groups.map((g) => g.key))).toEqual(new Set(carriedOn.values()));
    for (const key of new Set(carriedOn.values())) {
      const members = sent.filter((s) => carriedOn.get(s.unitId) === key);
      expect(comparable(rolled.groups.find((g) => g.key === key) as PublishedFigure)).toEqual(expected(key, members));
    }
    // The three Phúc Yên communes count under one 2025 commune; Tân Tiến's successor is unknown and shown as such.
    const phucYen = ['08740', '08734', '08737'].map((code) => carriedOn.get((units2022.find((u) => u.code === code) as TreeNode).unitId));
    expect(new Set(phucYen).size).toBe(1);
    const tanTien = (units2022.find((u) => u.code === '09103') as TreeNode).unitId;
    expect(rolled.groups.find((g) => g.key === `unknown:${tanTien}`)?.label.successorUnknown).toBe(true);
    // The district police's responses count under the provincial police that took their procedures (Phú Thọ's after July).
    expect(carriedOn.get((units2022.find((u) => u.code === '244') as TreeNode).unitId)).toBe(
      carriedOn.get((units2022.find((u) => u.code === '243') as TreeNode).unitId),
    );
    expect(comparable(rolled.total)).toEqual(comparable(asItWas.total));

    // Drill-down: the 2025 province's children hold every response too; 2022's province → a district → its communes.
    const p25 = (await call('unit-directory', 'GET', `/units/tree?on=${STRUCTURE_DATE}`, tokens.viewer)).body.roots[0] as TreeNode;
    const underP25 = await figures(`by=unit&structure=rolled-up&on=${STRUCTURE_DATE}&under=${p25.unitId}`);
    expect(comparable(underP25.total)).toEqual(comparable(asItWas.total));
    const underP26 = await figures(`by=unit&under=${province.unitId}`);
    expect(underP26.groups.reduce((n, g) => n + g.responses, 0)).toBe(sent.length);
    const phucYenDistrict = units2022.find((u) => u.code === '244') as TreeNode;
    const district = underP26.groups.find((g) => g.key === `unit:${phucYenDistrict.unitId}`) as PublishedFigure;
    const inDistrict = sent.filter(
      (s) => s.unitId === phucYenDistrict.unitId || phucYenDistrict.children.some((c) => c.unitId === s.unitId),
    );
    expect(comparable(district)).toEqual(expected(district.key, inDistrict));
    const underDistrict = await figures(`by=unit&under=${phucYenDistrict.unitId}`);
    expect(underDistrict.groups.map((g) => g.key).sort()).toEqual([...new Set(inDistrict.map((s) => `unit:${s.unitId}`))].sort());
  });

  it('ranks in rank groups: units whose intervals overlap share one, units below the minimum sample are unranked', async () => {
    const { groups } = await figures('by=unit');
    const ranked = groups.filter((g) => g.rank !== null);
    let overlapping = 0;
    for (const a of ranked) {
      for (const b of ranked) {
        if (a.key >= b.key || !a.overall.interval || !b.overall.interval) continue;
        if (a.overall.interval.lower <= b.overall.interval.upper && b.overall.interval.lower <= a.overall.interval.upper) {
          overlapping += 1;
          expect(a.rank?.group).toBe(b.rank?.group);
        }
      }
    }
    expect(overlapping).toBeGreaterThan(0);
    expect(groups.find((g) => g.key === `unit:${injection}`)).toMatchObject({
      rank: null,
      unranked: 'below-minimum-sample',
      belowMinimumSample: true,
    });
  });

  it('exports CSV and XLSX with the same figures, the formula-like unit name escaped in both', async () => {
    const csv = await call('scoring', 'GET', `/campaigns/${campaignId}/figures/export?format=csv&by=unit`, tokens.viewer);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x.example"",""Công an xã Thử"")"`);
    expect(csv.body).not.toMatch(/(^|,)"=HYPERLINK/m);
    const xlsx = await fetch(`${services.scoring.url}/campaigns/${campaignId}/figures/export?format=xlsx&by=unit`, {
      headers: { authorization: `Bearer ${tokens.viewer}` },
    });
    expect(xlsx.status).toBe(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('figures');
    const rows = (sheet?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
    const labels = rows.map((r) => r[2]);
    expect(labels).toContain(`'=HYPERLINK("http://x.example","Công an xã Thử")`);
    const { groups } = await figures('by=unit');
    const first = groups[0];
    const row = rows.find((r) => r[1] === first.key) as unknown[];
    expect(row[6]).toBe(first.responses);
    expect(row[13]).toBe(first.overall.index);
  });

  it('serves a time series per week, and shows staff tied to a unit only the figures within it', async () => {
    const series = await call('scoring', 'GET', `/campaigns/${campaignId}/series?period=week`, tokens.viewer);
    expect(series.status).toBe(200);
    const points = series.body.points as { period: string; responses: number }[];
    expect(points.map((p) => p.period)).toEqual([...points.map((p) => p.period)].sort());
    expect(points.every((p) => /^2022-W\d{2}$/.test(p.period))).toBe(true);
    expect(points.reduce((n, p) => n + p.responses, 0)).toBe(sent.length);
    expect((await call('scoring', 'GET', `/campaigns/${campaignId}/series?period=fortnight`, tokens.viewer)).body.errors[0].field).toBe(
      'period',
    );

    const district = units2022.find((u) => u.code === '244') as TreeNode;
    const local = await issueTestToken(privateKeyPem, { sub: 'viewer-244', roles: [Roles.viewer], unitId: district.unitId });
    const own = await call('scoring', 'GET', `/campaigns/${campaignId}/figures?by=unit`, local);
    expect(own.status).toBe(200);
    const inDistrict = sent.filter((s) => s.unitId === district.unitId || district.children.some((c) => c.unitId === s.unitId));
    expect(own.body.total.responses).toBe(inDistrict.length);
    const outside = await call('scoring', 'GET', `/campaigns/${campaignId}/figures?by=unit&under=${province.unitId}`, local);
    expect(outside.status).toBe(403);
    expect(outside.body.errors[0].field).toBe('under');
  });

  it('plans each unit’s sample from the services it delivered, n = N / (1 + N·e²), and shows progress against it', async () => {
    const commune = units2022.find((u) => u.code === '08740') as TreeNode;
    const body = { units: [{ unitId: commune.unitId, servicesDelivered: 1200 }] };
    expect((await call('scoring', 'PUT', `/campaigns/${campaignId}/services-delivered`, tokens.viewer, body)).status).toBe(403);
    const bad = await call('scoring', 'PUT', `/campaigns/${campaignId}/services-delivered`, tokens.manager, {
      units: [{ unitId: commune.unitId, servicesDelivered: -1 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('units.0.servicesDelivered');
    expect((await call('scoring', 'PUT', `/campaigns/${campaignId}/services-delivered`, tokens.manager, body)).status).toBe(200);
    const progress = await call('scoring', 'GET', `/campaigns/${campaignId}/sample-progress`, tokens.viewer);
    const row = (progress.body.units as { unitId: string; collected: number; plan: { required: number; remaining: number } | null }[]).find(
      (u) => u.unitId === commune.unitId,
    );
    const collected = sent.filter((s) => s.unitId === commune.unitId).length;
    expect(row).toMatchObject({ collected, plan: { servicesDelivered: 1200, required: 300, collected, remaining: 300 - collected } });
  });

  it('publishes a closed campaign once every accepted response is applied, with figures equal to the API’s, and a later void changes no published event', async () => {
    const early = await call('scoring', 'POST', `/campaigns/${campaignId}/publication`, tokens.manager);
    expect(early.status).toBe(409);
    expect(early.body.errors[0].field).toBe('campaignId');
    expect((await call('scoring', 'POST', `/campaigns/${campaignId}/publication`, tokens.viewer)).status).toBe(403);
    expect((await call('survey-intake', 'POST', `/campaigns/${campaignId}/close`, tokens.manager)).status).toBe(200);
    const requested = await eventually(async () => {
      const reply = await call('scoring', 'POST', `/campaigns/${campaignId}/publication`, tokens.manager);
      expect(reply.status).toBe(202);
      return reply.body;
    });
    const publication = await eventually(async () => {
      const reply = await call('scoring', 'GET', `/campaigns/${campaignId}/publication`, tokens.viewer);
      expect(reply.body.status).toBe('published');
      return reply.body;
    });
    expect(publication.publicationId).toBe(requested.publicationId);
    const data = publication.published;
    expect(data.responses).toEqual({ onTime: sent.length, late: 0 });
    for (const { partition, nextOffset } of data.computedFrom.offsets as { partition: number; nextOffset: string }[]) {
      expect(BigInt(nextOffset)).toBeGreaterThanOrEqual(BigInt(requested.waitingFor[partition]));
    }
    // The published figures are the API's.
    const [byUnit, byType, byChannel] = [await figures('by=unit'), await figures('by=unitType'), await figures('by=channel')];
    expect(data.campaign).toEqual(publishedPart(byUnit.total));
    expect(data.byUnit).toEqual(byUnit.groups.map(publishedPart));
    expect(data.byUnitType).toEqual(byType.groups.map(publishedPart));
    expect(data.byChannel).toEqual(byChannel.groups.map(publishedPart));
    expect(data.campaign).toMatchObject(expected('campaign', sent));

    // The event on scoring's topic carries the same data.
    const published = async () => {
      const events: EventEnvelope[] = [];
      const config = messagingConfigFromEnv('audit');
      await readTopicToEnd(createKafka({ ...config, clientId: 'e2e' }), config, Topics.scoringEvents, async (_p, messages) => {
        for (const m of messages) events.push(platformEvents.decode(m.value as Buffer));
      });
      return events.filter((e) => e.type === 'CampaignScoresPublished');
    };
    const events = await eventually(async () => {
      const found = await published();
      expect(found).toHaveLength(1);
      return found;
    });
    expect(events[0].data).toEqual(data);
    expect(events[0].actor.id).toBe('manager-1');

    // A void after publication changes the live figures, never the published event.
    const voided = sent[0];
    expect(
      (await call('survey-intake', 'POST', `/responses/${voided.responseId}/void`, tokens.manager, { reason: 'Phiếu nhập trùng' })).status,
    ).toBe(200);
    await eventually(async () => expect((await figures('by=none')).responses.onTime).toBe(sent.length - 1));
    const again = await call('scoring', 'POST', `/campaigns/${campaignId}/publication`, tokens.manager);
    expect(again.status).toBe(200);
    expect(again.body.published).toEqual(data);
    expect(await published()).toHaveLength(1);
  });
});
