/** What a re-inspector found when re-contacting a sampled respondent (DESIGN "Re-inspection"). */
export const VERDICTS = ['confirmed', 'not-reachable', 'respondent-denies', 'answers-differ'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A verdict that counts against the response (and the one who collected it). */
export const FAILED_VERDICTS: readonly Verdict[] = ['respondent-denies', 'answers-differ'];

export interface RecordedAnswer {
  readonly itemId: string;
  readonly level: number | null;
}

export interface VerdictRecord {
  readonly responseId: string;
  readonly verdict: Verdict;
  /** The answers as the respondent gave them again; only with `answers-differ`. */
  readonly recollectedAnswers: readonly RecordedAnswer[] | null;
  readonly recordedAt: string;
}

/**
 * What re-inspected figures do with a differing response: leave it out (it is not the respondent's
 * answer), or count the answers as re-collected in its place.
 */
export type DifferingAnswers = 'exclude' | 'use-recollected';

/** The last verdict per response (a later verdict on the same response supersedes; earlier ones stay in the log). */
export function latestVerdicts(verdicts: readonly VerdictRecord[]): Map<string, VerdictRecord> {
  const latest = new Map<string, VerdictRecord>();
  for (const v of [...verdicts].sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt))) latest.set(v.responseId, v);
  return latest;
}

export interface ReinspectedResponse<R> {
  readonly response: R;
  readonly answers: readonly RecordedAnswer[];
}

/**
 * The responses re-inspected figures count: a denied response is invalid and left out; a differing
 * one is left out or counted with its re-collected answers; confirmed, unreachable and unchecked
 * responses count as published. Pure; the published responses are never changed.
 */
export function reinspectedResponses<R extends { readonly responseId: string; readonly answers: readonly RecordedAnswer[] }>(
  responses: readonly R[],
  verdicts: ReadonlyMap<string, VerdictRecord>,
  differing: DifferingAnswers,
): { counted: ReinspectedResponse<R>[]; excluded: string[]; replaced: string[] } {
  const counted: ReinspectedResponse<R>[] = [];
  const excluded: string[] = [];
  const replaced: string[] = [];
  for (const response of responses) {
    const verdict = verdicts.get(response.responseId);
    if (verdict?.verdict === 'respondent-denies') excluded.push(response.responseId);
    else if (verdict?.verdict === 'answers-differ') {
      if (differing === 'use-recollected' && verdict.recollectedAnswers && verdict.recollectedAnswers.length > 0) {
        counted.push({ response, answers: verdict.recollectedAnswers });
        replaced.push(response.responseId);
      } else excluded.push(response.responseId);
    } else counted.push({ response, answers: response.answers });
  }
  return { counted, excluded, replaced };
}
