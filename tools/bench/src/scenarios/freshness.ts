import { Roles } from '@hailong/contracts';
import { BenchData, formOf } from '../lib/bench-data';
import { BenchPlatform } from '../lib/bench-platform';
import { callJson } from '../lib/http';
import { runLoad } from '../lib/load';
import { BenchReport } from '../lib/report';
import { BenchSizes } from '../lib/sizes';
import { quantile, sleep } from '../lib/stats';

const SCENARIO = 'end-to-end freshness';

/**
 * Responses at a steady rate to one commune nobody else writes to, while a reader polls that unit's
 * figure on scoring (GET /units/{id}/satisfaction) every 20 ms. The k-th response acknowledged is
 * visible once the figure's sample size reaches k: its freshness is that moment minus its answer.
 */
export async function freshness(
  report: BenchReport,
  platform: BenchPlatform,
  data: BenchData,
  sizes: BenchSizes,
  run: string,
): Promise<void> {
  const scoring = platform.url('scoring');
  const viewer = await platform.token(Roles.viewer);
  const sampleSize = async () => {
    const reply = await callJson(scoring, 'GET', `/units/${data.freshnessUnit}/satisfaction`, { token: viewer });
    return reply.status === 200 ? Number(reply.body.sampleSize ?? 0) : 0;
  };
  const baseline = await sampleSize();
  const acknowledged: number[] = [];
  const visible: { at: number; count: number }[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const count = (await sampleSize()) - baseline;
      visible.push({ at: performance.now(), count });
      await sleep(20);
    }
  })();
  const load = await runLoad({
    url: platform.url('survey-intake'),
    method: 'POST',
    path: '/responses',
    headers: { authorization: `Bearer ${await platform.surveyor()}` },
    connections: 32,
    overallRate: sizes.freshnessRate,
    seconds: sizes.freshnessSeconds,
    body: (n) => ({ idempotencyKey: `bench-${run}-fresh-${n}`, ...formOf(data, n, data.freshnessUnit) }),
    onAnswer: (status) => {
      if (status === 201) acknowledged.push(performance.now());
    },
  });
  if (load.non2xx + load.errors + load.timeouts > 0)
    report.fail(`${SCENARIO}: ${load.non2xx} non-2xx, ${load.errors} errors (${load.samples.join(' | ')})`);
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline && (visible[visible.length - 1]?.count ?? 0) < acknowledged.length) await sleep(50);
  polling = false;
  await poller;
  const shown = visible[visible.length - 1]?.count ?? 0;
  if (shown < acknowledged.length)
    report.fail(`${SCENARIO}: only ${shown} of ${acknowledged.length} acknowledged responses visible after a minute`);
  const delays: number[] = [];
  acknowledged.sort((a, b) => a - b);
  let v = 0;
  for (let k = 0; k < acknowledged.length; k += 1) {
    while (v < visible.length && visible[v].count < k + 1) v += 1;
    if (v === visible.length) break;
    delays.push(Math.max(0, visible[v].at - acknowledged[k]));
  }
  const note = `${acknowledged.length} responses at ${Math.round(acknowledged.length / load.seconds)}/s (asked ${sizes.freshnessRate}/s), figure polled every 20 ms`;
  report.add({ scenario: SCENARIO, metric: 'p50 answer → figure', value: quantile(delays, 0.5), unit: 'ms', baseline: null, note });
  report.add({
    scenario: SCENARIO,
    metric: 'p99 answer → figure',
    value: quantile(delays, 0.99),
    unit: 'ms',
    baseline: null,
    target: { kind: 'max', value: 2000 },
  });
}
