import { canonicalJson, EventEnvelope, sha256Hex } from '@hailong/contracts';
import { context } from '@opentelemetry/api';
import { Kafka, Partitioners, Producer, TopicMessages } from 'kafkajs';
import { Client } from 'pg';
import { crashIfFaultInjected } from './faults';
import { MessagingConfig, prefixed } from './messaging.config';
import { MessagingMetrics } from './messaging.metrics';
import { outboxChannel } from './outbox.writer';
import { contextFromCarrier, traceHeaders, withCorrelationId } from './telemetry';

export interface RelayLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Per-event lines (published, applied), each logged inside the event's trace and correlation context. */
  debug?(message: string): void;
}

interface OutboxRow {
  id: string;
  topic: string;
  partition_key: string;
  /** The event as written, without its ledger place (null for a row of the batch on its way, not read again). */
  envelope: EventEnvelope | null;
  ledger_sequence: string | null;
  ledger_previous_hash: string | null;
}

/** A row ready to send: its envelope with its ledger place, and that envelope's canonical JSON (the message value, and what its hash is of). */
interface PlacedRow {
  id: string;
  topic: string;
  partition_key: string;
  envelope: EventEnvelope;
  canonical: string;
}

/** Past this many unsent events the backlog is estimated from positions instead of counted. */
const BACKLOG_COUNTED_UP_TO = 10_000;

/**
 * How many of a service's events wait in its outbox to be sent, and how long the oldest has waited.
 * Measured at every scrape, so its cost must not grow with the backlog: it counts at most
 * BACKLOG_COUNTED_UP_TO unsent events (an ordered scan of the partial index); past that it gives the
 * span of positions from the oldest unsent event to the newest event (counting 127,000 took 0.56 s).
 */
export async function outboxBacklog(
  query: (sql: string) => Promise<{ counted: string; span: string | null; oldest: number | null }[]>,
  schema: string,
): Promise<{ unpublished: number; oldestAgeSeconds: number }> {
  const s = `"${schema}"`;
  const [row] = await query(
    `WITH first AS (SELECT position, created_at FROM ${s}.outbox WHERE published_at IS NULL ORDER BY position LIMIT 1)
     SELECT (SELECT count(*) FROM (SELECT 1 FROM ${s}.outbox WHERE published_at IS NULL ORDER BY position
               LIMIT ${BACKLOG_COUNTED_UP_TO}) AS u) AS counted,
            (SELECT max(position) FROM ${s}.outbox) - (SELECT position FROM first) + 1 AS span,
            EXTRACT(EPOCH FROM now() - (SELECT created_at FROM first))::float8 AS oldest`,
  );
  const counted = Number(row?.counted ?? 0);
  const unpublished = counted < BACKLOG_COUNTED_UP_TO ? counted : Math.max(counted, Number(row?.span ?? 0));
  return { unpublished, oldestAgeSeconds: Math.max(0, Number(row?.oldest ?? 0)) };
}

/**
 * Publishes a service's outbox to Kafka. It is the service's single active publisher: it holds a
 * session advisory lock on its own PostgreSQL connection and does all its database work on that
 * connection, so a relay that lost its session (and so its lock) cannot place or mark anything.
 *
 * Each cycle first gives unplaced events their ledger place (sequence and previous hash) and
 * commits that, then sends, then marks sent. A crash between sending and marking sends the same
 * events again with the same ids and the same places; consumers ignore the repeat.
 */
export class OutboxRelay {
  private client: Client | null = null;
  private producer: Producer | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private holdsLock = false;
  private drainUntil = 0;
  /**
   * Set on taking the lock: a publisher before this one may have placed events and not marked them
   * sent (it crashed, or lost Kafka, in between); those go first, in ledger order. Once none are
   * left, the only placed and unmarked events are the batch this relay is sending, so it reads only
   * unplaced events, in commit order, which the outbox's partial index serves without sorting the
   * whole backlog (sorting it by ledger place read every published row too: 0.2 s a batch at 160,000).
   */
  private placedLeftovers = true;

  constructor(
    private readonly databaseUrl: string,
    private readonly schema: string,
    private readonly kafka: Kafka,
    private readonly config: MessagingConfig,
    private readonly logger: RelayLogger,
    private readonly metrics?: MessagingMetrics,
  ) {}

