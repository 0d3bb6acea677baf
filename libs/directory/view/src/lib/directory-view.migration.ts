import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A consumer's own copy of the directory's events, in the consumer's schema. The events themselves
 * are kept, not a current-state table, so the view answers "as it was on a date" and lineage with
 * the directory's own pure read model. `ledger_sequence` is the directory's commit order (unique:
 * one event per ledger place); `effective_date` lets a query skip what had not yet taken effect.
 */
export function createDirectoryViewMigration(schema: string): new () => MigrationInterface {
  const s = `"${schema}"`;
  class DirectoryViewEvents1795814400000 implements MigrationInterface {
    name = 'DirectoryViewEvents1795814400000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await runner.query(`
        CREATE TABLE ${s}.directory_events (
          event_id uuid PRIMARY KEY,
          unit_id uuid NOT NULL,
          ledger_sequence bigint NOT NULL UNIQUE,
          event_type text NOT NULL,
          data jsonb NOT NULL,
          effective_date date NOT NULL
        )`);
      await runner.query(`CREATE INDEX directory_events_unit ON ${s}.directory_events (unit_id, ledger_sequence)`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE IF EXISTS ${s}.directory_events`);
    }
  }
  return DirectoryViewEvents1795814400000;
}
