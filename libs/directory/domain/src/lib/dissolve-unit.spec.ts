import { DirectorySpecification } from './specification';
import { DissolveUnit } from './dissolve-unit';
import { directorySpecFixtures } from '@hailong/directory/history';

const { DISTRICT_A, NOBODY, PROVINCE, vinhPhuc } = directorySpecFixtures;

const { given } = DirectorySpecification;

const dissolve: DissolveUnit = {
  type: 'DissolveUnit',
  unitId: DISTRICT_A,
  successorId: PROVINCE,
  effectiveDate: '2025-03-01',
};
const unknown: DissolveUnit = {
  type: 'DissolveUnit',
  unitId: DISTRICT_A,
  successorUnknown: true,
  effectiveDate: '2025-03-01',
};

describe('DissolveUnit', () => {
  it('given a district police, when dissolved naming the provincial police, then UnitDissolved with that successor', () => {
    given(...vinhPhuc)
      .when(dissolve)
      .then([
        {
          type: 'UnitDissolved',
          data: {
            unitId: DISTRICT_A,
            successorId: PROVINCE,
            successorUnknown: false,
            effectiveDate: '2025-03-01',
          },
        },
      ]);
  });

  it('records honestly that the successor is unknown', () => {
    given(...vinhPhuc)
      .when(unknown)
      .then([
        {
          type: 'UnitDissolved',
          data: {
            unitId: DISTRICT_A,
            successorId: null,
            successorUnknown: true,
            effectiveDate: '2025-03-01',
          },
        },
      ]);
    expect(
      given(...vinhPhuc)
        .when(unknown)
        .thenState(DISTRICT_A),
    ).toMatchObject({
      status: 'dissolved',
      validTo: '2025-03-01',
      successorIds: [],
      successorUnknown: true,
    });
  });

  it('refuses both a successor and "unknown", or neither (successor-required)', () => {
    given(...vinhPhuc)
      .when({ ...dissolve, successorUnknown: true } as unknown as DissolveUnit)
      .thenRefuses('successor-required', 'successorId');
    given(...vinhPhuc)
      .when({
        type: 'DissolveUnit',
        unitId: DISTRICT_A,
        effectiveDate: '2025-03-01',
      } as unknown as DissolveUnit)
      .thenRefuses('successor-required', 'successorId');
  });

  it('refuses a successor that does not exist (successor-not-valid) or is itself (successor-self)', () => {
    given(...vinhPhuc)
      .when({ ...dissolve, successorId: NOBODY })
      .thenRefuses('successor-not-valid', 'successorId');
    given(...vinhPhuc)
      .when({ ...dissolve, successorId: DISTRICT_A })
      .thenRefuses('successor-self', 'successorId');
  });

  it('refuses an unknown unit (unit-unknown)', () => {
    given(...vinhPhuc)
      .when({ ...dissolve, unitId: NOBODY })
      .thenRefuses('unit-unknown');
  });

  it('refuses a unit already dissolved (unit-closed)', () => {
    const dissolved = {
      type: 'UnitDissolved' as const,
      data: {
        unitId: DISTRICT_A,
        successorId: PROVINCE,
        successorUnknown: false,
        effectiveDate: '2025-03-01',
      },
    };
    given(...vinhPhuc, dissolved)
      .when({ ...dissolve, effectiveDate: '2025-04-01' })
      .thenRefuses('unit-closed');
  });

  it('refuses a date before the unit was registered (history-order)', () => {
    given(...vinhPhuc)
      .when({ ...dissolve, effectiveDate: '2019-01-01' })
      .thenRefuses('history-order');
  });
});
