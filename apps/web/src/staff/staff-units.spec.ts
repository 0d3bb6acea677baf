import type { QuestionnaireContent } from '@hailong/contracts';
import { describe, expect, it } from 'vitest';
import type { TreeNode } from '../api/directory';
import { latestVersions } from './questionnaires-page';
import { defaultServiceDate, proceduresFor, unitsInScope } from './staff-units';

const node = (unitId: string, unitType: TreeNode['unitType'], children: TreeNode[] = []): TreeNode => ({
  unitId,
  code: unitId,
  unitType,
  nameVi: `vi ${unitId}`,
  nameEn: `en ${unitId}`,
  areaCode: null,
  children,
});

const tree = [
  node('province', 'provincial-police', [
    node('pc06', 'provincial-division'),
    node('d1', 'district-police', [node('c1', 'commune-police'), node('c2', 'commune-police')]),
    node('d2', 'district-police', [node('c3', 'commune-police')]),
  ]),
];

describe('what a paper form may name', () => {
  it('offers the units of the campaign’s types, under their parent, and the units it lists by id', () => {
    const units = unitsInScope(tree, { unitTypes: ['commune-police'], unitIds: ['pc06'], withinUnitId: null }, 'vi');
    expect(units.map((u) => [u.unitId, u.parentName])).toEqual([
      ['pc06', 'vi province'],
      ['c1', 'vi d1'],
      ['c2', 'vi d1'],
      ['c3', 'vi d2'],
    ]);
  });

  it('keeps to the campaign’s withinUnitId', () => {
    const units = unitsInScope(tree, { unitTypes: ['commune-police'], unitIds: [], withinUnitId: 'd2' }, 'en');
    expect(units.map((u) => u.name)).toEqual(['en c3']);
  });

  it('offers the procedures the questionnaire gives the unit’s type, or its division code', () => {
    const content = {
      procedures: [
        { id: 'id-card', vi: 'Căn cước', en: 'ID card', unitTypes: ['PC06', 'commune-police'] },
        { id: 'passport', vi: 'Hộ chiếu', en: 'Passport', unitTypes: ['PA08'] },
      ],
    } as unknown as QuestionnaireContent;
    expect(proceduresFor(content, { unitType: 'commune-police', code: '08740' }, 'en')).toEqual([{ id: 'id-card', name: 'ID card' }]);
    expect(proceduresFor(content, { unitType: 'provincial-division', code: 'PA08' }, 'vi')).toEqual([{ id: 'passport', name: 'Hộ chiếu' }]);
  });

  it('starts a form on today, or on the campaign’s nearest day when today is outside it', () => {
    const period = { from: '2022-04-01', to: '2022-05-31' };
    expect(defaultServiceDate(period, '2026-11-28')).toBe('2022-05-31');
    expect(defaultServiceDate(period, '2022-03-01')).toBe('2022-04-01');
    expect(defaultServiceDate(period, '2022-04-20')).toBe('2022-04-20');
  });

  it('starts a new questionnaire version from the latest of each questionnaire', () => {
    const v = (questionnaireId: string, version: number) => ({
      questionnaireId,
      version,
      contentHash: 'x',
      publishedAt: '',
      titleVi: '',
      titleEn: '',
      items: 16,
    });
    expect(
      latestVersions([v('current', 1), v('2017', 1), v('current', 3), v('current', 2)]).map((x) => `${x.questionnaireId}/${x.version}`),
    ).toEqual(['2017/1', 'current/3']);
  });
});
