import { API, apiGet, apiPost, ApiError, ApiErrorBody, NetworkError } from '../api/http';

export type Verdict = 'confirmed' | 'not-reachable' | 'respondent-denies' | 'answers-differ';
export type Strata = 'unit' | 'unit-collector' | 'unit-channel';

interface Interval {
  readonly lower: number;
  readonly upper: number;
}
interface Figure {
  readonly responses: number;
  readonly overall: { readonly index: number | null; readonly interval: Interval | null };
}
export interface FigurePair {
  readonly key: string;
  readonly nameVi: string | null;
  readonly nameEn: string | null;
  readonly published: Figure | null;
  readonly reinspected: Figure | null;
}
export interface ReinspectedFigures {
  readonly status: 'published' | 're-inspected';
  readonly verdicts: Record<string, number>;
  readonly campaign: FigurePair;
  readonly byUnit: readonly FigurePair[];
}
export interface Sample {
  readonly sampleId: string;
  readonly seed: number;
  readonly strata: readonly { key: string; population: number; drawn: readonly string[] }[];
}
export interface Assignment {
  readonly responseId: string;
  readonly campaignId: string;
  readonly unit: { nameVi: string; nameEn: string } | null;
  readonly verdict: { verdict: Verdict; recordedAt: string } | null;
}
/** A question of a campaign's questionnaire, as the work list names it. */
export interface Question {
  readonly itemId: string;
  readonly vi: string;
  readonly en: string;
}
export interface RecollectedAnswer {
  readonly itemId: string;
  readonly level: number | null;
}
/** A re-inspector's assignments, with each campaign's questions (null until the audit has read its publication). */
export interface WorkList {
  readonly assignments: readonly Assignment[];
  readonly questions: Readonly<Record<string, readonly Question[] | null>>;
}
export interface Signal {
  readonly kind: 'failed-back-checks' | 'identical-answers' | 'too-fast' | 'burst';
  readonly source: string;
  readonly detail: string;
  readonly responseIds: readonly string[];
}
export interface Contact {
  readonly state: 'readable' | 'erased' | 'none';
  readonly contact: { name: string | null; phone: string | null; email: string | null } | null;
}

const campaignPath = (campaignId: string) => `${API.audit}/reinspection/campaigns/${encodeURIComponent(campaignId)}`;

/** The audit's re-inspection endpoints (tools/audit/README.md) and intake's contact details for the assigned re-inspector. */
export const reinspectionApi = {
  figures: (token: string, campaignId: string, signal?: AbortSignal) =>
    apiGet<ReinspectedFigures>(`${campaignPath(campaignId)}/figures`, { token, signal }),
  signals: (token: string, campaignId: string, signal?: AbortSignal) =>
    apiGet<{ signals: Signal[] }>(`${campaignPath(campaignId)}/signals`, { token, signal }).then((r) => r.signals),
  samples: (token: string, campaignId: string, signal?: AbortSignal) =>
    apiGet<{ samples: { sampleId: string; data: Sample }[] }>(`${campaignPath(campaignId)}/samples`, { token, signal }).then(
      (r) => r.samples,
    ),
  draw: (token: string, campaignId: string, body: { share: number; strata: Strata; seed?: number }) =>
    apiPost<Sample>(`${campaignPath(campaignId)}/samples`, body, { token }),
  assign: (token: string, sample: Sample, reinspectorId: string) =>
    apiPost<{ assignments: unknown[] }>(
      `${API.audit}/reinspection/samples/${encodeURIComponent(sample.sampleId)}/assignments`,
      { assignments: sample.strata.flatMap((s) => s.drawn).map((responseId) => ({ responseId, reinspectorId })) },
      { token },
    ),
  workList: (token: string, signal?: AbortSignal) => apiGet<WorkList>(`${API.audit}/reinspection/assignments`, { token, signal }),
  /** `recollectedAnswers` with answers-differ only, as the audit requires. */
  verdict: (token: string, responseId: string, verdict: Verdict, recollectedAnswers?: readonly RecollectedAnswer[]) =>
    apiPost<unknown>(
      `${API.audit}/reinspection/responses/${encodeURIComponent(responseId)}/verdicts`,
      recollectedAnswers ? { verdict, recollectedAnswers } : { verdict },
      { token },
    ),
  contact: (token: string, responseId: string) =>
    apiGet<Contact>(`${API.intake}/responses/${encodeURIComponent(responseId)}/contact`, { token }),
  close: (token: string, campaignId: string) => apiPost<unknown>(`${campaignPath(campaignId)}/closure`, {}, { token }),
  /** The report needs the bearer token, so it is fetched and handed to the browser as a download. */
  report: async (token: string, campaignId: string, format: 'xlsx' | 'pdf'): Promise<Blob> => {
    let response: Response;
    try {
      response = await fetch(`${campaignPath(campaignId)}/report?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
    } catch (error) {
      throw new NetworkError(error);
    }
    if (!response.ok) throw new ApiError(response.status, (await response.json().catch(() => null)) as ApiErrorBody | null);
    return response.blob();
  },
};
