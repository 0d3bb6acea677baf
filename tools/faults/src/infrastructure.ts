import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The fault suite's own infrastructure: a PostgreSQL cluster and a Kafka broker that nobody else uses,
 * in a temporary directory, so killing and restarting them disturbs no other suite (the shared broker
 * on 9092 and the server on 5432 keep running). Both are the real programs: the distribution's
 * PostgreSQL binaries and the broker of tools/kafka/kafka.sh.
 */

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

/** The newest PostgreSQL installed from the distribution (/usr/lib/postgresql/<major>/bin). */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => /^\d+$/.test(d)) : [];
  if (majors.length === 0) throw new Error(`no PostgreSQL server binaries under ${root}`);
  return join(root, majors.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

/**
 * A PostgreSQL cluster of its own on 127.0.0.1:port with trust authentication. initdb refuses to run
 * as root, so as root the cluster belongs to the `postgres` user and its commands run through runuser.
 */
export class OwnPostgres {
  private readonly bin = postgresBin();
  private readonly asRoot = process.getuid?.() === 0;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** The server URL without a database, as TEST_DATABASE_SERVER_URL expects it. */
  get serverUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  static async create(port: number): Promise<OwnPostgres> {
    if (await portOpen(port)) throw new Error(`port ${port} is taken: the fault suite needs it for its own PostgreSQL`);
    const dir = mkdtempSync(join(tmpdir(), 'hailong-faults-pg-'));
    const pg = new OwnPostgres(dir, port);
    if (pg.asRoot) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    await pg.pgCommand('initdb', ['-D', join(dir, 'data'), '--auth=trust', '--username=postgres', '--encoding=UTF8', '--no-sync']);
    await pg.start();
    return pg;
  }

  private async pgCommand(program: string, args: string[]): Promise<string> {
    const [file, argv] = this.asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(this.bin, program), ...args]]
      : [join(this.bin, program), args];
    try {
      const { stdout } = await run(file, argv, { cwd: this.dir, timeout: 120000 });
      return stdout;
    } catch (error) {
      const failure = error as { stderr?: string; stdout?: string; message: string };
      throw new Error(`${program} ${args.join(' ')} failed: ${failure.message}\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
    }
  }

  async start(): Promise<void> {
    const options = [
      `-p ${this.port}`,
      `-k ${this.dir}`,
      `-c listen_addresses=127.0.0.1`,
      `-c max_connections=300`,
      `-c shared_buffers=64MB`,
    ].join(' ');
    await this.pgCommand('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-o',
      options,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
    await waitFor(`PostgreSQL on ${this.port}`, () => portOpen(this.port), 30000);
  }

  /**
   * Stops the server the way a crash does (`immediate`: no checkpoint, every session cut; the next
   * start replays the WAL).
   */
  async crash(): Promise<void> {
    await this.pgCommand('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  }

  async stop(): Promise<void> {
    await this.pgCommand('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']).catch(() => undefined);
  }

  log(lines = 40): string {
    const file = join(this.dir, 'server.log');
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A Kafka broker of its own (tools/kafka/kafka.sh with its own ports and data directory). SIGKILL is
 * sent by this process to the broker's pid, as a crash; `start` recovers from the data kept.
 */
export class OwnKafka {
  private constructor(
    readonly dataDir: string,
    readonly port: number,
    readonly controllerPort: number,
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  static async create(port: number, controllerPort: number): Promise<OwnKafka> {
    for (const p of [port, controllerPort]) {
      if (await portOpen(p)) throw new Error(`port ${p} is taken: the fault suite needs it for its own Kafka broker`);
    }
    const kafka = new OwnKafka(mkdtempSync(join(tmpdir(), 'hailong-faults-kafka-')), port, controllerPort);
    await kafka.start();
    return kafka;
  }

  private async script(command: string): Promise<void> {
    try {
      await run(join(process.cwd(), 'tools', 'kafka', 'kafka.sh'), [command], {
        env: {
          ...process.env,
          KAFKA_PORT: String(this.port),
          KAFKA_CONTROLLER_PORT: String(this.controllerPort),
          KAFKA_DATA_DIR: join(this.dataDir, 'broker'),
          KAFKA_NUM_PARTITIONS: '3',
        },
        timeout: 300000,
      });
    } catch (error) {
      const failure = error as { stderr?: string; message: string };
      throw new Error(`kafka.sh ${command} failed: ${failure.message}\n${failure.stderr ?? ''}`);
    }
  }

  start(): Promise<void> {
    return this.script('start');
  }

  pid(): number | null {
    const file = join(this.dataDir, 'broker', 'kafka.pid');
    if (!existsSync(file)) return null;
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  }

  /** SIGKILL to the broker, then waits until its port is closed. */
  async kill(): Promise<void> {
    const pid = this.pid();
    if (pid === null) throw new Error('the fault suite’s Kafka broker is not running');
    process.kill(pid, 'SIGKILL');
    await waitFor(`Kafka (pid ${pid}) to die`, async () => !(await portOpen(this.port)), 30000);
  }

  async destroy(): Promise<void> {
    await this.script('reset').catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
