import { CampaignScoresPublished, DataOf, PublishedFigure, Roles } from '@hailong/contracts';
import { assertKafkaReachable, eventually } from '@hailong/platform/testing';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { TestPlatform } from './platform';

// Issue 7, item 1, end to end: a campaign through intake, scoring publishes it and is stopped; the audit
// rebuilds every figure from the topics alone and must find the published ones exactly; replayed up to
// an instant, it must find the figures scoring showed at that instant; and a publication with one value
// altered must be reported with exactly that value, both sides — so the comparison can fail.

type Published = DataOf<typeof CampaignScoresPublished>;
interface Difference {
  path: string;
  published: unknown;
  replayed: unknown;
}
interface Report {
  replayId: string;
  resumed: boolean;
  read: { messages: number; applied: number; duplicates: number; afterCut: number };
  computedFrom: Record<string, string>;
  publication: { publicationId: string; computedFrom: Record<string, string> } | null;
  figures: (Omit<Published, 'publicationId' | 'computedFrom' | 'close'> & { close: Published['close'] | null }) | null;
  differences: Difference[] | null;
}

const ITEMS = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'D1', 'D2', 'D3', 'E1', 'E2', 'E3'];
const CHANNELS = ['paper', 'tablet'];
/** The procedure each unit handles (intake refuses a procedure its unit type does not handle). */
const PROCEDURES: Record<string, string> = { division: 'passport', district: 'traffic-fine', tichSon: 'id-card', lienBao: 'id-card' };

/** What a publication carries of a figure the API shows (the API adds labels and distributions). */
const publishedPart = (f: PublishedFigure): PublishedFigure => ({
  key: f.key,
  responses: f.responses,
  sampleSize: f.sampleSize,
  belowMinimumSample: f.belowMinimumSample,
  bootstrapSeed: f.bootstrapSeed,
  overall: f.overall,
  pooled: f.pooled,
  factors: f.factors,
  items: f.items,
  rank: f.rank,
  unranked: f.unranked,
});

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

