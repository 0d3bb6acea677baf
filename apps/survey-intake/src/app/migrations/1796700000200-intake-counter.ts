import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counter visit tokens (only their SHA-256 is stored: a copy of the database cannot rate) and the
 * fixed-window counters that rate-limit the public citizen endpoints across every intake process.
 */
export class IntakeCounter1796700000200 implements MigrationInterface {
  name = 'IntakeCounter1796700000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE intake.counter_visit_tokens (
        token_id uuid PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        campaign_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        procedure_id text NOT NULL,
        service_date date NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        issued_by text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        response_id uuid
      )`);
    await runner.query(`
      CREATE TABLE intake.rate_limit_windows (
        bucket text NOT NULL,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL,
        PRIMARY KEY (bucket, window_start)
      )`);
    await runner.query(`CREATE INDEX rate_limit_windows_start ON intake.rate_limit_windows (window_start)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE intake.rate_limit_windows`);
    await runner.query(`DROP TABLE intake.counter_visit_tokens`);
  }
}
