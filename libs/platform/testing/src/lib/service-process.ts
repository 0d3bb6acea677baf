import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from './eventually';

export type ServiceApp = 'unit-directory' | 'survey-intake' | 'scoring' | 'audit';

/**
 * What the services' image sets for the process (its Dockerfile): the V8 heap cap (`ARG HEAP_MB`) and
 * glibc's arena limit (`MALLOC_ARENA_MAX`), so tests and the benchmark run each service with the memory
 * settings it has in production.
 */
export function imageEnvironment(root = process.cwd()): { nodeOptions: string; mallocArenaMax: string } {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const heap = /^ARG HEAP_MB=(\d+)$/m.exec(dockerfile);
  const arenas = /\bMALLOC_ARENA_MAX=(\d+)\b/.exec(dockerfile);
  if (!heap || !arenas) throw new Error('the Dockerfile sets no ARG HEAP_MB=<MB> or no MALLOC_ARENA_MAX=<n>');
  return { nodeOptions: `--max-old-space-size=${heap[1]}`, mallocArenaMax: arenas[1] };
}

/** Read from the Dockerfile once per test process. */
let imageSettings: ReturnType<typeof imageEnvironment> | undefined;

/**
 * One service as a separate process, started from its build output exactly as operations run it,
 * with the image's memory settings (imageEnvironment); NODE_OPTIONS given for the service come after
 * the image's, so a test's own --max-old-space-size wins.
 * Keeps its output so a failing test can show it.
 */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  readonly output: string[] = [];

  constructor(
    readonly app: ServiceApp,
    readonly port: number,
    private env: NodeJS.ProcessEnv,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  static mainOf(app: ServiceApp): string {
    const main = join(process.cwd(), 'dist', 'apps', app, 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: build first (npx nx run-many -t build)`);
    return main;
  }

  private processEnv(extraEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    // The runner's own NODE_OPTIONS (jest's, ts-node's) are not the service's.
    const own = extraEnv['NODE_OPTIONS'] ?? this.env['NODE_OPTIONS'] ?? '';
    const image = (imageSettings ??= imageEnvironment());
    return {
      MALLOC_ARENA_MAX: image.mallocArenaMax,
      ...process.env,
      ...this.env,
      ...extraEnv,
      NODE_OPTIONS: `${image.nodeOptions} ${own}`.trim(),
      PORT: String(this.port),
      NODE_ENV: 'production',
    };
  }

  async start(extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
    const child = spawn(process.execPath, [ServiceProcess.mainOf(this.app)], {
      env: this.processEnv(extraEnv),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString('utf8'));
      if (this.output.length > 2000) this.output.splice(0, 1000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ? -1 : code)));
    await this.waitUntilReady();
  }

  /** Starts without waiting for readiness: for a process expected to die at a fault point. */
  launch(extraEnv: NodeJS.ProcessEnv = {}): Promise<number | null> {
    const child = spawn(process.execPath, [ServiceProcess.mainOf(this.app)], {
      env: this.processEnv(extraEnv),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (c: Buffer) => this.output.push(c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => this.output.push(c.toString('utf8')));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ? -1 : code)));
    return this.exited;
  }

  async waitUntilReady(timeoutMs = 60000): Promise<void> {
    let dead = false;
    void this.exited.then(() => (dead = true));
    await eventually(
      async () => {
        if (dead) throw new Error(`${this.app} exited during start-up:\n${this.recentOutput()}`);
        const response = await fetch(`${this.url}/health/ready`);
        if (response.status !== 200) throw new Error(`${this.app} not ready: ${response.status}`);
      },
      { timeoutMs, intervalMs: 250 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- ${this.app} output ---\n${this.recentOutput()}`);
    });
  }

  /** Resolves with the exit code (-1 when killed by a signal) once the process ends on its own. */
  async waitForExit(timeoutMs = 30000): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.app} still running after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGTERM (graceful) or SIGKILL (a crash); resolves when the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    await this.exited;
  }

  recentOutput(lines = 60): string {
    return this.output.join('').split('\n').slice(-lines).join('\n');
  }
}
