import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A campaign replay counts the responses no void or correction touches in memory and writes their cells
 * at checkpoints (issue 11: rebuilding score_cells response by response held a million-event replay to
 * about 2,000 events/s). replay_counted keeps which responses it took in, each with the checkpoint that
 * will write it: a resume drops the ones after the last checkpoint written, whose counts died with the
 * process, and reads them again.
 */
export class AuditReplayCheckpoints1797100000400 implements MigrationInterface {
  name = 'AuditReplayCheckpoints1797100000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE audit.replay_counted (response_id uuid PRIMARY KEY, checkpoint integer NOT NULL)`);
    await runner.query(`ALTER TABLE audit.replays ADD COLUMN checkpoint integer NOT NULL DEFAULT 0`);
    // A replay stopped before this change counted its responses row by row, so replay_counted does not
    // know them: it is not resumed (no cut to match) but started again.
    await runner.query(`UPDATE audit.replays SET cut = NULL WHERE finished_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE audit.replays DROP COLUMN checkpoint`);
    await runner.query(`DROP TABLE audit.replay_counted`);
  }
}
