import { CampaignDefinition, QuestionnaireContent } from '@hailong/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CampaignEvent, CampaignState } from './campaign/campaign';
import { questionnairesFromReference } from './questionnaire/reference-questionnaires';

/** The reference file every service loads, read from the repository's data/reference. */
export const referenceFile = (): unknown =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', '..', 'data', 'reference', 'questionnaires.json'), 'utf8'));

export const referenceQuestionnaire = (id: string): QuestionnaireContent => {
  const found = questionnairesFromReference(referenceFile()).find((q) => q.questionnaireId === id);
  if (!found) throw new Error(`no reference questionnaire ${id}`);
  return found.content;
};

export const CAMPAIGN = '7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9';
export const PROVINCE = '0b7f2f0e-5a0c-4d55-9a57-3f1f0a9d2c11';
export const DISTRICT = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
export const COMMUNE = '6c1f0c3e-8a43-4c1e-9d3b-1c7a9e0f5b21';
export const OTHER_COMMUNE = '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a';
export const DIVISION = '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b';

export const definition: CampaignDefinition = {
  campaignId: CAMPAIGN,
  nameVi: 'Khảo sát sự hài lòng năm 2022',
  nameEn: 'Satisfaction survey 2022',
  period: { from: '2022-04-01', to: '2022-05-31' },
  scope: { unitIds: [], unitTypes: ['commune-police', 'provincial-division'], withinUnitId: PROVINCE },
  methods: ['paper', 'tablet'],
  questionnaire: { questionnaireId: 'current', version: 1 },
  targetSample: { perUnit: 100, byUnit: [{ unitId: COMMUNE, target: 60 }] },
  minimumSample: 30,
};

export const created: CampaignEvent = { type: 'CampaignCreated', data: definition };
export const opened: CampaignEvent = { type: 'CampaignOpened', data: { campaignId: CAMPAIGN } };
export const closed: CampaignEvent = { type: 'CampaignClosed', data: { campaignId: CAMPAIGN } };

export const openCampaign: CampaignState = { definition, status: 'open' };
