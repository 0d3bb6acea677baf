import { platformEvents, Roles, Topics } from '@hailong/contracts';
import { createKafka, messagingConfigFromEnv, readTopicToEnd } from '@hailong/platform/messaging';
import { assertKafkaReachable, createTestDatabase, eventually, ServiceProcess, TestDatabase } from '@hailong/platform/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callService, TestPlatform } from './platform';

const reference = (file: string) => readFileSync(join(process.cwd(), 'data', 'reference', file), 'utf8');

interface TreeNode {
  unitId: string;
  code: string;
  unitType: string;
  nameVi: string;
  children: TreeNode[];
}

const flatten = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);
const countByType = (nodes: TreeNode[]) =>
  flatten(nodes).reduce<Record<string, number>>((counts, n) => ({ ...counts, [n.unitType]: (counts[n.unitType] ?? 0) + 1 }), {});

/**
 * The unit directory as operations run it: the Vĩnh Phúc reference data imported through the API
 * (2020 structure, the 2024 commune mergers, the 2025 district dissolution and the July 2025
 * reorganisation into Phú Thọ), concurrent edits from two directory processes, and the consumers'
 * own directory views rebuilt from the topic.
 */
describe('unit directory', () => {
  let platform: TestPlatform;
  let editor: string;
  let viewer: string;
  const tree = async (on: string, app: 'unit-directory' | 'scoring' | 'survey-intake' = 'unit-directory') => {
    const path = app === 'unit-directory' ? `/units/tree?on=${on}` : `/directory/tree?on=${on}`;
    const reply = await platform.call(app, 'GET', path, { token: viewer });
    expect(reply.status).toBe(200);
    return reply.body.roots as TreeNode[];
  };
  const runImport = (kind: string, body: Record<string, unknown>) =>
    platform.call('unit-directory', 'POST', `/imports/${kind}`, {
      token: editor,
      body,
    });

  beforeAll(async () => {
    await assertKafkaReachable();
    platform = await TestPlatform.start('directory', 3211);
    process.env['KAFKA_TOPIC_PREFIX'] = platform.topicPrefix;
    editor = await platform.token(Roles.directoryEditor);
    viewer = await platform.token(Roles.viewer);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  describe('importing the Vĩnh Phúc reference data from 2020-01-01', () => {
    let tree2022Before: TreeNode[];

    it('reports the 150 units a dry run of the 2020 structure would register, and writes nothing', async () => {
      const reply = await runImport('admin-units', {
        csv: reference('vinh-phuc-admin-units-pre2025.csv'),
        validFrom: '2020-01-01',
        dryRun: true,
      });
      expect(reply.status).toBe(200);
      expect(reply.body.dryRun).toBe(true);
      expect(reply.body.report.counts.registered).toBe(150);
      expect(await tree('2022-05-01')).toEqual([]);
    });

    it('registers 150 police units valid on 2022-05-01: 1 provincial, 4 divisions, 9 district, 136 commune', async () => {
      const reply = await runImport('admin-units', {
        csv: reference('vinh-phuc-admin-units-pre2025.csv'),
        validFrom: '2020-01-01',
      });
      expect(reply.status).toBe(200);
      expect(reply.body.report.counts.registered).toBe(150);
      tree2022Before = await tree('2022-05-01');
      expect(countByType(tree2022Before)).toEqual({
        'provincial-police': 1,
        'provincial-division': 4,
        'district-police': 9,
        'commune-police': 136,
      });
    });

    it('changes nothing when the same file is imported again', async () => {
      const reply = await runImport('admin-units', {
        csv: reference('vinh-phuc-admin-units-pre2025.csv'),
        validFrom: '2020-01-01',
      });
      expect(reply.status).toBe(200);
      expect(reply.body.events).toBe(0);
      expect(reply.body.report.counts).toMatchObject({
        registered: 0,
        unchanged: 150,
      });
    });

    it('merges the 2024 communes on 2025-01-01, reporting the 7 whose successor is unknown: 121 communes and 9 districts on 2025-02-01', async () => {
      const reply = await runImport('commune-mergers', {
        csv: reference('vinh-phuc-commune-mergers-2024.csv'),
        effectiveDate: '2025-01-01',
      });
      expect(reply.status).toBe(200);
      expect(reply.body.report.unknownSuccessors).toHaveLength(7);
      expect(reply.body.report.unknownSuccessors.map((u: { code: string }) => u.code).sort()).toEqual(
        ['08779', '08821', '08827', '09103', '09115', '09139', '09142'].sort(),
      );
      const counts = countByType(await tree('2025-02-01'));
      expect(counts['commune-police']).toBe(121);
      expect(counts['district-police']).toBe(9);
    });

    it('dissolves every district police on 2025-03-01, leaving none on 2025-03-02 and every commune under the provincial police', async () => {
      const reply = await runImport('district-dissolution', {
        provinceCode: '26',
        effectiveDate: '2025-03-01',
      });
      expect(reply.status).toBe(200);
      expect(reply.body.report.counts.dissolved).toBe(9);
      const roots = await tree('2025-03-02');
      expect(countByType(roots)['district-police']).toBeUndefined();
      expect(roots).toHaveLength(1);
      expect(roots[0].children.filter((c) => c.unitType === 'commune-police')).toHaveLength(121);
    });

    it('reorganises into Phú Thọ on 2025-07-01: 36 new communes, and every 2022 commune with a known chain resolves to exactly one of them', async () => {
      const reply = await runImport('province-reorganization', {
        csv: reference('vinh-phuc-commune-reorganization-2025-07-01.csv'),
        effectiveDate: '2025-07-01',
      });
      expect(reply.status).toBe(200);
      const roots = await tree('2025-07-02');
      expect(roots.map((r) => r.code)).toEqual(['25']);
      const newCommunes = roots[0].children.filter((c) => c.unitType === 'commune-police');
      expect(newCommunes).toHaveLength(36);
      const newIds = new Set(newCommunes.map((c) => c.unitId));

      const communes2022 = flatten(tree2022Before).filter((n) => n.unitType === 'commune-police');
      const unknown: string[] = [];
      for (const commune of communes2022) {
        const lineage = await platform.call('unit-directory', 'GET', `/units/${commune.unitId}/lineage?on=2025-07-02`, { token: viewer });
        expect(lineage.status).toBe(200);
        if (lineage.body.carriedOnBy.unknown) {
          unknown.push(commune.code);
          continue;
        }
        expect(lineage.body.carriedOnBy.units).toHaveLength(1);
        expect(newIds.has(lineage.body.carriedOnBy.units[0].unitId)).toBe(true);
      }
      expect(unknown.sort()).toEqual(['08779', '08821', '08827', '09103', '09115', '09139', '09142'].sort());
    });

    it('keeps the tree of 2022-05-01 identical after the later events', async () => {
      expect(await tree('2022-05-01')).toEqual(tree2022Before);
    });

    it('finds "Vĩnh Yên" when searched without diacritics', async () => {
      const reply = await platform.call('unit-directory', 'GET', '/units?q=vinh%20yen&on=2022-05-01', { token: viewer });
      expect(reply.status).toBe(200);
      expect(reply.body.units.map((u: { nameVi: string }) => u.nameVi)).toContain('Công an thành phố Vĩnh Yên');
    });

    it('refuses an import file with a bad row with 422 naming the line and field, and writes nothing', async () => {
      const broken = 'code,name,name_with_type,level,type,parent_code\n99,X,Tỉnh X,planet,tinh,\n';
      const reply = await runImport('admin-units', {
        csv: broken,
        validFrom: '2020-01-01',
      });
      expect(reply.status).toBe(422);
      expect(reply.body.errors[0]).toMatchObject({ field: 'level', line: 2 });
      expect(reply.body.errors[0].reasonVi).toContain('dòng 2');
      expect(countByType(await tree('2022-05-01'))['provincial-police']).toBe(1);
    });
  });

  describe('editing units one at a time', () => {
    const register = (body: Record<string, unknown>) => platform.call('unit-directory', 'POST', '/units', { token: editor, body });
    const change = async (unitId: string, action: string, body: Record<string, unknown>) => {
      const read = await platform.call('unit-directory', 'GET', `/units/${unitId}`, { token: viewer });
      return platform.call('unit-directory', 'POST', `/units/${unitId}/${action}`, {
        token: editor,
        body,
        headers: { 'if-match': read.headers.get('etag') as string },
      });
    };
    let province: string;
    let district: string;
    let communeA: string;
    let communeB: string;

    beforeAll(async () => {
      province = (
        await register({
          code: '98',
          unitType: 'provincial-police',
          nameVi: 'Công an tỉnh Thử',
          nameEn: 'Test Provincial Police',
          validFrom: '2020-01-01',
        })
      ).body.unitId;
      district = (
        await register({
          code: '981',
          unitType: 'district-police',
          nameVi: 'Công an huyện Thử',
          nameEn: 'Test District Police',
          parentId: province,
          validFrom: '2020-01-01',
        })
      ).body.unitId;
      communeA = (
        await register({
          code: '98001',
          unitType: 'commune-police',
          nameVi: 'Công an xã Một',
          nameEn: 'Mot Commune Police',
          parentId: district,
          validFrom: '2020-01-01',
        })
      ).body.unitId;
      communeB = (
        await register({
          code: '98002',
          unitType: 'commune-police',
          nameVi: 'Công an xã Hai',
          nameEn: 'Hai Commune Police',
          parentId: district,
          validFrom: '2020-01-01',
        })
      ).body.unitId;
    });

    it('answers a retried registration (same unit id, same data) with 200 and the same unit, and a reused code with 422', async () => {
      const body = {
        unitId: communeA,
        code: '98001',
        unitType: 'commune-police',
        nameVi: 'Công an xã Một',
        nameEn: 'Mot Commune Police',
        parentId: district,
        validFrom: '2020-01-01',
      };
      const retry = await register(body);
      expect(retry.status).toBe(200);
      expect(retry.body).toMatchObject({ unitId: communeA, version: 1 });
      const clash = await register({ ...body, unitId: undefined, nameVi: 'Công an xã Khác' });
      expect(clash.status).toBe(422);
      expect(clash.body.errors[0]).toMatchObject({ field: 'code', rule: 'code-in-use' });
    });

    it('renames, changes the type and moves a unit, each from its own date, and the unit reads as it was on each date', async () => {
      expect(
        (await change(communeA, 'rename', { nameVi: 'Công an phường Một', nameEn: 'Mot Ward Police', effectiveDate: '2021-01-01' })).status,
      ).toBe(200);
      expect((await change(communeA, 'change-type', { unitType: 'commune-police', effectiveDate: '2021-06-01' })).body.errors[0].rule).toBe(
        'no-change',
      );
      const moved = await change(communeA, 'move', { parentId: province, effectiveDate: '2022-01-01' });
      expect(moved.status).toBe(200);
      expect(moved.headers.get('etag')).toBe('"3"');
      const on2020 = await platform.call('unit-directory', 'GET', `/units/${communeA}?on=2020-06-01`, { token: viewer });
      expect(on2020.body).toMatchObject({ nameVi: 'Công an xã Một', parentId: district });
      const on2022 = await platform.call('unit-directory', 'GET', `/units/${communeA}?on=2022-06-01`, { token: viewer });
      expect(on2022.body).toMatchObject({ nameVi: 'Công an phường Một', parentId: province });
    });

    it("refuses a move under the unit's own descendant (cycle) and a change dated before the last one (history-order) with 422", async () => {
      const misplaced = await change(district, 'move', { parentId: communeB, effectiveDate: '2022-01-01' });
      expect(misplaced.status).toBe(422);
      expect(misplaced.body.errors[0]).toMatchObject({ field: 'parentId', rule: 'cycle' });
      const back = await change(communeA, 'rename', { nameVi: 'Công an xã Cũ', nameEn: 'Old', effectiveDate: '2020-06-01' });
      expect(back.status).toBe(422);
      expect(back.body.errors[0]).toMatchObject({ field: 'effectiveDate', rule: 'history-order' });
    });

    it('answers 400 naming the field for a malformed date and an unknown field', async () => {
      const reply = await change(communeB, 'rename', { nameVi: 'X', nameEn: 'X', effectiveDate: '2022-13-01', colour: 'red' });
      expect(reply.status).toBe(400);
      expect(reply.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'effectiveDate']);
    });

    it('corrects a mis-keyed registration with a compensating event, keeping the mistake in the history', async () => {
      const history = await platform.call('unit-directory', 'GET', `/units/${communeB}/history`, { token: viewer });
      const registered = history.body.events[0];
      const corrected = await change(communeB, 'corrections', {
        correctedEventId: registered.eventId,
        corrections: { nameEn: 'Hai Commune Police (corrected)' },
        reason: 'gõ nhầm tên tiếng Anh',
      });
      expect(corrected.status).toBe(200);
      expect(corrected.body.nameEn).toBe('Hai Commune Police (corrected)');
      const after = await platform.call('unit-directory', 'GET', `/units/${communeB}/history`, { token: viewer });
      expect(after.body.events.map((e: { type: string }) => e.type)).toEqual(['UnitRegistered', 'UnitEventCorrected']);
      expect(after.body.events[0].data.nameEn).toBe('Hai Commune Police');
    });

    it("splits, merges and dissolves, and the lineage follows every chain to today's units", async () => {
      const north = (
        await register({
          code: '98011',
          unitType: 'commune-police',
          nameVi: 'Công an xã Bắc',
          nameEn: 'North',
          parentId: province,
          validFrom: '2023-01-01',
        })
      ).body.unitId;
      const south = (
        await register({
          code: '98012',
          unitType: 'commune-police',
          nameVi: 'Công an xã Nam',
          nameEn: 'South',
          parentId: province,
          validFrom: '2023-01-01',
        })
      ).body.unitId;
      expect((await change(communeA, 'split', { successorIds: [north, south], effectiveDate: '2023-01-01' })).status).toBe(200);
      const versions = Object.fromEntries(
        await Promise.all(
          [north, communeB].map(async (id) => [
            id,
            (await platform.call('unit-directory', 'GET', `/units/${id}`, { token: viewer })).body.version,
          ]),
        ),
      );
      const merged = await platform.call('unit-directory', 'POST', '/units/merge', {
        token: editor,
        body: {
          unitIds: [north, communeB],
          successor: { code: '98020', unitType: 'commune-police', nameVi: 'Công an xã Hợp Nhất', nameEn: 'United', parentId: province },
          effectiveDate: '2024-01-01',
          expectedVersions: versions,
        },
      });
      expect(merged.status).toBe(200);
      const united = merged.body.successor.unitId;
      expect((await change(district, 'dissolve', { successorId: province, effectiveDate: '2024-06-01' })).status).toBe(200);

      const lineage = await platform.call('unit-directory', 'GET', `/units/${communeA}/lineage?on=2024-07-01`, { token: viewer });
      expect(lineage.body.carriedOnBy.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual([south, united].sort());
      const unitedLineage = await platform.call('unit-directory', 'GET', `/units/${united}/lineage`, { token: viewer });
      expect(unitedLineage.body.predecessors.map((p: { code: string }) => p.code)).toEqual(['98002', '98011']);
      expect(unitedLineage.body.predecessors[1].predecessors.map((p: { code: string }) => p.code)).toEqual(['98001']);
    });

    it('refuses a stale version in a merge with 412 and changes nothing', async () => {
      expect(
        (
          await change(province, 'rename', {
            nameVi: 'Công an tỉnh Thử Nghiệm',
            nameEn: 'Trial Provincial Police',
            effectiveDate: '2025-01-01',
          })
        ).status,
      ).toBe(200);
      const before = await platform.call('unit-directory', 'GET', `/units/${province}/history`, { token: viewer });
      const reply = await platform.call('unit-directory', 'POST', '/units/merge', {
        token: editor,
        body: { unitIds: [province], successorId: district, effectiveDate: '2025-01-01', expectedVersions: { [province]: 1 } },
      });
      expect(reply.status).toBe(412);
      const after = await platform.call('unit-directory', 'GET', `/units/${province}/history`, { token: viewer });
      expect(after.body.events).toEqual(before.body.events);
    });

    it('refuses edits from a viewer (403) and without a token (401)', async () => {
      const body = { nameVi: 'X', nameEn: 'X', effectiveDate: '2026-01-01' };
      expect(
        (
          await platform.call('unit-directory', 'POST', `/units/${province}/rename`, {
            token: viewer,
            body,
            headers: { 'if-match': '"1"' },
          })
        ).status,
      ).toBe(403);
      expect(
        (await platform.call('unit-directory', 'POST', `/units/${province}/rename`, { body, headers: { 'if-match': '"1"' } })).status,
      ).toBe(401);
    });
  });

  describe('concurrent edits', () => {
    let second: ServiceProcess;

    beforeAll(async () => {
      second = platform.extraProcess('unit-directory', 3215);
      await second.start();
    });

    afterAll(async () => {
      await second?.stop('SIGTERM');
    });

    it('gives one 200 and one 412 when two directory processes get the same rename with the same If-Match, and publishes one event', async () => {
      const [commune] = flatten(await tree('2025-07-02')).filter((n) => n.unitType === 'commune-police');
      const read = await platform.call('unit-directory', 'GET', `/units/${commune.unitId}`, { token: viewer });
      const etag = read.headers.get('etag') as string;
      const rename = {
        nameVi: `${commune.nameVi} (đổi tên)`,
        nameEn: 'Renamed Ward Police',
        effectiveDate: '2026-01-01',
      };
      const replies = await Promise.all(
        [platform.services['unit-directory'], second].map((service) =>
          callService(service, 'POST', `/units/${commune.unitId}/rename`, {
            token: editor,
            body: rename,
            headers: { 'if-match': etag },
          }),
        ),
      );
      expect(replies.map((r) => r.status).sort()).toEqual([200, 412]);

      await eventually(async () => {
        const renames: string[] = [];
        const config = messagingConfigFromEnv('audit');
        await readTopicToEnd(
          createKafka({ ...config, clientId: 'e2e-directory' }),
          config,
          Topics.directoryEvents,
          async (_partition, messages) => {
            for (const message of messages) {
              const event = platformEvents.decode(message.value as Buffer);
              if (event.type === 'UnitRenamed' && event.subject === commune.unitId) renames.push(event.id);
            }
          },
        );
        expect(renames).toHaveLength(1);
      });
    });

    it('answers 428 to a change without If-Match and 412 to a stale one', async () => {
      const [commune] = flatten(await tree('2026-01-02')).filter((n) => n.unitType === 'commune-police');
      const body = {
        nameVi: 'Công an phường Thử',
        nameEn: 'Test Ward Police',
        effectiveDate: '2026-02-01',
      };
      expect((await platform.call('unit-directory', 'POST', `/units/${commune.unitId}/rename`, { token: editor, body })).status).toBe(428);
      const stale = await platform.call('unit-directory', 'POST', `/units/${commune.unitId}/rename`, {
        token: editor,
        body,
        headers: { 'if-match': '"1"' },
      });
      expect(stale.status).toBe(412);
      expect(stale.body.currentVersion).toBeGreaterThan(1);
    });
  });

  describe("consumers' directory views", () => {
    let freshDb: TestDatabase;
    let freshScoring: ServiceProcess;

    afterAll(async () => {
      await freshScoring?.stop('SIGTERM');
      await freshDb?.drop();
    });

    it.each(['scoring', 'survey-intake'] as const)("%s's view gives the directory's own tree on three dates", async (app) => {
      for (const on of ['2022-05-01', '2025-03-02', '2025-07-02']) {
        const expected = await tree(on);
        await eventually(async () => expect(await tree(on, app)).toEqual(expected));
      }
    });

    it('a scoring process on a fresh database rebuilds the view from the topic, to the same trees', async () => {
      // It replaces the running scoring: one member of the consumer group takes every partition.
      await platform.services.scoring.stop('SIGTERM');
      freshDb = await createTestDatabase('directory-rebuild');
      freshScoring = platform.extraProcess('scoring', 3216, {
        DATABASE_URL: freshDb.url,
      });
      await freshScoring.start();
      for (const on of ['2022-05-01', '2025-03-02', '2025-07-02']) {
        const expected = await tree(on);
        await eventually(async () => {
          const reply = await callService(freshScoring, 'GET', `/directory/tree?on=${on}`, { token: viewer });
          expect(reply.body.roots).toEqual(expected);
        });
      }
    });
  });
});
