import { ChainHead, ChainStop, extendChain } from '@hailong/audit/domain';
import {
  Actor as EventActor,
  CheckpointReason,
  createEvent,
  LedgerCheckpoint,
  LedgerCheckpointSigned,
  SERVICES,
  ServiceName,
} from '@hailong/contracts';
import { OutboxWriter } from '@hailong/platform/messaging';
import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CHECKPOINT_CONFIG, CheckpointConfig, CHECKPOINT_ENV } from '../../checkpoint.config';

/** A checkpoint as served: the signed data, exactly as signed, and the event that published it. */
export type CheckpointView = LedgerCheckpoint & { readonly eventId: string };

export interface LedgerProgress {
  readonly ledger: ServiceName;
  /** The last place the audit has connected to the ledger's first event. */
  readonly verifiedHead: ChainHead | null;
  /** Why the verified chain stops there ('end': nothing more read yet). */
  readonly stop: ChainStop;
}

export interface SignCheckpointsResult {
  /** Checkpoints signed by this call. */
  readonly signed: readonly CheckpointView[];
  /** Per ledger, the verified head and why it stops. */
  readonly ledgers: readonly LedgerProgress[];
}

export const serviceActor: EventActor = { id: 'audit', kind: 'service', roles: [] };

/** Places read per query when extending a chain, so a first run over a long ledger stays in bounded memory. */
const PAGE = 20_000;

interface EntryRow {
  sequence: string;
  previous_hash: string;
  hash: string;
}

/**
 * Signs each ledger's head: first extends the chain the audit has connected to each ledger's first event
 * over what its index has read since (extendChain: only events that link, one per place), then signs the
 * heads that moved — or every head for a campaign milestone — and publishes each checkpoint as a
 * LedgerCheckpointSigned event through the audit's outbox, in the transaction that records it.
 * A ledger with a broken link or a gap never gets a head past it signed.
 */
