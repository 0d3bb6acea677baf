import type { QuestionnaireContent } from '@hailong/contracts';
import { API, apiGet, apiPost, query } from '../api/http';
import type { UnitSearch } from '../api/directory';
import type { TabletResponse } from './tablet-queue';
import type { SyncAnswer } from './tablet-sync';
import type { TabletDevice } from './tablet-setup';

/** A campaign as GET /api/intake/campaigns lists it (campaign.view.ts): its definition and status. */
export interface CampaignSummary {
  readonly campaignId: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly status: 'draft' | 'open' | 'closed';
  readonly methods: readonly string[];
  readonly period: { readonly from: string; readonly to: string };
  readonly questionnaire: { readonly questionnaireId: string; readonly version: number };
}

export const tabletApi = {
  campaigns: (token: string, signal?: AbortSignal) =>
    apiGet<{ campaigns: CampaignSummary[] }>(`${API.intake}/campaigns`, { token, signal }).then((r) => r.campaigns),
  questionnaire: (token: string, ref: CampaignSummary['questionnaire']) =>
    apiGet<{ content: QuestionnaireContent }>(
      `${API.intake}/questionnaires/${encodeURIComponent(ref.questionnaireId)}/versions/${ref.version}`,
      { token },
    ).then((r) => r.content),
  searchUnits: (token: string, q: string, signal?: AbortSignal) =>
    apiGet<UnitSearch>(`${API.directory}/units${query({ q, limit: 20 })}`, { token, signal }),
  sync: (token: string, device: TabletDevice, responses: TabletResponse[]) =>
    apiPost<SyncAnswer>(
      `${API.intake}/tablets/sync`,
      { responses },
      { token, headers: { 'x-device-id': device.deviceId, 'x-device-credential': device.credential } },
    ),
};
