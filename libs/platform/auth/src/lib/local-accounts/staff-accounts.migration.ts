import { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The `staff_accounts` table in the host service's schema. The schema is a parameter because
 * the library does not know which service hosts the issuer.
 */
export function createStaffAccountsMigration(
  schema: string,
): new () => MigrationInterface {
  // Interpolated into DDL, so only plain lower-case identifiers are accepted.
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `Invalid schema name "${schema}": use lower-case letters, digits and _`,
    );
  }
  const table = `"${schema}".staff_accounts`;

  return class StaffAccounts1764300000000 implements MigrationInterface {
    readonly name = 'StaffAccounts1764300000000';

    async up(queryRunner: QueryRunner): Promise<void> {
      // The host's first migration creates the schema; repeating it here keeps this migration
      // correct whatever timestamps the host's own migrations carry.
      await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await queryRunner.query(`
        CREATE TABLE IF NOT EXISTS ${table} (
          id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
          username      text        NOT NULL,
          display_name  text        NOT NULL,
          password_hash text        NOT NULL,
          roles         text[]      NOT NULL DEFAULT '{}',
          unit_id       uuid        NULL,
          disabled      boolean     NOT NULL DEFAULT false,
          created_at    timestamptz NOT NULL DEFAULT now(),
          updated_at    timestamptz NOT NULL DEFAULT now(),
          CONSTRAINT staff_accounts_username_key UNIQUE (username),
          CONSTRAINT staff_accounts_username_lower_case CHECK (username = lower(username))
        )`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  };
}
