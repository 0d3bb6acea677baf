import {
  createEvent,
  EventEnvelope,
  GENESIS_HASH,
  ResponseData,
  UnitDissolved,
  UnitMerged,
  UnitMoved,
  UnitRegistered,
} from '@hailong/contracts';
import { createDirectoryViewMigration, DirectoryView } from '@hailong/directory/view';
import { messagingMigrations } from '@hailong/platform/messaging';
import { runMigrations } from '@hailong/platform/persistence';
import { createTestDatabase, TestDatabase } from '@hailong/platform/testing';
import { computeFigure, countResponses, rollUp, scoreCounts } from '@hailong/scoring/domain';
import { DataSource } from 'typeorm';
import {
  applyScoringEvents,
  BreakdownRequest,
  computeBreakdown,
  questionnaireOfContent,
  scoringSpecFixtures,
  scoringTablesSql,
} from '@hailong/scoring/data-access';

const { CONTENT, IntakeLog, randomResponse, seeded, uuidOf } = scoringSpecFixtures;

const unit = (n: number) => uuidOf('d0000000', n);
const P = unit(1); // provincial police (2020 →, merged into NEWP on 2025-07-01)
const D = unit(2); // district police (dissolved 2025-03-01, successor P)
const C1 = unit(3);
const C2 = unit(4); // C1 and C2 merged into NC on 2025-07-01
const C3 = unit(5); // dissolved 2025-01-01, successor unknown
const NEWP = unit(6);
const NC = unit(7);
const CAMPAIGN = uuidOf('e0000000', 1);

const directoryLog = () => {
  let sequence = 0;
  const placed = <D>(definition: Parameters<typeof createEvent>[0], data: D) => ({
    ...createEvent(definition, (data as { unitId: string }).unitId, data as never, {
      source: 'unit-directory',
      actor: { id: 'spec', kind: 'staff', roles: [] },
      correlationId: 'spec',
    }),
    ledger: { sequence: ++sequence, previousHash: GENESIS_HASH },
  });
  const registered = (unitId: string, code: string, unitType: string, parentId: string | null, name: string, validFrom = '2020-01-01') =>
    placed(UnitRegistered, { unitId, code, unitType, nameVi: name, nameEn: name, parentId, areaCode: null, validFrom });
  return [
    registered(P, '26', 'provincial-police', null, 'Công an tỉnh Vĩnh Phúc'),
    registered(D, '244', 'district-police', P, 'Công an thành phố Phúc Yên'),
    registered(C1, '08740', 'commune-police', D, 'Công an phường Trưng Nhị'),
    registered(C2, '08734', 'commune-police', D, 'Công an phường Trưng Trắc'),
    registered(C3, '08737', 'commune-police', D, 'Công an xã Tân Tiến'),
    placed(UnitDissolved, { unitId: C3, successorId: null, successorUnknown: true, effectiveDate: '2025-01-01' }),
    placed(UnitMoved, { unitId: C1, parentId: P, previousParentId: D, effectiveDate: '2025-03-01' }),
    placed(UnitMoved, { unitId: C2, parentId: P, previousParentId: D, effectiveDate: '2025-03-01' }),
    placed(UnitDissolved, { unitId: D, successorId: P, successorUnknown: false, effectiveDate: '2025-03-01' }),
    registered(NEWP, '25', 'provincial-police', null, 'Công an tỉnh Phú Thọ', '2025-07-01'),
    registered(NC, '08740', 'commune-police', NEWP, 'Công an phường Phúc Yên', '2025-07-01'),
    ...[C1, C2].map((unitId) => placed(UnitMerged, { unitId, successorId: NC, mergedUnitIds: [C1, C2], effectiveDate: '2025-07-01' })),
    placed(UnitMerged, { unitId: P, successorId: NEWP, mergedUnitIds: [P], effectiveDate: '2025-07-01' }),
  ] as EventEnvelope[];
};

const request = (over: Partial<BreakdownRequest>): BreakdownRequest => ({
  campaignId: CAMPAIGN,
  by: 'unit',
  structure: 'as-it-was',
  on: '2025-08-01',
  under: null,
  period: 'month',
  respondentField: null,
  timeliness: 'on-time',
  from: null,
  to: null,
  channel: null,
  procedureId: null,
  replicates: 200,
  ...over,
});

