import { MigrationInterface, QueryRunner } from 'typeorm';
import { GENESIS_HASH } from '@hailong/contracts';

/**
 * The tables every service needs for the event backbone, in its own schema:
 * - outbox: events written in the same transaction as the change they describe;
 * - ledger_head: the last ledger place given out, so the relay continues the hash chain;
 * - consumer_offsets: where each consumer group stands, committed with the read model it feeds;
 * - processed_events: event ids a consumer group has applied, so a repeat changes nothing.
 */
export function createMessagingMigration(schema: string): new () => MigrationInterface {
  const s = `"${schema}"`;
  class MessagingTables1764250000000 implements MigrationInterface {
    name = 'MessagingTables1764250000000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await runner.query(`
        CREATE TABLE ${s}.outbox (
          id uuid PRIMARY KEY,
          position bigserial NOT NULL UNIQUE,
          topic text NOT NULL,
          partition_key text NOT NULL,
          event_type text NOT NULL,
          envelope jsonb NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now(),
          ledger_sequence bigint UNIQUE,
          ledger_hash text,
          published_at timestamptz
        )`);
      await runner.query(`CREATE INDEX outbox_unpublished ON ${s}.outbox (position) WHERE published_at IS NULL`);
      await runner.query(`
        CREATE TABLE ${s}.ledger_head (
          id smallint PRIMARY KEY CHECK (id = 1),
          sequence bigint NOT NULL,
          hash text NOT NULL
        )`);
      await runner.query(`INSERT INTO ${s}.ledger_head (id, sequence, hash) VALUES (1, 0, $1)`, [GENESIS_HASH]);
      await runner.query(`
        CREATE TABLE ${s}.consumer_offsets (
          consumer_group text NOT NULL,
          topic text NOT NULL,
          partition integer NOT NULL,
          next_offset bigint NOT NULL,
          updated_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (consumer_group, topic, partition)
        )`);
      await runner.query(`
        CREATE TABLE ${s}.processed_events (
          consumer_group text NOT NULL,
          event_id uuid NOT NULL,
          PRIMARY KEY (consumer_group, event_id)
        )`);
    }

    async down(runner: QueryRunner): Promise<void> {
      for (const table of ['processed_events', 'consumer_offsets', 'ledger_head', 'outbox']) {
        await runner.query(`DROP TABLE IF EXISTS ${s}.${table}`);
      }
    }
  }
  return MessagingTables1764250000000;
}

/**
 * Ledger places kept beside the envelope instead of inside it: the relay used to write each event's
 * envelope again with its `ledger` field when it placed it, which made PostgreSQL parse and store a
 * second copy of every envelope (about 100 ms of each 500-event batch here, a third of placing). The
 * outbox's `envelope` is now the event as written; the envelope sent is it with `ledger: { sequence:
 * ledger_sequence, previousHash: ledger_previous_hash }`. Rows placed before keep their envelope and
 * get the column from it.
 */
export function createOutboxPlacesMigration(schema: string): new () => MigrationInterface {
  const s = `"${schema}"`;
  class OutboxPlaces1797000000000 implements MigrationInterface {
    name = 'OutboxPlaces1797000000000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${s}.outbox ADD COLUMN ledger_previous_hash text`);
      await runner.query(
        `UPDATE ${s}.outbox SET ledger_previous_hash = envelope->'ledger'->>'previousHash' WHERE ledger_sequence IS NOT NULL`,
      );
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(
        `UPDATE ${s}.outbox
            SET envelope = envelope || jsonb_build_object('ledger', jsonb_build_object('sequence', ledger_sequence, 'previousHash', ledger_previous_hash))
          WHERE ledger_sequence IS NOT NULL`,
      );
      await runner.query(`ALTER TABLE ${s}.outbox DROP COLUMN ledger_previous_hash`);
    }
  }
  return OutboxPlaces1797000000000;
}

/** Every migration of the event backbone's tables, in order (a service lists each among its own by its timestamp). */
export function messagingMigrations(schema: string): (new () => MigrationInterface)[] {
  return [createMessagingMigration(schema), createOutboxPlacesMigration(schema)];
}
