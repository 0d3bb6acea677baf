import { Roles } from '@hailong/contracts';
import { randomUUID } from 'node:crypto';
import { BenchPlatform } from './bench-platform';
import { callJson, expectJson } from './http';
import { sleep } from './stats';

/** The questionnaire "current" v1's satisfaction items, as the reference file publishes them. */
export const ITEMS = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'D1', 'D2', 'D3', 'E1', 'E2', 'E3'];

export interface BenchData {
  provinceId: string;
  /** Communes the load scenarios use. */
  communes: string[];
  /** A commune only the freshness scenario writes to, so its figure counts that scenario alone. */
  freshnessUnit: string;
  /** Open campaign for paper and tablet forms over every commune. */
  campaignId: string;
  device: { deviceId: string; credential: string };
}

/** A paper or tablet form of the campaign, answers varied by n so the figures are not all alike. */
export function formOf(data: BenchData, n: number, unitId = data.communes[n % data.communes.length]) {
  return {
    campaignId: data.campaignId,
    unitId,
    procedureId: 'id-card',
    serviceDate: `2022-04-${String((n % 28) + 1).padStart(2, '0')}`,
    answers: ITEMS.map((itemId, i) => ({ itemId, level: ((n * 7 + i) % 5) + 1 })),
    profile: { respondentType: n % 3 === 0 ? 'organisation' : 'individual' },
  };
}

/** The units, the campaign and a tablet, through the services' own APIs as an administrator would. */
export async function createBenchData(platform: BenchPlatform, communes: number, districts: number): Promise<BenchData> {
  const directory = platform.url('unit-directory');
  const intake = platform.url('survey-intake');
  const editor = await platform.token(Roles.directoryEditor);
  const register = async (body: Record<string, unknown>) =>
    (await expectJson([201], directory, 'POST', '/units', { token: editor, body: { validFrom: '2020-01-01', ...body } })).body
      .unitId as string;

  const provinceId = await register({
    code: '26',
    unitType: 'provincial-police',
    nameVi: 'Công an tỉnh Vĩnh Phúc',
    nameEn: 'Vinh Phuc Provincial Police',
  });
  const districtIds: string[] = [];
  for (let d = 0; d < districts; d += 1) {
    districtIds.push(
      await register({
        parentId: provinceId,
        code: String(240 + d),
        unitType: 'district-police',
        nameVi: `Công an huyện Thử ${d + 1}`,
        nameEn: `Test District ${d + 1} Police`,
      }),
    );
  }
  const communeIds: string[] = [];
  for (let c = 0; c <= communes; c += 1) {
    communeIds.push(
      await register({
        parentId: districtIds[c % districtIds.length],
        code: String(8000 + c).padStart(5, '0'),
        unitType: 'commune-police',
        nameVi: `Công an xã Thử ${c + 1}`,
        nameEn: `Test Commune ${c + 1} Police`,
      }),
    );
  }
  const viewer = await platform.token(Roles.viewer);
  const manager = await platform.token(Roles.campaignManager);
  // Intake learns the units from the directory topic a moment later.
  const deadline = Date.now() + 120000;
  for (const id of [provinceId, ...communeIds]) {
    for (;;) {
      const reply = await callJson(intake, 'GET', `/directory/units/${id}`, { token: viewer });
      if (reply.status === 200) break;
      if (Date.now() > deadline) throw new Error(`intake never learnt unit ${id} from the directory topic`);
      await sleep(200);
    }
  }
  const created = await expectJson([201], intake, 'POST', '/campaigns', {
    token: manager,
    body: {
      nameVi: 'Khảo sát đo hiệu năng 2022',
      nameEn: 'Benchmark survey 2022',
      period: { from: '2022-04-01', to: '2022-05-31' },
      scope: { unitTypes: ['commune-police'], withinUnitId: provinceId },
      methods: ['paper', 'tablet'],
      questionnaire: { questionnaireId: 'current', version: 1 },
      targetSample: { perUnit: 100, byUnit: [] },
      minimumSample: 30,
    },
  });
  const campaignId = created.body.campaignId as string;
  await expectJson([200], intake, 'POST', `/campaigns/${campaignId}/open`, { token: manager });
  const admin = await platform.token(Roles.admin);
  const enrolled = await expectJson([201], intake, 'POST', '/tablets', {
    token: admin,
    body: { label: `Máy đo hiệu năng ${randomUUID().slice(0, 8)}` },
  });
  return {
    provinceId,
    communes: communeIds.slice(0, -1),
    freshnessUnit: communeIds[communeIds.length - 1],
    campaignId,
    device: { deviceId: enrolled.body.deviceId, credential: enrolled.body.credential },
  };
}
