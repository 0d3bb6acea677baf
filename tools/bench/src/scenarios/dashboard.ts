import { Roles } from '@hailong/contracts';
import { BenchData } from '../lib/bench-data';
import { BenchPlatform } from '../lib/bench-platform';
import { runLoad } from '../lib/load';
import { BenchReport } from '../lib/report';
import { BenchSizes } from '../lib/sizes';

/** The dashboard's reads on scoring once it holds every response, each query type on its own for a while. */
export async function dashboardQueries(
  report: BenchReport,
  platform: BenchPlatform,
  data: BenchData,
  sizes: BenchSizes,
  responses: number,
): Promise<void> {
  const c = `/campaigns/${data.campaignId}`;
  const queries: [string, string | ((n: number) => string)][] = [
    ['figures, whole campaign', `${c}/figures?by=none`],
    ['figures by unit (ranked)', `${c}/figures?by=unit`],
    ['figures by unit, drill-down', `${c}/figures?by=unit&under=${data.provinceId}`],
    ['figures by unit, rolled up', `${c}/figures?by=unit&structure=rolled-up&on=2025-08-01`],
    ['figures by channel', `${c}/figures?by=channel`],
    ['figures by week', `${c}/figures?by=period&period=week`],
    ['series by unit', `${c}/series?by=unit`],
    ['sample progress', `${c}/sample-progress`],
    ['one unit’s satisfaction', (n) => `/units/${data.communes[n % data.communes.length]}/satisfaction`],
  ];
  const viewer = await platform.token(Roles.admin);
  for (const [name, path] of queries) {
    const load = await runLoad({
      url: platform.url('scoring'),
      method: 'GET',
      path,
      headers: { authorization: `Bearer ${viewer}` },
      connections: sizes.dashboardConnections,
      amount: sizes.dashboardRequests,
    });
    if (load.ok === 0) report.fail(`dashboard ${name}: no answer`);
    if (load.non2xx + load.errors + load.timeouts > 0) {
      report.fail(
        `dashboard ${name}: ${load.non2xx} non-2xx, ${load.errors} errors, ${load.timeouts} timeouts (${load.samples.join(' | ')})`,
      );
    }
    const note = `${load.ok} answers, ${sizes.dashboardConnections} clients, ${responses} responses, ${data.communes.length + 1} communes`;
    report.add({ scenario: `dashboard: ${name}`, metric: 'p50', value: load.ok ? load.p50 : null, unit: 'ms', baseline: null, note });
    report.add({
      scenario: `dashboard: ${name}`,
      metric: 'p99',
      value: load.p99,
      unit: 'ms',
      baseline: null,
      target: { kind: 'max', value: 50 },
    });
  }
}
