import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { round } from './stats';

/** One figure of the benchmark beside the raw baseline measured in the same run (null where there is none). */
export interface BenchRow {
  scenario: string;
  metric: string;
  value: number | null;
  unit: string;
  baseline: number | null;
  /** value / baseline; null without a baseline. */
  ratio: number | null;
  /** The issue's target, as text ("≥ 3000", "< 50", "≥ 50% of raw"). */
  target?: string;
  /** Whether the target is met; null where there is no target or no figure. */
  met?: boolean | null;
  note?: string;
}

export type Target = { kind: 'min' | 'max'; value: number } | { kind: 'ratio'; value: number } | null;

export class BenchReport {
  readonly rows: BenchRow[] = [];
  /** Problems that fail the run: errors answered, acknowledged data missing. Never timing. */
  readonly failures: string[] = [];
  readonly notes: string[] = [];

  add(row: Omit<BenchRow, 'ratio' | 'met' | 'target'> & { target?: Target }): BenchRow {
    const { target, ...rest } = row;
    const value = rest.value === null || Number.isNaN(rest.value) ? null : round(rest.value, 1);
    const baseline = rest.baseline === null || Number.isNaN(rest.baseline) ? null : round(rest.baseline, 1);
    const ratio = value !== null && baseline ? round(value / baseline, 3) : null;
    let met: boolean | null = null;
    let targetText: string | undefined;
    if (target) {
      if (target.kind === 'min') {
        targetText = `≥ ${target.value}`;
        met = value === null ? null : value >= target.value;
      } else if (target.kind === 'max') {
        targetText = `< ${target.value}`;
        met = value === null ? null : value < target.value;
      } else {
        targetText = `≥ ${Math.round(target.value * 100)}% of raw`;
        met = ratio === null ? null : ratio >= target.value;
      }
    }
    const full: BenchRow = { ...rest, value, baseline, ratio, ...(targetText ? { target: targetText, met } : {}) };
    this.rows.push(full);
    process.stdout.write(
      `[bench] ${full.scenario} — ${full.metric}: ${full.value ?? '—'} ${full.unit}` +
        (full.baseline !== null ? ` (raw ${full.baseline})` : '') +
        '\n',
    );
    return full;
  }

  fail(problem: string): void {
    this.failures.push(problem);
    process.stdout.write(`[bench] FAILURE: ${problem}\n`);
  }

  note(text: string): void {
    this.notes.push(text);
    process.stdout.write(`[bench] ${text}\n`);
  }

  markdown(header: string): string {
    const fmt = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: 1 }));
    const lines = [
      header,
      '',
      '| scenario | metric | value | unit | raw baseline | ratio | target | met |',
      '|---|---|---:|---|---:|---:|---|---|',
      ...this.rows.map(
        (r) =>
          `| ${r.scenario} | ${r.metric}${r.note ? ` (${r.note})` : ''} | ${fmt(r.value)} | ${r.unit} | ${fmt(r.baseline)} | ` +
          `${r.ratio === null ? '—' : r.ratio.toFixed(2)} | ${r.target ?? '—'} | ${r.met === undefined || r.met === null ? '—' : r.met ? 'yes' : '**no**'} |`,
      ),
    ];
    if (this.notes.length) lines.push('', ...this.notes.map((n) => `- ${n}`));
    if (this.failures.length) lines.push('', '**Failures (data lost or errors answered):**', ...this.failures.map((f) => `- ${f}`));
    return lines.join('\n') + '\n';
  }

  write(jsonPath: string, markdownPath: string, header: string): string {
    mkdirSync(dirname(jsonPath), { recursive: true });
    writeFileSync(jsonPath, JSON.stringify(this.rows, null, 2) + '\n');
    const text = this.markdown(header);
    writeFileSync(markdownPath, text);
    return text;
  }
}
