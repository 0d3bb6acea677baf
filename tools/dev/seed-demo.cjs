// Demo data for the local platform: one unit and a few responses, then the figure scoring shows.
// Idempotent: fixed ids and idempotency keys, so running it again changes nothing.
const directory = 'http://127.0.0.1:3101';
const intake = 'http://127.0.0.1:3102';
const scoring = 'http://127.0.0.1:3103';
const UNIT_ID = '0c5e2d64-1a9b-4f3e-8d27-2f6a4b8c9d01';

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

  const unit = await call(`${directory}/units`, 'POST', token, {
    unitId: UNIT_ID,
    code: '26',
    unitType: 'provincial-police',
    nameVi: 'Công an tỉnh Vĩnh Phúc',
    nameEn: 'Vinh Phuc Provincial Police',
    areaCode: '26',
    validFrom: '2020-01-01',
  });
  if (unit.status !== 201 && unit.status !== 422) throw new Error(`unit registration failed: ${JSON.stringify(unit.body)}`);

  const forms = [
    [5, 4, 4, 5, 3],
    [4, 4, 5, 5, 4],
    [2, 3, 4, 4, null],
    [5, 5, 5, 4, 4],
    [3, 4, 2, 4, 5],
  ];
  const items = ['A1', 'A2', 'B1', 'C1', 'D1'];
  for (const [i, levels] of forms.entries()) {
    const body = { idempotencyKey: `demo-form-${i + 1}`, unitId: UNIT_ID, answers: items.map((itemId, k) => ({ itemId, level: levels[k] })) };
    for (let attempt = 0; ; attempt += 1) {
      const reply = await call(`${intake}/responses`, 'POST', token, body);
      if (reply.status === 201 || reply.status === 200) break;
      // Intake learns the unit from the directory's topic a moment after it is registered.
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
  const pct = (x) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
  console.log(`
Hài Lòng is running.
  unit-directory  ${directory}/docs   (sign-in: POST /auth/token, user "admin", password in .local/auth/admin-password)
  survey-intake   ${intake}/docs
  scoring         ${scoring}/docs
  audit           http://127.0.0.1:3104/docs

Demo unit ${UNIT_ID} (Công an tỉnh Vĩnh Phúc): ${figure.sampleSize} responses,
satisfaction ${pct(figure.index)} (95% CI ${pct(figure.interval?.lower ?? null)}–${pct(figure.interval?.upper ?? null)}).

Try:
  TOKEN=$(curl -s -X POST ${directory}/auth/token -H 'content-type: application/json' \\
    -d "{\\"username\\":\\"admin\\",\\"password\\":\\"$(cat .local/auth/admin-password)\\"}" | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')
  curl -s ${scoring}/units/${UNIT_ID}/satisfaction -H "authorization: Bearer $TOKEN"

Stop everything with: npm run stop
`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
