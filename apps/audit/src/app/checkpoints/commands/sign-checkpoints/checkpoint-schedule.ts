import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CHECKPOINT_CONFIG, CheckpointConfig } from '../../checkpoint.config';
import { serviceActor, SignCheckpointsHandler } from './sign-checkpoints.handler';

/** Signs the heads every AUDIT_CHECKPOINT_INTERVAL_SECONDS (when a signing key is configured). */
@Injectable()
export class CheckpointSchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Checkpoints');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly handler: SignCheckpointsHandler,
    @Inject(CHECKPOINT_CONFIG) private readonly config: CheckpointConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.signer) {
      this.logger.warn('no AUDIT_CHECKPOINT_SIGNING_KEY: ledger heads will not be signed');
      return;
    }
    if (this.config.intervalSeconds === 0) return;
    this.logger.log(`signing ledger heads every ${this.config.intervalSeconds} s with key ${this.config.signer.keyId}`);
    this.timer = setInterval(() => this.tick(), this.config.intervalSeconds * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return; // the previous round is still reading or signing
    this.running = this.handler
      .execute('periodic', serviceActor)
      .then((result) => {
        if (result.signed.length) this.logger.log(`signed ${result.signed.map((c) => `${c.ledger}#${c.sequence}`).join(', ')}`);
      })
      .catch((error: Error) => this.logger.error(`periodic checkpoint failed: ${error.message}`))
      .finally(() => (this.running = null));
  }
}
