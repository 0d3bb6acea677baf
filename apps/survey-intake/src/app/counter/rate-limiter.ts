import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { INTAKE_SCHEMA } from '../migrations';

/**
 * Fixed-window counters in PostgreSQL. An in-memory limiter (such as @nestjs/throttler's default
 * storage) would count per process, so N intake replicas would allow N times the limit; the
 * platform has no Redis, and intake already holds a database connection for every request here.
 */
@Injectable()
export class RateLimiter {
  private readonly table = `"${INTAKE_SCHEMA}".rate_limit_windows`;
  private lastPurge = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts a hit in each bucket; returns the first bucket over its limit and when its window ends, or null. */
  async hit(
    buckets: readonly { key: string; limit: number }[],
    windowSeconds: number,
    now = new Date(),
  ): Promise<{ key: string; retryAfterSeconds: number } | null> {
    const windowMs = windowSeconds * 1000;
    const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
    const rows: { bucket: string; hits: number }[] = await this.dataSource.query(
      `INSERT INTO ${this.table} (bucket, window_start, hits) SELECT b, $2, 1 FROM unnest($1::text[]) AS b
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = ${this.table}.hits + 1 RETURNING bucket, hits`,
      [buckets.map((b) => b.key), start],
    );
    if (now.getTime() - this.lastPurge > windowMs) {
      this.lastPurge = now.getTime();
      await this.dataSource.query(`DELETE FROM ${this.table} WHERE window_start < $1`, [new Date(start.getTime() - windowMs)]);
    }
    const over = buckets.find((b) => (rows.find((r) => r.bucket === b.key)?.hits ?? 0) > b.limit);
    return over ? { key: over.key, retryAfterSeconds: Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000) } : null;
  }
}
