import { MigrationInterface, QueryRunner } from 'typeorm';

/** The directory's event streams (the write side's truth) and the units read model. */
export class DirectoryUnits1764250000100 implements MigrationInterface {
  name = 'DirectoryUnits1764250000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE directory.unit_events (
        unit_id uuid NOT NULL,
        version integer NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        event_type text NOT NULL,
        data jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        PRIMARY KEY (unit_id, version)
      )`);
    await runner.query(`
      CREATE TABLE directory.units (
        unit_id uuid PRIMARY KEY,
        code text NOT NULL,
        unit_type text NOT NULL,
        name_vi text NOT NULL,
        name_en text NOT NULL,
        parent_id uuid,
        area_code text,
        valid_from date NOT NULL,
        valid_to date,
        version integer NOT NULL
      )`);
    await runner.query(`CREATE INDEX units_code ON directory.units (code)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE directory.units`);
    await runner.query(`DROP TABLE directory.unit_events`);
  }
}
