import type { PublishedFigure } from '@hailong/contracts';
import { API, ApiError, ApiErrorBody, apiGet, NetworkError, query } from '../api/http';

// Scoring's answers as its controllers build them (apps/scoring/src/app/queries): HTTP shapes, restated here.

export type Structure = 'as-it-was' | 'rolled-up';
export type Dimension = 'none' | 'unit' | 'unitType' | 'channel' | 'procedure' | 'period';
export type PeriodSize = 'day' | 'week' | 'month';

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

export interface GroupUnit {
  readonly unitId: string;
  readonly code: string;
  readonly unitType: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export interface GroupLabel {
  readonly key: string;
  readonly labelVi: string;
  readonly labelEn: string;
  readonly units: readonly GroupUnit[];
  readonly successorUnknown: boolean;
}

export type Figure = PublishedFigure;

export interface FigureGroup extends Figure {
  readonly label: GroupLabel;
}

export interface CampaignInfo {
  readonly campaignId: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly status: string;
  readonly questionnaire: { readonly questionnaireId: string; readonly version: number };
  readonly minimumSample: number;
}

export interface Figures {
  readonly campaign: CampaignInfo;
  readonly responses: { readonly onTime: number; readonly late: number };
  readonly total: Figure;
  readonly groups: readonly FigureGroup[];
}

export interface SeriesPoint {
  readonly period: string;
  readonly responses: number;
  readonly sampleSize: number;
  readonly belowMinimumSample: boolean;
  readonly overall: { readonly index: number | null; readonly interval: Interval | null };
}

export interface Series {
  readonly points: readonly SeriesPoint[];
}

export interface ScoringCampaign {
  readonly campaignId: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly status: string;
  readonly published: boolean;
  readonly responses: { readonly onTime: number; readonly late: number };
}

export interface UnitSampleProgress {
  readonly unitId: string;
  readonly collected: number;
  readonly plan: {
    readonly servicesDelivered: number;
    readonly marginOfError: number;
    readonly required: number;
    readonly remaining: number;
    readonly progress: number | null;
    readonly reached: boolean;
  } | null;
}

/** What the screen shows: every parameter the figures, the series and the export share. */
export interface FigureQuery {
  readonly campaignId: string;
  readonly structure: Structure;
  /** The structure date of a rolled-up view. */
  readonly on: string | null;
  readonly under: string | null;
}

export function figureParams(q: FigureQuery, by: Dimension, extra: Record<string, string> = {}): Record<string, string | null> {
  return { by, structure: q.structure, on: q.structure === 'rolled-up' ? q.on : null, under: q.under, ...extra };
}

type Token = string | null;
const campaignPath = (id: string) => `${API.scoring}/campaigns/${encodeURIComponent(id)}`;

export const scoringApi = {
  campaigns: (token: Token, signal?: AbortSignal) =>
    apiGet<{ campaigns: ScoringCampaign[] }>(`${API.scoring}/campaigns`, { token, signal }),
  figures: (token: Token, q: FigureQuery, by: Dimension, signal?: AbortSignal) =>
    apiGet<Figures>(`${campaignPath(q.campaignId)}/figures${query(figureParams(q, by))}`, { token, signal }),
  series: (token: Token, q: FigureQuery, period: PeriodSize, signal?: AbortSignal) =>
    apiGet<Series>(`${campaignPath(q.campaignId)}/series${query({ ...figureParams(q, 'period'), by: null, period })}`, { token, signal }),
  sampleProgress: (token: Token, campaignId: string, signal?: AbortSignal) =>
    apiGet<{ units: UnitSampleProgress[] }>(`${campaignPath(campaignId)}/sample-progress`, { token, signal }),
  exportPath: (q: FigureQuery, by: Dimension, format: 'csv' | 'xlsx') =>
    `${campaignPath(q.campaignId)}/figures/export${query(figureParams(q, by, { format }))}`,
};

/**
 * The export answers a file, and needs the bearer token a plain link cannot send: fetched, then handed
 * to the browser as a download under the name the service gave it.
 */
export async function downloadExport(token: Token, path: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
    throw new ApiError(response.status, body);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'figures';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
