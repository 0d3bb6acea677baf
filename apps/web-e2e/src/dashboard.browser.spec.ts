import { Roles } from '@hailong/contracts';
import { readFileSync } from 'node:fs';
import { Browser, BrowserContext, Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { callService } from '../../platform-e2e/src/platform';
import { launchChromium, newVisitor, screenshotBothWidths, unnamedControls } from './browser';
import { scoringHasCounted, SeededCampaign, seedDashboardCampaign } from './dashboard-seed';
import { ADMIN, WebPlatform } from './web-platform';

interface Group {
  key: string;
  sampleSize: number;
  overall: { index: number | null };
  rank: { group: number } | null;
  label: { labelVi: string; labelEn: string; units: { unitId: string }[] };
}

/** Waits until a condition holds on the page (playwright-core has no web-first assertions). */
async function until(condition: () => Promise<boolean>, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** An index as the Vietnamese screen writes it: one decimal, decimal comma ("69,0"). */
const vi = (share: number) => (share * 100).toFixed(1).replace('.', ',');

// Ports 3345 (gateway) and 3346–3349 (services): this suite's own range.
describe('web app in Chromium: the dashboard, paper-form entry, campaigns and questionnaires', () => {
  let web: WebPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seeded: SeededCampaign;
  let admin: string;
  const timings: Record<string, number> = {};

  const figures = async (query: string) =>
    (await callService(web.gateway, 'GET', `/api/scoring/campaigns/${seeded.campaignId}/figures?${query}`, { token: admin })).body as {
      total: { sampleSize: number; overall: { index: number } };
      groups: Group[];
    };
  const nav = () => page.getByRole('navigation', { name: 'Điều hướng chính' });

  beforeAll(async () => {
    let t0 = Date.now();
    web = await WebPlatform.start('webdash', 3345);
    timings['platform start'] = Date.now() - t0;
    t0 = Date.now();
    await web.importVinhPhuc();
    timings['Vĩnh Phúc import'] = Date.now() - t0;
    t0 = Date.now();
    seeded = await seedDashboardCampaign(web);
    timings[`seeding ${seeded.responses} responses`] = Date.now() - t0;
    admin = (await callService(web.gateway, 'POST', '/auth/token', { body: ADMIN })).body.accessToken;
    browser = await launchChromium();
    ({ context, page } = await newVisitor(browser, 'desktop'));
    page.setDefaultTimeout(30000);
    await page.goto(`${web.url}/dashboard`);
    await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
    await page.getByLabel('Mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await web?.stop();
    console.log(
      `dashboard suite set-up: ${Object.entries(timings)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
        .join(', ')}`,
    );
  });

  it('opens on the province: its overall index with the 95% interval scoring computed, and its districts in rank groups', async () => {
    const expected = await figures(`by=unit&under=${seeded.provinceId}`);
    await page.getByRole('heading', { level: 2, name: 'Chỉ số hài lòng chung — Công an tỉnh Vĩnh Phúc' }).waitFor();
    expect(await page.getByTestId('overall-index').textContent()).toContain(vi(expected.total.overall.index));
    expect(await page.getByTestId('overall-sample').textContent()).toBe(`Cỡ mẫu: ${seeded.responses} người trả lời`);
    expect(await page.getByTestId('overall-interval').textContent()).toMatch(/^Khoảng tin cậy 95%: \d+,\d–\d+,\d %$/);
    const ranking = page.locator('table.ranking tbody tr');
    await ranking.first().waitFor();
    const rows = await ranking.locator('th').allTextContents();
    const byRank = [...expected.groups].sort((a, b) => (a.rank?.group ?? 99) - (b.rank?.group ?? 99));
    expect(rows).toEqual(byRank.map((g) => g.label.labelVi));
    expect(rows).toContain(seeded.district.nameVi);
    expect(await unnamedControls(page)).toEqual([]);
    // Everything drawn has loaded before the picture: the trend and the breakdown.
    await page.locator('.recharts-area').first().waitFor();
    await page.getByRole('table').filter({ hasText: 'Kênh khảo sát' }).waitFor();
    await screenshotBothWidths(page, 'dashboard');
  });

  it('drills down from the province to a district’s communes, flags the small samples, and goes back up', async () => {
    await page.getByRole('button', { name: `Xem các đơn vị của ${seeded.district.nameVi}` }).click();
    await page.getByRole('heading', { level: 2, name: `Chỉ số hài lòng chung — ${seeded.district.nameVi}` }).waitFor();
    const communes = seeded.units.filter((u) => u.districtId === seeded.district.unitId);
    const expected = await figures(`by=unit&under=${seeded.district.unitId}`);
    expect(expected.groups.map((g) => g.label.labelVi).sort()).toEqual(communes.map((c) => c.nameVi).sort());
    const ranking = page.locator('table.ranking tbody tr');
    await page.locator('table.ranking tbody tr', { hasText: communes[0].nameVi }).waitFor();
    expect((await ranking.locator('th').allTextContents()).map((t) => t.replace('Chưa xếp hạng (mẫu nhỏ)', ''))).toHaveLength(
      communes.length,
    );
    // The commune with six forms (below the campaign's minimum of 20) is listed, not ranked.
    const small = communes.find((c) => c.responses < 20);
    if (!small) throw new Error('the seed has no small commune in the first district');
    const smallRow = ranking.filter({ hasText: small.nameVi });
    expect(await smallRow.textContent()).toContain('Chưa xếp hạng (mẫu nhỏ)');
    expect(await smallRow.locator('td').first().textContent()).toBe('—');
    // Communes are the leaves: nothing below them to open.
    expect(await page.getByRole('button', { name: /^Xem các đơn vị của Công an (phường|xã|thị trấn)/ }).count()).toBe(0);
    const path = new URL(page.url()).searchParams.get('path');
    expect(path).toBe(`${seeded.provinceId},${seeded.district.unitId}`);
    // The communes and their intervals, scrolled into view (on a phone they come after the headline).
    await screenshotBothWidths(page, 'dashboard-drill-down', page.getByRole('heading', { name: 'Đơn vị trực thuộc, theo nhóm xếp hạng' }));

    await page.getByRole('navigation', { name: 'Đường dẫn xem chi tiết' }).getByRole('button', { name: 'Công an tỉnh Vĩnh Phúc' }).click();
    await page.getByRole('heading', { level: 2, name: 'Chỉ số hài lòng chung — Công an tỉnh Vĩnh Phúc' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 2, name: `Chỉ số hài lòng chung — ${seeded.district.nameVi}` }).waitFor();
  });

  it('exports the table on screen as CSV through the scoring export, with the same parameters', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Xuất CSV: bảng đơn vị' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`figures-${seeded.campaignId}-unit-as-it-was.csv`);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    for (const commune of seeded.units.filter((u) => u.districtId === seeded.district.unitId)) expect(csv).toContain(commune.nameVi);
    expect(csv).not.toContain(seeded.units.find((u) => u.districtId !== seeded.district.unitId)?.nameVi);
    await page.getByRole('status').filter({ hasText: 'Đã tải về' }).waitFor();
  });

  it('switches the dashboard to English: headings, numbers with a decimal point, units by their English names', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByRole('heading', { level: 2, name: `Overall satisfaction index — ${seeded.district.nameEn}` }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const expected = await figures(`by=unit&under=${seeded.district.unitId}`);
    expect(await page.getByTestId('overall-index').textContent()).toBe(`${(expected.total.overall.index * 100).toFixed(1)}%`);
    expect(await page.getByTestId('overall-interval').textContent()).toMatch(/^95% interval: \d+\.\d–\d+\.\d%$/);
    await page.getByRole('heading', { name: 'Units below, in rank groups' }).waitFor();
    expect(await page.locator('table.ranking tbody th').first().textContent()).toMatch(/Police/);
    await screenshotBothWidths(page, 'dashboard-en');
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bảng điều hành' }).waitFor();
  });

  it('rolls the figures up to today’s structure: the same forms under the units that carry on the work today', async () => {
    const today = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
    const tree = await callService(web.gateway, 'GET', `/api/directory/units/tree?on=${today}`, { token: admin });
    const root = tree.body.roots[0] as { unitId: string; nameVi: string };
    // click, not check: the radio follows the address, which changes a moment after the click.
    await page.getByLabel('Quy về cơ cấu ngày').click();
    await page.getByRole('heading', { level: 2, name: `Chỉ số hài lòng chung — ${root.nameVi}` }).waitFor();
    expect(new URL(page.url()).searchParams.get('structure')).toBe('rolled-up');
    expect(await page.getByTestId('overall-sample').textContent()).toBe(`Cỡ mẫu: ${seeded.responses} người trả lời`);
    const expected = await figures(`by=unit&structure=rolled-up&on=${today}&under=${root.unitId}`);
    expect(expected.groups.reduce((n, g) => n + g.sampleSize, 0)).toBe(seeded.responses);
    await page.locator('table.ranking tbody tr', { hasText: expected.groups[0].label.labelVi }).waitFor();
    expect((await page.locator('table.ranking tbody th').allTextContents()).sort()).toEqual(
      expected.groups.map((g) => g.label.labelVi).sort(),
    );
    await screenshotBothWidths(page, 'dashboard-rolled-up', page.getByRole('heading', { name: 'Đơn vị trực thuộc, theo nhóm xếp hạng' }));
    await page.getByLabel('Như lúc khảo sát').click();
    await page.getByRole('heading', { level: 2, name: 'Chỉ số hài lòng chung — Công an tỉnh Vĩnh Phúc' }).waitFor();
  });

  it('creates a campaign as a draft on the campaigns screen and opens it', async () => {
    await nav().getByRole('link', { name: 'Đợt khảo sát' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đợt khảo sát' }).waitFor();
    await page
      .getByRole('row', { name: /Khảo sát sự hài lòng quý II\/2022/ })
      .getByText('Đang mở')
      .waitFor();
    await page.getByLabel('Tên tiếng Việt').fill('Khảo sát tháng 12/2026');
    await page.getByLabel('Tên tiếng Anh').fill('Survey December 2026');
    await page.getByLabel('Từ ngày').fill('2026-12-01');
    await page.getByLabel('Đến ngày').fill('2026-12-31');
    await page.getByLabel('Máy tính bảng').check();
    await page.getByLabel('Chỉ tiêu mẫu mỗi đơn vị').fill('40');
    await page.getByRole('button', { name: 'Tạo bản nháp' }).click();
    await page.getByRole('status').getByText('Đã tạo bản nháp “Khảo sát tháng 12/2026”.').waitFor();
    const row = page.getByRole('row', { name: /Khảo sát tháng 12\/2026/ });
    await row.getByText('Nháp').waitFor();
    await screenshotBothWidths(page, 'campaigns');

    await row.getByRole('button', { name: 'Mở đợt “Khảo sát tháng 12/2026”' }).click();
    await page.getByRole('status').getByText('Đã mở đợt “Khảo sát tháng 12/2026”.').waitFor();
    await row.getByText('Đang mở').waitFor();
    const list = await callService(web.gateway, 'GET', '/api/intake/campaigns', { token: admin });
    const created = list.body.campaigns.find((c: { nameVi: string }) => c.nameVi === 'Khảo sát tháng 12/2026');
    expect(created).toMatchObject({
      status: 'open',
      period: { from: '2026-12-01', to: '2026-12-31' },
      methods: ['paper', 'tablet'],
      targetSample: { perUnit: 40 },
      scope: { unitTypes: ['commune-police'] },
    });
  });

  it('refuses a campaign without a name, naming the field next to its input', async () => {
    await page.getByLabel('Tên tiếng Việt').fill('');
    await page.getByLabel('Tên tiếng Anh').fill('No Vietnamese name');
    await page.getByRole('button', { name: 'Tạo bản nháp' }).click();
    const input = page.getByLabel('Tên tiếng Việt');
    await page.locator('input[aria-invalid="true"]').first().waitFor();
    expect(await input.getAttribute('aria-invalid')).toBe('true');
  });

  it('lists the questionnaire versions and publishes a new version of one from its latest content', async () => {
    await nav().getByRole('link', { name: 'Phiếu khảo sát' }).click();
    await page.getByRole('heading', { level: 1, name: 'Phiếu khảo sát' }).waitFor();
    await page.getByRole('row', { name: /^current 1 / }).waitFor();
    await page.getByLabel('Mã phiếu').selectOption('2017');
    const editor = page.getByLabel('Nội dung (JSON), bắt đầu từ phiên bản 1');
    // The 2017 form's content (22 items: C6 is one the current form lacks) has replaced the current one's.
    await page.waitForFunction(() => (document.querySelector('.json-editor') as HTMLTextAreaElement | null)?.value.includes('"C6"'));
    const content = JSON.parse(await editor.inputValue());
    content.titleVi = `${content.titleVi} (sửa đổi)`;
    await editor.fill(JSON.stringify(content, null, 2));
    await screenshotBothWidths(page, 'questionnaires');
    await page.getByRole('button', { name: 'Công bố', exact: true }).click();
    await page.getByRole('status').getByText('Đã công bố “2017” phiên bản 2.').waitFor();
    await page.getByRole('row', { name: /^2017 2 / }).waitFor();
  });

  it('keys a paper form by keyboard alone, shows the service’s field error, is accepted, and the dashboard figure changes', async () => {
    const commune = seeded.units.find((u) => u.districtId === seeded.district.unitId && u.responses < 20);
    if (!commune) throw new Error('no small commune');
    const before = await figures(`by=unit&under=${seeded.district.unitId}`);
    const communeBefore = before.groups.find((g) => g.label.units[0]?.unitId === commune.unitId);

    await nav().getByRole('link', { name: 'Nhập phiếu giấy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nhập phiếu giấy' }).waitFor();
    await page.getByLabel('Đợt khảo sát').selectOption({ label: 'Khảo sát sự hài lòng quý II/2022' });
    // A service date after the campaign: the service answers 4xx naming serviceDate, shown at the date field.
    await page.getByLabel('Ngày giải quyết').fill('2022-05-31');
    await page.getByLabel('Đơn vị giải quyết thủ tục').selectOption(commune.unitId);
    await page.getByLabel('Thủ tục', { exact: true }).selectOption('id-card');

    // From the procedure, Tab to the first rating; then one key per rating: sixteen keystrokes, no mouse.
    await page.getByLabel('Thủ tục', { exact: true }).focus();
    await page.keyboard.press('Tab');
    const first = page.getByLabel(/^A1\. /);
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('5545454505455454');
    expect(await page.getByRole('button', { name: 'Gửi phiếu' }).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByLabel(/^C2\. /).inputValue()).toBe('0');
    await page.getByText('Đã nhập 16/16 câu').waitFor();
    await screenshotBothWidths(page, 'paper-entry', page.getByRole('heading', { level: 1 }));

    // Sent with an idempotency key of its own; a service date outside the period would be refused …
    await page.getByLabel('Ngày giải quyết').fill('2022-06-15');
    await page.getByRole('button', { name: 'Gửi phiếu' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('Phiếu chưa được nhận').waitFor();
    const dateField = page.getByLabel('Ngày giải quyết');
    expect(await dateField.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await dateField.getAttribute('aria-describedby')) as string;
    expect((await page.locator(`[id="${describedBy}"]`).textContent())?.length).toBeGreaterThan(0);
    await screenshotBothWidths(page, 'paper-entry-refused', page.getByRole('alert'));

    // … so the date is corrected, the back of the form keyed (an expectation, the comments), and the
    // same form sent again: accepted, with what the back said.
    await dateField.fill('2022-05-20');
    await page.getByText(/^Kỳ vọng, thông tin người trả lời và góp ý \(không bắt buộc\) — đã nhập 0 câu$/).click();
    await page.getByLabel(/^X1\. /).selectOption('4');
    await page.getByLabel('Góp ý ghi trên phiếu').fill('Cần thêm ghế chờ.');
    await page.getByText(/— đã nhập 2 câu$/).waitFor();
    await page.getByRole('button', { name: 'Gửi phiếu' }).focus();
    await page.keyboard.press('Enter');
    const acceptedLine = page.getByRole('status').getByText(/^Đã nhận phiếu\. Mã phiếu: [0-9a-f-]{36}\.$/);
    await acceptedLine.waitFor();
    const responseId = /([0-9a-f-]{36})/.exec((await acceptedLine.textContent()) ?? '')?.[1];
    const stored = await callService(web.gateway, 'GET', `/api/intake/responses/${responseId}`, { token: admin });
    expect(stored.status).toBe(200);
    expect(stored.body.expectations).toEqual([{ itemId: 'X1', level: 4 }]);
    expect(stored.body.personal.state).toBe('readable');
    expect(stored.body.personal.freeText).toBe('Cần thêm ghế chờ.');
    // Ready for the next form: ratings cleared, the focus back on the first one.
    expect(await first.inputValue()).toBe('');
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);

    await scoringHasCounted(web, admin, seeded.campaignId, seeded.responses + 1);
    const after = await figures(`by=unit&under=${seeded.district.unitId}`);
    const communeAfter = after.groups.find((g) => g.label.units[0]?.unitId === commune.unitId);
    expect(communeAfter?.sampleSize).toBe((communeBefore?.sampleSize ?? 0) + 1);
    expect(communeAfter?.overall.index).not.toBe(communeBefore?.overall.index);

    // A fresh load of the dashboard (the session stays in the tab), as leadership would open it.
    await page.goto(`${web.url}/dashboard?campaign=${seeded.campaignId}`);
    await page
      .getByTestId('overall-sample')
      .filter({ hasText: `Cỡ mẫu: ${seeded.responses + 1} người trả lời` })
      .waitFor();
    await page.getByRole('button', { name: `Xem các đơn vị của ${seeded.district.nameVi}` }).click();
    const row = page.locator('table.ranking tbody tr', { hasText: commune.nameVi });
    await until(async () => (await row.locator('td').last().textContent()) === String(communeAfter?.sampleSize));
    expect(await row.locator('.ranking__index').textContent()).toContain(vi(communeAfter?.overall.index as number));
  });

  it('shows the dashboard to a viewer and keeps staff-only screens from them', async () => {
    const viewer = await web.platform.token(Roles.viewer);
    const reply = await callService(web.gateway, 'GET', `/api/scoring/campaigns/${seeded.campaignId}/figures`, { token: viewer });
    expect(reply.status).toBe(200);
    const surveyor = await web.platform.token(Roles.surveyor);
    expect((await callService(web.gateway, 'GET', `/api/scoring/campaigns/${seeded.campaignId}/figures`, { token: surveyor })).status).toBe(
      403,
    );
  });
});
