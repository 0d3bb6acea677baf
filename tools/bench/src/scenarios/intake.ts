import { BenchData, formOf } from '../lib/bench-data';
import { BenchPlatform } from '../lib/bench-platform';
import { missingAcknowledged } from '../lib/checks';
import { runLoad } from '../lib/load';
import { BenchReport } from '../lib/report';
import { BenchSizes } from '../lib/sizes';
import { rawCopy, rawInserts, storedRows } from './raw-baselines';

const RESPONSES = 'single response over HTTP';
const TABLETS = 'tablet batches';

async function checkAcknowledged(report: BenchReport, platform: BenchPlatform, scenario: string, ids: string[]): Promise<void> {
  const missing = await missingAcknowledged(platform, ids);
  if (missing.inDatabase > 0)
    report.fail(`${scenario}: ${missing.inDatabase} of ${ids.length} acknowledged responses are not in intake.responses`);
  if (missing.inTopic > 0)
    report.fail(`${scenario}: ${missing.inTopic} of ${ids.length} acknowledged responses are not on the response topic`);
  report.note(
    `${scenario}: all ${ids.length - Math.max(missing.inDatabase, missing.inTopic)} of ${ids.length} acknowledged ids found in PostgreSQL and on the topic`,
  );
}

/** POST /responses from 64 clients, each answer durable (committed with its outbox row) before it is sent. */
export async function singleResponses(
  report: BenchReport,
  platform: BenchPlatform,
  data: BenchData,
  sizes: BenchSizes,
  run: string,
): Promise<void> {
  const ids: string[] = [];
  const load = await runLoad({
    url: platform.url('survey-intake'),
    method: 'POST',
    path: '/responses',
    headers: { authorization: `Bearer ${await platform.surveyor()}` },
    connections: sizes.httpConnections,
    seconds: sizes.httpSeconds,
    body: (n) => ({ idempotencyKey: `bench-${run}-http-${n}`, ...formOf(data, n) }),
    onAnswer: (status, body) => {
      if (status === 201) ids.push(JSON.parse(body).responseId);
    },
  });
  if (load.non2xx + load.errors + load.timeouts > 0) {
    report.fail(
      `${RESPONSES}: ${load.non2xx} non-2xx answers, ${load.errors} errors, ${load.timeouts} timeouts (${load.samples.join(' | ')})`,
    );
  }
  const rows = await storedRows(platform.pool, ids);
  const rawSeconds = await rawInserts(platform.pool, rows, sizes.httpConnections);
  const raw = ids.length / rawSeconds;
  report.add({
    scenario: RESPONSES,
    metric: 'responses/s',
    value: load.requestsPerSecond,
    unit: '/s',
    baseline: raw,
    target: { kind: 'min', value: 3000 },
    note: `${ids.length} in ${load.seconds.toFixed(1)} s, ${sizes.httpConnections} clients`,
  });
  report.add({ scenario: RESPONSES, metric: 'p50 latency', value: load.p50, unit: 'ms', baseline: null });
  report.add({
    scenario: RESPONSES,
    metric: 'p99 latency',
    value: load.p99,
    unit: 'ms',
    baseline: null,
    target: { kind: 'max', value: 50 },
  });
  await checkAcknowledged(report, platform, RESPONSES, ids);
}

/** POST /tablets/sync: batches of forms from enrolled tablets, each form in its own transaction. */
export async function tabletBatches(
  report: BenchReport,
  platform: BenchPlatform,
  data: BenchData,
  sizes: BenchSizes,
  run: string,
): Promise<void> {
  const ids: string[] = [];
  let refused = 0;
  const batches = Math.ceil(sizes.tabletResponses / sizes.tabletBatch);
  const load = await runLoad({
    url: platform.url('survey-intake'),
    method: 'POST',
    path: '/tablets/sync',
    headers: {
      authorization: `Bearer ${await platform.surveyor()}`,
      'x-device-id': data.device.deviceId,
      'x-device-credential': data.device.credential,
    },
    connections: sizes.tabletConnections,
    amount: batches,
    body: (b) => ({
      responses: Array.from({ length: sizes.tabletBatch }, (_, i) => {
        const n = b * sizes.tabletBatch + i;
        return { tabletResponseId: `bench-${run}-t-${n}`, ...formOf(data, n) };
      }),
    }),
    onAnswer: (status, body) => {
      if (status !== 200) return;
      const answer = JSON.parse(body) as { refused: number; outcomes: { outcome: string; responseId?: string }[] };
      refused += answer.refused;
      for (const o of answer.outcomes) if (o.outcome === 'accepted' && o.responseId) ids.push(o.responseId);
    },
  });
  if (load.non2xx + load.errors + load.timeouts + refused > 0) {
    report.fail(
      `${TABLETS}: ${load.non2xx} non-2xx answers, ${load.errors} errors, ${load.timeouts} timeouts, ${refused} forms refused (${load.samples.join(' | ')})`,
    );
  }
  const copySeconds = await rawCopy(platform.pool, ids);
  report.add({
    scenario: TABLETS,
    metric: 'responses/s',
    value: ids.length / load.seconds,
    unit: '/s',
    baseline: ids.length / copySeconds,
    target: { kind: 'min', value: 20000 },
    note: `${ids.length} in batches of ${sizes.tabletBatch}, ${sizes.tabletConnections} tablets; raw = COPY`,
  });
  report.add({ scenario: TABLETS, metric: 'p99 batch latency', value: load.p99, unit: 'ms', baseline: null });
  await checkAcknowledged(report, platform, TABLETS, ids);
}
