import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk file imports of paper forms: one row per import (who, which file by its SHA-256, what came of
 * its rows), and on each response the import and the file row it came from.
 */
export class IntakeFileImports1796800000100 implements MigrationInterface {
  name = 'IntakeFileImports1796800000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE intake.file_imports (
        import_id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES intake.campaigns,
        format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
        actor_id text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        file_sha256 text,
        file_bytes bigint,
        rows integer NOT NULL DEFAULT 0,
        accepted integer NOT NULL DEFAULT 0,
        duplicates integer NOT NULL DEFAULT 0,
        refused integer NOT NULL DEFAULT 0,
        stopped_reason text
      )`);
    await runner.query(`CREATE INDEX file_imports_campaign ON intake.file_imports (campaign_id, started_at)`);
    await runner.query(`ALTER TABLE intake.responses ADD COLUMN import_id uuid, ADD COLUMN import_row integer`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE intake.responses DROP COLUMN import_row, DROP COLUMN import_id`);
    await runner.query(`DROP TABLE intake.file_imports`);
  }
}
