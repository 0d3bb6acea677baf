import { EventDecodeError, EventEnvelope, platformEvents, Topics } from '@hailong/contracts';
import { Actor } from '@hailong/platform/auth';
import { KAFKA, MESSAGING_CONFIG, MessagingConfig, readTopicToEnd } from '@hailong/platform/messaging';
import { applyScoringEvents, SCORING_EVENT_TYPES } from '@hailong/scoring/data-access';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AUDIT_SCHEMA } from '../migrations';

export interface ReplayReport {
  readonly replayId: string;
  readonly messages: number;
  readonly applied: number;
  readonly duplicates: number;
  readonly undecodable: number;
  readonly endOffsets: Record<number, string>;
}

/**
 * Rebuilds the response figures from the response topic alone, from offset 0, into the audit's
 * own schema, with the same code as scoring's projection (responses, voids, corrections, campaigns).
 * Nothing of scoring's database is read.
 */
@Injectable()
export class ReplayService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
  ) {}

  async replayResponses(actor: Actor): Promise<ReplayReport> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }]: { locked: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock(hashtext('audit-replay')) AS locked`);
      if (!locked) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: 'a replay is already running',
          messageVi: 'đang có một lần phát lại khác',
        });
      }
      const replayId = randomUUID();
      await runner.query(
        `TRUNCATE audit.unit_responses, audit.unit_item_levels, audit.score_cells, audit.scored_responses, audit.campaigns, audit.questionnaires,
                  audit.replay_seen, audit.replay_counted`,
      );
      await runner.query(`INSERT INTO audit.replays (replay_id, started_at, actor_id) VALUES ($1, now(), $2)`, [replayId, actor.id]);
      let applied = 0;
      let duplicates = 0;
      let undecodable = 0;
      const read = await readTopicToEnd(this.kafka, this.config, Topics.intakeResponses, async (_partition, messages) => {
        const events: EventEnvelope[] = [];
        for (const message of messages) {
          try {
            const event = platformEvents.decode(message.value ?? Buffer.alloc(0));
            if (SCORING_EVENT_TYPES.includes(event.type)) events.push(event);
          } catch (error) {
            if (!(error instanceof EventDecodeError)) throw error;
            undecodable += 1;
          }
        }
        await this.dataSource.transaction(async (manager) => {
          const fresh: { event_id: string }[] = await manager.query(
            `INSERT INTO audit.replay_seen (event_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`,
            [events.map((e) => e.id)],
          );
          const ids = new Set(fresh.map((r) => r.event_id));
          const toApply = events.filter((e) => ids.delete(e.id));
          duplicates += events.length - toApply.length;
          applied += toApply.length;
          await applyScoringEvents(manager, AUDIT_SCHEMA, toApply);
        });
      });
      await runner.query(
        `UPDATE audit.replays SET finished_at = now(), messages = $2, applied = $3, duplicates = $4, undecodable = $5, end_offsets = $6
          WHERE replay_id = $1`,
        [replayId, read.messages, applied, duplicates, undecodable, JSON.stringify(read.endOffsets)],
      );
      return { replayId, messages: read.messages, applied, duplicates, undecodable, endOffsets: read.endOffsets };
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext('audit-replay'))`).catch(() => undefined);
      await runner.release();
    }
  }
}