describe('audit replay reproduces every published figure from the topics alone (services as processes)', () => {
  let platform: TestPlatform;
  const units: Record<string, string> = {};
  let campaignId: string;
  let sent = 0;
  let instant: string;
  let atInstant: { byUnit: PublishedFigure[]; byUnitType: PublishedFigure[]; byChannel: PublishedFigure[]; total: PublishedFigure };
  let published: Published;
  const tokens = {} as Record<'editor' | 'manager' | 'surveyor' | 'viewer' | 'auditor', string>;
  const random = seeded(7);

  const send = async (unit: string, n: number) => {
    for (let i = 0; i < n; i += 1) {
      const reply = await platform.call('survey-intake', 'POST', '/responses', {
        token: tokens.surveyor,
        body: {
          idempotencyKey: `replay-${randomUUID()}`,
          campaignId,
          unitId: units[unit],
          channel: CHANNELS[Math.floor(random() * CHANNELS.length)],
          procedureId: PROCEDURES[unit],
          serviceDate: `2022-04-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
          answers: ITEMS.map((itemId) => ({
            itemId,
            level: random() < 0.05 ? null : random() < 0.7 ? 4 + Math.floor(random() * 2) : 1 + Math.floor(random() * 3),
          })),
          expectations: [],
          profile: { respondentType: random() < 0.8 ? 'individual' : 'organisation' },
        },
      });
      if (reply.status !== 201) throw new Error(`intake refused a form: ${reply.status} ${JSON.stringify(reply.body)}`);
      sent += 1;
    }
  };
  const figures = async (by: string) => {
    const reply = await platform.call('scoring', 'GET', `/campaigns/${campaignId}/figures?by=${by}`, { token: tokens.viewer });
    expect(reply.status).toBe(200);
    return reply.body as { total: PublishedFigure; groups: PublishedFigure[]; responses: { onTime: number } };
  };
  const replay = async (body: Record<string, unknown>, token = tokens.auditor) =>
    platform.call('audit', 'POST', `/replay/campaigns/${campaignId}`, { token, body });

  beforeAll(async () => {
    await assertKafkaReachable();
    platform = await TestPlatform.start('audit_replay', 3281);
    process.env['KAFKA_TOPIC_PREFIX'] = platform.topicPrefix;
    tokens.editor = await platform.token(Roles.directoryEditor, 'editor-1');
    tokens.manager = await platform.token(Roles.campaignManager, 'manager-1');
    tokens.surveyor = await platform.token(Roles.surveyor, 'surveyor-1');
    tokens.viewer = await platform.token(Roles.viewer, 'viewer-1');
    tokens.auditor = await platform.token(Roles.auditor, 'auditor-1');
    const register = async (key: string, code: string, unitType: string, nameVi: string, parent: string | null) => {
      const reply = await platform.call('unit-directory', 'POST', '/units', {
        token: tokens.editor,
        body: { code, unitType, nameVi, nameEn: nameVi, ...(parent ? { parentId: units[parent] } : {}), validFrom: '2020-01-01' },
      });
      expect(reply.status).toBe(201);
      units[key] = reply.body.unitId;
    };
    await register('province', '26', 'provincial-police', 'Công an tỉnh Vĩnh Phúc', null);
    await register('division', '26-PA08', 'provincial-division', 'Phòng Quản lý xuất nhập cảnh', 'province');
    await register('district', '243', 'district-police', 'Công an thành phố Vĩnh Yên', 'province');
    await register('tichSon', '08707', 'commune-police', 'Công an phường Tích Sơn', 'district');
    await register('lienBao', '08710', 'commune-police', 'Công an phường Liên Bảo', 'district');
    await eventually(async () => {
      for (const id of Object.values(units)) {
        expect((await platform.call('survey-intake', 'GET', `/directory/units/${id}`, { token: tokens.viewer })).status).toBe(200);
      }
    });
  }, 240000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('collects responses, notes scoring’s figures at an instant, then closes and publishes; scoring is stopped after publication', async () => {
    const created = await platform.call('survey-intake', 'POST', '/campaigns', {
      token: tokens.manager,
      body: {
        nameVi: 'Khảo sát sự hài lòng năm 2022',
        nameEn: 'Satisfaction survey 2022',
        period: { from: '2022-04-01', to: '2022-05-31' },
        scope: { unitTypes: ['commune-police', 'district-police', 'provincial-division'], withinUnitId: units['province'] },
        methods: CHANNELS,
        questionnaire: { questionnaireId: 'current', version: 1 },
        targetSample: { perUnit: 30, byUnit: [] },
        minimumSample: 6,
      },
    });
    expect(created.status).toBe(201);
    campaignId = created.body.campaignId;
    expect((await platform.call('survey-intake', 'POST', `/campaigns/${campaignId}/open`, { token: tokens.manager })).status).toBe(200);

    for (const [unit, n] of [
      ['tichSon', 9],
      ['lienBao', 4],
      ['division', 8],
    ] as const)
      await send(unit, n);
    await eventually(async () => expect((await figures('none')).responses.onTime).toBe(sent), { timeoutMs: 60000, intervalMs: 300 });
    const [byUnit, byUnitType, byChannel] = await Promise.all([figures('unit'), figures('unitType'), figures('channel')]);
    atInstant = {
      total: publishedPart(byUnit.total),
      byUnit: byUnit.groups.map(publishedPart),
      byUnitType: byUnitType.groups.map(publishedPart),
      byChannel: byChannel.groups.map(publishedPart),
    };
    instant = new Date().toISOString();
    const firstBatch = sent;
    await new Promise((resolve) => setTimeout(resolve, 1100));

    for (const [unit, n] of [
      ['tichSon', 5],
      ['lienBao', 7],
      ['district', 6],
      ['division', 3],
    ] as const)
      await send(unit, n);
    expect((await platform.call('survey-intake', 'POST', `/campaigns/${campaignId}/close`, { token: tokens.manager })).status).toBe(200);
    await eventually(async () => {
      const reply = await platform.call('scoring', 'POST', `/campaigns/${campaignId}/publication`, { token: tokens.manager });
      expect(reply.status).toBe(202);
    });
    const publication = await eventually(
      async () => {
        const reply = await platform.call('scoring', 'GET', `/campaigns/${campaignId}/publication`, { token: tokens.viewer });
        expect(reply.body.status).toBe('published');
        return reply.body;
      },
      { timeoutMs: 60000, intervalMs: 300 },
    );
    published = publication.published;
    expect(published.responses).toEqual({ onTime: sent, late: 0 });
    expect(firstBatch).toBeLessThan(sent);
    // Wait for the publication to reach the scoring topic (scoring's relay), then stop scoring for good.
    await eventually(
      async () => {
        const reply = await replay({});
        expect(reply.status).toBe(200);
      },
      { timeoutMs: 30000, intervalMs: 500 },
    );
    await platform.services.scoring.stop('SIGTERM');
  });

  it('replays from offset 0 to the publication’s offsets with scoring stopped and reproduces every published figure exactly', async () => {
    const reply = await replay({ fresh: true });
    expect(reply.status).toBe(200);
    const report = reply.body as Report;
    expect(report.resumed).toBe(false);
    expect(report.differences).toEqual([]);
    expect(report.publication?.publicationId).toBe(published.publicationId);
    expect(report.computedFrom).toEqual(report.publication?.computedFrom);
    expect(report.read.applied).toBeGreaterThanOrEqual(sent);
    // Not merely "no differences": the figures are the published ones, field for field.
    const figures: Partial<Published> = { ...published };
    delete figures.publicationId;
    delete figures.computedFrom;
    expect(report.figures).toEqual(figures);
    expect(report.figures?.responses.onTime).toBe(sent);
    expect(report.figures?.byUnit.map((f) => f.key).sort()).toEqual(
      ['tichSon', 'lienBao', 'district', 'division'].map((u) => `unit:${units[u]}`).sort(),
    );
  });

  it('resumes an interrupted replay from the offsets it stored with what it built, and a message read again counts once', async () => {
    const first = (await replay({ fresh: true })).body as Report;
    const db = new Client({ connectionString: platform.db.url });
    await db.connect();
    try {
      // As a run stopped mid-way leaves it: unfinished, one partition stored two messages short of its cut.
      // (The first partition that holds two: units are keyed to partitions by their random ids, so partition 0 may hold none.)
      await db.query(`UPDATE audit.replays SET finished_at = NULL WHERE replay_id = $1`, [first.replayId]);
      const moved = await db.query(
        `UPDATE audit.consumer_offsets SET next_offset = next_offset - 2
          WHERE consumer_group = 'audit.replay' AND topic = 'hailong.intake.responses'
            AND partition = (SELECT min(partition) FROM audit.consumer_offsets
                              WHERE consumer_group = 'audit.replay' AND topic = 'hailong.intake.responses' AND next_offset >= 2)`,
      );
      expect(moved.rowCount).toBe(1);
    } finally {
      await db.end();
    }
    const reply = await replay({});
    expect(reply.status).toBe(200);
    const second = reply.body as Report;
    expect(second).toMatchObject({ resumed: true, replayId: first.replayId, differences: [] });
    // Only the two messages after the stored offset were read again; being applied already, neither counts twice.
    expect(second.read.messages).toBe(2);
    expect(second.read.applied).toBe(0);
    expect(second.figures).toEqual(first.figures);
  });

  it('reports exactly the one value a tampered copy of the publication changed, with the published and the replayed value', async () => {
    const tampered = structuredClone(published);
    const unit = tampered.byUnit[1];
    unit.pooled.satisfied += 1;
    const reply = await platform.call('audit', 'POST', `/replay/campaigns/${campaignId}/comparisons`, {
      token: tokens.auditor,
      body: { published: tampered },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.differences).toEqual([
      { path: `byUnit[${unit.key}].pooled.satisfied`, published: unit.pooled.satisfied, replayed: unit.pooled.satisfied - 1 },
    ]);

    const index = structuredClone(published);
    const item = index.campaign.items[2];
    item.index = item.index === 0.5 ? 0.25 : 0.5;
    const second = await platform.call('audit', 'POST', `/replay/campaigns/${campaignId}/comparisons`, {
      token: tokens.auditor,
      body: { published: index },
    });
    expect(second.body.differences).toEqual([
      { path: `campaign.items[${item.itemId}].index`, published: item.index, replayed: published.campaign.items[2].index },
    ]);

    const broken = await platform.call('audit', 'POST', `/replay/campaigns/${campaignId}/comparisons`, {
      token: tokens.auditor,
      body: { published: { ...published, byUnit: 'none' } },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0].field).toBe('published.byUnit');
  });

  it('replays up to an instant and finds the figures scoring showed at that instant', async () => {
    const reply = await replay({ at: instant });
    expect(reply.status).toBe(200);
    const report = reply.body as Report;
    expect(report.read.afterCut).toBeGreaterThan(0);
    expect(report.figures?.close).toBeNull();
    expect(report.figures?.campaign).toEqual(atInstant.total);
    expect(report.figures?.byUnit).toEqual(atInstant.byUnit);
    expect(report.figures?.byUnitType).toEqual(atInstant.byUnitType);
    expect(report.figures?.byChannel).toEqual(atInstant.byChannel);
    // Compared with the final publication, the earlier figures differ (the comparison does fail).
    expect(report.differences?.some((d) => d.path === 'responses.onTime')).toBe(true);
  });

  it('refuses two cuts at once, naming the field, and a reader without the auditor role', async () => {
    const both = await replay({ at: instant, until: 'end' });
    expect(both.status).toBe(400);
    expect(both.body.errors.map((e: { field: string }) => e.field)).toEqual(['at']);
    expect((await replay({}, tokens.viewer)).status).toBe(403);
  });

  it("signs every ledger head at the campaign's close and at its publication, naming the campaign", async () => {
    const db = new Client({ connectionString: platform.db.url });
    await db.connect();
    try {
      const signed = await eventually(async () => {
        const { rows } = await db.query<{ reason: string; ledger: string }>(
          `SELECT reason, ledger FROM audit.checkpoints WHERE campaign_id = $1 ORDER BY reason, ledger`,
          [campaignId],
        );
        const reasons = new Set(rows.map((r) => r.reason));
        expect(reasons).toEqual(new Set(['campaign-closed', 'campaign-published']));
        return rows;
      });
      // The publication's checkpoint covers the scoring ledger, where the publication itself is.
      expect(signed.filter((r) => r.reason === 'campaign-published').map((r) => r.ledger)).toContain('scoring');
      const latest = await platform.call('audit', 'GET', '/checkpoints');
      const scoring = latest.body.checkpoints.find((c: { ledger: string }) => c.ledger === 'scoring');
      expect(scoring).toMatchObject({ reason: 'campaign-published', campaignId });
      const { rows: pending } = await db.query(`SELECT count(*)::int AS n FROM audit.pending_milestones`);
      expect(pending[0].n).toBe(0);
    } finally {
      await db.end();
    }
  });

  it('runs as a command from the topics: exit code 0 and no difference against the publication, progress on stderr', async () => {
    const run = promisify(execFile);
    const { stdout, stderr } = await run(process.execPath, ['dist/apps/audit/cli/replay-campaign.js', '--campaign', campaignId, '--json'], {
      env: { ...process.env, DATABASE_URL: platform.db.url, KAFKA_TOPIC_PREFIX: platform.topicPrefix },
      maxBuffer: 64 * 1024 * 1024,
    });
    const report = JSON.parse(stdout) as Report;
    expect(report.differences).toEqual([]);
    expect(report.figures?.responses.onTime).toBe(sent);
    expect(stderr).toMatch(/responses: \d+\/\d+ messages \(100%\), \d+ events\/s, ETA/);
  });
});
