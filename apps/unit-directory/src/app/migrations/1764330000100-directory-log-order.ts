import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Gives the directory's event streams one commit order (`seq`) and keeps who recorded each event and
 * when, so every process can catch up on other processes' writes by reading only what is new, and a
 * unit's history can show its author. The `units` table goes: every read is answered from the
 * streams (as of any date), so a second copy of the latest state would only drift.
 */
export class DirectoryLogOrder1764330000100 implements MigrationInterface {
  name = 'DirectoryLogOrder1764330000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE directory.unit_events
        ADD COLUMN seq bigserial NOT NULL UNIQUE,
        ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN actor jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN correlation_id text`);
    await runner.query(`DROP TABLE directory.units`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE directory.units (
        unit_id uuid PRIMARY KEY, code text NOT NULL, unit_type text NOT NULL, name_vi text NOT NULL, name_en text NOT NULL,
        parent_id uuid, area_code text, valid_from date NOT NULL, valid_to date, version integer NOT NULL
      )`);
    await runner.query(
      `ALTER TABLE directory.unit_events DROP COLUMN correlation_id, DROP COLUMN actor, DROP COLUMN recorded_at, DROP COLUMN seq`,
    );
  }
}
