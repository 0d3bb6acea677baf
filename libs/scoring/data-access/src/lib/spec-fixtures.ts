import {
  CampaignClosed,
  CampaignCreated,
  CampaignDefinition,
  CampaignOpened,
  createEvent,
  EventDefinition,
  EventEnvelope,
  GENESIS_HASH,
  QuestionnaireContent,
  QuestionnaireVersionPublished,
  ResponseCorrected,
  ResponseData,
  ResponseSubmitted,
  ResponseVoided,
  sha256Hex,
  canonicalJson,
} from '@hailong/contracts';

// Shared by this library's specs: a small questionnaire, a campaign and intake events with ledger places.

export const CONTENT: QuestionnaireContent = {
  titleVi: 'Phiếu thử',
  titleEn: 'Test form',
  ratingScale: [1, 2, 3, 4, 5].map((level) => ({ level, vi: `Mức ${level}`, en: `Level ${level}` })),
  factors: [
    { id: 'A', vi: 'Tiếp cận', en: 'Access', items: ['A1', 'A2'].map((id) => ({ id, vi: id, en: id })) },
    { id: 'B', vi: 'Thủ tục', en: 'Procedure', items: ['B1', 'B2', 'B3'].map((id) => ({ id, vi: id, en: id })) },
  ],
  expectationScale: [1, 2, 3, 4].map((level) => ({ level, vi: `Mức ${level}`, en: `Level ${level}` })),
  expectations: ['X1', 'X2'].map((id) => ({ id, vi: id, en: id })),
  profile: [],
  procedures: [],
};
export const ITEMS = ['A1', 'A2', 'B1', 'B2', 'B3'];

export const definition = (campaignId: string, minimumSample = 5): CampaignDefinition => ({
  campaignId,
  nameVi: 'Khảo sát thử 2022',
  nameEn: 'Test survey 2022',
  period: { from: '2022-04-01', to: '2022-05-31' },
  scope: { unitIds: [], unitTypes: ['commune-police'], withinUnitId: null },
  methods: ['paper', 'portal', 'tablet'],
  questionnaire: { questionnaireId: 'test', version: 1 },
  targetSample: { perUnit: 30, byUnit: [] },
  minimumSample,
});

/** A seeded generator (mulberry32), so a spec's random responses are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function uuidOf(prefix: string, n: number): string {
  return `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** Intake's side of the log: events with consecutive ledger places, as its relay gives them. */
export class IntakeLog {
  private sequence = 0;
  private previous = GENESIS_HASH;
  readonly events: EventEnvelope[] = [];

  private place<T extends string, D>(definition: EventDefinition<T, D>, subject: string, data: D): EventEnvelope {
    const event = {
      ...createEvent(definition, subject, data, {
        source: 'survey-intake',
        actor: { id: 'spec', kind: 'staff', roles: [] },
        correlationId: 'spec',
      }),
    };
    this.sequence += 1;
    const placed = { ...event, ledger: { sequence: this.sequence, previousHash: this.previous } } as EventEnvelope;
    this.previous = sha256Hex(canonicalJson(placed));
    this.events.push(placed);
    return placed;
  }

  questionnaire(): EventEnvelope {
    return this.place(QuestionnaireVersionPublished, 'test', {
      questionnaireId: 'test',
      version: 1,
      contentHash: sha256Hex(canonicalJson(CONTENT)),
      content: CONTENT,
    });
  }

  created(campaignId: string, minimumSample = 5): EventEnvelope {
    return this.place(CampaignCreated, campaignId, definition(campaignId, minimumSample));
  }

  opened(campaignId: string): EventEnvelope {
    return this.place(CampaignOpened, campaignId, { campaignId });
  }

  closed(campaignId: string): EventEnvelope {
    return this.place(CampaignClosed, campaignId, { campaignId });
  }

  submitted(response: ResponseData): EventEnvelope {
    return this.place(ResponseSubmitted, response.responseId, response);
  }

  voided(response: ResponseData, reason = 'nhập sai'): EventEnvelope {
    return this.place(ResponseVoided, response.responseId, {
      responseId: response.responseId,
      unitId: response.unitId,
      campaignId: response.campaignId,
      reason,
    });
  }

  corrected(original: ResponseData, replacement: ResponseData, reason = 'sửa mức trả lời'): EventEnvelope {
    return this.place(ResponseCorrected, original.responseId, { responseId: original.responseId, reason, replacement });
  }
}

export const CHANNELS_USED = ['paper', 'portal', 'tablet'] as const;

/** A random response of the test questionnaire: some items unanswered, some expectations. */
export function randomResponse(random: () => number, n: number, campaignId: string, unitId: string, serviceDate: string): ResponseData {
  const level = () => 1 + Math.floor(random() * 5);
  return {
    responseId: uuidOf('c0000000', n),
    campaignId,
    unitId,
    channel: CHANNELS_USED[Math.floor(random() * CHANNELS_USED.length)],
    questionnaire: { questionnaireId: 'test', version: 1 },
    procedureId: random() < 0.5 ? 'id-card' : 'vehicle-registration',
    serviceDate,
    collectedBy: { kind: 'surveyor', id: 'surveyor-1' },
    form: { startedAt: null, finishedAt: null },
    // Mostly satisfied, as real figures are, with an occasional blank.
    answers: ITEMS.map((itemId) => ({ itemId, level: random() < 0.1 ? null : random() < 0.6 ? 4 + Math.floor(random() * 2) : level() })),
    expectations: random() < 0.5 ? [{ itemId: 'X1', level: 1 + Math.floor(random() * 4) }] : [],
    profileGroups: { respondentType: random() < 0.8 ? 'individual' : 'organisation' },
    personal: null,
  };
}
