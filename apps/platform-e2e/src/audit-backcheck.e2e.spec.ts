import { PublishedFigure, Roles } from '@hailong/contracts';
import { assertKafkaReachable, eventually, extractPdfText } from '@hailong/platform/testing';
import { Workbook } from 'exceljs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BackcheckCampaign, ITEMS, publishBackcheckCampaign, UNIT_NAMES } from './backcheck-campaign';
import { TestPlatform } from './platform';

// Issue 8 end to end, services as processes on the real PostgreSQL and Kafka: a published campaign
// with a fabricated batch; the audit draws stratified seeded samples (the same seed twice gives the
// same sample, another seed another), assigns them, intake shows contact details to the assigned
// re-inspector only (each reading an event), verdicts change the re-inspected figures and never the
// published ones, the fabricated batch is flagged, and closing makes the campaign "re-inspected".

interface Stratum {
  key: string;
  unitId: string;
  collector: string | null;
  population: number;
  drawn: string[];
}
interface Sample {
  sampleId: string;
  seed: number;
  strata: Stratum[];
  population: { responses: number; digest: string };
}
interface Pair {
  key: string;
  unitId: string | null;
  nameVi: string | null;
  published: PublishedFigure | null;
  reinspected: PublishedFigure | null;
}
interface Figures {
  status: string;
  verdicts: Record<string, number>;
  excludedResponseIds: string[];
  replacedResponseIds: string[];
  campaign: Pair;
  byUnit: Pair[];
}

