import { MigrationInterface, QueryRunner } from 'typeorm';

const KNOWN_UNITS_GROUP = 'survey-intake.known-units';

/**
 * The directory view (directory_events) replaces known_units, which only knew registrations. The
 * retired projection's offsets and applied event ids go with its table: should the table ever come
 * back (down), its consumer then rebuilds it from offset 0 instead of resuming past every unit.
 */
export class DropKnownUnits1795814400100 implements MigrationInterface {
  name = 'DropKnownUnits1795814400100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE intake.known_units`);
    // Consumer groups carry the deployment's topic prefix in front of the service's name.
    for (const table of ['consumer_offsets', 'processed_events']) {
      await runner.query(
        `DELETE FROM intake.${table} WHERE right(consumer_group, length($1::text)) = $1::text`,
        [KNOWN_UNITS_GROUP],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE intake.known_units (
        unit_id uuid PRIMARY KEY,
        code text NOT NULL,
        unit_type text NOT NULL,
        name_vi text NOT NULL,
        parent_id uuid,
        valid_from date NOT NULL,
        valid_to date
      )`);
  }
}
