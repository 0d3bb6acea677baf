import { createDirectoryViewMigration } from '@hailong/directory/view';
import { MigrationInterface, QueryRunner } from 'typeorm';

const DirectoryViewEvents = createDirectoryViewMigration('audit');

/**
 * A campaign replay rebuilds the figures from the topics alone, so the audit keeps its own copy of the
 * directory's events (units as they were, unit types) next to the rebuilt counters, and remembers what
 * each replay was asked to reach (its cut) and what it found, so an interrupted one can resume.
 */
export class AuditCampaignReplay1796700000400 implements MigrationInterface {
  name = 'AuditCampaignReplay1796700000400';

  async up(runner: QueryRunner): Promise<void> {
    await new DirectoryViewEvents().up(runner);
    await runner.query(`ALTER TABLE audit.replays ADD COLUMN campaign_id uuid, ADD COLUMN cut jsonb, ADD COLUMN report jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE audit.replays DROP COLUMN campaign_id, DROP COLUMN cut, DROP COLUMN report`);
    await new DirectoryViewEvents().down(runner);
  }
}
