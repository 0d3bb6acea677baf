import { assertKafkaReachable } from '@hailong/platform/testing';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface BenchRow {
  readonly value: number | null;
}

/**
 * The benchmark as CI runs it (npm run bench -- --smoke, through tools/ci/test-all.sh): the same entry
 * `npm run bench` runs (tools/bench/run.sh, a plain Node process), started from here so CI counts it as
 * one test. It fails only on errors answered or acknowledged data lost, never on timing.
 */
describe('benchmark', () => {
  it('runs every scenario with no error answered and every acknowledged response stored and published', async () => {
    await assertKafkaReachable();
    const repo = join(__dirname, '..', '..', '..');
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('bash', [join(repo, 'tools', 'bench', 'run.sh')], { cwd: repo, env: process.env, stdio: 'inherit' });
      child.on('error', reject);
      child.on('exit', (exitCode) => resolve(exitCode));
    });
    expect(code).toBe(0);
    const rows = JSON.parse(readFileSync(join(repo, 'reports', 'bench.json'), 'utf8')) as BenchRow[];
    expect(rows.filter((r) => r.value !== null).length).toBeGreaterThan(process.env['BENCH_ONLY'] ? 0 : 10);
  });
});
