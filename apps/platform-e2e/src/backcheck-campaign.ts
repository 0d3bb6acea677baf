import { CampaignScoresPublished, DataOf, Roles } from '@hailong/contracts';
import { eventually } from '@hailong/platform/testing';
import { randomUUID } from 'node:crypto';
import { TestPlatform } from './platform';

export const ITEMS = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'D1', 'D2', 'D3', 'E1', 'E2', 'E3'];

/** Units with Vietnamese names the report must carry intact. */
export const UNIT_NAMES = {
  tichSon: 'Công an phường Tích Sơn',
  lienBao: 'Công an phường Liên Bảo',
  dongTam: 'Công an phường Đồng Tâm',
} as const;
export type UnitKey = keyof typeof UNIT_NAMES;

export interface SentResponse {
  readonly responseId: string;
  readonly unit: UnitKey;
  readonly surveyorId: string;
  readonly phone: string | null;
  readonly respondentKeyId: string | null;
}

export interface BackcheckCampaign {
  readonly campaignId: string;
  readonly units: Record<UnitKey | 'province' | 'district', string>;
  readonly responses: readonly SentResponse[];
  /** The fabricated batch: one surveyor, identical answers, 20 seconds apart, 15 seconds a form. */
  readonly fabricated: readonly string[];
  readonly published: DataOf<typeof CampaignScoresPublished>;
}

/** A seeded generator (mulberry32): the same forms on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const instant = (ms: number) => new Date(ms).toISOString();

/**
 * A published campaign for re-inspection: honest paper forms at three communes (varied answers,
 * eight minutes each, hours apart, most with a phone number for re-contact) and a fabricated batch at
 * Liên Bảo; closed and published by scoring.
 */
