import { cpus, loadavg, totalmem } from 'node:os';
import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { APPS, BenchPlatform } from './lib/bench-platform';
import { createBenchData } from './lib/bench-data';
import { MemorySampler } from './lib/memory';
import { BenchReport } from './lib/report';
import { BenchSizes } from './lib/sizes';
import { dashboardQueries } from './scenarios/dashboard';
import { auditIndex, auditReplay, rawConsume, scoringProjection, writeResponseLog } from './scenarios/event-log';
import { fileImport } from './scenarios/file-import';
import { freshness } from './scenarios/freshness';
import { singleResponses, tabletBatches } from './scenarios/intake';
import { outboxRelay } from './scenarios/relay';

const log = (text: string) => process.stdout.write(`[bench] ${text}\n`);

/** The scenarios by the names BENCH_ONLY takes; the later four need the response log, which is written for them. */
export const SCENARIOS = ['http', 'tablets', 'import', 'relay', 'freshness', 'projection', 'index', 'replay', 'dashboard'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/**
 * BENCH_ONLY=projection,replay runs just those scenarios and what they stand on (the dashboard reads
 * scoring's projection; the replay runs on the audit the index step starts); unset, every one.
 */
export function scenariosFromEnv(env: NodeJS.ProcessEnv = process.env): ReadonlySet<Scenario> {
  const raw = env['BENCH_ONLY'];
  if (!raw) return new Set(SCENARIOS);
  const asked = raw.split(',').map((s) => s.trim());
  const unknown = asked.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`BENCH_ONLY takes ${SCENARIOS.join(', ')}; not ${unknown.join(', ')}`);
  const only = new Set(asked as Scenario[]);
  if (only.has('dashboard')) only.add('projection');
  if (only.has('replay')) only.add('index');
  return only;
}

/** The machine as the report describes it: cores, memory, load when the run began, versions of what ran. */
function machine(): string {
  const pg = (() => {
    try {
      return execSync(`psql -h 127.0.0.1 -U postgres -Atc 'SHOW server_version'`, { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  return `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} at the start; Node ${process.version}, PostgreSQL ${pg} and Kafka (tools/kafka/kafka.sh) on the same cores`;
}

/**
 * Every scenario in order, on one platform: intake first (HTTP, tablets, relay, freshness) while the
 * topic is small, then the large log written straight to the topic, scoring's projection, the audit's
 * index and replay, and the dashboard over everything.
 */
export async function runBench(sizes: BenchSizes, only: ReadonlySet<Scenario> = new Set(SCENARIOS)): Promise<BenchReport> {
  const report = new BenchReport();
  const run = Date.now().toString(36);
  const started = Date.now();
  const description = machine();
  log(`size ${sizes.name}; ${description}`);
  const platform = await BenchPlatform.start(Number(process.env['BENCH_BASE_PORT'] ?? 3330));
  const memory = new MemorySampler(() => platform.pids());
  memory.start();
  const step = async (name: string, action: () => Promise<void>, scenario?: Scenario) => {
    if (scenario && !only.has(scenario)) return;
    log(`${name}…`);
    memory.enter(name);
    const t0 = Date.now();
    try {
      await action();
    } catch (error) {
      report.fail(`${name}: ${(error as Error).stack ?? error}`);
      for (const app of APPS) log(`--- ${app} ---\n${platform.services[app].recentOutput(15)}`);
    }
    log(`${name} took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    // Written after every scenario, so a run cut short still leaves what it measured.
    report.write(
      join(process.cwd(), 'reports', 'bench.json'),
      join(process.cwd(), 'reports', 'bench.md'),
      `## Benchmark (${sizes.name}, unfinished)`,
    );
  };
  try {
    const data = await createBenchData(platform, sizes.communes, sizes.districts);
    log(`created ${sizes.communes + 1} communes, campaign ${data.campaignId}`);
    await step('single response over HTTP', () => singleResponses(report, platform, data, sizes, run), 'http');
    await step('tablet batches', () => tabletBatches(report, platform, data, sizes, run), 'tablets');
    await step('bulk file import', () => fileImport(report, platform, data, sizes.importRows, run), 'import');
    await step('outbox relay to Kafka', () => outboxRelay(report, platform, sizes.relayBacklog), 'relay');
    await step('end-to-end freshness', () => freshness(report, platform, data, sizes, run), 'freshness');

    let raw = { messages: 0, seconds: 1 };
    const needsLog = ['projection', 'index', 'replay', 'dashboard'].some((s) => only.has(s as Scenario));
    if (needsLog)
      await step('response log', async () => {
        // Scoring and the audit stopped: their catch-up over the new events is measured on its own below.
        await platform.services.scoring.stop('SIGTERM');
        await platform.services.audit.stop('SIGTERM');
        const { seconds } = await writeResponseLog(platform, data, sizes.logEvents);
        report.add({
          scenario: 'response log written by kafkajs',
          metric: 'events/s',
          value: sizes.logEvents / seconds,
          unit: '/s',
          baseline: null,
          note: `${sizes.logEvents} ResponseSubmitted v3, not through HTTP`,
        });
        raw = await rawConsume(platform);
        report.note(`raw kafkajs consume of the response topic: ${raw.messages} messages in ${raw.seconds.toFixed(1)} s`);
      });
    await step('scoring projection', () => scoringProjection(report, platform, raw), 'projection');
    await step('audit ledger index', () => auditIndex(report, platform, raw), 'index');
    await step('audit replay', () => auditReplay(report, platform, data, raw, memory), 'replay');
    await step('dashboard queries', () => dashboardQueries(report, platform, data, sizes, raw.messages), 'dashboard');
  } finally {
    memory.stop();
    for (const [service, peak] of memory.peaks()) {
      report.add({
        scenario: 'memory',
        metric: `${service} peak RSS`,
        value: peak.rssMb,
        unit: 'MB',
        baseline: null,
        target: { kind: 'max', value: 300 },
        note: `during ${peak.scenario}; VmHWM ${Math.round(peak.hwmMb)} MB`,
      });
    }
    report.note(
      `size ${sizes.name}, ${((Date.now() - started) / 1000).toFixed(0)} s in all; ${description}; load average at the end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    await platform.stop().catch((error: Error) => log(`stopping the platform: ${error.message}`));
  }
  return report;
}
