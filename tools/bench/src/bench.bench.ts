import { assertKafkaReachable } from '@hailong/platform/testing';
import { join } from 'node:path';
import { runBench, scenariosFromEnv } from './run-bench';
import { sizesFromEnv } from './lib/sizes';

/**
 * npm run bench (full) and its smoke form in CI (npm run bench -- --smoke). The figures are printed and
 * written to reports/bench.md and reports/bench.json; this spec fails only on errors answered or
 * acknowledged data lost, never on timing.
 */
describe('benchmark', () => {
  it('runs every scenario with no error answered and every acknowledged response stored and published', async () => {
    await assertKafkaReachable();
    const sizes = sizesFromEnv();
    const only = scenariosFromEnv();
    const report = await runBench(sizes, only);
    const table = report.write(
      join(process.cwd(), 'reports', 'bench.json'),
      join(process.cwd(), 'reports', 'bench.md'),
      `## Benchmark (${sizes.name}, ${new Date().toISOString()})`,
    );
    process.stdout.write('\n' + table);
    expect(report.failures).toEqual([]);
    expect(report.rows.filter((r) => r.value !== null).length).toBeGreaterThan(only.size > 1 ? 10 : 0);
  });
});
