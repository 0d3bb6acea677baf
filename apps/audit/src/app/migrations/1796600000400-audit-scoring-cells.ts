import { scoringTablesSql } from '@hailong/scoring/data-access';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The replay rebuilds scoring's read model (cells, responses with their voids and corrections,
 * campaigns) with scoring's own code, so its figures can only differ from scoring's through the log.
 */
export class AuditScoringCells1796600000400 implements MigrationInterface {
  name = 'AuditScoringCells1796600000400';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of scoringTablesSql('audit')) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['publications', 'questionnaires', 'campaigns', 'scored_responses', 'score_cells']) {
      await runner.query(`DROP TABLE audit.${table}`);
    }
  }
}
