import { scoringTablesSql, unitCountsTablesSql } from '@hailong/scoring/data-access';
import { MigrationInterface, QueryRunner } from 'typeorm';

const RETIRED_GROUP = 'scoring.responses';

/**
 * Counters per campaign × on-time/late × unit × day × channel × procedure × respondent group, with the
 * responses they came from (for voids and corrections), campaigns, questionnaires and publications,
 * replace the foundation's per-unit counters. The retired projection's offsets and applied event ids go
 * with its tables; the new projection has its own consumer group and rebuilds from offset 0.
 */
export class ScoringCells1796600000300 implements MigrationInterface {
  name = 'ScoringCells1796600000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE scoring.unit_item_levels`);
    await runner.query(`DROP TABLE scoring.unit_responses`);
    // Consumer groups carry the deployment's topic prefix in front of the service's name.
    for (const table of ['consumer_offsets', 'processed_events']) {
      await runner.query(`DELETE FROM scoring.${table} WHERE right(consumer_group, length($1::text)) = $1::text`, [RETIRED_GROUP]);
    }
    for (const sql of scoringTablesSql('scoring')) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['publications', 'questionnaires', 'campaigns', 'scored_responses', 'score_cells']) {
      await runner.query(`DROP TABLE scoring.${table}`);
    }
    for (const table of ['consumer_offsets', 'processed_events']) {
      await runner.query(`DELETE FROM scoring.${table} WHERE right(consumer_group, length($1::text)) = $1::text`, ['scoring.scores']);
    }
    for (const sql of unitCountsTablesSql('scoring')) await runner.query(sql);
  }
}
