// Demo data for the local platform: the Vĩnh Phúc police units from the reference data with their
// 2024–2025 reorganisations, a 2022 campaign on the default questionnaire with a few paper forms for one
// commune police, then the figure scoring shows.
// Idempotent: imports change nothing the second time, the campaign has a fixed id and responses fixed idempotency keys.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const directory = 'http://127.0.0.1:3101';
const intake = 'http://127.0.0.1:3102';
const scoring = 'http://127.0.0.1:3103';
const reference = (file) => readFileSync(join(__dirname, '..', '..', 'data', 'reference', file), 'utf8');

const IMPORTS = [
  ['admin-units', { csv: reference('vinh-phuc-admin-units-pre2025.csv'), validFrom: '2020-01-01' }],
  ['commune-mergers', { csv: reference('vinh-phuc-commune-mergers-2024.csv'), effectiveDate: '2025-01-01' }],
  ['district-dissolution', { provinceCode: '26', effectiveDate: '2025-03-01' }],
  ['province-reorganization', { csv: reference('vinh-phuc-commune-reorganization-2025-07-01.csv'), effectiveDate: '2025-07-01' }],
];

async function call(url, method, token, body) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

async function main() {
  const login = await call(`${directory}/auth/token`, 'POST', null, { username: 'admin', password: process.env.ADMIN_PASSWORD });
  if (login.status !== 200) throw new Error(`admin sign-in failed: ${JSON.stringify(login.body)}`);
  const token = login.body.accessToken;

  for (const [kind, body] of IMPORTS) {
    const reply = await call(`${directory}/imports/${kind}`, 'POST', token, body);
    if (reply.status !== 200) throw new Error(`import ${kind} failed: ${JSON.stringify(reply.body)}`);
    console.log(`import ${kind}: ${reply.body.events} events ${JSON.stringify(reply.body.report.counts)}`);
  }
  const found = await call(`${directory}/units?q=${encodeURIComponent('tich son')}&on=2022-05-01`, 'GET', token);
  const unit = found.body?.units?.[0];
  if (!unit) throw new Error(`the demo commune was not found: ${JSON.stringify(found.body)}`);
  const UNIT_ID = unit.unitId;

  // A demo campaign for the province's commune police and divisions, on the default questionnaire
  // (the reference file's current form); a fixed id, so seeding again finds it instead of adding one.
  const tree = await call(`${directory}/units/tree?on=2022-05-01`, 'GET', token);
  const province = tree.body?.roots?.find((root) => root.code === '26');
  if (!province) throw new Error(`the Vĩnh Phúc provincial police was not found: ${JSON.stringify(tree.body).slice(0, 300)}`);
  const CAMPAIGN_ID = '2022a0b1-0000-4000-8000-000000000001';
  const campaign = {
    campaignId: CAMPAIGN_ID,
    nameVi: 'Khảo sát sự hài lòng về giải quyết thủ tục hành chính năm 2022',
    nameEn: 'Satisfaction with administrative procedures, 2022',
    period: { from: '2022-04-01', to: '2022-05-31' },
    scope: { unitTypes: ['commune-police', 'provincial-division'], withinUnitId: province.unitId },
    methods: ['paper', 'portal', 'tablet'],
    targetSample: { perUnit: 30 },
  };
  for (let attempt = 0; ; attempt += 1) {
    const reply = await call(`${intake}/campaigns`, 'POST', token, campaign);
    if (reply.status === 201 || reply.status === 200) {
      if (reply.body.status === 'draft') {
        const opened = await call(`${intake}/campaigns/${CAMPAIGN_ID}/open`, 'POST', token);
        if (opened.status !== 200) throw new Error(`campaign not opened: ${JSON.stringify(opened.body)}`);
      }
      break;
    }
    // Intake learns the units from the directory's topic a moment after they are registered.
    if (reply.status !== 422 || attempt > 60) throw new Error(`campaign refused: ${JSON.stringify(reply.body)}`);
    await new Promise((r) => setTimeout(r, 500));
  }

  const forms = [
    [5, 4, 4, 5, 3],
    [4, 4, 5, 5, 4],
    [2, 3, 4, 4, null],
    [5, 5, 5, 4, 4],
    [3, 4, 2, 4, 5],
  ];
  const items = ['A1', 'A2', 'B1', 'C1', 'D1'];
  for (const [i, levels] of forms.entries()) {
    const body = {
      idempotencyKey: `demo-form-2022-${i + 1}`,
      campaignId: CAMPAIGN_ID,
      unitId: UNIT_ID,
      procedureId: i % 2 === 0 ? 'id-card' : 'permanent-residence',
      serviceDate: `2022-04-${String(11 + i).padStart(2, '0')}`,
      answers: items.map((itemId, k) => ({ itemId, level: levels[k] })),
      expectations: [{ itemId: 'X4', level: 3 + (i % 2) }],
      profile: { respondentType: 'individual' },
    };
    for (let attempt = 0; ; attempt += 1) {
      const reply = await call(`${intake}/responses`, 'POST', token, body);
      if (reply.status === 201 || reply.status === 200) break;
      if (reply.status !== 422 || attempt > 60) throw new Error(`response refused: ${JSON.stringify(reply.body)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  let figure;
  for (let attempt = 0; attempt < 60; attempt += 1) {
    figure = (await call(`${scoring}/units/${UNIT_ID}/satisfaction`, 'GET', token)).body;
    if (figure && figure.sampleSize >= forms.length) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  // The campaign's own figure: the overall index (mean of the five factor indices) with its bootstrap interval.
  const campaignFigures = (await call(`${scoring}/campaigns/${CAMPAIGN_ID}/figures?by=unit`, 'GET', token)).body;
  const overall = campaignFigures?.total?.overall ?? { index: null, interval: null };
  const pct = (x) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
  console.log(`
Hài Lòng is running.
  unit-directory  ${directory}/docs   (sign-in: POST /auth/token, user "admin", password in .local/auth/admin-password)
  survey-intake   ${intake}/docs   (campaign ${CAMPAIGN_ID}: GET /campaigns/${CAMPAIGN_ID}/progress)
  scoring         ${scoring}/docs
  audit           http://127.0.0.1:3104/docs

Demo unit ${UNIT_ID} (${unit.nameVi}): ${figure.sampleSize} responses,
satisfaction ${pct(figure.index)} (95% CI ${pct(figure.interval?.lower ?? null)}–${pct(figure.interval?.upper ?? null)}).
Campaign overall index ${pct(overall.index)} (95% CI ${pct(overall.interval?.lower ?? null)}–${pct(overall.interval?.upper ?? null)}).

Try:
  TOKEN=$(curl -s -X POST ${directory}/auth/token -H 'content-type: application/json' \\
    -d "{\\"username\\":\\"admin\\",\\"password\\":\\"$(cat .local/auth/admin-password)\\"}" | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')
  curl -s ${scoring}/units/${UNIT_ID}/satisfaction -H "authorization: Bearer $TOKEN"
  curl -s '${scoring}/campaigns/${CAMPAIGN_ID}/figures?by=unit&structure=rolled-up' -H "authorization: Bearer $TOKEN"
  curl -s '${scoring}/campaigns/${CAMPAIGN_ID}/figures/export?format=csv&by=unitType' -H "authorization: Bearer $TOKEN"
  curl -s '${directory}/units/tree?on=2022-05-01' -H "authorization: Bearer $TOKEN"
  curl -s '${directory}/units?q=vinh%20yen' -H "authorization: Bearer $TOKEN"
  curl -s '${directory}/units/${UNIT_ID}/lineage' -H "authorization: Bearer $TOKEN"

Stop everything with: npm run stop
`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
