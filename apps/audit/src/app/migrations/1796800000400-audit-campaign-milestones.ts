import { MigrationInterface, QueryRunner } from 'typeorm';

/** Campaign milestones (a close, a publication) waiting until the audit has verified the ledger up to them. */
export class AuditCampaignMilestones1796800000400 implements MigrationInterface {
  name = 'AuditCampaignMilestones1796800000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit.pending_milestones (
        event_id uuid PRIMARY KEY,
        milestone text NOT NULL CHECK (milestone IN ('campaign-closed', 'campaign-published')),
        campaign_id uuid NOT NULL,
        ledger text NOT NULL,
        sequence bigint NOT NULL,
        correlation_id text NOT NULL,
        seen_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE audit.pending_milestones`);
  }
}
