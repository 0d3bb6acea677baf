import { Injectable } from '@nestjs/common';

/**
 * Whether the service is shutting down. From the moment SIGTERM arrives readiness answers 503 (so
 * Kubernetes stops routing to the pod) and every response asks its client to close the connection,
 * while requests already sent are still answered.
 */
@Injectable()
export class ServiceLifecycle {
  private shutdownStartedAt: number | null = null;

  get shuttingDown(): boolean {
    return this.shutdownStartedAt !== null;
  }

  beginShutdown(): void {
    this.shutdownStartedAt ??= Date.now();
  }
}
