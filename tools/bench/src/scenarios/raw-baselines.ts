import { Pool } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';

/**
 * Raw PostgreSQL baselines on the same rows intake wrote: a schema `bench_raw` with empty copies of
 * intake's responses and outbox tables (same columns, constraints and indexes), written without the service.
 */
export async function freshRawTables(pool: Pool): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS bench_raw CASCADE`);
  await pool.query(`CREATE SCHEMA bench_raw`);
  await pool.query(`CREATE TABLE bench_raw.responses (LIKE intake.responses INCLUDING ALL)`);
  await pool.query(`CREATE TABLE bench_raw.outbox (LIKE intake.outbox INCLUDING ALL)`);
}

export interface StoredRows {
  responses: Record<string, unknown>[];
  outbox: Record<string, unknown>[];
}

/** The response rows of these ids and their outbox rows (the event each wrote), as JSON records. */
export async function storedRows(pool: Pool, ids: readonly string[]): Promise<StoredRows> {
  const responses = await pool.query(`SELECT to_jsonb(r) AS j FROM intake.responses r WHERE response_id = ANY($1::uuid[])`, [ids]);
  const outbox = await pool.query(
    `SELECT to_jsonb(o) AS j FROM intake.outbox o WHERE o.id IN (SELECT event_id FROM intake.responses WHERE response_id = ANY($1::uuid[]))`,
    [ids],
  );
  return { responses: responses.rows.map((r) => r.j), outbox: outbox.rows.map((r) => r.j) };
}

/**
 * One INSERT statement per response (its row and its outbox row together, atomically), `concurrency`
 * clients at once: what PostgreSQL does for one acknowledged response with no service in front.
 */
export async function rawInserts(pool: Pool, rows: StoredRows, concurrency: number): Promise<number> {
  await freshRawTables(pool);
  const outboxById = new Map(rows.outbox.map((o) => [String(o['id']), o]));
  // Every client connected before the clock starts, as the service's pool is.
  const clients = await Promise.all(Array.from({ length: concurrency }, () => pool.connect()));
  clients.forEach((c) => c.release());
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < rows.responses.length) {
        const response = rows.responses[next++];
        const event = outboxById.get(String(response['event_id']));
        await pool.query(
          `WITH r AS (INSERT INTO bench_raw.responses SELECT * FROM jsonb_populate_record(null::bench_raw.responses, $1::jsonb))
           INSERT INTO bench_raw.outbox SELECT * FROM jsonb_populate_record(null::bench_raw.outbox, $2::jsonb)`,
          [JSON.stringify(response), JSON.stringify(event ?? null)],
        );
      }
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * COPY of the same rows (responses and their outbox rows) into the empty copies: PostgreSQL's fastest
 * way in. The rows are first read out with COPY TO, so only the COPY FROM is timed.
 */
export async function rawCopy(pool: Pool, ids: readonly string[]): Promise<number> {
  await freshRawTables(pool);
  const client = await pool.connect();
  try {
    await client.query(`CREATE TEMP TABLE bench_ids AS SELECT unnest($1::uuid[]) AS id`, [ids]);
    const read = async (sql: string) => {
      const chunks: Buffer[] = [];
      await pipeline(
        client.query(copyTo(sql)),
        new Writable({
          write(chunk: Buffer, _enc, done) {
            chunks.push(chunk);
            done();
          },
        }),
      );
      return Buffer.concat(chunks);
    };
    const responses = await read(`COPY (SELECT * FROM intake.responses WHERE response_id IN (SELECT id FROM bench_ids)) TO STDOUT`);
    const outbox = await read(
      `COPY (SELECT * FROM intake.outbox WHERE id IN (SELECT event_id FROM intake.responses WHERE response_id IN (SELECT id FROM bench_ids))) TO STDOUT`,
    );
    await client.query(`DROP TABLE bench_ids`);
    const started = process.hrtime.bigint();
    await pipeline(Readable.from([responses]), client.query(copyFrom(`COPY bench_raw.responses FROM STDIN`)));
    await pipeline(Readable.from([outbox]), client.query(copyFrom(`COPY bench_raw.outbox FROM STDIN`)));
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    client.release();
  }
}
