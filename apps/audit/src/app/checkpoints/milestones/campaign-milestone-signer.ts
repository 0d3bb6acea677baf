import { ServiceName } from '@hailong/contracts';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CHECKPOINT_CONFIG, CheckpointConfig } from '../checkpoint.config';
import { SignCheckpointsHandler } from '../commands/sign-checkpoints/sign-checkpoints.handler';

interface PendingRow {
  event_id: string;
  milestone: 'campaign-closed' | 'campaign-published';
  campaign_id: string;
  ledger: ServiceName;
  sequence: string;
  correlation_id: string;
}

/** How often pending milestones are retried: the ledger index usually catches up within a second or two. */
const RETRY_MS = Number(process.env['AUDIT_MILESTONE_RETRY_MS'] ?? 2000);

/**
 * Signs every ledger head at each campaign close and publication, once the chain the audit has verified
 * reaches the milestone's own event (signCampaignMilestone answers false until then, and the milestone
 * stays pending). A milestone is removed after it is signed, so a crash between the two signs it again —
 * a second checkpoint of the same heads, harmless — and never leaves it unsigned.
 */
@Injectable()
export class CampaignMilestoneSigner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Checkpoints');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handler: SignCheckpointsHandler,
    @Inject(CHECKPOINT_CONFIG) private readonly config: CheckpointConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.signer) return; // CheckpointSchedule already warns
    this.timer = setInterval(() => this.tick(), RETRY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.signPending()
      .then(() => undefined)
      .catch((error: Error) => this.logger.error(`campaign milestone checkpoint failed: ${error.message}`))
      .finally(() => (this.running = null));
  }

  /** Signs what can be signed now, oldest first; stops at the first milestone whose ledger is not verified that far. */
  async signPending(): Promise<number> {
    const pending: PendingRow[] = await this.dataSource.query(`SELECT * FROM audit.pending_milestones ORDER BY seen_at, sequence`);
    let signed = 0;
    for (const row of pending) {
      const result = await this.handler.signCampaignMilestone(
        row.milestone,
        row.campaign_id,
        { ledger: row.ledger, sequence: Number(row.sequence) },
        row.correlation_id,
      );
      if (result === false) continue;
      await this.dataSource.query(`DELETE FROM audit.pending_milestones WHERE event_id = $1`, [row.event_id]);
      this.logger.log(`${row.milestone} ${row.campaign_id}: signed ${result.signed.map((c) => `${c.ledger}#${c.sequence}`).join(', ')}`);
      signed += 1;
    }
    return signed;
  }
}