describe('back-checks: samples, verdicts, re-inspected figures and fabrication signals (services as processes)', () => {
  let platform: TestPlatform;
  let campaign: BackcheckCampaign;
  const tokens = {} as Record<'auditor' | 'reinspector1' | 'reinspector2' | 'viewer' | 'admin' | 'manager', string>;
  let byCollector: Sample;

  const audit = (method: string, path: string, token: string, body?: unknown) => platform.call('audit', method, path, { token, body });
  const draw = async (body: Record<string, unknown>): Promise<Sample> => {
    // The audit may still be reading the campaign's responses (409); the draw waits for all of them.
    return eventually(
      async () => {
        const reply = await audit('POST', `/reinspection/campaigns/${campaign.campaignId}/samples`, tokens.auditor, body);
        if (reply.status !== 201) throw new Error(`draw: ${reply.status} ${JSON.stringify(reply.body)}`);
        return reply.body as Sample;
      },
      { timeoutMs: 60000, intervalMs: 500 },
    );
  };
  const figures = async (query = ''): Promise<Figures> => {
    const reply = await audit('GET', `/reinspection/campaigns/${campaign.campaignId}/figures${query}`, tokens.viewer);
    expect(reply.status).toBe(200);
    return reply.body as Figures;
  };
  const unitPair = (f: Figures, unitId: string) => f.byUnit.find((p) => p.unitId === unitId) as Pair;

  beforeAll(async () => {
    await assertKafkaReachable();
    platform = await TestPlatform.start('audit_backcheck', 3310);
    tokens.auditor = await platform.token(Roles.auditor, 'auditor-1');
    tokens.reinspector1 = await platform.token(Roles.reinspector, 'reinspector-1');
    tokens.reinspector2 = await platform.token(Roles.reinspector, 'reinspector-2');
    tokens.viewer = await platform.token(Roles.viewer, 'viewer-1');
    tokens.admin = await platform.token(Roles.admin, 'admin-1');
    tokens.manager = await platform.token(Roles.campaignManager, 'manager-1');
    campaign = await publishBackcheckCampaign(platform, 'e2e');
  }, 240000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('draws ceil(share × N) responses from each unit’s stratum, all of them members of it', async () => {
    const sample = await draw({ share: 0.2, strata: 'unit', seed: 20221201 });
    const perUnit = (unit: keyof typeof UNIT_NAMES) => campaign.responses.filter((r) => r.unit === unit).map((r) => r.responseId);
    expect(sample.population.responses).toBe(campaign.responses.length);
    for (const unit of ['tichSon', 'lienBao', 'dongTam'] as const) {
      const stratum = sample.strata.find((s) => s.unitId === campaign.units[unit]) as Stratum;
      expect(stratum.population).toBe(perUnit(unit).length);
      expect(stratum.drawn).toHaveLength(Math.ceil(0.2 * perUnit(unit).length));
      for (const id of stratum.drawn) expect(perUnit(unit)).toContain(id);
    }
    // 12 → 3, 17 → 4, 7 → 2
    expect(sample.strata.map((s) => s.drawn.length).sort()).toEqual([2, 3, 4]);
  });

  it('draws the same sample from the same seed twice, another sample from another seed, and redraws a recorded sample identically', async () => {
    const first = await draw({ share: 0.2, strata: 'unit', seed: 777 });
    const again = await draw({ share: 0.2, strata: 'unit', seed: 777 });
    const other = await draw({ share: 0.2, strata: 'unit', seed: 778 });
    expect(again.sampleId).not.toBe(first.sampleId);
    expect(again.strata).toEqual(first.strata);
    expect(other.strata.map((s) => s.drawn)).not.toEqual(first.strata.map((s) => s.drawn));
    const redraw = await audit('GET', `/reinspection/samples/${first.sampleId}/redraw`, tokens.reinspector1);
    expect(redraw.status).toBe(200);
    expect(redraw.body).toMatchObject({ identical: true, populationMatches: true, seed: 777 });
    // Away from the platform: the command redraws it from the topics alone (exit code 0 = the same sample),
    // once the audit's relay has put the draw on its topic.
    const redrawn = await eventually(
      async () => {
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ['dist/apps/audit/cli/redraw-sample.js', '--sample', first.sampleId, '--json'],
          {
            env: { ...process.env, KAFKA_TOPIC_PREFIX: platform.topicPrefix },
            maxBuffer: 64 * 1024 * 1024,
          },
        );
        return JSON.parse(stdout);
      },
      { timeoutMs: 60000, intervalMs: 1000 },
    );
    expect(redrawn).toMatchObject({ sampleId: first.sampleId, identical: true, populationMatches: true });
    const recorded = await audit('GET', `/reinspection/samples/${first.sampleId}`, tokens.auditor);
    expect(recorded.body).toMatchObject({ seed: 777, rule: { strata: 'unit', size: { kind: 'share', share: 0.2 } } });
  });

  it('refuses a draw naming both share and size, or neither, with the field named', async () => {
    const both = await audit('POST', `/reinspection/campaigns/${campaign.campaignId}/samples`, tokens.auditor, { share: 0.1, size: 3 });
    expect(both.status).toBe(400);
    expect(both.body.errors[0].field).toBe('size');
    const share = await audit('POST', `/reinspection/campaigns/${campaign.campaignId}/samples`, tokens.auditor, { share: 1.5 });
    expect(share.status).toBe(400);
    expect(share.body.errors.map((e: { field: string }) => e.field)).toContain('share');
  });

  it('with no verdict yet, re-inspected figures equal the published ones for every unit (scoring’s own code, not a fork)', async () => {
    const f = await figures();
    expect(f.status).toBe('published');
    expect(f.byUnit).toHaveLength(campaign.published.byUnit.length);
    for (const pair of f.byUnit) expect(pair.reinspected).toEqual(pair.published);
    expect(f.campaign.reinspected).toEqual(f.campaign.published);
    expect(unitPair(f, campaign.units.tichSon).nameVi).toBe(UNIT_NAMES.tichSon);
  });

  it('assigns a sample by surveyor stratum; intake shows contact details only to the assigned re-inspector, and each reading is an event', async () => {
    byCollector = await draw({ size: 3, strata: 'unit-collector', seed: 42 });
    const fabricatorStratum = byCollector.strata.find((s) => s.collector === 'surveyor:surveyor-fabricator') as Stratum;
    expect(fabricatorStratum.drawn).toHaveLength(3);
    for (const id of fabricatorStratum.drawn) expect(campaign.fabricated).toContain(id);
    const assignments = byCollector.strata.flatMap((s) => s.drawn).map((responseId) => ({ responseId, reinspectorId: 'reinspector-1' }));
    const assigned = await audit('POST', `/reinspection/samples/${byCollector.sampleId}/assignments`, tokens.auditor, { assignments });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignments).toHaveLength(assignments.length);

    const outsider = campaign.responses.find((r) => !assignments.some((a) => a.responseId === r.responseId)) as { responseId: string };
    const refused = await audit('POST', `/reinspection/samples/${byCollector.sampleId}/assignments`, tokens.auditor, {
      assignments: [{ responseId: outsider.responseId, reinspectorId: 'reinspector-1' }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('assignments.0.responseId');

    const target = fabricatorStratum.drawn[0];
    const phone = campaign.responses.find((r) => r.responseId === target)?.phone as string;
    const read = await eventually(async () => {
      const reply = await platform.call('survey-intake', 'GET', `/responses/${target}/contact`, { token: tokens.reinspector1 });
      if (reply.status !== 200) throw new Error(`contact: ${reply.status}`);
      return reply.body;
    });
    expect(read).toMatchObject({
      responseId: target,
      state: 'readable',
      contact: { name: 'Nguyễn Văn An', phone: `+84${phone.slice(1)}` },
    });
    expect(read.accessEventId).toEqual(expect.any(String));
    // Another re-inspector, and every other role, gets no contact details.
    const other = await platform.call('survey-intake', 'GET', `/responses/${target}/contact`, { token: tokens.reinspector2 });
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.body)).not.toContain(phone.slice(1));
    for (const token of [tokens.auditor, tokens.admin, tokens.manager]) {
      expect((await platform.call('survey-intake', 'GET', `/responses/${target}/contact`, { token })).status).toBe(403);
    }
    // The response itself no longer opens its personal data to a re-inspector: only the audited reading does.
    const whole = await platform.call('survey-intake', 'GET', `/responses/${target}`, { token: tokens.reinspector1 });
    expect(whole.body.personal).toEqual({ state: 'sealed' });
    // Once the respondent is forgotten (key destroyed), nobody reads them, the assigned re-inspector neither.
    const forgotten = campaign.responses.find((r) => r.responseId === fabricatorStratum.drawn[1]) as {
      responseId: string;
      respondentKeyId: string;
    };
    const destroyed = await platform.call('survey-intake', 'POST', `/respondent-keys/${forgotten.respondentKeyId}/destroy`, {
      token: tokens.admin,
      body: { reason: 'respondent-request' },
    });
    expect(destroyed.status).toBe(200);
    const erased = await platform.call('survey-intake', 'GET', `/responses/${forgotten.responseId}/contact`, {
      token: tokens.reinspector1,
    });
    expect(erased.body).toMatchObject({ state: 'erased', contact: null });
    const list = await audit('GET', '/reinspection/assignments', tokens.reinspector1);
    expect(list.body.assignments.map((a: { responseId: string }) => a.responseId).sort()).toEqual(
      assignments.map((a) => a.responseId).sort(),
    );
    // The campaign's questions come with the list, to key answers given again against them.
    const questions = list.body.questions[campaign.campaignId] as { itemId: string; vi: string; en: string }[];
    expect(questions.map((q) => q.itemId)).toEqual(ITEMS);
    expect(questions.every((q) => q.vi.length > 0 && q.en.length > 0)).toBe(true);
    expect((await audit('GET', '/reinspection/assignments', tokens.reinspector2)).body.assignments).toEqual([]);
  });

  it('takes a verdict only from the assigned re-inspector, and answers-differ only with the re-collected answers', async () => {
    const target = byCollector.strata.find((s) => s.collector === 'surveyor:surveyor-fabricator')?.drawn[0] as string;
    const path = `/reinspection/responses/${target}/verdicts`;
    expect((await audit('POST', path, tokens.reinspector2, { verdict: 'confirmed' })).status).toBe(403);
    const missing = await audit('POST', path, tokens.reinspector1, { verdict: 'answers-differ' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('recollectedAnswers');
    const unknownItem = await audit('POST', path, tokens.reinspector1, {
      verdict: 'answers-differ',
      recollectedAnswers: [{ itemId: 'Z9', level: 2 }],
    });
    expect(unknownItem.status).toBe(400);
    expect(unknownItem.body.errors[0].field).toBe('recollectedAnswers.0.itemId');
  });

  it('changes the re-inspected figures as the verdicts say and never a published one', async () => {
    const scoringBefore = await platform.call('scoring', 'GET', `/campaigns/${campaign.campaignId}/publication`, { token: tokens.viewer });
    const fake = byCollector.strata.find((s) => s.collector === 'surveyor:surveyor-fabricator')?.drawn as string[];
    const honest = byCollector.strata.find((s) => s.collector === 'surveyor:surveyor-honest' && s.unitId === campaign.units.tichSon)
      ?.drawn as string[];
    const record = async (responseId: string, body: Record<string, unknown>) => {
      const reply = await audit('POST', `/reinspection/responses/${responseId}/verdicts`, tokens.reinspector1, body);
      expect(reply.status).toBe(201);
    };
    await record(fake[0], { verdict: 'respondent-denies' });
    await record(fake[1], { verdict: 'answers-differ', recollectedAnswers: ITEMS.map((itemId) => ({ itemId, level: 2 })) });
    await record(fake[2], { verdict: 'not-reachable' });
    await record(honest[0], { verdict: 'confirmed' });

    const lienBao = campaign.units.lienBao;
    const excluded = await figures();
    expect(excluded.excludedResponseIds.sort()).toEqual([fake[0], fake[1]].sort());
    const pair = unitPair(excluded, lienBao);
    expect(pair.published?.responses).toBe(17);
    expect(pair.reinspected?.responses).toBe(15);
    // Two all-5 forms gone: the unit's re-inspected index falls below the published one.
    expect(pair.reinspected?.overall.index as number).toBeLessThan(pair.published?.overall.index as number);
    expect(unitPair(excluded, campaign.units.tichSon).reinspected).toEqual(unitPair(excluded, campaign.units.tichSon).published);
    expect(excluded.verdicts).toMatchObject({ confirmed: 1, notReachable: 1, respondentDenies: 1, answersDiffer: 1 });

    const recollected = await figures('?differingAnswers=use-recollected');
    expect(recollected.replacedResponseIds).toEqual([fake[1]]);
    const withRecollected = unitPair(recollected, lienBao);
    expect(withRecollected.reinspected?.responses).toBe(16);
    const a1 = (f: PublishedFigure | null) => f?.items.find((i) => i.itemId === 'A1');
    expect(a1(withRecollected.reinspected)?.satisfied).toBe((a1(pair.reinspected)?.satisfied as number) + 0);
    expect(a1(withRecollected.reinspected)?.valid).toBe((a1(pair.reinspected)?.valid as number) + 1);

    // The published figures: in the audit's view, and at scoring, exactly as published.
    for (const p of excluded.byUnit) expect(p.published).toEqual(campaign.published.byUnit.find((f) => f.key === p.key));
    expect(excluded.campaign.published).toEqual(campaign.published.campaign);
    const scoringAfter = await platform.call('scoring', 'GET', `/campaigns/${campaign.campaignId}/publication`, { token: tokens.viewer });
    expect(scoringAfter.body).toEqual(scoringBefore.body);
  });

  it('flags the fabricated batch (one surveyor, identical answers, 20 seconds apart) with the responses behind each signal', async () => {
    const reply = await audit('GET', `/reinspection/campaigns/${campaign.campaignId}/signals`, tokens.reinspector1);
    expect(reply.status).toBe(200);
    const signals = reply.body.signals as { kind: string; source: string; responseIds: string[]; value: number }[];
    const of = (kind: string, source: string) => signals.filter((s) => s.kind === kind && s.source === source);
    const fabricator = 'collector:surveyor:surveyor-fabricator';
    const batch = [...campaign.fabricated].sort();
    expect(of('identical-answers', fabricator).map((s) => s.responseIds)).toEqual([batch]);
    expect(of('too-fast', fabricator).map((s) => s.responseIds)).toEqual([batch]);
    expect(of('burst', fabricator).map((s) => s.responseIds)).toEqual([batch]);
    // Failed back-checks: denied + differing of three reached (one unreachable left out).
    expect(of('failed-back-checks', fabricator)[0]).toMatchObject({ value: 1 });
    for (const honest of ['collector:surveyor:surveyor-honest', 'collector:surveyor:surveyor-other']) {
      expect(signals.filter((s) => s.source === honest && s.kind !== 'failed-back-checks')).toEqual([]);
    }
  });

  it('closes the re-inspection once: the campaign is “re-inspected”, and no verdict is taken after', async () => {
    const closed = await audit('POST', `/reinspection/campaigns/${campaign.campaignId}/closure`, tokens.auditor, {});
    expect(closed.status).toBe(201);
    expect(closed.body.status).toBe('re-inspected');
    expect(closed.body.excludedResponseIds).toHaveLength(2);
    expect((await audit('POST', `/reinspection/campaigns/${campaign.campaignId}/closure`, tokens.auditor, {})).status).toBe(409);
    const target = byCollector.strata.find((s) => s.collector === 'surveyor:surveyor-fabricator')?.drawn[2] as string;
    expect((await audit('POST', `/reinspection/responses/${target}/verdicts`, tokens.reinspector1, { verdict: 'confirmed' })).status).toBe(
      409,
    );
    expect((await figures()).status).toBe('re-inspected');
  });

  it('exports the re-inspection report as XLSX and PDF whose figures equal the API’s and whose PDF text holds the Vietnamese unit names intact', async () => {
    const f = await figures();
    const download = async (format: string) => {
      const response = await fetch(`${platform.services.audit.url}/reinspection/campaigns/${campaign.campaignId}/report?format=${format}`, {
        headers: { authorization: `Bearer ${tokens.viewer}` },
      });
      expect(response.status).toBe(200);
      return { type: response.headers.get('content-type'), body: Buffer.from(await response.arrayBuffer()) };
    };

    const xlsx = await download('xlsx');
    expect(xlsx.type).toContain('spreadsheetml');
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Số liệu');
    const rows = new Map<string, unknown[]>();
    sheet?.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1));
    });
    for (const pair of [f.campaign, ...f.byUnit]) {
      const row = rows.get(pair.key) as unknown[];
      expect(row).toBeDefined();
      expect(row.slice(3, 11)).toEqual([
        pair.published?.responses,
        pair.published?.overall.index,
        pair.published?.overall.interval?.lower,
        pair.published?.overall.interval?.upper,
        pair.reinspected?.responses,
        pair.reinspected?.overall.index,
        pair.reinspected?.overall.interval?.lower,
        pair.reinspected?.overall.interval?.upper,
      ]);
    }
    expect(rows.get(`unit:${campaign.units.lienBao}`)?.[2]).toBe(UNIT_NAMES.lienBao);
    const verdictSheet = workbook.getWorksheet('Kết quả phúc tra');
    expect(verdictSheet?.getRow(5).values).toEqual([undefined, 'Phủ nhận', f.verdicts.respondentDenies]);

    const pdf = await download('pdf');
    expect(pdf.type).toBe('application/pdf');
    const { text } = await extractPdfText(pdf.body);
    for (const name of Object.values(UNIT_NAMES)) expect(text).toContain(name);
    expect(text).toContain('Báo cáo phúc tra');
    const percent = (share: number | null | undefined) => `${((share as number) * 100).toFixed(2).replace('.', ',')} %`;
    const lienBao = unitPair(f, campaign.units.lienBao);
    for (const share of [
      lienBao.published?.overall.index,
      lienBao.reinspected?.overall.index,
      lienBao.reinspected?.overall.interval?.lower,
    ]) {
      expect(text).toContain(percent(share));
    }
    const bad = await audit('GET', `/reinspection/campaigns/${campaign.campaignId}/report?format=docx`, tokens.viewer);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('format');
  });
});
