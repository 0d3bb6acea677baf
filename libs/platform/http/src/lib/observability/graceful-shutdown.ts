import { KafkaProjectionServer } from '@hailong/platform/messaging';
import { INestApplication, LoggerService } from '@nestjs/common';
import { Server } from 'node:http';
import { ServiceLifecycle } from './service-lifecycle';

export interface ShutdownSettings {
  /** After SIGTERM, how long to keep serving while readiness fails, so load balancers stop routing here. */
  readonly delayMs: number;
  /** How long requests already in flight may take to finish before their connections are cut. */
  readonly httpTimeoutMs: number;
  /** The whole shutdown's bound; past it the process exits with status 1 (Kubernetes would SIGKILL it anyway). */
  readonly timeoutMs: number;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 600000)
    throw new Error(`${name} must be an integer from 0 to 600000 (ms), got ${raw}`);
  return value;
}

export function shutdownSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ShutdownSettings {
  return {
    delayMs: int(env, 'SHUTDOWN_DELAY_MS', 0),
    httpTimeoutMs: int(env, 'SHUTDOWN_HTTP_TIMEOUT_MS', 10000),
    timeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', 25000),
  };
}

/**
 * The order a service stops in on SIGTERM (or SIGINT):
 * 1. readiness answers 503 and responses ask clients to close their connections;
 * 2. after SHUTDOWN_DELAY_MS, the HTTP server takes no new connections and waits for the requests
 *    in flight (each commits and answers, or does not start);
 * 3. the projection consumers leave their groups: each commits the chunk it is applying together
 *    with its offsets and hands the rest of its partitions back to the group;
 * 4. Nest's own shutdown: the outbox relay sends what is left in the outbox (OUTBOX_DRAIN_MS) and
 *    closes its producer and lock; then the database pool closes;
 * 5. the metrics listener closes and the process exits 0 (1 if a step failed or SHUTDOWN_TIMEOUT_MS passed).
 * Nothing acknowledged is lost if a step is cut short: the outbox and the stored offsets are durable.
 */
export class GracefulShutdown {
  private started = false;

  constructor(
    private readonly app: INestApplication,
    private readonly projections: KafkaProjectionServer,
    private readonly lifecycle: ServiceLifecycle,
    private readonly settings: ShutdownSettings,
    private readonly logger: LoggerService,
    /** The separate metrics listener (METRICS_PORT), closed last so the shutdown stays observable. */
    private readonly metricsServer: Server | null = null,
  ) {}

  listen(): void {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void this.run(signal));
  }

  async run(signal: string): Promise<void> {
    if (this.started) return;
    this.started = true;
    const began = Date.now();
    this.logger.log(`${signal}: shutting down (readiness now fails)`);
    this.lifecycle.beginShutdown();
    const deadline = setTimeout(() => {
      this.logger.error(`shutdown did not finish within ${this.settings.timeoutMs} ms; exiting`);
      process.exit(1);
    }, this.settings.timeoutMs);
    deadline.unref();
    let status = 0;
    try {
      if (this.settings.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.settings.delayMs));
      await this.closeHttpServer();
      this.logger.log('HTTP server closed: no request in flight');
      await this.projections.close();
      await this.app.close();
      if (this.metricsServer) {
        const closed = new Promise((resolve) => this.metricsServer?.close(resolve));
        this.metricsServer.closeAllConnections();
        await closed;
      }
      this.logger.log(`shutdown complete in ${Date.now() - began} ms`);
    } catch (error) {
      status = 1;
      this.logger.error(`shutdown failed: ${(error as Error).stack ?? error}`);
    }
    clearTimeout(deadline);
    // Let the last log lines reach stdout before the process ends.
    setImmediate(() => process.exit(status));
  }

  /** Stops accepting connections and waits for in-flight requests; idle keep-alive connections are closed as they go idle. */
  private async closeHttpServer(): Promise<void> {
    const server = this.app.getHttpServer() as Server;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.settings.httpTimeoutMs)));
    try {
      if ((await Promise.race([closed, timeout])) === 'timeout') {
        this.logger.warn(`requests still open after ${this.settings.httpTimeoutMs} ms: closing their connections`);
        server.closeAllConnections();
        await closed;
      }
    } finally {
      clearInterval(idleSweep);
      clearTimeout(timer);
    }
  }
}
