import { LogCollector } from '@hailong/audit/domain';
import { ALL_TOPICS } from '@hailong/contracts';
import { KAFKA, MESSAGING_CONFIG, MessagingConfig } from '@hailong/platform/messaging';
import { ConflictException, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { CHECKPOINT_CONFIG, CheckpointConfig } from '../../../checkpoints/checkpoint.config';
import { readLogSnapshot } from '../../log-snapshot.reader';

/**
 * Verifies every service's ledger from the platform topics themselves (not from the audit's index):
 * one cut through all topics from offset 0, checked by @hailong/audit/domain, anchored on the log's
 * checkpoints that verify under the published keys. One run at a time per database.
 */
@Injectable()
export class VerifyLedgerHandler {
  private readonly logger = new Logger('LedgerVerification');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    @Inject(CHECKPOINT_CONFIG) private readonly checkpoints: CheckpointConfig,
  ) {}

  async execute() {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }]: { locked: boolean }[] = await runner.query(
        `SELECT pg_try_advisory_lock(hashtext('hailong-audit-verify')) AS locked`,
      );
      if (!locked) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: 'a ledger verification is already running',
          messageVi: 'đang có một lần kiểm tra sổ cái khác',
        });
      }
      const started = Date.now();
      const collector = new LogCollector();
      const read = await readLogSnapshot(this.kafka, this.config, ALL_TOPICS, (topic, partition, messages) => {
        for (const m of messages) collector.add({ topic, partition, offset: m.offset }, m.value);
      });
      const report = collector.verify(this.checkpoints.published);
      const seconds = (Date.now() - started) / 1000;
      this.logger.log(`verified ${read.messages} messages in ${seconds.toFixed(1)} s: ${report.faults} fault(s)`);
      return { ...report, read: { messages: read.messages, seconds, endOffsets: read.endOffsets, absentTopics: read.absentTopics } };
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext('hailong-audit-verify'))`).catch(() => undefined);
      await runner.release();
    }
  }
}
