import { createStaffAccountsMigration } from './staff-accounts.migration';

describe('createStaffAccountsMigration', () => {
  it('names the class with a timestamp so TypeORM can order it', () => {
    const Migration = createStaffAccountsMigration('directory');
    expect(Migration.name).toBe('StaffAccounts1764300000000');
    expect(new Migration().name).toBe('StaffAccounts1764300000000');
  });

  it.each(['Directory', 'directory"; DROP TABLE x; --', '', '1schema'])(
    'refuses the schema name %j, which would be interpolated into DDL',
    (schema) => {
      expect(() => createStaffAccountsMigration(schema)).toThrow(
        'Invalid schema name',
      );
    },
  );
});
