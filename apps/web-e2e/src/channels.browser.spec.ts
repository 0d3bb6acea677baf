import { Roles } from '@hailong/contracts';
import { eventually } from '@hailong/platform/testing';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { Browser, BrowserContext } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { callService } from '../../platform-e2e/src/platform';
import { launchChromium, newVisitor, screenshotBothWidths, unnamedControls } from './browser';
import { ADMIN, WebPlatform } from './web-platform';

const ITEMS = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'D1', 'D2', 'D3', 'E1', 'E2', 'E3'];
const SURVEYOR = { username: 'surveyor.tablet', password: 'e2e-surveyor-password-long' };
const COMMUNE = { nameVi: 'Công an phường Tích Sơn', nameEn: 'Tich Son ward police' };

const isoDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(d);
const TODAY = isoDay(new Date());
const DAY = 24 * 3600 * 1000;

/**
 * The channels a browser uses, through the gateway in front of the four built services on real PostgreSQL
 * and Kafka: the citizen form a counter visit token's QR code opens, the working groups' tablet app
 * offline and back online, and the bulk upload of paper forms with its per-row report.
 *
 * Ports 3340 (gateway) and 3341–3344 (services): this suite's own range.
 */
describe('web app in Chromium: the citizen form, the offline tablet app and bulk upload', () => {
  let web: WebPlatform;
  let browser: Browser;
  let db: Client;
  let campaignId: string;
  let surveyorToken: string;
  let adminToken: string;
  const units: Record<string, string> = {};
  const contexts: BrowserContext[] = [];

  const intake = (method: string, path: string, token: string, body?: unknown) =>
    callService(web.platform.services['survey-intake'], method, path, { token, body });
  const issueToken = async (body: Record<string, unknown> = {}) => {
    const reply = await intake('POST', '/counter/visit-tokens', surveyorToken, {
      campaignId,
      unitId: units.commune,
      procedureId: 'id-card',
      ...body,
    });
    expect(reply.status).toBe(201);
    return reply.body as { token: string; formUrl: string };
  };
  const visitor = async (viewport: 'phone' | 'desktop' = 'phone') => {
    const opened = await newVisitor(browser, viewport);
    opened.page.setDefaultTimeout(20000);
    contexts.push(opened.context);
    return opened;
  };
  /** A desktop browser signed in on the sign-in page as this staff member. */
  const signedIn = async (user: { username: string; password: string }) => {
    const { page } = await visitor('desktop');
    await page.goto(`${web.url}/sign-in`);
    await page.getByLabel('Tên đăng nhập').fill(user.username);
    await page.getByLabel('Mật khẩu').fill(user.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    return page;
  };
  const scoringCampaign = async () => {
    const reply = await callService(web.gateway, 'GET', '/api/scoring/campaigns', { token: adminToken });
    return (reply.body.campaigns as { campaignId: string; responses: { onTime: number; late: number } }[]).find(
      (c) => c.campaignId === campaignId,
    );
  };
  const storedResponses = async (channel: string) =>
    (await db.query(`SELECT count(*)::int AS n FROM intake.responses WHERE channel = $1`, [channel])).rows[0].n as number;

  beforeAll(async () => {
    web = await WebPlatform.start('channels', 3340);
    // The QR code's link points at this gateway, as COUNTER_FORM_URL does in an installation.
    const intakeProcess = web.platform.services['survey-intake'];
    await intakeProcess.stop('SIGTERM');
    await intakeProcess.start({ COUNTER_FORM_URL: `${web.url}/counter` });
    db = new Client({ connectionString: web.platform.db.url });
    await db.connect();

    const editor = await web.platform.token(Roles.directoryEditor);
    const register = async (key: string, body: Record<string, unknown>) => {
      const reply = await web.platform.call('unit-directory', 'POST', '/units', { token: editor, body });
      expect(reply.status).toBe(201);
      units[key] = reply.body.unitId;
    };
    await register('province', {
      code: '26',
      unitType: 'provincial-police',
      nameVi: 'Công an tỉnh Vĩnh Phúc',
      nameEn: 'Vinh Phuc provincial police',
      validFrom: '2020-01-01',
    });
    await register('district', {
      code: '243',
      unitType: 'district-police',
      nameVi: 'Công an thành phố Vĩnh Yên',
      nameEn: 'Vinh Yen city police',
      parentId: units.province,
      validFrom: '2020-01-01',
    });
    await register('commune', { code: '08707', unitType: 'commune-police', ...COMMUNE, parentId: units.district, validFrom: '2020-01-01' });

    surveyorToken = await web.platform.token(Roles.surveyor, 'counter-clerk-1');
    const manager = await web.platform.token(Roles.campaignManager);
    await eventually(async () => {
      for (const id of Object.values(units)) expect((await intake('GET', `/directory/units/${id}`, manager)).status).toBe(200);
    });
    const created = await intake('POST', '/campaigns', manager, {
      nameVi: 'Khảo sát tại phường 2026',
      nameEn: 'Ward survey 2026',
      period: { from: isoDay(new Date(Date.now() - 30 * DAY)), to: isoDay(new Date(Date.now() + 30 * DAY)) },
      scope: { unitTypes: ['commune-police'], withinUnitId: units.province },
      methods: ['counter', 'tablet', 'paper'],
      questionnaire: { questionnaireId: 'current', version: 1 },
      targetSample: { perUnit: 100, byUnit: [] },
      minimumSample: 30,
    });
    expect(created.status).toBe(201);
    campaignId = created.body.campaignId;
    expect((await intake('POST', `/campaigns/${campaignId}/open`, manager)).status).toBe(200);

    const signIn = await callService(web.gateway, 'POST', '/auth/token', { body: ADMIN });
    adminToken = signIn.body.accessToken;
    const account = await callService(web.gateway, 'POST', '/auth/accounts', {
      token: adminToken,
      body: { ...SURVEYOR, displayName: 'Điều tra viên Tổ 3', roles: ['surveyor'] },
    });
    expect(account.status).toBe(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await db?.end();
    await web?.stop();
  });

  it('opens the form from the QR code’s link, rates by touch and keyboard, shows the receipt, and the figure moves', async () => {
    const issued = await issueToken();
    // The QR code encodes the app's own /counter route with the token in the fragment.
    const link = new URL(issued.formUrl);
    expect(`${link.origin}${link.pathname}`).toBe(`${web.url}/counter`);
    expect(link.hash).toBe(`#t=${issued.token}`);
    expect((await scoringCampaign())?.responses.onTime ?? 0).toBe(0);

    const { page } = await visitor('phone');
    await page.goto(issued.formUrl);
    await page.getByRole('heading', { level: 1, name: 'Đánh giá sự hài lòng' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await page.getByText(COMMUNE.nameVi).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    // The consent notice is there before any contact field, which appears only with consent.
    await page.getByText(/Nghị định 13\/2023\/NĐ-CP/).waitFor();
    expect(await page.getByLabel('Số điện thoại').count()).toBe(0);
    await screenshotBothWidths(page, 'citizen-form');

    const groups = page.locator('fieldset.rating-item');
    expect(await groups.count()).toBe(ITEMS.length);
    // Keyboard: focus the first question's first level, then the arrow keys move the choice.
    const first = groups.nth(0);
    await first.getByRole('radio').first().focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    expect(await first.getByRole('radio').nth(1).isChecked()).toBe(true);
    // Touch: tap the tile (the label) of a level for the others; one is left unanswered.
    for (let i = 1; i < ITEMS.length - 1; i++)
      await groups
        .nth(i)
        .locator('label')
        .nth(i % 2 === 0 ? 4 : 3)
        .click();
    await page.getByText(`Đã trả lời ${ITEMS.length - 1}/${ITEMS.length} câu`).waitFor();
    await page.getByLabel('Tôi đồng ý để lại thông tin liên hệ cho mục đích trên').check();
    await page.getByLabel('Số điện thoại').fill('0912 345 678');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();

    await page.getByRole('heading', { level: 1, name: 'Cảm ơn bạn! Đánh giá đã được ghi nhận.' }).waitFor();
    const responseId = (await page.getByTestId('response-id').textContent()) ?? '';
    expect(responseId).toMatch(/^[0-9a-f-]{36}$/);
    // The audit has it in its ledger within seconds: the receipt shows the place and hash it answers.
    await page.getByText(/Đã vào sổ nhật ký|Đã được chữ ký định kỳ/).waitFor({ timeout: 40000 });
    const receipt = await callService(web.gateway, 'GET', `/api/audit/receipts/${responseId}`);
    expect(receipt.status).toBe(200);
    await page.getByText(receipt.body.hash).waitFor();
    const stored = await db.query(`SELECT channel, answers FROM intake.responses WHERE response_id = $1`, [responseId]);
    expect(stored.rows[0].channel).toBe('counter');
    await screenshotBothWidths(page, 'citizen-receipt');

    // Scoring counts it: the campaign's on-time responses go from 0 to 1, and the dashboard shows it.
    await eventually(async () => expect((await scoringCampaign())?.responses.onTime).toBe(1));
    const leader = await signedIn(ADMIN);
    await leader.getByRole('heading', { level: 1, name: /^Xin chào/ }).waitFor();
    await leader.goto(`${web.url}/dashboard?campaign=${campaignId}`);
    await leader.getByTestId('overall-sample').filter({ hasText: 'Cỡ mẫu: 1 người trả lời' }).waitFor();

    // The same link again: the form says the visit was rated, and offers nothing to send.
    await page.goto(issued.formUrl);
    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'Lượt giao dịch này đã được đánh giá' }).waitFor();
    expect(await page.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);
    await screenshotBothWidths(page, 'citizen-used');
  });

  it('says plainly that an expired token can no longer rate', async () => {
    const issued = await issueToken({ validForSeconds: 5 });
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const { page } = await visitor('phone');
    await page.goto(issued.formUrl);
    await page.getByRole('alert').filter({ hasText: 'Mã lượt giao dịch này đã hết hạn' }).waitFor();
  });

  it('switches the citizen form to English and back, questions, scale and consent included', async () => {
    const issued = await issueToken();
    const { page } = await visitor('phone');
    await page.goto(issued.formUrl);
    await page.getByRole('heading', { level: 1, name: 'Đánh giá sự hài lòng' }).waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rate your satisfaction' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByText(COMMUNE.nameEn).waitFor();
    await page.getByText(/Decree 13\/2023\/NĐ-CP/).waitFor();
    // Every question's legend is now the questionnaire's English text.
    const visit = await callService(web.platform.services['survey-intake'], 'GET', '/counter/visit', {
      headers: { 'x-visit-token': issued.token },
    });
    const english = (visit.body.form.factors as { items: { en: string }[] }[]).flatMap((f) => f.items.map((i) => i.en));
    expect(await page.locator('fieldset.rating-item > legend').allTextContents()).toEqual(english);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshotBothWidths(page, 'citizen-form-en');

    await page.locator('fieldset.rating-item').first().locator('label').nth(4).click();
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you! Your rating has been recorded.' }).waitFor();
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cảm ơn bạn! Đánh giá đã được ghi nhận.' }).waitFor();
  });

  it('enrols a tablet on the admin’s screen, queues three forms on it offline, sends them once back online, and a resend counts none twice', async () => {
    // The admin enrols the tablet and reads its device id and credential off the screen, once.
    const admin = await signedIn(ADMIN);
    await admin.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cấp mã máy tính bảng' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Máy tính bảng' }).waitFor();
    await admin.getByLabel('Tên máy').fill('Tổ công tác số 3 — máy 1');
    await admin.getByRole('button', { name: 'Cấp mã' }).click();
    const deviceId = (await admin.getByTestId('enrolled-device-id').textContent()) ?? '';
    const credential = (await admin.getByTestId('enrolled-credential').textContent()) ?? '';
    await admin.getByRole('rowheader', { name: 'Tổ công tác số 3 — máy 1' }).waitFor();
    expect(await unnamedControls(admin)).toEqual([]);
    await screenshotBothWidths(admin, 'tablets-enrolled');
    const { context, page } = await visitor('phone');

    await page.goto(`${web.url}/tablet`);
    await page.getByRole('heading', { level: 1, name: 'Máy tính bảng tổ công tác' }).waitFor();
    await page.getByLabel('Mã thiết bị').fill(deviceId);
    await page.getByLabel('Khóa thiết bị').fill(credential);
    await page.getByRole('button', { name: 'Lưu thiết bị' }).click();
    await page.getByText(`Máy đã đăng ký: ${deviceId}`).waitFor();

    // The surveyor signs in, and comes back to the tablet app.
    await page.getByRole('link', { name: 'Đăng nhập' }).click();
    await page.getByLabel('Tên đăng nhập').fill(SURVEYOR.username);
    await page.getByLabel('Mật khẩu').fill(SURVEYOR.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Máy tính bảng tổ công tác' }).waitFor();

    // The session is prepared online: campaign, then the unit found by name without diacritics.
    await page.getByRole('option', { name: 'Khảo sát tại phường 2026' }).waitFor({ state: 'attached' });
    await page.getByLabel('Đợt khảo sát').selectOption({ label: 'Khảo sát tại phường 2026' });
    await page.getByLabel('Tìm đơn vị (có dấu hoặc không dấu)').fill('tich son');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByRole('button', { name: `Chọn ${COMMUNE.nameVi}` }).click();
    await page.getByText(`Khảo sát tại phường 2026 — ${COMMUNE.nameVi}`).waitFor();

    // The service worker has precached the app: from here on it opens without a network.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await context.setOffline(true);
    await page.getByRole('status').filter({ hasText: 'Mất mạng' }).waitFor();
    for (let n = 1; n <= 3; n++) {
      await page.getByLabel('Thủ tục').selectOption('id-card');
      const groups = page.locator('fieldset.rating-item');
      for (let i = 0; i < ITEMS.length; i++)
        await groups
          .nth(i)
          .locator('label')
          .nth((i + n) % 5)
          .click();
      await page.getByRole('button', { name: 'Lưu phiếu vào máy' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Đang chờ gửi: ${n}.` })
        .waitFor();
    }
    await page.getByText('Chờ gửi: 3', { exact: true }).waitFor();
    // Reopened offline, the app comes from the service worker and the forms from IndexedDB.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Máy tính bảng tổ công tác' }).waitFor();
    await page.getByText('Chờ gửi: 3', { exact: true }).waitFor();
    expect(await page.locator('.queue-entry--queued').count()).toBe(3);
    expect(await storedResponses('tablet')).toBe(0);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshotBothWidths(page, 'tablet-offline', page.getByRole('heading', { name: 'Phiếu trên máy' }));

    // The connection returns: the queue goes out by itself, once.
    await context.setOffline(false);
    await page.getByText('Đã gửi: 3', { exact: true }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Đã gửi 3 phiếu mới, 0 phiếu đã có từ trước, 0 phiếu bị từ chối.' }).waitFor();
    expect(await storedResponses('tablet')).toBe(3);
    await screenshotBothWidths(page, 'tablet-synced', page.getByRole('heading', { name: 'Phiếu trên máy' }));

    // As if the answer to that batch had been lost: the forms are queued again and resent after a reload.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('hailong-tablet');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('responses', 'readwrite');
            const store = tx.objectStore('responses');
            const all = store.getAll();
            all.onsuccess = () => {
              for (const entry of all.result) store.put({ ...entry, status: 'queued' });
            };
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Đã gửi 0 phiếu mới, 3 phiếu đã có từ trước, 0 phiếu bị từ chối.' }).waitFor();
    expect(await page.getByText('Đã gửi (đã có từ trước)', { exact: true }).count()).toBe(3);
    expect(await storedResponses('tablet')).toBe(3);
  });

  it('imports a CSV made from the downloaded template and reports each row: accepted, duplicate, refused with field and reason', async () => {
    const page = await signedIn(SURVEYOR);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhập phiếu từ tệp' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nhập phiếu giấy từ tệp' }).waitFor();
    await page.getByRole('option', { name: 'Khảo sát tại phường 2026' }).waitFor({ state: 'attached' });
    await page.getByLabel('Đợt khảo sát').selectOption({ label: 'Khảo sát tại phường 2026' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải mẫu CSV' }).click()]);
    const template = readFileSync((await download.path()) as string, 'utf8').replace(/^\uFEFF/, '');
    const header = template.split(/\r?\n/)[0].split(',');
    expect(header.slice(0, 4)).toEqual(['formNumber', 'unit', 'procedure', 'serviceDate']);
    const row = (values: Record<string, string>) => header.map((column) => values[column] ?? '').join(',');
    const levels = (level: string) => Object.fromEntries(ITEMS.map((item) => [item, level]));
    const base = { unit: units.commune, procedure: 'id-card', serviceDate: TODAY };
    const csv = [
      header.join(','),
      row({ formNumber: 'P-0001', ...base, ...levels('4') }),
      row({ formNumber: 'P-0002', ...base, procedure: 'no-such-procedure', ...levels('5') }),
      row({ formNumber: 'P-0001', ...base, ...levels('4') }),
      row({ formNumber: 'P-0003', ...base, ...levels('3'), A1: '7' }),
    ].join('\n');
    await page
      .getByLabel('Tệp phiếu (CSV hoặc XLSX)')
      .setInputFiles({ name: 'phieu-giay.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Nhập tệp' }).click();

    await page.getByText('4 dòng: 1 nhận mới, 1 trùng (đã nhập trước đó), 2 bị từ chối.').waitFor({ timeout: 60000 });
    await page.getByText('Đã đọc hết tệp.').waitFor();
    // The report opens on the refused rows, each with its field and reason.
    const table = page.getByRole('table', { name: 'Kết quả nhập' });
    const refused = table.locator('tbody tr');
    expect(await refused.locator('th').allTextContents()).toEqual(['3', '5']);
    expect(await refused.nth(0).locator('code').first().textContent()).toBe('procedure');
    expect(await refused.nth(1).locator('code').first().textContent()).toBe('A1');
    expect(await unnamedControls(page)).toEqual([]);
    await screenshotBothWidths(page, 'imports-report', page.getByRole('heading', { name: 'Kết quả nhập' }));

    await page.getByRole('radio', { name: 'Tất cả' }).check();
    expect(await table.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(['Nhận mới', 'Bị từ chối', 'Trùng', 'Bị từ chối']);
    expect(await storedResponses('paper')).toBe(1);
  });
});