@Injectable()
export class SignCheckpointsHandler {
  private readonly logger = new Logger('Checkpoints');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(CHECKPOINT_CONFIG) private readonly config: CheckpointConfig,
  ) {}

  get canSign(): boolean {
    return this.config.signer !== null;
  }

  async execute(
    reason: CheckpointReason,
    actor: EventActor,
    { correlationId = randomUUID(), campaignId = null }: { correlationId?: string; campaignId?: string | null } = {},
  ): Promise<SignCheckpointsResult> {
    const signer = this.config.signer;
    if (!signer) {
      throw new ServiceUnavailableException({
        statusCode: 503,
        error: 'Service Unavailable',
        message: `checkpoint signing is not configured on this audit service (${CHECKPOINT_ENV.signingKey})`,
        messageVi: `dịch vụ kiểm toán này chưa được cấu hình khóa ký điểm kiểm tra (${CHECKPOINT_ENV.signingKey})`,
      });
    }
    return this.dataSource.transaction(async (manager) => {
      // One signer at a time across audit processes; the others wait and then find nothing new.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('hailong-audit-checkpoints'))`);
      const ledgers: LedgerProgress[] = [];
      for (const ledger of SERVICES) ledgers.push(await this.extend(manager, ledger));
      const latest = await latestCheckpoints(manager);
      const moved = (p: LedgerProgress) => {
        const last = latest.get(p.ledger);
        return p.verifiedHead !== null && (!last || p.verifiedHead.sequence > last.sequence || last.keyId !== signer.keyId);
      };
      // The audit's own ledger moves with every checkpoint it signs: alone, that is no reason for another round.
      const othersMoved = ledgers.some((p) => p.ledger !== 'audit' && moved(p));
      const milestone = reason === 'campaign-closed' || reason === 'campaign-published';
      const due = ledgers.filter((p) => p.verifiedHead !== null && (milestone || (moved(p) && (reason !== 'periodic' || othersMoved))));

      const signedAt = new Date().toISOString();
      const signed: CheckpointView[] = [];
      for (const { ledger, verifiedHead } of due) {
        const head = verifiedHead as ChainHead;
        const checkpoint = signer.sign({
          checkpointId: randomUUID(),
          ledger,
          sequence: head.sequence,
          hash: head.hash,
          signedAt,
          reason,
          campaignId,
        });
        const event = createEvent(LedgerCheckpointSigned, ledger, checkpoint, { source: 'audit', actor, correlationId });
        await manager.query(
          `INSERT INTO audit.checkpoints (checkpoint_id, ledger, sequence, hash, key_id, reason, campaign_id, signed_at, actor_id, event_id, data)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            checkpoint.checkpointId,
            ledger,
            head.sequence,
            head.hash,
            checkpoint.keyId,
            reason,
            campaignId,
            signedAt,
            actor.id,
            event.id,
            checkpoint,
          ],
        );
        await this.outbox.append(manager, [event]);
        signed.push({ ...checkpoint, eventId: event.id });
      }
      return { signed, ledgers };
    });
  }

  /**
   * The hook for campaign milestones (issue 6 wires it): once intake's CampaignClosed, or scoring's
   * publication, is on the chain the audit has verified, sign every head with the campaign's id. Answers
   * false without signing while the verified head of `ledger` has not reached `sequence` yet, so the
   * caller (a projection of those events) retries later instead of signing a head that misses them.
   */
  async signCampaignMilestone(
    milestone: Extract<CheckpointReason, 'campaign-closed' | 'campaign-published'>,
    campaignId: string,
    mustCover: { readonly ledger: ServiceName; readonly sequence: number },
    correlationId?: string,
  ): Promise<SignCheckpointsResult | false> {
    const progress = await this.dataSource.transaction((manager) => this.extend(manager, mustCover.ledger));
    if ((progress.verifiedHead?.sequence ?? 0) < mustCover.sequence) return false;
    return this.execute(milestone, serviceActor, { campaignId, correlationId });
  }

  private async extend(manager: EntityManager, ledger: ServiceName): Promise<LedgerProgress> {
    const [stored]: { sequence: string; hash: string }[] = await manager.query(
      `SELECT sequence, hash FROM audit.ledger_entries WHERE ledger = $1 AND on_chain ORDER BY sequence DESC LIMIT 1`,
      [ledger],
    );
    let head: ChainHead | null = stored ? { sequence: Number(stored.sequence), hash: stored.hash } : null;
    let stop: ChainStop = { kind: 'end' };
    for (;;) {
      const from = head?.sequence ?? 0;
      const rows: EntryRow[] = await manager.query(
        `SELECT sequence, previous_hash, hash FROM audit.ledger_entries
          WHERE ledger = $1 AND sequence > $2 AND sequence <= $3 ORDER BY sequence`,
        [ledger, from, from + PAGE + 1],
      );
      if (rows.length === 0) break;
      const result = extendChain(
        head,
        rows.map((r) => ({ sequence: Number(r.sequence), previousHash: r.previous_hash, hash: r.hash })),
      );
      if (result.accepted.length > 0) {
        await manager.query(`UPDATE audit.ledger_entries SET on_chain = true WHERE ledger = $1 AND hash = ANY($2::text[])`, [
          ledger,
          result.accepted.map((a) => a.hash),
        ]);
      }
      head = result.head;
      stop = result.stop;
      if (stop.kind !== 'end' || result.accepted.length === 0) break;
    }
    if (stop.kind === 'broken-link' || stop.kind === 'conflict') {
      this.logger.warn(
        `ledger ${ledger}: the verified chain stops at place ${head?.sequence ?? 0} (${stop.kind} at ${stop.sequence}); no checkpoint will cover anything past it`,
      );
    }
    return { ledger, verifiedHead: head, stop };
  }
}

/** The newest checkpoint of each ledger. */
export async function latestCheckpoints(manager: EntityManager | DataSource): Promise<Map<ServiceName, CheckpointView>> {
  const rows: { ledger: ServiceName; data: LedgerCheckpoint; event_id: string }[] = await manager.query(
    `SELECT DISTINCT ON (ledger) ledger, data, event_id FROM audit.checkpoints ORDER BY ledger, sequence DESC, signed_at DESC`,
  );
  return new Map(rows.map((r) => [r.ledger, { ...r.data, eventId: r.event_id }]));
}
