import { DirectoryEvent } from './events';
import { historiesOf, successorsOf, treeOn, UnitTreeNode } from './queries';
import {
  COMMUNE_1,
  COMMUNE_2,
  COMMUNE_3,
  DISTRICT_A,
  DISTRICT_B,
  DIVISION,
  NEW_COMMUNE,
  NEW_PROVINCE,
  NOBODY,
  PROVINCE,
  registered,
  vinhPhuc,
} from './spec-fixtures';

// The reorganisations of DESIGN in miniature: communes merged in 2025-01, one with an unknown successor;
// districts dissolved on 2025-03-01 with their communes moved under the province; provinces merged on 2025-07-01.
const e = <T extends DirectoryEvent['type']>(type: T, data: Extract<DirectoryEvent, { type: T }>['data']) =>
  ({ type, data }) as DirectoryEvent;
const before: DirectoryEvent[] = [...vinhPhuc];
const after: DirectoryEvent[] = [
  e('UnitMerged', {
    unitId: COMMUNE_2,
    successorId: COMMUNE_1,
    mergedUnitIds: [COMMUNE_2],
    effectiveDate: '2025-01-01',
  }),
  e('UnitDissolved', {
    unitId: COMMUNE_3,
    successorId: null,
    successorUnknown: true,
    effectiveDate: '2025-01-01',
  }),
  e('UnitMoved', {
    unitId: COMMUNE_1,
    parentId: PROVINCE,
    previousParentId: DISTRICT_A,
    effectiveDate: '2025-03-01',
  }),
  e('UnitDissolved', {
    unitId: DISTRICT_A,
    successorId: PROVINCE,
    successorUnknown: false,
    effectiveDate: '2025-03-01',
  }),
  e('UnitDissolved', {
    unitId: DISTRICT_B,
    successorId: PROVINCE,
    successorUnknown: false,
    effectiveDate: '2025-03-01',
  }),
  registered(NEW_PROVINCE, '25', 'provincial-police', null, '2025-07-01', 'Công an tỉnh Phú Thọ'),
  registered(NEW_COMMUNE, '10000', 'commune-police', NEW_PROVINCE, '2025-07-01'),
  e('UnitMerged', {
    unitId: PROVINCE,
    successorId: NEW_PROVINCE,
    mergedUnitIds: [PROVINCE],
    effectiveDate: '2025-07-01',
  }),
  e('UnitMerged', {
    unitId: DIVISION,
    successorId: NEW_PROVINCE,
    mergedUnitIds: [DIVISION],
    effectiveDate: '2025-07-01',
  }),
  e('UnitMerged', {
    unitId: COMMUNE_1,
    successorId: NEW_COMMUNE,
    mergedUnitIds: [COMMUNE_1],
    effectiveDate: '2025-07-01',
  }),
];
const units = historiesOf([...before, ...after]);

const shape = (nodes: readonly UnitTreeNode[]): unknown[] =>
  nodes.map((n) => ({
    id: n.unit.unitId,
    parentId: n.unit.parentId,
    children: shape(n.children),
  }));

describe('treeOn', () => {
  it('shows the hierarchy of 2022: one province with its division and two districts holding their communes', () => {
    expect(shape(treeOn(units, '2022-05-01'))).toEqual([
      {
        id: PROVINCE,
        parentId: null,
        children: [
          {
            id: DISTRICT_A,
            parentId: PROVINCE,
            children: [
              { id: COMMUNE_1, parentId: DISTRICT_A, children: [] },
              { id: COMMUNE_2, parentId: DISTRICT_A, children: [] },
            ],
          },
          {
            id: DISTRICT_B,
            parentId: PROVINCE,
            children: [{ id: COMMUNE_3, parentId: DISTRICT_B, children: [] }],
          },
          { id: DIVISION, parentId: PROVINCE, children: [] },
        ],
      },
    ]);
  });

  it('gives the same tree of 2022 before and after the later events are recorded', () => {
    expect(treeOn(units, '2022-05-01')).toEqual(treeOn(historiesOf(before), '2022-05-01'));
  });

  it('uses half-open validity: on the dissolution day the districts are gone and the commune sits under the province', () => {
    expect(shape(treeOn(units, '2025-02-28'))[0]).toMatchObject({
      children: [{ id: DISTRICT_A }, { id: DISTRICT_B }, { id: DIVISION }],
    });
    expect(shape(treeOn(units, '2025-03-01'))).toEqual([
      {
        id: PROVINCE,
        parentId: null,
        children: [
          { id: COMMUNE_1, parentId: PROVINCE, children: [] },
          { id: DIVISION, parentId: PROVINCE, children: [] },
        ],
      },
    ]);
  });

  it('shows only the new province after the provinces merged', () => {
    expect(shape(treeOn(units, '2025-07-02'))).toEqual([
      {
        id: NEW_PROVINCE,
        parentId: null,
        children: [{ id: NEW_COMMUNE, parentId: NEW_PROVINCE, children: [] }],
      },
    ]);
  });

  it('is empty before anything was registered', () => {
    expect(treeOn(units, '2019-12-31')).toEqual([]);
  });
});

describe('successorsOf', () => {
  it('is the unit itself while it is valid', () => {
    expect(successorsOf(units, COMMUNE_2, '2022-05-01')).toEqual({
      resolved: [COMMUNE_2],
    });
  });

  it('follows a chain of merges to the unit carrying on today', () => {
    expect(successorsOf(units, COMMUNE_2, '2025-02-01')).toEqual({
      resolved: [COMMUNE_1],
    });
    expect(successorsOf(units, COMMUNE_2, '2025-07-02')).toEqual({
      resolved: [NEW_COMMUNE],
    });
  });

  it('follows a dissolution to the unit that took over its procedures, and then its merge', () => {
    expect(successorsOf(units, DISTRICT_A, '2025-03-01')).toEqual({
      resolved: [PROVINCE],
    });
    expect(successorsOf(units, DISTRICT_A, '2025-07-02')).toEqual({
      resolved: [NEW_PROVINCE],
    });
  });

  it('reports a successor that is not known as unknown', () => {
    expect(successorsOf(units, COMMUNE_3, '2025-07-02')).toEqual({
      unknown: true,
    });
    expect(successorsOf(units, NOBODY, '2025-07-02')).toEqual({
      unknown: true,
    });
  });

  it('resolves every successor of a split', () => {
    const split = historiesOf([
      ...before,
      registered(NEW_COMMUNE, '10000', 'commune-police', DISTRICT_B, '2024-01-01'),
      e('UnitSplit', {
        unitId: COMMUNE_3,
        successorIds: [NEW_COMMUNE, COMMUNE_2],
        effectiveDate: '2024-01-01',
      }),
    ]);
    expect(successorsOf(split, COMMUNE_3, '2024-06-01')).toEqual({
      resolved: [COMMUNE_2, NEW_COMMUNE].sort(),
    });
  });
});
