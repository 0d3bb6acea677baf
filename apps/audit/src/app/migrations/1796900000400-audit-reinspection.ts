import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Re-inspection (issue 8): what the audit keeps of the log to sample, re-inspect and report on a
 * campaign — responses without any personal data, questionnaires, campaigns, publications, unit names —
 * and its own facts: samples, assignments, verdicts and closures, each written with its event.
 */
export class AuditReinspection1796900000400 implements MigrationInterface {
  name = 'AuditReinspection1796900000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit.reinspection_responses (
        response_id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        channel text NOT NULL,
        collector text,
        started_at timestamptz,
        finished_at timestamptz,
        recorded_at timestamptz NOT NULL,
        answers jsonb NOT NULL,
        expectations jsonb NOT NULL,
        late boolean NOT NULL,
        status text NOT NULL DEFAULT 'counted' CHECK (status IN ('counted', 'voided', 'replaced'))
      )`);
    await runner.query(`CREATE INDEX reinspection_responses_campaign ON audit.reinspection_responses (campaign_id, unit_id)`);
    await runner.query(`
      CREATE TABLE audit.reinspection_questionnaires (
        questionnaire_id text NOT NULL,
        version integer NOT NULL,
        content jsonb NOT NULL,
        PRIMARY KEY (questionnaire_id, version)
      )`);
    await runner.query(`
      CREATE TABLE audit.reinspection_campaigns (
        campaign_id uuid PRIMARY KEY,
        definition jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'open', 'closed'))
      )`);
    await runner.query(`
      CREATE TABLE audit.reinspection_publications (
        campaign_id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        data jsonb NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE audit.reinspection_units (
        unit_id uuid PRIMARY KEY,
        code text NOT NULL,
        name_vi text NOT NULL,
        name_en text NOT NULL,
        named_from date NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE audit.backcheck_samples (
        sample_id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL,
        event_id uuid NOT NULL,
        drawn_at timestamptz NOT NULL DEFAULT now(),
        actor_id text NOT NULL,
        data jsonb NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE audit.backcheck_sampled (
        sample_id uuid NOT NULL REFERENCES audit.backcheck_samples (sample_id),
        response_id uuid NOT NULL,
        campaign_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        PRIMARY KEY (sample_id, response_id)
      )`);
    await runner.query(`CREATE INDEX backcheck_sampled_response ON audit.backcheck_sampled (response_id)`);
    await runner.query(`
      CREATE TABLE audit.backcheck_assignments (
        response_id uuid PRIMARY KEY,
        sample_id uuid NOT NULL REFERENCES audit.backcheck_samples (sample_id),
        campaign_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        reinspector_id text NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        assigned_by text NOT NULL,
        event_id uuid NOT NULL
      )`);
    await runner.query(`CREATE INDEX backcheck_assignments_reinspector ON audit.backcheck_assignments (reinspector_id)`);
    await runner.query(`
      CREATE TABLE audit.backcheck_verdicts (
        verdict_id uuid PRIMARY KEY,
        response_id uuid NOT NULL,
        sample_id uuid NOT NULL REFERENCES audit.backcheck_samples (sample_id),
        campaign_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        verdict text NOT NULL CHECK (verdict IN ('confirmed', 'not-reachable', 'respondent-denies', 'answers-differ')),
        recollected_answers jsonb,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id text NOT NULL,
        event_id uuid NOT NULL
      )`);
    await runner.query(`CREATE INDEX backcheck_verdicts_campaign ON audit.backcheck_verdicts (campaign_id, response_id)`);
    await runner.query(`
      CREATE TABLE audit.reinspection_closures (
        campaign_id uuid PRIMARY KEY,
        closed_at timestamptz NOT NULL DEFAULT now(),
        actor_id text NOT NULL,
        event_id uuid NOT NULL,
        data jsonb NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'reinspection_closures',
      'backcheck_verdicts',
      'backcheck_assignments',
      'backcheck_sampled',
      'backcheck_samples',
      'reinspection_units',
      'reinspection_publications',
      'reinspection_campaigns',
      'reinspection_questionnaires',
      'reinspection_responses',
    ]) {
      await runner.query(`DROP TABLE audit.${table}`);
    }
  }
}
