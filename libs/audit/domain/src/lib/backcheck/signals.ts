import { FAILED_VERDICTS, RecordedAnswer, VerdictRecord } from './verdicts';

/** What the signals need of a response. */
export interface SignalResponse {
  readonly responseId: string;
  readonly unitId: string;
  readonly channel: string;
  /** `surveyor:<id>` or `device:<id>`; null when nobody is named. */
  readonly collector: string | null;
  readonly answers: readonly RecordedAnswer[];
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** When intake accepted it: the time of a burst when the form does not say when it was finished. */
  readonly recordedAt: string;
}

export interface SignalSettings {
  /** A form finished in fewer seconds than this is implausibly fast. */
  readonly minimumFormSeconds: number;
  /** Responses of one surveyor or device closer than this to the previous one form a burst… */
  readonly burstGapSeconds: number;
  /** …when at least this many follow one another so. */
  readonly burstMinimumSize: number;
  /** Identical answer vectors count when at least this many responses of one source share one. */
  readonly identicalMinimumSize: number;
}

/** Defaults: a 16-item form read aloud takes minutes, and an interviewer rarely finishes two within a minute. */
export const DEFAULT_SIGNAL_SETTINGS: SignalSettings = {
  minimumFormSeconds: 60,
  burstGapSeconds: 60,
  burstMinimumSize: 3,
  identicalMinimumSize: 3,
};

export type SignalKind = 'failed-back-checks' | 'identical-answers' | 'too-fast' | 'burst';
export type SourceKind = 'collector' | 'channel';

export interface FabricationSignal {
  readonly kind: SignalKind;
  /** `collector:surveyor:<id>`, `collector:device:<id>` or `channel:<channel>`. */
  readonly source: string;
  readonly sourceKind: SourceKind;
  /** Responses of the source in the campaign. */
  readonly responses: number;
  /** The measure: a share for failed back-checks, a count otherwise. */
  readonly value: number;
  readonly detail: string;
  /** The responses behind it, in code-unit order. */
  readonly responseIds: readonly string[];
}

export interface SourceSummary {
  readonly source: string;
  readonly sourceKind: SourceKind;
  readonly responses: number;
  readonly checked: number;
  readonly failed: number;
  /** failed ÷ checked (verdicts other than not-reachable); null when nothing was checked. */
  readonly failedShare: number | null;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sorted = (ids: Iterable<string>) => [...ids].sort(byCodeUnit);

/** The answer vector as one text: item ids in code-unit order with their levels ('-' for unanswered). */
export function answerVector(answers: readonly RecordedAnswer[]): string {
  return [...answers]
    .sort((a, b) => byCodeUnit(a.itemId, b.itemId))
    .map((a) => `${a.itemId}=${a.level ?? '-'}`)
    .join(',');
}

function sourcesOf(response: SignalResponse): { source: string; kind: SourceKind }[] {
  const sources: { source: string; kind: SourceKind }[] = [{ source: `channel:${response.channel}`, kind: 'channel' }];
  if (response.collector) sources.unshift({ source: `collector:${response.collector}`, kind: 'collector' });
  return sources;
}

/**
 * Signs of fabricated or pre-selected responses, per surveyor or device and per channel (DESIGN
 * "Re-inspection"): the share of back-checked responses that failed (denied or answers differ),
 * identical answer vectors, forms finished faster than a plausible minimum, and bursts of responses in
 * a short window. Each lists the responses behind it. Signals point where to look; they prove nothing
 * alone. Pure.
 */
export function fabricationSignals(
  responses: readonly SignalResponse[],
  verdicts: ReadonlyMap<string, VerdictRecord>,
  settings: SignalSettings = DEFAULT_SIGNAL_SETTINGS,
): { sources: SourceSummary[]; signals: FabricationSignal[] } {
  const groups = new Map<string, { kind: SourceKind; members: SignalResponse[] }>();
  for (const response of responses) {
    for (const { source, kind } of sourcesOf(response)) {
      const group = groups.get(source) ?? { kind, members: [] };
      group.members.push(response);
      groups.set(source, group);
    }
  }
  const sources: SourceSummary[] = [];
  const signals: FabricationSignal[] = [];
  for (const source of sorted(groups.keys())) {
    const { kind: sourceKind, members } = groups.get(source) as { kind: SourceKind; members: SignalResponse[] };
    const base = { source, sourceKind, responses: members.length };

    const checked = members.filter((m) => {
      const v = verdicts.get(m.responseId);
      return v !== undefined && v.verdict !== 'not-reachable';
    });
    const failed = checked.filter((m) => FAILED_VERDICTS.includes((verdicts.get(m.responseId) as VerdictRecord).verdict));
    const failedShare = checked.length === 0 ? null : failed.length / checked.length;
    sources.push({ ...base, checked: checked.length, failed: failed.length, failedShare });
    if (failed.length > 0) {
      signals.push({
        ...base,
        kind: 'failed-back-checks',
        value: failedShare as number,
        detail: `${failed.length} of ${checked.length} back-checked responses failed`,
        responseIds: sorted(failed.map((m) => m.responseId)),
      });
    }

    const vectors = new Map<string, string[]>();
    for (const m of members) vectors.set(answerVector(m.answers), [...(vectors.get(answerVector(m.answers)) ?? []), m.responseId]);
    for (const ids of [...vectors.values()].filter((ids) => ids.length >= settings.identicalMinimumSize)) {
      signals.push({
        ...base,
        kind: 'identical-answers',
        value: ids.length,
        detail: `${ids.length} responses with the same answers to every item`,
        responseIds: sorted(ids),
      });
    }

    const fast = members.filter((m) => {
      if (!m.startedAt || !m.finishedAt) return false;
      const seconds = (Date.parse(m.finishedAt) - Date.parse(m.startedAt)) / 1000;
      return seconds >= 0 && seconds < settings.minimumFormSeconds;
    });
    if (fast.length > 0) {
      signals.push({
        ...base,
        kind: 'too-fast',
        value: fast.length,
        detail: `${fast.length} forms finished in under ${settings.minimumFormSeconds} s`,
        responseIds: sorted(fast.map((m) => m.responseId)),
      });
    }

    // Bursts only make sense for one person or device; a channel is many people at once.
    if (sourceKind === 'collector') {
      const timed = members
        .map((m) => ({ id: m.responseId, at: Date.parse(m.finishedAt ?? m.recordedAt) }))
        .sort((a, b) => a.at - b.at || byCodeUnit(a.id, b.id));
      let run: typeof timed = [];
      const flush = () => {
        if (run.length >= settings.burstMinimumSize) {
          const seconds = Math.round((run[run.length - 1].at - run[0].at) / 1000);
          signals.push({
            ...base,
            kind: 'burst',
            value: run.length,
            detail: `${run.length} responses within ${seconds} s, each less than ${settings.burstGapSeconds} s after the one before`,
            responseIds: sorted(run.map((r) => r.id)),
          });
        }
      };
      for (const entry of timed) {
        if (run.length > 0 && entry.at - run[run.length - 1].at >= settings.burstGapSeconds * 1000) {
          flush();
          run = [];
        }
        run.push(entry);
      }
      flush();
    }
  }
  return { sources, signals };
}
