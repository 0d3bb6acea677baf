import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit's index of every service's ledger as the log holds it (for receipts and for extending the
 * chain it signs), the messages that belong to no ledger, where the index has read up to, and the
 * checkpoints it signed. Event ids and response ids are text: the index keeps whatever the log holds,
 * tampered or not, and the checks decide.
 */
export class AuditLedger1796500000400 implements MigrationInterface {
  name = 'AuditLedger1796500000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit.ledger_entries (
        ledger text NOT NULL,
        hash char(64) NOT NULL,
        sequence bigint,
        previous_hash char(64),
        event_id text NOT NULL,
        event_type text NOT NULL,
        response_id text,
        topic text NOT NULL,
        partition integer NOT NULL,
        "offset" bigint NOT NULL,
        copies integer NOT NULL,
        on_chain boolean NOT NULL DEFAULT false,
        indexed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ledger, hash)
      )`);
    await runner.query(`CREATE INDEX ledger_entries_place ON audit.ledger_entries (ledger, sequence)`);
    await runner.query(`CREATE INDEX ledger_entries_on_chain ON audit.ledger_entries (ledger, sequence) WHERE on_chain`);
    await runner.query(`CREATE INDEX ledger_entries_response ON audit.ledger_entries (response_id) WHERE response_id IS NOT NULL`);
    await runner.query(`
      CREATE TABLE audit.ledger_foreign (
        topic text NOT NULL,
        partition integer NOT NULL,
        "offset" bigint NOT NULL,
        reason text NOT NULL,
        PRIMARY KEY (topic, partition, "offset")
      )`);
    await runner.query(`
      CREATE TABLE audit.ledger_index_offsets (
        topic text NOT NULL,
        partition integer NOT NULL,
        next_offset bigint NOT NULL,
        PRIMARY KEY (topic, partition)
      )`);
    await runner.query(`
      CREATE TABLE audit.checkpoints (
        checkpoint_id uuid PRIMARY KEY,
        ledger text NOT NULL,
        sequence bigint NOT NULL,
        hash char(64) NOT NULL,
        key_id text NOT NULL,
        reason text NOT NULL,
        campaign_id uuid,
        signed_at timestamptz NOT NULL,
        actor_id text NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        data jsonb NOT NULL
      )`);
    await runner.query(`CREATE INDEX checkpoints_ledger ON audit.checkpoints (ledger, sequence)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['checkpoints', 'ledger_index_offsets', 'ledger_foreign', 'ledger_entries']) {
      await runner.query(`DROP TABLE audit.${table}`);
    }
  }
}