export async function publishBackcheckCampaign(platform: TestPlatform, label: string): Promise<BackcheckCampaign> {
  const random = seeded(8);
  const editor = await platform.token(Roles.directoryEditor, 'editor-1');
  const manager = await platform.token(Roles.campaignManager, 'manager-1');
  const surveyor = await platform.token(Roles.surveyor, 'surveyor-1');
  const viewer = await platform.token(Roles.viewer, 'viewer-1');
  const units = {} as Record<UnitKey | 'province' | 'district', string>;
  const register = async (key: keyof typeof units, code: string, unitType: string, nameVi: string, parent: string | null) => {
    const reply = await platform.call('unit-directory', 'POST', '/units', {
      token: editor,
      body: {
        code,
        unitType,
        nameVi,
        nameEn: nameVi,
        ...(parent ? { parentId: units[parent as keyof typeof units] } : {}),
        validFrom: '2020-01-01',
      },
    });
    if (reply.status !== 201) throw new Error(`directory refused ${nameVi}: ${reply.status} ${JSON.stringify(reply.body)}`);
    units[key] = reply.body.unitId;
  };
  await register('province', '26', 'provincial-police', 'Công an tỉnh Vĩnh Phúc', null);
  await register('district', '243', 'district-police', 'Công an thành phố Vĩnh Yên', 'province');
  await register('tichSon', '08707', 'commune-police', UNIT_NAMES.tichSon, 'district');
  await register('lienBao', '08710', 'commune-police', UNIT_NAMES.lienBao, 'district');
  await register('dongTam', '08716', 'commune-police', UNIT_NAMES.dongTam, 'district');
  await eventually(async () => {
    for (const id of Object.values(units)) {
      const reply = await platform.call('survey-intake', 'GET', `/directory/units/${id}`, { token: viewer });
      if (reply.status !== 200) throw new Error(`intake does not know ${id} yet`);
    }
  });

  const created = await platform.call('survey-intake', 'POST', '/campaigns', {
    token: manager,
    body: {
      nameVi: `Phúc tra sự hài lòng ${label}`,
      nameEn: `Back-checked satisfaction ${label}`,
      period: { from: '2022-04-01', to: '2022-05-31' },
      scope: { unitTypes: ['commune-police'], withinUnitId: units.province },
      methods: ['paper'],
      questionnaire: { questionnaireId: 'current', version: 1 },
      targetSample: { perUnit: 30, byUnit: [] },
      minimumSample: 5,
    },
  });
  if (created.status !== 201) throw new Error(`campaign refused: ${created.status} ${JSON.stringify(created.body)}`);
  const campaignId: string = created.body.campaignId;
  const opened = await platform.call('survey-intake', 'POST', `/campaigns/${campaignId}/open`, { token: manager });
  if (opened.status !== 200) throw new Error(`campaign not opened: ${opened.status}`);

  const responses: SentResponse[] = [];
  const send = async (
    unit: UnitKey,
    surveyorId: string,
    answers: { itemId: string; level: number | null }[],
    started: number,
    finished: number,
    phone: string | null,
  ) => {
    const reply = await platform.call('survey-intake', 'POST', '/responses', {
      token: surveyor,
      body: {
        idempotencyKey: `backcheck-${randomUUID()}`,
        campaignId,
        unitId: units[unit],
        channel: 'paper',
        procedureId: 'id-card',
        serviceDate: '2022-04-12',
        surveyorId,
        form: { startedAt: instant(started), finishedAt: instant(finished) },
        answers,
        expectations: [],
        profile: { respondentType: 'individual' },
        ...(phone ? { contact: { name: 'Nguyễn Văn An', phone, consent: true } } : {}),
      },
    });
    if (reply.status !== 201) throw new Error(`intake refused a form: ${reply.status} ${JSON.stringify(reply.body)}`);
    responses.push({ responseId: reply.body.responseId, unit, surveyorId, phone, respondentKeyId: reply.body.respondentKeyId ?? null });
    return reply.body.responseId as string;
  };

  const day = Date.parse('2022-04-12T01:00:00Z');
  let n = 0;
  for (const [unit, count, surveyorId] of [
    ['tichSon', 12, 'surveyor-honest'],
    ['lienBao', 9, 'surveyor-honest'],
    ['dongTam', 7, 'surveyor-other'],
  ] as const) {
    for (let i = 0; i < count; i += 1) {
      const answers = ITEMS.map((itemId) => ({
        itemId,
        level: random() < 0.05 ? null : random() < 0.7 ? 4 + Math.floor(random() * 2) : 1 + Math.floor(random() * 3),
      }));
      const started = day + (n += 1) * 3_600_000;
      await send(unit, surveyorId, answers, started, started + 8 * 60_000, i % 4 === 3 ? null : `09123456${String(n).padStart(2, '0')}`);
    }
  }
  const fabricated: string[] = [];
  const burst = Date.parse('2022-04-20T02:00:00Z');
  for (let i = 0; i < 8; i += 1) {
    const finished = burst + i * 20_000;
    fabricated.push(
      await send(
        'lienBao',
        'surveyor-fabricator',
        ITEMS.map((itemId) => ({ itemId, level: 5 })),
        finished - 15_000,
        finished,
        `0987654${String(i).padStart(3, '0')}`,
      ),
    );
  }

  const closed = await platform.call('survey-intake', 'POST', `/campaigns/${campaignId}/close`, { token: manager });
  if (closed.status !== 200) throw new Error(`campaign not closed: ${closed.status}`);
  await eventually(
    async () => {
      const reply = await platform.call('scoring', 'POST', `/campaigns/${campaignId}/publication`, { token: manager });
      if (reply.status !== 202) throw new Error(`publication refused: ${reply.status} ${JSON.stringify(reply.body)}`);
    },
    { timeoutMs: 60000, intervalMs: 500 },
  );
  const published = await eventually(
    async () => {
      const reply = await platform.call('scoring', 'GET', `/campaigns/${campaignId}/publication`, { token: viewer });
      if (reply.body?.status !== 'published') throw new Error(`not published yet: ${JSON.stringify(reply.body)}`);
      return reply.body.published as DataOf<typeof CampaignScoresPublished>;
    },
    { timeoutMs: 60000, intervalMs: 300 },
  );
  if (published.responses.onTime !== responses.length)
    throw new Error(`published ${published.responses.onTime} of ${responses.length} responses`);
  return { campaignId, units, responses, fabricated, published };
}
