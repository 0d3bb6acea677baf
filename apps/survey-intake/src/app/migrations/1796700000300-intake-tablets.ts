import { MigrationInterface, QueryRunner } from 'typeorm';

/** Enrolled tablets (their credential hashed with argon2id, revocable) and a response's `late` flag. */
export class IntakeTablets1796700000300 implements MigrationInterface {
  name = 'IntakeTablets1796700000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE intake.tablet_devices (
        device_id uuid PRIMARY KEY,
        label text NOT NULL,
        credential_hash text NOT NULL,
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        enrolled_by text NOT NULL,
        revoked_at timestamptz,
        revoked_by text
      )`);
    await runner.query(`ALTER TABLE intake.responses ADD COLUMN late boolean NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE intake.responses DROP COLUMN late`);
    await runner.query(`DROP TABLE intake.tablet_devices`);
  }
}
