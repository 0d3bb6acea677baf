import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Questionnaire versions (immutable once published), campaigns, the respondent key store, and what
 * a response carries since campaigns: its campaign and questionnaire version, procedure, service
 * date, form times, expectations, personal data as ciphertext only, and its status (void, replaced).
 */
export class IntakeCampaigns1796400000100 implements MigrationInterface {
  name = 'IntakeCampaigns1796400000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE intake.questionnaire_versions (
        questionnaire_id text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        content jsonb NOT NULL,
        content_hash text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by text NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        PRIMARY KEY (questionnaire_id, version)
      )`);
    // A published version is a fact others rely on: the database itself refuses to change or remove it.
    await runner.query(`
      CREATE FUNCTION intake.refuse_changing_published_questionnaire() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a published questionnaire version never changes: publish a new version'
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await runner.query(`
      CREATE TRIGGER questionnaire_versions_immutable BEFORE UPDATE OR DELETE ON intake.questionnaire_versions
        FOR EACH ROW EXECUTE FUNCTION intake.refuse_changing_published_questionnaire()`);
    await runner.query(`
      CREATE TRIGGER questionnaire_versions_not_truncated BEFORE TRUNCATE ON intake.questionnaire_versions
        FOR EACH STATEMENT EXECUTE FUNCTION intake.refuse_changing_published_questionnaire()`);

    await runner.query(`
      CREATE TABLE intake.campaigns (
        campaign_id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        opened_at timestamptz,
        opened_by text,
        closed_at timestamptz,
        closed_by text
      )`);

    await runner.query(`
      CREATE TABLE intake.respondent_keys (
        key_id uuid PRIMARY KEY,
        wrapped_key bytea,
        kek_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        destroyed_at timestamptz,
        destroyed_by text,
        destruction_reason text,
        CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
      )`);

    await runner.query(`
      ALTER TABLE intake.responses
        ADD COLUMN kind text NOT NULL DEFAULT 'submission' CHECK (kind IN ('submission', 'correction')),
        ADD COLUMN campaign_id uuid REFERENCES intake.campaigns,
        ADD COLUMN questionnaire_id text,
        ADD COLUMN questionnaire_version integer,
        ADD COLUMN procedure_id text,
        ADD COLUMN service_date date,
        ADD COLUMN collected_by text,
        ADD COLUMN form_started_at timestamptz,
        ADD COLUMN form_finished_at timestamptz,
        ADD COLUMN expectations jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN profile_groups jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN personal jsonb,
        ADD COLUMN respondent_key_id uuid REFERENCES intake.respondent_keys DEFERRABLE INITIALLY DEFERRED,
        ADD COLUMN personal_hash text,
        ADD COLUMN status text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'voided', 'replaced')),
        ADD COLUMN replaces uuid REFERENCES intake.responses,
        ADD COLUMN replaced_by uuid,
        ADD COLUMN status_changed_at timestamptz,
        ADD COLUMN status_changed_by text,
        ADD COLUMN status_reason text`);
    await runner.query(`CREATE INDEX responses_campaign_unit ON intake.responses (campaign_id, unit_id)`);
    await runner.query(`CREATE INDEX responses_respondent_key ON intake.responses (respondent_key_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX intake.responses_respondent_key`);
    await runner.query(`DROP INDEX intake.responses_campaign_unit`);
    await runner.query(`
      ALTER TABLE intake.responses
        DROP COLUMN status_reason, DROP COLUMN status_changed_by, DROP COLUMN status_changed_at, DROP COLUMN replaced_by,
        DROP COLUMN replaces, DROP COLUMN status, DROP COLUMN personal_hash, DROP COLUMN respondent_key_id, DROP COLUMN personal,
        DROP COLUMN profile_groups, DROP COLUMN expectations, DROP COLUMN form_finished_at, DROP COLUMN form_started_at,
        DROP COLUMN collected_by, DROP COLUMN service_date, DROP COLUMN procedure_id, DROP COLUMN questionnaire_version,
        DROP COLUMN questionnaire_id, DROP COLUMN campaign_id, DROP COLUMN kind`);
    await runner.query(`DROP TABLE intake.respondent_keys`);
    await runner.query(`DROP TABLE intake.campaigns`);
    await runner.query(`DROP TABLE intake.questionnaire_versions`);
    await runner.query(`DROP FUNCTION intake.refuse_changing_published_questionnaire()`);
  }
}
