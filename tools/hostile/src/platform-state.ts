import { randomUUID } from 'node:crypto';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

/** Row counts of every table of every service schema, and the end offset of every platform topic. */
export interface StateSnapshot {
  readonly rows: Readonly<Record<string, number>>;
  readonly offsets: Readonly<Record<string, number>>;
}

const SYSTEM_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast'];

/**
 * What a refused request must not change, measured from outside the services: the database they
 * write (every schema, every table, found anew each time so tables added by a migration count too)
 * and the topics under the platform's prefix.
 */
export class PlatformState {
  private constructor(
    private readonly db: Client,
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly topicPrefix: string,
  ) {}

  static async connect(databaseUrl: string, brokers: string, topicPrefix: string): Promise<PlatformState> {
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const kafka = new Kafka({ clientId: 'hostile-probe', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    return new PlatformState(db, kafka, admin, topicPrefix);
  }

  async snapshot(): Promise<StateSnapshot> {
    const [rows, offsets] = await Promise.all([this.rowCounts(), this.topicOffsets()]);
    return { rows, offsets };
  }

  async rowCounts(): Promise<Record<string, number>> {
    const tables = await this.db.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema <> ALL($1) ORDER BY 1, 2`,
      [SYSTEM_SCHEMAS],
    );
    if (tables.rows.length === 0) return {};
    const sql = tables.rows
      .map(({ schema, name }) => `SELECT '${schema}.${name}' AS t, count(*)::int AS n FROM ${quote(schema)}.${quote(name)}`)
      .join(' UNION ALL ');
    const counts = await this.db.query<{ t: string; n: number }>(sql);
    return Object.fromEntries(counts.rows.map((r) => [r.t, r.n]));
  }

  async topicOffsets(): Promise<Record<string, number>> {
    const topics = (await this.admin.listTopics()).filter((t) => t.startsWith(this.topicPrefix)).sort();
    const ends = await Promise.all(
      topics.map(
        async (topic) => [topic, (await this.admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0)] as const,
      ),
    );
    return Object.fromEntries(ends);
  }

  /**
   * Waits until the platform is at rest: every outbox row published, every consumer at the end of
   * the partitions it has started on, and two snapshots a moment apart equal. Cases after an
   * accepted one compare against this, not against a consumer still catching up.
   */
  async settle(timeoutMs = 30000): Promise<StateSnapshot> {
    const deadline = Date.now() + timeoutMs;
    let previous = await this.snapshot();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const current = await this.snapshot();
      if (sameState(previous, current) && (await this.backlog()) === 0) return current;
      if (Date.now() > deadline)
        throw new Error(`the platform did not settle in ${timeoutMs} ms: ${describeChanges(previous, current).join(', ')}`);
      previous = current;
    }
  }

  /** Unpublished outbox rows plus consumer lag, over every schema that has the platform's messaging tables. */
  async backlog(): Promise<number> {
    const schemas = await this.db.query<{ schema: string; outbox: boolean; offsets: boolean }>(
      `SELECT table_schema AS schema, bool_or(table_name = 'outbox') AS outbox, bool_or(table_name = 'consumer_offsets') AS offsets
         FROM information_schema.tables WHERE table_name IN ('outbox', 'consumer_offsets') GROUP BY table_schema`,
    );
    let pending = 0;
    const ends = new Map<string, Map<number, number>>();
    for (const { schema, outbox, offsets } of schemas.rows) {
      if (outbox)
        pending += (await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quote(schema)}.outbox WHERE published_at IS NULL`))
          .rows[0].n;
      if (!offsets) continue;
      const committed = await this.db.query<{ topic: string; partition: number; next: string }>(
        `SELECT topic, partition, next_offset AS next FROM ${quote(schema)}.consumer_offsets`,
      );
      for (const row of committed.rows) {
        if (!ends.has(row.topic)) {
          const partitions = await this.admin.fetchTopicOffsets(row.topic).catch(() => []);
          ends.set(row.topic, new Map(partitions.map((p) => [p.partition, Number(p.high)])));
        }
        pending += Math.max(0, (ends.get(row.topic)?.get(row.partition) ?? 0) - Number(row.next));
      }
    }
    return pending;
  }

  /** Rows of every table whose text holds `needle` (composed exactly as given), by table. */
  async tablesContaining(needle: string): Promise<Record<string, number>> {
    const tables = await this.db.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema <> ALL($1)`,
      [SYSTEM_SCHEMAS],
    );
    const found: Record<string, number> = {};
    for (const { schema, name } of tables.rows) {
      const { rows } = await this.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${quote(schema)}.${quote(name)} t WHERE strpos(t::text, $1) > 0`,
        [needle],
      );
      if (rows[0].n > 0) found[`${schema}.${name}`] = rows[0].n;
    }
    return found;
  }

  /**
   * Every message of every platform topic, key, value and headers as text, from offset 0 to where
   * each partition ended when the read began: what a scan for data in clear has to look at.
   */
  async readAllMessages(timeoutMs = 60000): Promise<{ topic: string; partition: number; offset: string; text: string }[]> {
    const topics = (await this.admin.listTopics()).filter((t) => t.startsWith(this.topicPrefix));
    const remaining = new Map<string, bigint>();
    for (const topic of topics)
      for (const p of await this.admin.fetchTopicOffsets(topic))
        if (BigInt(p.high) > BigInt(p.low)) remaining.set(`${topic}/${p.partition}`, BigInt(p.high));
    const messages: { topic: string; partition: number; offset: string; text: string }[] = [];
    if (remaining.size === 0) return messages;
    const consumer = this.kafka.consumer({
      groupId: `${this.topicPrefix}hostile-scan-${randomUUID()}`,
      sessionTimeout: 6000,
      heartbeatInterval: 1000,
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`topics not read to their end in ${timeoutMs} ms: ${[...remaining.keys()].join(', ')}`)),
          timeoutMs,
        );
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch, heartbeat }) => {
              const key = `${batch.topic}/${batch.partition}`;
              const end = remaining.get(key) ?? 0n;
              for (const m of batch.messages) {
                if (BigInt(m.offset) >= end) continue;
                const headers = Object.entries(m.headers ?? {}).map(([k, v]) => `${k}=${v?.toString() ?? ''}`);
                messages.push({
                  topic: batch.topic,
                  partition: batch.partition,
                  offset: m.offset,
                  text: [m.key?.toString() ?? '', m.value?.toString() ?? '', ...headers].join('\n'),
                });
              }
              if (BigInt(batch.lastOffset()) + 1n >= end) remaining.delete(key);
              await heartbeat();
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return messages;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.db.end(), this.admin.disconnect()]);
  }
}

export function sameState(a: StateSnapshot, b: StateSnapshot): boolean {
  return describeChanges(a, b).length === 0;
}

/** `directory.unit_events 12→13`, `t-x.directory.events +1`: what differs between two snapshots. */
export function describeChanges(before: StateSnapshot, after: StateSnapshot): string[] {
  const changes: string[] = [];
  for (const [kind, a, b] of [
    ['rows', before.rows, after.rows],
    ['offsets', before.offsets, after.offsets],
  ] as const) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (a[key] !== b[key]) changes.push(`${kind} ${key} ${a[key] ?? 'absent'}→${b[key] ?? 'absent'}`);
    }
  }
  return changes;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
