import { MessageLocation } from '@hailong/audit/domain';
import { LedgerCheckpoint, ServiceName } from '@hailong/contracts';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CheckpointView } from '../../../checkpoints/commands/sign-checkpoints/sign-checkpoints.handler';

/** A receipt as GET /receipts/{responseId} answers it; its JSON is what the verify-receipt command reads. */
export interface ReceiptView {
  readonly responseId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly ledger: ServiceName;
  readonly sequence: number;
  readonly hash: string;
  readonly previousHash: string;
  /** Where the audit read the event (topic without the deployment prefix). */
  readonly location: MessageLocation;
  /** `covered`: a signed checkpoint covers the place; `awaiting-checkpoint`: not yet. */
  readonly status: 'covered' | 'awaiting-checkpoint';
  readonly checkpoint: CheckpointView | null;
}

interface EntryRow {
  ledger: ServiceName;
  sequence: string;
  hash: string;
  previous_hash: string;
  event_id: string;
  event_type: string;
  response_id: string;
  topic: string;
  partition: number;
  offset: string;
  on_chain: boolean;
}

/**
 * Finds the event that accepted a response in the audit's index of the log, and the earliest signed
 * checkpoint covering its place — only if the event is on the chain the audit verified, so a copy or
 * an insertion carrying the same response id never gets a checkpoint attached.
 */
@Injectable()
export class GetReceiptHandler {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(responseId: string): Promise<ReceiptView> {
    const rows: EntryRow[] = await this.dataSource.query(
      `SELECT ledger, sequence, hash, previous_hash, event_id, event_type, response_id, topic, partition, "offset", on_chain
         FROM audit.ledger_entries
        WHERE response_id = $1 AND sequence IS NOT NULL AND event_type IN ('ResponseSubmitted', 'ResponseCorrected')
        ORDER BY on_chain DESC, sequence LIMIT 1`,
      [responseId],
    );
    const entry = rows[0];
    if (!entry) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: 'No accepted response with this id is in the log yet (the audit reads it within seconds of its acceptance)',
        messageVi: 'Chưa có phản hồi nào với mã này trong nhật ký (kiểm toán đọc được trong vài giây sau khi phản hồi được tiếp nhận)',
      });
    }
    let checkpoint: CheckpointView | null = null;
    if (entry.on_chain) {
      const [covering]: { data: LedgerCheckpoint; event_id: string }[] = await this.dataSource.query(
        `SELECT data, event_id FROM audit.checkpoints WHERE ledger = $1 AND sequence >= $2 ORDER BY sequence, signed_at LIMIT 1`,
        [entry.ledger, entry.sequence],
      );
      if (covering) checkpoint = { ...covering.data, eventId: covering.event_id };
    }
    return {
      responseId: entry.response_id,
      eventId: entry.event_id,
      eventType: entry.event_type,
      ledger: entry.ledger,
      sequence: Number(entry.sequence),
      hash: entry.hash,
      previousHash: entry.previous_hash,
      location: { topic: entry.topic, partition: entry.partition, offset: String(entry.offset) },
      status: checkpoint ? 'covered' : 'awaiting-checkpoint',
      checkpoint,
    };
  }
}