  get isActive(): boolean {
    return this.holdsLock;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Stops publishing. With `drainMs`, the active publisher first sends what is already in the outbox
   * (for at most that long), so events acknowledged just before a shutdown are not left waiting for
   * the next publisher; what is still unsent after that stays in the outbox, durable, for the next one.
   */
  async stop({ drainMs = 0 }: { drainMs?: number } = {}): Promise<void> {
    if (drainMs > 0 && this.running && this.holdsLock) {
      this.drainUntil = Date.now() + drainMs;
      this.wake?.();
      const deadline = new Promise((resolve) => setTimeout(resolve, drainMs).unref());
      await Promise.race([this.loop, deadline]);
    }
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.release();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!this.holdsLock && !(await this.acquire())) {
          // Another process publishes (or the database is away): nothing of ours to drain.
          if (this.drainUntil > 0) return;
          await this.idle(1000);
          continue;
        }
        const sent = await this.publishBatch();
        // Draining for a shutdown: done once a cycle finds nothing left to send.
        if (this.drainUntil > 0 && (sent === 0 || Date.now() > this.drainUntil)) return;
        if (sent < this.config.outboxBatchSize && this.drainUntil === 0) await this.idle(this.config.outboxIdleMs);
      } catch (error) {
        this.logger.error(`outbox relay of ${this.schema}: ${(error as Error).message}`);
        await this.release();
        if (this.drainUntil > 0) return;
        await this.idle(1000);
      }
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async acquire(): Promise<boolean> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: `hailong-relay-${this.schema}` });
    client.on('error', (error) => {
      this.logger.warn(`relay connection lost: ${error.message}`);
      this.holdsLock = false;
    });
    await client.connect();
    // Until this relay holds the lock with a connected producer, any failure ends the session, which
    // releases the lock: a session left open would hold it for good, and no relay would publish again.
    let producer: Producer | null = null;
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
        `hailong-relay:${this.schema}`,
      ]);
      if (!rows[0].locked) {
        await client.end();
        return false;
      }
      await client.query(`LISTEN ${outboxChannel(this.schema)}`);
      client.on('notification', () => this.wake?.());
      producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        // Murmur2 on the key (the unit), as the Java clients do: a unit's events share a partition.
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
    } catch (error) {
      await producer?.disconnect().catch(() => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
    this.producer = producer;
    this.client = client;
    this.placedLeftovers = true;
    this.holdsLock = true;
    this.logger.log(`outbox relay of ${this.schema} is the active publisher`);
    return true;
  }

  private async release(): Promise<void> {
    this.holdsLock = false;
    const { client, producer } = this;
    this.client = null;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  /**
   * Sends what the outbox holds, a batch at a time, and returns how many events it sent. While one
   * batch is on its way to Kafka the next is placed (its own transaction): placing never waits on
   * Kafka, nor sending on PostgreSQL. Batches are sent and marked in ledger order, one at a time.
   */
  private async publishBatch(): Promise<number> {
    const { client, producer } = this;
    if (!client || !producer || !this.holdsLock) return 0;
    const full = this.config.outboxBatchSize;
    let rows = await this.placeBatch(client);
    let total = 0;
    // Whatever is placed is sent before returning (placed events are read again only by the next
    // publisher); placing more stops on a stop, a drain deadline, or after a bounded run.
    while (rows.length > 0) {
      const more =
        rows.length >= full &&
        total < 50 * full &&
        this.running &&
        this.holdsLock &&
        // Leftovers of an earlier publisher are sent on their own: placing beside them would read them again.
        !this.placedLeftovers &&
        !(this.drainUntil > 0 && Date.now() > this.drainUntil);
      const [sent, placed] = await Promise.allSettled([this.send(producer, rows), more ? this.placeBatch(client) : Promise.resolve([])]);
      // A batch placed beside a failed send stays in the outbox, placed: the next publisher sends it first.
      if (sent.status === 'rejected') throw sent.reason;
      await this.markSent(client, rows);
      if (placed.status === 'rejected') throw placed.reason;
      total += rows.length;
      rows = placed.value;
    }
    return total;
  }

  private async send(producer: Producer, rows: readonly PlacedRow[]): Promise<void> {
    const byTopic = new Map<string, TopicMessages>();
    for (const row of rows) {
      const topic = prefixed(this.config, row.topic);
      const entry = byTopic.get(topic) ?? { topic, messages: [] };
      entry.messages.push({
        key: row.partition_key,
        value: Buffer.from(row.canonical, 'utf8'),
        headers: {
          'event-id': row.envelope.id,
          'event-type': row.envelope.type,
          'correlation-id': row.envelope.correlationId,
          // The W3C trace context of the write that caused the event, as recorded in its envelope.
          ...traceHeaders(row.envelope.trace),
        },
      });
      byTopic.set(topic, entry);
    }
    await producer.sendBatch({ topicMessages: [...byTopic.values()], acks: -1 });
    crashIfFaultInjected('relay-after-send');
  }

  private async markSent(client: Client, rows: readonly PlacedRow[]): Promise<void> {
    await client.query(`UPDATE "${this.schema}".outbox SET published_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
    const produced = new Map<string, { topic: string; type: string; count: number }>();
    for (const row of rows) {
      const topic = prefixed(this.config, row.topic);
      const counted = `${topic} ${row.envelope.type}`;
      const count = produced.get(counted) ?? { topic, type: row.envelope.type, count: 0 };
      count.count += 1;
      produced.set(counted, count);
    }
    for (const { topic, type, count } of produced.values()) this.metrics?.produced.inc({ topic, event_type: type }, count);
    if (this.logger.debug) {
      for (const row of rows) {
        const eventContext = withCorrelationId(contextFromCarrier({ ...row.envelope.trace }), row.envelope.correlationId);
        context.with(eventContext, () =>
          this.logger.debug?.(
            `published ${row.envelope.type} ${row.envelope.id} (ledger ${row.envelope.ledger?.sequence}) to ${prefixed(this.config, row.topic)}`,
          ),
        );
      }
    }
  }

  /**
   * Gives the next unsent events their ledger places (kept for good once committed). The hash of each
   * is taken of its canonical JSON, which is also what is sent, so each envelope is encoded once. The
   * place is stored in the row's ledger columns, not written into its envelope again: rewriting each
   * envelope cost PostgreSQL a third of placing a batch.
   */
  private async placeBatch(client: Client): Promise<PlacedRow[]> {
    const s = `"${this.schema}"`;
    const full = this.config.outboxBatchSize;
    await client.query('BEGIN');
    try {
      const head = await client.query<{ sequence: string; hash: string }>(
        `SELECT sequence, hash FROM ${s}.ledger_head WHERE id = 1 FOR UPDATE`,
      );
      let rows: OutboxRow[] = [];
      if (this.placedLeftovers) {
        ({ rows } = await client.query<OutboxRow>(
          `SELECT id, topic, partition_key, envelope, ledger_sequence, ledger_previous_hash FROM ${s}.outbox
            WHERE published_at IS NULL AND ledger_sequence IS NOT NULL ORDER BY ledger_sequence LIMIT $1`,
          [full],
        ));
        if (rows.length < full) this.placedLeftovers = false;
      }
      if (rows.length === 0) {
        // The unsent events in commit order, through the partial index on unsent positions (a test of
        // ledger_sequence in SQL let the planner pick a bitmap scan and sort the whole backlog, 0.7 s
        // at 125,000 unsent). The batch being sent beside this one is placed and not yet marked: it is
        // read too (twice the batch is read), without its envelopes, and skipped here.
        const { rows: unsent } = await client.query<OutboxRow>(
          `SELECT id, topic, partition_key, CASE WHEN ledger_sequence IS NULL THEN envelope END AS envelope, ledger_sequence,
                  ledger_previous_hash
             FROM ${s}.outbox WHERE published_at IS NULL ORDER BY position LIMIT $1`,
          [2 * full],
        );
        rows = unsent.filter((r) => r.ledger_sequence === null).slice(0, full);
      }
      let sequence = Number(head.rows[0].sequence);
      let previousHash = head.rows[0].hash;
      const placed: PlacedRow[] = [];
      const placedIds: string[] = [];
      const placedSequences: number[] = [];
      const placedHashes: string[] = [];
      const placedPrevious: string[] = [];
      for (const row of rows) {
        // A predecessor's leftover keeps the place it was given; an unplaced event takes the next one.
        const leftover = row.ledger_sequence !== null;
        if (!leftover) sequence += 1;
        const ledger = leftover
          ? { sequence: Number(row.ledger_sequence), previousHash: row.ledger_previous_hash as string }
          : { sequence, previousHash };
        const envelope = { ...(row.envelope as EventEnvelope), ledger };
        const canonical = canonicalJson(envelope);
        placed.push({ id: row.id, topic: row.topic, partition_key: row.partition_key, envelope, canonical });
        if (leftover) continue;
        placedPrevious.push(previousHash);
        previousHash = sha256Hex(canonical);
        placedIds.push(row.id);
        placedSequences.push(sequence);
        placedHashes.push(previousHash);
      }
      if (placedIds.length > 0) {
        await client.query(
          `UPDATE ${s}.outbox o SET ledger_sequence = p.sequence, ledger_hash = p.hash, ledger_previous_hash = p.previous
             FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[]) AS p(id, sequence, hash, previous)
            WHERE o.id = p.id`,
          [placedIds, placedSequences, placedHashes, placedPrevious],
        );
        await client.query(`UPDATE ${s}.ledger_head SET sequence = $1, hash = $2 WHERE id = 1`, [sequence, previousHash]);
      }
      await client.query('COMMIT');
      return placed;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}
