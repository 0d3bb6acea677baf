import { directorySpecFixtures, historiesOf, latestState } from '@hailong/directory/history';
import { DirectoryCommand } from '../decide';
import { DirectoryRuleViolation } from '../rule-violation';
import { applyPlan } from './apply-plan';
import { ImportRejected } from './import-errors';

const { COMMUNE_1, DISTRICT_A, NEW_COMMUNE, NEW_COMMUNE_2, PROVINCE, vinhPhuc } = directorySpecFixtures;

const register: DirectoryCommand = {
  type: 'RegisterUnit',
  unitId: NEW_COMMUNE,
  code: '09000',
  unitType: 'commune-police',
  nameVi: 'Công an xã Mới',
  nameEn: 'Moi Commune Police',
  parentId: DISTRICT_A,
  areaCode: '09000',
  validFrom: '2025-01-01',
};
const move: DirectoryCommand = { type: 'MoveUnit', unitId: NEW_COMMUNE, parentId: PROVINCE, effectiveDate: '2025-03-01' };

describe('applyPlan', () => {
  it('decides each command against the directory as the commands before it left it, and returns the events in order', () => {
    const directory = historiesOf(vinhPhuc);
    const { events, histories } = applyPlan(directory, [register, move]);
    expect(events.map((e) => e.type)).toEqual(['UnitRegistered', 'UnitMoved']);
    expect(histories).toHaveLength(directory.length + 1);
    expect(latestState(histories[histories.length - 1])).toMatchObject({ unitId: NEW_COMMUNE, parentId: PROVINCE, version: 2 });
  });

  it('leaves the histories it was given as they were', () => {
    const directory = historiesOf(vinhPhuc);
    const before = JSON.stringify(directory);
    applyPlan(directory, [register, move, { ...move, unitId: COMMUNE_1 }]);
    expect(JSON.stringify(directory)).toBe(before);
  });

  it('throws ImportRejected naming the refused command and the rule, in both languages', () => {
    const clash: DirectoryCommand = { ...register, unitId: NEW_COMMUNE_2, code: '08740' };
    let error: unknown;
    try {
      applyPlan(historiesOf(vinhPhuc), [register, clash]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ImportRejected);
    expect(error).toMatchObject({
      commandIndex: 1,
      command: clash,
      field: 'code',
      rule: 'code-in-use',
      reason: expect.stringContaining('code 08740 is held by unit'),
      reasonVi: expect.stringContaining('mã 08740'),
    });
    expect((error as ImportRejected).violation).toBeInstanceOf(DirectoryRuleViolation);
  });

  it('refuses a command that depends on one not applied before it', () => {
    expect(() => applyPlan(historiesOf(vinhPhuc), [move, register])).toThrow(
      expect.objectContaining({ name: 'ImportRejected', commandIndex: 0, rule: 'unit-unknown' }),
    );
  });

  it('applies an empty plan as no change', () => {
    const directory = historiesOf(vinhPhuc);
    expect(applyPlan(directory, [])).toEqual({ events: [], histories: directory });
  });
});
