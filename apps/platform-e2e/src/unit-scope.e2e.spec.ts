import { Role, Roles } from '@hailong/contracts';
import { assertKafkaReachable, eventually } from '@hailong/platform/testing';
import { randomUUID } from 'node:crypto';
import { TestPlatform } from './platform';

/**
 * DESIGN, "People, roles and privacy": staff see only their own unit and the units below it unless
 * their role is province-wide. Two communes under one district: a commune's staff cannot read the
 * other commune's responses, progress or figures; the district's staff read both; an auditor (a
 * province-wide role) reads everything. Each read is checked both ways, so a rule that let everything
 * through, or nothing, fails.
 */
describe('unit-scoped reads', () => {
  let platform: TestPlatform;
  const units: Record<'province' | 'district' | 'communeA' | 'communeB', string> = {
    province: '',
    district: '',
    communeA: '',
    communeB: '',
  };
  const responses: Record<'communeA' | 'communeB', string> = { communeA: '', communeB: '' };
  let campaignId = '';

  /** A token of `role` tied to a unit of this test (or to none). */
  const tokenOf = (role: Role, unit?: keyof typeof units) =>
    platform.token(role, `${role}-${unit ?? 'province-wide'}`, unit ? units[unit] : undefined);
  const ALL_ITEMS = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'D1', 'D2', 'D3', 'E1', 'E2', 'E3'];

  beforeAll(async () => {
    await assertKafkaReachable();
    platform = await TestPlatform.start('unit-scope', 3350);
    const editor = await platform.token(Roles.directoryEditor);
    const register = async (key: keyof typeof units, code: string, unitType: string, nameVi: string, parent?: keyof typeof units) => {
      const reply = await platform.call('unit-directory', 'POST', '/units', {
        token: editor,
        body: { code, unitType, nameVi, nameEn: nameVi, validFrom: '2020-01-01', ...(parent ? { parentId: units[parent] } : {}) },
      });
      expect(reply.status).toBe(201);
      units[key] = reply.body.unitId;
    };
    await register('province', '26', 'provincial-police', 'Công an tỉnh Vĩnh Phúc');
    await register('district', '243', 'district-police', 'Công an thành phố Vĩnh Yên', 'province');
    await register('communeA', '08707', 'commune-police', 'Công an phường Tích Sơn', 'district');
    await register('communeB', '08710', 'commune-police', 'Công an phường Liên Bảo', 'district');
    const admin = await platform.token(Roles.admin);
    await eventually(async () => {
      for (const id of Object.values(units))
        expect((await platform.call('survey-intake', 'GET', `/directory/units/${id}`, { token: admin })).status).toBe(200);
    });

    const manager = await platform.token(Roles.campaignManager);
    const created = await platform.call('survey-intake', 'POST', '/campaigns', {
      token: manager,
      body: {
        nameVi: 'Khảo sát phạm vi đơn vị',
        nameEn: 'Unit scope survey',
        period: { from: '2022-04-01', to: '2022-05-31' },
        scope: { unitIds: [units.communeA, units.communeB] },
        methods: ['paper'],
        targetSample: { perUnit: 10 },
      },
    });
    expect(created.status).toBe(201);
    campaignId = created.body.campaignId;
    expect((await platform.call('survey-intake', 'POST', `/campaigns/${campaignId}/open`, { token: manager })).status).toBe(200);
    const surveyor = await platform.token(Roles.surveyor);
    for (const unit of ['communeA', 'communeB'] as const) {
      const reply = await platform.call('survey-intake', 'POST', '/responses', {
        token: surveyor,
        body: {
          idempotencyKey: `scope-${unit}-${randomUUID()}`,
          campaignId,
          unitId: units[unit],
          channel: 'paper',
          procedureId: 'id-card',
          serviceDate: '2022-04-12',
          answers: ALL_ITEMS.map((itemId) => ({ itemId, level: 4 })),
          profile: { respondentType: 'individual' },
        },
      });
      expect(reply.status).toBe(201);
      responses[unit] = reply.body.responseId;
    }
    // Scoring has counted both communes.
    const viewer = await platform.token(Roles.viewer);
    await eventually(async () => {
      for (const unit of ['communeA', 'communeB'] as const) {
        const figure = await platform.call('scoring', 'GET', `/units/${units[unit]}/satisfaction`, { token: viewer });
        expect(figure.body.sampleSize).toBe(1);
      }
    });
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
  });

  const status = async (app: 'survey-intake' | 'scoring', path: string, token: string) =>
    (await platform.call(app, 'GET', path, { token })).status;

  it("a commune's campaign manager reads a response of their commune, not one of the other commune (403 naming the field)", async () => {
    const managerOfA = await tokenOf(Roles.campaignManager, 'communeA');
    expect(await status('survey-intake', `/responses/${responses.communeA}`, managerOfA)).toBe(200);
    const refused = await platform.call('survey-intake', 'GET', `/responses/${responses.communeB}`, { token: managerOfA });
    expect(refused.status).toBe(403);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'responseId', reason: 'outside your unit' })]);
  });

  it("the district's staff read the responses of both communes below it; an auditor, province-wide, reads them whatever unit the token names", async () => {
    const managerOfDistrict = await tokenOf(Roles.campaignManager, 'district');
    const auditorOfA = await tokenOf(Roles.auditor, 'communeA');
    for (const unit of ['communeA', 'communeB'] as const) {
      expect(await status('survey-intake', `/responses/${responses[unit]}`, managerOfDistrict)).toBe(200);
      expect(await status('survey-intake', `/responses/${responses[unit]}`, auditorOfA)).toBe(200);
    }
  });

  it("a commune's staff see only their commune in the campaign's progress, with totals of it alone; an unconfined manager sees both", async () => {
    const ofA = await platform.call('survey-intake', 'GET', `/campaigns/${campaignId}/progress`, {
      token: await tokenOf(Roles.viewer, 'communeA'),
    });
    expect(ofA.status).toBe(200);
    expect(ofA.body.units.map((u: { unitId: string }) => u.unitId)).toEqual([units.communeA]);
    expect(ofA.body.validResponses).toBe(1);
    const all = await platform.call('survey-intake', 'GET', `/campaigns/${campaignId}/progress`, {
      token: await tokenOf(Roles.campaignManager),
    });
    expect(all.body.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual([units.communeA, units.communeB].sort());
    expect(all.body.validResponses).toBe(2);
  });

  it("a commune's viewer reads their commune's figure, not the other commune's; the district's viewer reads both", async () => {
    const viewerOfA = await tokenOf(Roles.viewer, 'communeA');
    expect(await status('scoring', `/units/${units.communeA}/satisfaction`, viewerOfA)).toBe(200);
    expect(await status('scoring', `/units/${units.communeB}/satisfaction`, viewerOfA)).toBe(403);
    const viewerOfDistrict = await tokenOf(Roles.viewer, 'district');
    expect(await status('scoring', `/units/${units.communeB}/satisfaction`, viewerOfDistrict)).toBe(200);
  });

  it("a commune's viewer gets the campaign's figures and sample progress within their commune only, and is refused another unit's breakdown", async () => {
    const viewerOfA = await tokenOf(Roles.viewer, 'communeA');
    const progress = await platform.call('scoring', 'GET', `/campaigns/${campaignId}/sample-progress`, { token: viewerOfA });
    expect(progress.status).toBe(200);
    expect(progress.body.units.map((u: { unitId: string }) => u.unitId)).toEqual([units.communeA]);
    const unconfined = await platform.call('scoring', 'GET', `/campaigns/${campaignId}/sample-progress`, {
      token: await tokenOf(Roles.viewer),
    });
    expect(unconfined.body.units).toHaveLength(2);
    const figures = await platform.call('scoring', 'GET', `/campaigns/${campaignId}/figures?by=unit`, { token: viewerOfA });
    expect(figures.status).toBe(200);
    expect(figures.body.groups.map((g: { key: string }) => g.key)).toEqual([`unit:${units.communeA}`]);
    expect(await status('scoring', `/campaigns/${campaignId}/figures?by=unit&under=${units.district}`, viewerOfA)).toBe(403);
  });
});