const settings = { campaignId: CAMPAIGN, questionnaire: questionnaireOfContent(CONTENT), minimumSample: 5, replicates: 200 };
/** The figure the pure library gives for these responses, under the group key the breakdown uses. */
const expected = (key: string, responses: readonly ResponseData[]) => {
  // A group's rank depends on the other groups; the figures themselves must match.
  const figure: Record<string, unknown> = { ...computeFigure(key, countResponses(responses), settings) };
  delete figure['rank'];
  delete figure['unranked'];
  return figure;
};

describe('scoring read model (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let schemaN = 0;

  beforeAll(async () => {
    db = await createTestDatabase('scoring_cells');
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  /** A fresh schema with the messaging tables, the directory view (loaded) and scoring's tables. */
  const freshSchema = async (): Promise<string> => {
    const schema = `scoring_${++schemaN}`;
    await dataSource?.destroy();
    dataSource = await new DataSource({
      type: 'postgres',
      url: db.url,
      schema,
      migrations: [...messagingMigrations(schema), createDirectoryViewMigration(schema)],
    }).initialize();
    await runMigrations(dataSource, schema);
    for (const sql of scoringTablesSql(schema)) await dataSource.query(sql);
    await dataSource.transaction((m) => new DirectoryView(schema).record(m, directoryLog()));
    return schema;
  };

  const apply = (schema: string, events: readonly EventEnvelope[]) => dataSource.transaction((m) => applyScoringEvents(m, schema, events));
  const breakdown = (schema: string, over: Partial<BreakdownRequest>) => computeBreakdown(dataSource.manager, schema, request(over));

  /** 120 responses in 2022 at five units, on three channels. */
  const campaignResponses = () => {
    const random = seeded(42);
    const units = [C1, C2, C3, D, P];
    return Array.from({ length: 120 }, (_, n) =>
      randomResponse(random, n, CAMPAIGN, units[n % units.length], `2022-04-${String(1 + (n % 28)).padStart(2, '0')}`),
    );
  };

  it('gives the figures the pure library computes from the same responses, however the events are batched, and counts a repeat once', async () => {
    const schema = await freshSchema();
    const log = new IntakeLog();
    const responses = campaignResponses();
    const events = [log.questionnaire(), log.created(CAMPAIGN), log.opened(CAMPAIGN), ...responses.map((r) => log.submitted(r))];
    const random = seeded(7);
    for (let i = 0; i < events.length; ) {
      const size = 1 + Math.floor(random() * 17);
      await apply(schema, events.slice(i, i + size));
      i += size;
    }
    await apply(schema, events.slice(3, 40)); // the same responses again: already counted

    const total = await breakdown(schema, { by: 'none' });
    expect(total.total).toMatchObject(expected('campaign', responses));
    expect(total.responses).toEqual({ onTime: 120, late: 0 });
    // Independently of the mapping: the library's own scorecard.
    const card = scoreCounts(countResponses(responses), settings.questionnaire, {
      bootstrap: { seed: total.total.bootstrapSeed, replicates: 200 },
      minimumSample: 5,
    });
    expect(total.total.overall).toEqual({ index: card.overall.index, interval: card.overall.interval });
    expect(total.total.pooled.ratio).toBe(card.pooled.ratio);

    const byChannel = await breakdown(schema, { by: 'channel' });
    for (const channel of ['paper', 'portal', 'tablet']) {
      expect(byChannel.groups.find((g) => g.key === `channel:${channel}`)).toMatchObject(
        expected(
          `channel:${channel}`,
          responses.filter((r) => r.channel === channel),
        ),
      );
    }
    const byGroup = await breakdown(schema, { by: 'respondentGroup', respondentField: 'respondentType' });
    expect(byGroup.groups.map((g) => g.key)).toEqual(['group:respondentType=individual', 'group:respondentType=organisation']);
    expect(byGroup.groups[1]).toMatchObject(
      expected(
        'group:respondentType=organisation',
        responses.filter((r) => r.profileGroups['respondentType'] === 'organisation'),
      ),
    );
    const byWeek = await breakdown(schema, { by: 'period', period: 'week' });
    expect(byWeek.groups.map((g) => g.key)).toEqual([
      'period:2022-W13',
      'period:2022-W14',
      'period:2022-W15',
      'period:2022-W16',
      'period:2022-W17',
    ]);
    expect(byWeek.groups.reduce((n, g) => n + g.responses, 0)).toBe(120);
  });

  it('breaks down by unit as it was, and rolled up into the 2025 structure with equal totals and an unknown successor shown as such', async () => {
    const schema = await freshSchema();
    const log = new IntakeLog();
    const responses = campaignResponses();
    await apply(schema, [log.questionnaire(), log.created(CAMPAIGN), log.opened(CAMPAIGN), ...responses.map((r) => log.submitted(r))]);
    const at = (...units: string[]) => responses.filter((r) => units.includes(r.unitId));

    const asItWas = await breakdown(schema, { by: 'unit' });
    expect(new Set(asItWas.groups.map((g) => g.key))).toEqual(new Set([C1, C2, C3, D, P].map((u) => `unit:${u}`)));
    expect(asItWas.groups.find((g) => g.key === `unit:${C1}`)).toMatchObject(expected(`unit:${C1}`, at(C1)));

    const rolled = await breakdown(schema, { by: 'unit', structure: 'rolled-up', on: '2025-08-01' });
    const keys = rolled.groups.map((g) => g.key);
    expect(new Set(keys)).toEqual(new Set([`unit:${NC}`, `unit:${NEWP}`, `unknown:${C3}`]));
    expect(rolled.groups.find((g) => g.key === `unit:${NC}`)).toMatchObject(expected(`unit:${NC}`, at(C1, C2)));
    expect(rolled.groups.find((g) => g.key === `unit:${NEWP}`)).toMatchObject(expected(`unit:${NEWP}`, at(D, P)));
    const unknown = rolled.groups.find((g) => g.key === `unknown:${C3}`);
    expect(unknown?.label).toMatchObject({ successorUnknown: true, labelEn: 'Công an xã Tân Tiến (successor unknown)' });
    expect(rolled.total).toEqual(asItWas.total);

    // Drill-down: 2022's province → its district → the communes, and 2025's province → the new commune.
    const underP = await breakdown(schema, { by: 'unit', under: P });
    expect(underP.groups.map((g) => g.key).sort()).toEqual([`unit:${D}`, `unit:${P}`].sort());
    expect(underP.groups.find((g) => g.key === `unit:${D}`)?.responses).toBe(at(D, C1, C2, C3).length);
    const underD = await breakdown(schema, { by: 'unit', under: D });
    expect(new Set(underD.groups.map((g) => g.key))).toEqual(new Set([C1, C2, C3, D].map((u) => `unit:${u}`)));
    const underNewP = await breakdown(schema, { by: 'unit', structure: 'rolled-up', on: '2025-08-01', under: NEWP });
    expect(new Set(underNewP.groups.map((g) => g.key))).toEqual(new Set([`unit:${NC}`, `unit:${NEWP}`, `unknown:${C3}`]));
    expect(underNewP.total).toEqual(asItWas.total);

    // A dissolved district's responses count under the provincial police that took its procedures (before Phú Thọ).
    const spring2025 = await breakdown(schema, { by: 'unit', structure: 'rolled-up', on: '2025-04-01' });
    expect(spring2025.groups.find((g) => g.key === `unit:${P}`)?.responses).toBe(at(D, P).length);

    const byType = await breakdown(schema, { by: 'unitType' });
    expect(byType.groups.find((g) => g.key === 'unitType:commune-police')?.responses).toBe(at(C1, C2, C3).length);
    const byTypeRolled = await breakdown(schema, { by: 'unitType', structure: 'rolled-up', on: '2025-08-01' });
    expect(byTypeRolled.groups.find((g) => g.key === 'unitType:unknown')?.responses).toBe(at(C3).length);
  });

  it('puts units whose intervals overlap in one rank group and leaves units below the minimum sample unranked', async () => {
    const schema = await freshSchema();
    const log = new IntakeLog();
    const responses = campaignResponses();
    const few = randomResponse(seeded(3), 999, CAMPAIGN, NC, '2022-04-02'); // one response: below the minimum of 5
    await apply(schema, [
      log.questionnaire(),
      log.created(CAMPAIGN),
      log.opened(CAMPAIGN),
      ...[...responses, few].map((r) => log.submitted(r)),
    ]);
    const ranked = await breakdown(schema, { by: 'unit' });
    const groups = ranked.groups.filter((g) => g.rank !== null);
    expect(groups).toHaveLength(5);
    // Same-sized random samples of one population: their intervals overlap, so they share rank group 1.
    expect(new Set(groups.map((g) => g.rank?.group))).toEqual(new Set([1]));
    expect(groups.map((g) => [g.rank?.from, g.rank?.to])).toEqual(groups.map(() => [1, 5]));
    expect(ranked.groups.find((g) => g.key === `unit:${NC}`)).toMatchObject({
      rank: null,
      unranked: 'below-minimum-sample',
      belowMinimumSample: true,
    });
  });

  it('takes a voided response out, replaces a corrected one, and keeps late responses out of the on-time figures even when applied before the close', async () => {
    const schema = await freshSchema();
    const log = new IntakeLog();
    const responses = campaignResponses();
    const [voided, corrected, ...kept] = responses;
    const replacement: ResponseData = {
      ...corrected,
      responseId: uuidOf('c0000000', 5000),
      answers: corrected.answers.map((a) => ({ ...a, level: 1 })),
    };
    const late = randomResponse(seeded(9), 6000, CAMPAIGN, C1, '2022-05-30');
    const lateCorrection: ResponseData = {
      ...late,
      responseId: uuidOf('c0000000', 6001),
      answers: late.answers.map((a) => ({ ...a, level: 5 })),
    };
    const opening = [log.questionnaire(), log.created(CAMPAIGN), log.opened(CAMPAIGN)];
    const submitted = responses.map((r) => log.submitted(r));
    const voiding = log.voided(voided);
    const correcting = log.corrected(corrected, replacement);
    const closing = log.closed(CAMPAIGN);
    const lateOnes = [log.submitted(late), log.corrected(late, lateCorrection)];
    // The late response sits on another partition than the close: scoring may well see it first.
    await apply(schema, [...opening, ...submitted, voiding, correcting, ...lateOnes]);
    const beforeClose = await breakdown(schema, { by: 'none' });
    expect(beforeClose.responses).toEqual({ onTime: 120, late: 0 });
    await apply(schema, [closing]);

    const onTime = await breakdown(schema, { by: 'none' });
    expect(onTime.responses).toEqual({ onTime: 119, late: 1 });
    expect(onTime.total).toMatchObject(expected('campaign', [...kept, replacement]));
    const lateFigures = await breakdown(schema, { by: 'none', timeliness: 'late' });
    expect(lateFigures.total).toMatchObject(expected('campaign', [lateCorrection]));
    // Applying the void and the correction again changes nothing.
    await apply(schema, [voiding, correcting]);
    expect((await breakdown(schema, { by: 'none' })).total).toEqual(onTime.total);
  });

  it('rolls cells up exactly as the library rolls counts up (the group sums are the total)', async () => {
    const schema = await freshSchema();
    const log = new IntakeLog();
    const responses = campaignResponses();
    await apply(schema, [log.questionnaire(), log.created(CAMPAIGN), ...responses.map((r) => log.submitted(r))]);
    const byProcedure = await breakdown(schema, { by: 'procedure' });
    const perProcedure = rollUp(
      new Map(responses.map((r, i) => [String(i), countResponses([r])])),
      (i) => `procedure:${responses[Number(i)].procedureId}`,
    );
    expect(byProcedure.groups.map((g) => g.key)).toEqual([...perProcedure.keys()]);
    for (const g of byProcedure.groups)
      expect(g).toMatchObject(computeFigure(g.key, perProcedure.get(g.key) ?? countResponses([]), settings));
  });
});
