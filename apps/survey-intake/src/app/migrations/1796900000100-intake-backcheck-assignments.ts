import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who the audit assigned each sampled response to (BackCheckAssigned, read from the audit's topic):
 * the only re-inspector intake shows that respondent's contact details to.
 */
export class IntakeBackcheckAssignments1796900000100 implements MigrationInterface {
  name = 'IntakeBackcheckAssignments1796900000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE intake.backcheck_assignments (
        response_id uuid PRIMARY KEY,
        sample_id uuid NOT NULL,
        campaign_id uuid NOT NULL,
        reinspector_id text NOT NULL,
        event_id uuid NOT NULL,
        assigned_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE intake.backcheck_assignments`);
  }
}
