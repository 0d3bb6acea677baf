import { unitCountsTablesSql } from '@hailong/scoring/data-access';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Pre-aggregated counters: every figure is a sum over these rows, never a scan of responses. */
export class ScoringCounts1764250000300 implements MigrationInterface {
  name = 'ScoringCounts1764250000300';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of unitCountsTablesSql('scoring')) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE scoring.unit_item_levels`);
    await runner.query(`DROP TABLE scoring.unit_responses`);
  }
}
