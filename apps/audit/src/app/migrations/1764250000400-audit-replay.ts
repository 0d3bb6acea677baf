import { unitCountsTablesSql } from '@hailong/scoring/data-access';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit's own rebuild of the figures, and the event ids it has counted (a repeat counts once). */
export class AuditReplay1764250000400 implements MigrationInterface {
  name = 'AuditReplay1764250000400';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of unitCountsTablesSql('audit')) await runner.query(sql);
    await runner.query(`CREATE TABLE audit.replay_seen (event_id uuid PRIMARY KEY)`);
    await runner.query(`
      CREATE TABLE audit.replays (
        replay_id uuid PRIMARY KEY,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        actor_id text NOT NULL,
        messages integer,
        applied integer,
        duplicates integer,
        undecodable integer,
        end_offsets jsonb
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['replays', 'replay_seen', 'unit_item_levels', 'unit_responses']) {
      await runner.query(`DROP TABLE audit.${table}`);
    }
  }
}
