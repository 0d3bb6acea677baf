import { BenchData, formOf, ITEMS } from '../lib/bench-data';
import { BenchPlatform } from '../lib/bench-platform';
import { missingAcknowledged } from '../lib/checks';
import { BenchReport } from '../lib/report';
import { timed } from '../lib/stats';
import { rawCopy } from './raw-baselines';

const SCENARIO = 'bulk file import (CSV)';

/** One CSV file of `rows` paper forms in the layout of docs/file-import.md, imported in one request. */
export async function fileImport(report: BenchReport, platform: BenchPlatform, data: BenchData, rows: number, run: string): Promise<void> {
  const header = ['formNumber', 'unit', 'procedure', 'serviceDate', ...ITEMS, 'respondentType'];
  const lines = [header.join(',')];
  for (let n = 0; n < rows; n += 1) {
    const form = formOf(data, n);
    const levels = new Map(form.answers.map((a) => [a.itemId, a.level]));
    lines.push(
      [
        `B-${run}-${n}`,
        form.unitId,
        form.procedureId,
        form.serviceDate,
        ...ITEMS.map((i) => levels.get(i)),
        form.profile.respondentType,
      ].join(','),
    );
  }
  const body = lines.join('\n') + '\n';
  const { result, seconds } = await timed(async () => {
    const response = await fetch(`${platform.url('survey-intake')}/campaigns/${data.campaignId}/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await platform.surveyor()}`, 'content-type': 'text/csv' },
      body,
    });
    return { status: response.status, text: await response.text() };
  });
  if (result.status !== 200) {
    report.fail(`${SCENARIO}: answered ${result.status}: ${result.text.slice(0, 300)}`);
    return;
  }
  const answer = JSON.parse(result.text) as {
    rows: { outcome: string; responseId?: string }[];
    summary: Record<string, number>;
    complete: boolean;
  };
  const ids = answer.rows.filter((r) => r.outcome === 'accepted' && r.responseId).map((r) => r.responseId as string);
  if (ids.length !== rows || !answer.complete) report.fail(`${SCENARIO}: ${JSON.stringify(answer.summary)}, complete ${answer.complete}`);
  const copySeconds = await rawCopy(platform.pool, ids);
  report.add({
    scenario: SCENARIO,
    metric: 'responses/s',
    value: ids.length / seconds,
    unit: '/s',
    baseline: ids.length / copySeconds,
    target: { kind: 'min', value: 20000 },
    note: `one file of ${rows} rows (${Math.round(body.length / 1024)} KB); raw = COPY`,
  });
  const missing = await missingAcknowledged(platform, ids);
  if (missing.inDatabase + missing.inTopic > 0)
    report.fail(`${SCENARIO}: ${missing.inDatabase} accepted rows not stored, ${missing.inTopic} not on the topic`);
  else report.note(`${SCENARIO}: all ${ids.length} accepted rows found in PostgreSQL and on the topic`);
}
