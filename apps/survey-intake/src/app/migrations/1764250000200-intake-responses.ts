import { MigrationInterface, QueryRunner } from 'typeorm';

/** Intake's own view of the unit directory, and the responses it has accepted. */
export class IntakeResponses1764250000200 implements MigrationInterface {
  name = 'IntakeResponses1764250000200';

  async up(runner: QueryRunner): Promise<void> {
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
    await runner.query(`
      CREATE TABLE intake.responses (
        response_id uuid PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        request_hash text NOT NULL,
        unit_id uuid NOT NULL,
        channel text NOT NULL,
        answers jsonb NOT NULL,
        actor_id text NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        accepted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX responses_unit ON intake.responses (unit_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE intake.responses`);
    await runner.query(`DROP TABLE intake.known_units`);
  }
}
