import { KafkaProjectionServer } from '@hailong/platform/messaging';
import { INestApplication } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { GracefulShutdown, shutdownSettingsFromEnv } from './graceful-shutdown';
import { ServiceLifecycle } from './service-lifecycle';

/** A stand-in HTTP server that records when it is closed and keeps one request in flight for a while. */
class FakeServer extends EventEmitter {
  constructor(
    private readonly steps: string[],
    private readonly inFlightMs: number,
  ) {
    super();
  }
  close(callback: () => void) {
    this.steps.push('http: stop accepting');
    setTimeout(() => {
      this.steps.push('http: last request answered');
      callback();
    }, this.inFlightMs);
  }
  closeIdleConnections() {
    return undefined;
  }
  closeAllConnections() {
    this.steps.push('http: connections cut');
  }
}

function harness({ inFlightMs = 20, httpTimeoutMs = 1000, appCloseFails = false } = {}) {
  const steps: string[] = [];
  const lifecycle = new ServiceLifecycle();
  const server = new FakeServer(steps, inFlightMs);
  const app = {
    getHttpServer: () => server,
    close: async () => {
      steps.push(`app.close (relay drains, database closes); ready=${!lifecycle.shuttingDown}`);
      if (appCloseFails) throw new Error('relay could not stop');
    },
  } as unknown as INestApplication;
  const projections = { close: async () => void steps.push('consumers: commit and leave') } as unknown as KafkaProjectionServer;
  const logger = { log: () => undefined, warn: () => undefined, error: () => undefined };
  const shutdown = new GracefulShutdown(app, projections, lifecycle, { delayMs: 0, httpTimeoutMs, timeoutMs: 5000 }, logger);
  return { steps, lifecycle, shutdown };
}

describe('GracefulShutdown', () => {
  let exit: jest.SpyInstance;
  beforeEach(() => {
    exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  });
  afterEach(async () => {
    // The exit is scheduled with setImmediate: let it land on the stub.
    await new Promise((resolve) => setImmediate(resolve));
    exit.mockRestore();
  });
  const exited = () => new Promise((resolve) => setImmediate(resolve));

  it('fails readiness first, then stops HTTP and waits for the request in flight, then the consumers, then the relay and database, and exits 0', async () => {
    const { steps, lifecycle, shutdown } = harness();
    const run = shutdown.run('SIGTERM');
    expect(lifecycle.shuttingDown).toBe(true);
    await run;
    await exited();
    expect(steps).toEqual([
      'http: stop accepting',
      'http: last request answered',
      'consumers: commit and leave',
      'app.close (relay drains, database closes); ready=false',
    ]);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('cuts connections whose requests outlast SHUTDOWN_HTTP_TIMEOUT_MS and goes on', async () => {
    const { steps, shutdown } = harness({ inFlightMs: 200, httpTimeoutMs: 20 });
    await shutdown.run('SIGTERM');
    expect(steps.slice(0, 3)).toEqual(['http: stop accepting', 'http: connections cut', 'http: last request answered']);
  });

  it('exits 1 when a step fails', async () => {
    const { shutdown } = harness({ appCloseFails: true });
    await shutdown.run('SIGTERM');
    await exited();
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('runs once however many signals arrive', async () => {
    const { steps, shutdown } = harness();
    await Promise.all([shutdown.run('SIGTERM'), shutdown.run('SIGINT')]);
    expect(steps.filter((s) => s === 'consumers: commit and leave')).toHaveLength(1);
  });
});

describe('shutdownSettingsFromEnv', () => {
  it('has safe local defaults and refuses what is not a duration', () => {
    expect(shutdownSettingsFromEnv({})).toEqual({ delayMs: 0, httpTimeoutMs: 10000, timeoutMs: 25000 });
    expect(() => shutdownSettingsFromEnv({ SHUTDOWN_DELAY_MS: 'soon' })).toThrow('SHUTDOWN_DELAY_MS must be an integer');
  });
});
