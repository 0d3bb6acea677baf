import { join } from 'node:path';
import { runBench, scenariosFromEnv } from './run-bench';
import { sizesFromEnv } from './lib/sizes';

/**
 * npm run bench: the benchmark in a plain Node process (tools/bench/bench.sh starts it with ts-node), so
 * the load generators, the log writer and the raw baselines run at Node's own speed — under jest's module
 * sandbox the same kafkajs and encoding code ran two to three times slower. Prints the table, writes
 * reports/bench.md and reports/bench.json, and exits 1 on an error answered or a response lost.
 */
async function main(): Promise<number> {
  const sizes = sizesFromEnv();
  const report = await runBench(sizes, scenariosFromEnv());
  const table = report.write(
    join(process.cwd(), 'reports', 'bench.json'),
    join(process.cwd(), 'reports', 'bench.md'),
    `## Benchmark (${sizes.name}, ${new Date().toISOString()})`,
  );
  process.stdout.write('\n' + table);
  return report.failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`[bench] ${error.stack ?? error}\n`);
    process.exit(1);
  },
);
