import type { CampaignDefinition, Channel, QuestionnaireContent, UnitType } from '@hailong/contracts';
import { API, apiGet, apiPost } from '../api/http';

// Survey intake's answers as its controllers build them (apps/survey-intake/src/app/{campaigns,questionnaires,responses}).

export type CampaignStatus = 'draft' | 'open' | 'closed';

export interface Campaign extends CampaignDefinition {
  readonly status: CampaignStatus;
  readonly createdAt: string;
  readonly openedAt: string | null;
  readonly closedAt: string | null;
}

export interface NewCampaign {
  readonly campaignId: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly scope: { readonly unitTypes?: UnitType[]; readonly withinUnitId?: string; readonly unitIds?: string[] };
  readonly methods: Channel[];
  readonly targetSample: { readonly perUnit: number };
  readonly minimumSample?: number;
}

export interface QuestionnaireVersionSummary {
  readonly questionnaireId: string;
  readonly version: number;
  readonly contentHash: string;
  readonly publishedAt: string;
  readonly publishedBy?: string;
  readonly titleVi: string;
  readonly titleEn: string;
  readonly items: number;
}

export interface QuestionnaireVersion {
  readonly questionnaireId: string;
  readonly version: number;
  readonly contentHash: string;
  readonly content: QuestionnaireContent;
}

export interface PaperForm {
  readonly idempotencyKey: string;
  readonly campaignId: string;
  readonly unitId: string;
  readonly procedureId: string;
  readonly serviceDate: string;
  readonly channel: 'paper';
  readonly answers: { itemId: string; level: number | null }[];
  readonly expectations?: { itemId: string; level: number }[];
  readonly profile?: Record<string, string>;
  readonly freeText?: string;
}

export interface Accepted {
  readonly responseId: string;
  readonly created: boolean;
  readonly late: boolean;
  readonly receiptPath: string;
}

/** An enrolled tablet as intake lists it (apps/survey-intake/src/app/tablets). */
export interface Tablet {
  readonly deviceId: string;
  readonly label: string;
  readonly enrolledAt: string;
  readonly enrolledBy: string;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
}

/** The answer to an enrolment: the only time the credential is shown. */
export interface EnrolledTablet extends Tablet {
  readonly credential: string;
}

type Token = string | null;
const campaignPath = (id: string) => `${API.intake}/campaigns/${encodeURIComponent(id)}`;

export const intakeApi = {
  campaigns: (token: Token, signal?: AbortSignal) => apiGet<{ campaigns: Campaign[] }>(`${API.intake}/campaigns`, { token, signal }),
  createCampaign: (token: Token, campaign: NewCampaign) => apiPost<Campaign>(`${API.intake}/campaigns`, campaign, { token }),
  openCampaign: (token: Token, campaignId: string) => apiPost<Campaign>(`${campaignPath(campaignId)}/open`, undefined, { token }),
  closeCampaign: (token: Token, campaignId: string) => apiPost<Campaign>(`${campaignPath(campaignId)}/close`, undefined, { token }),
  questionnaires: (token: Token, signal?: AbortSignal) =>
    apiGet<{ versions: QuestionnaireVersionSummary[] }>(`${API.intake}/questionnaires`, { token, signal }),
  questionnaire: (token: Token, questionnaireId: string, version: number, signal?: AbortSignal) =>
    apiGet<QuestionnaireVersion>(`${API.intake}/questionnaires/${encodeURIComponent(questionnaireId)}/versions/${version}`, {
      token,
      signal,
    }),
  publishQuestionnaire: (token: Token, questionnaireId: string, content: unknown) =>
    apiPost<QuestionnaireVersion>(`${API.intake}/questionnaires/${encodeURIComponent(questionnaireId)}/versions`, { content }, { token }),
  tablets: (token: Token, signal?: AbortSignal) => apiGet<{ tablets: Tablet[] }>(`${API.intake}/tablets`, { token, signal }),
  enrollTablet: (token: Token, label: string) => apiPost<EnrolledTablet>(`${API.intake}/tablets`, { label }, { token }),
  revokeTablet: (token: Token, deviceId: string) =>
    apiPost<Tablet>(`${API.intake}/tablets/${encodeURIComponent(deviceId)}/revoke`, undefined, { token }),
  submitPaperForm: (token: Token, form: PaperForm) => apiPost<Accepted>(`${API.intake}/responses`, form, { token }),
};
