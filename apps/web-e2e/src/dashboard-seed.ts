import { Roles } from '@hailong/contracts';
import { randomUUID } from 'node:crypto';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { callService } from '../../platform-e2e/src/platform';
import { ADMIN, WebPlatform } from './web-platform';

interface TreeNode {
  unitId: string;
  unitType: string;
  nameVi: string;
  nameEn: string;
  children: TreeNode[];
}

export interface SeededUnit {
  readonly unitId: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly districtId: string;
  readonly responses: number;
}

export interface SeededCampaign {
  readonly campaignId: string;
  readonly provinceId: string;
  readonly district: { unitId: string; nameVi: string; nameEn: string };
  readonly units: readonly SeededUnit[];
  readonly responses: number;
}

export const SEED_PERIOD = { from: '2022-04-01', to: '2022-05-31' } as const;
const ITEMS = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'D1', 'D2', 'D3', 'E1', 'E2', 'E3'];

/** A deterministic generator (mulberry32), so the screenshots show the same figures on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Communes of two districts with different service quality and sample sizes: some well above the minimum
 * sample (ranked, narrow intervals), some below it (flagged, wide intervals), as a real campaign looks.
 */
const PLAN: { share: number; quality: number; responses: number }[] = [
  { share: 0, quality: 0.92, responses: 34 },
  { share: 0, quality: 0.78, responses: 30 },
  { share: 0, quality: 0.55, responses: 26 },
  { share: 0, quality: 0.8, responses: 6 },
  { share: 1, quality: 0.7, responses: 28 },
  { share: 1, quality: 0.35, responses: 24 },
  { share: 1, quality: 0.6, responses: 4 },
];

/**
 * A campaign over Vĩnh Phúc's communes in April–May 2022 with paper and tablet forms keyed through the
 * gateway's intake API, then waited for until scoring has counted every one.
 */
export async function seedDashboardCampaign(web: WebPlatform): Promise<SeededCampaign> {
  const admin = (await callService(web.gateway, 'POST', '/auth/token', { body: ADMIN })).body.accessToken as string;
  const surveyor = await web.platform.token(Roles.surveyor);
  const tree = (await callService(web.gateway, 'GET', '/api/directory/units/tree?on=2022-04-15', { token: admin })).body as {
    roots: TreeNode[];
  };
  const province = tree.roots[0];
  const districts = province.children
    .filter((d) => d.unitType === 'district-police' && d.children.filter((c) => c.unitType === 'commune-police').length >= 4)
    .slice(0, 2);
  if (districts.length < 2) throw new Error('the 2022 tree has fewer than two districts with four communes');
  const campaignId = randomUUID();
  const created = await callService(web.gateway, 'POST', '/api/intake/campaigns', {
    token: admin,
    body: {
      campaignId,
      nameVi: 'Khảo sát sự hài lòng quý II/2022',
      nameEn: 'Satisfaction survey Q2 2022',
      period: SEED_PERIOD,
      scope: { unitTypes: ['commune-police'], withinUnitId: province.unitId },
      methods: ['paper', 'tablet'],
      targetSample: { perUnit: 30 },
      minimumSample: 20,
    },
  });
  if (created.status !== 201) throw new Error(`campaign: ${created.status} ${JSON.stringify(created.body)}`);
  const opened = await callService(web.gateway, 'POST', `/api/intake/campaigns/${campaignId}/open`, { token: admin });
  if (opened.status !== 200) throw new Error(`open: ${opened.status} ${JSON.stringify(opened.body)}`);

  const next = random(20220401);
  const units: SeededUnit[] = [];
  const taken = [0, 0];
  let total = 0;
  for (const [n, plan] of PLAN.entries()) {
    const district = districts[plan.share];
    const commune = district.children.filter((c) => c.unitType === 'commune-police')[taken[plan.share]++];
    for (let r = 0; r < plan.responses; r += 1) {
      const day = 1 + Math.floor(next() * 60);
      const serviceDate = day <= 30 ? `2022-04-${String(day).padStart(2, '0')}` : `2022-05-${String(day - 30).padStart(2, '0')}`;
      const answers = ITEMS.map((itemId) => ({
        itemId,
        level: next() < plan.quality ? 4 + Math.round(next()) : 1 + Math.floor(next() * 3),
      }));
      const reply = await callService(web.gateway, 'POST', '/api/intake/responses', {
        token: surveyor,
        body: {
          idempotencyKey: `seed-${n}-${r}-${campaignId}`,
          campaignId,
          unitId: commune.unitId,
          channel: r % 3 === 0 ? 'tablet' : 'paper',
          procedureId: ['id-card', 'permanent-residence', 'vehicle-registration'][r % 3],
          serviceDate,
          answers,
        },
      });
      if (reply.status !== 201) throw new Error(`response: ${reply.status} ${JSON.stringify(reply.body)}`);
      total += 1;
    }
    units.push({
      unitId: commune.unitId,
      nameVi: commune.nameVi,
      nameEn: commune.nameEn,
      districtId: district.unitId,
      responses: plan.responses,
    });
  }
  // Services delivered for the first district's communes: their progress is against the planned sample.
  const planned = await callService(web.gateway, 'PUT', `/api/scoring/campaigns/${campaignId}/services-delivered`, {
    token: admin,
    body: { units: units.filter((u) => u.districtId === districts[0].unitId).map((u) => ({ unitId: u.unitId, servicesDelivered: 120 })) },
  });
  if (planned.status !== 200) throw new Error(`services delivered: ${planned.status} ${JSON.stringify(planned.body)}`);
  await scoringHasCounted(web, admin, campaignId, total);
  const district = districts[0];
  return {
    campaignId,
    provinceId: province.unitId,
    district: { unitId: district.unitId, nameVi: district.nameVi, nameEn: district.nameEn },
    units,
    responses: total,
  };
}

/** Scoring counts responses from the log a moment after intake accepts them. */
export async function scoringHasCounted(web: WebPlatform, token: string, campaignId: string, expected: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  let counted = -1;
  while (Date.now() < deadline) {
    const list = await callService(web.gateway, 'GET', '/api/scoring/campaigns', { token });
    counted = list.body?.campaigns?.find((c: { campaignId: string }) => c.campaignId === campaignId)?.responses.onTime ?? -1;
    if (counted === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`scoring counted ${counted} of ${expected} responses of ${campaignId}`);
}
