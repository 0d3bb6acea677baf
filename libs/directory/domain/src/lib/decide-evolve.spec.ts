import { decide, DirectoryCommand } from './decide';
import { lookupOver } from './lookup-over';
import {
  DirectoryEvent,
  directorySpecFixtures,
  evolve,
  historiesOf,
  initialState,
  UnitState,
} from '@hailong/directory/history';

const { COMMUNE_1, DISTRICT_B, districtB, PROVINCE, province } =
  directorySpecFixtures;

describe('decide and evolve', () => {
  it('fold a whole stream from the initial state, counting one version per event', () => {
    const lookup = lookupOver(historiesOf([province, districtB]));
    let state: UnitState | null = initialState;
    const commands: DirectoryCommand[] = [
      {
        type: 'RegisterUnit',
        unitId: COMMUNE_1,
        code: '08740',
        unitType: 'commune-police',
        nameVi: 'Công an xã A',
        nameEn: 'A Commune Police',
        parentId: PROVINCE,
        areaCode: null,
        validFrom: '2020-01-01',
      },
      {
        type: 'RenameUnit',
        unitId: COMMUNE_1,
        nameVi: 'Công an phường A',
        nameEn: 'A Ward Police',
        effectiveDate: '2021-01-01',
      },
      {
        type: 'MoveUnit',
        unitId: COMMUNE_1,
        parentId: DISTRICT_B,
        effectiveDate: '2022-01-01',
      },
      {
        type: 'DissolveUnit',
        unitId: COMMUNE_1,
        successorUnknown: true,
        effectiveDate: '2023-01-01',
      },
    ];
    const log: DirectoryEvent[] = [];
    for (const command of commands) {
      const events = decide(command, state, lookup);
      log.push(...events);
      state = events.reduce(evolve, state);
    }
    expect(log.map((e) => e.type)).toEqual([
      'UnitRegistered',
      'UnitRenamed',
      'UnitMoved',
      'UnitDissolved',
    ]);
    expect(state).toMatchObject({
      nameVi: 'Công an phường A',
      parentId: DISTRICT_B,
      version: 4,
      status: 'dissolved',
      validTo: '2023-01-01',
      lastChangedOn: '2023-01-01',
    });
  });

  it('registration sets the date of the last change to the first day of validity', () => {
    expect(evolve(null, province)).toMatchObject({
      lastChangedOn: '2020-01-01',
      status: 'active',
      version: 1,
    });
  });

  it('an event for a unit never registered leaves no unit', () => {
    expect(
      evolve(null, {
        type: 'UnitRenamed',
        data: {
          unitId: COMMUNE_1,
          nameVi: 'x',
          nameEn: 'x',
          effectiveDate: '2021-01-01',
        },
      }),
    ).toBeNull();
  });

  it('a state without lastChangedOn (from an older store) falls back to its first day of validity', () => {
    const stored = {
      ...(evolve(null, province) as UnitState),
      lastChangedOn: undefined,
    };
    expect(() =>
      decide(
        {
          type: 'RenameUnit',
          unitId: PROVINCE,
          nameVi: 'B',
          nameEn: 'B',
          effectiveDate: '2019-12-31',
        },
        stored,
        lookupOver([]),
      ),
    ).toThrow(expect.objectContaining({ rule: 'history-order' }));
  });
});
