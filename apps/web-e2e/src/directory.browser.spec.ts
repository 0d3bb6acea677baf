import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newVisitor, screenshotBothWidths, unnamedControls } from './browser';
import { ADMIN, WebPlatform } from './web-platform';

interface TreeNode {
  unitId: string;
  nameVi: string;
  nameEn: string;
  code: string;
  children: TreeNode[];
}

// Ports 3290 (gateway) and 3291–3294 (services): this suite's own range (3201–3264 belong to apps/platform-e2e).
describe('web app in Chromium: sign-in and the unit directory through the gateway', () => {
  let web: WebPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    let t0 = Date.now();
    web = await WebPlatform.start('web', 3290);
    timings['platform start'] = Date.now() - t0;
    t0 = Date.now();
    await web.importVinhPhuc();
    timings['Vĩnh Phúc import'] = Date.now() - t0;
    browser = await launchChromium();
    ({ context, page } = await newVisitor(browser, 'phone'));
    page.setDefaultTimeout(20000);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await web?.stop();
    console.log(
      `browser suite set-up: ${Object.entries(timings)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
        .join(', ')}`,
    );
  });

  it('sends a visitor to sign-in, refuses a wrong password, and signs the admin in through /auth/token to the staff home', async () => {
    await page.goto(`${web.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await unnamedControls(page)).toEqual([]);
    await screenshotBothWidths(page, 'sign-in');

    await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Sai tên đăng nhập hoặc mật khẩu.').waitFor();

    await page.getByLabel('Mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: /^Xin chào/ }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Trang chủ',
      'Danh mục đơn vị',
      'Bảng điều hành',
      'Nhập phiếu giấy',
      'Đợt khảo sát',
      'Phiếu khảo sát',
      'Nhập phiếu từ tệp',
      'Cấp mã máy tính bảng',
      'Phúc tra',
    ]);
    // The token is kept for this tab only.
    expect(
      await page.evaluate(() => [sessionStorage.getItem('hailong.accessToken') !== null, localStorage.getItem('hailong.accessToken')]),
    ).toEqual([true, null]);
    await screenshotBothWidths(page, 'home');
  });

  it('shows the tree on 2022-05-01 and drills down, by keyboard, from the province to a commune of Vĩnh Yên', async () => {
    const expected = (await web.directory('/units/tree?on=2022-05-01')).body as { roots: TreeNode[] };
    expect(expected.roots.map((r) => r.nameVi)).toEqual(['Công an tỉnh Vĩnh Phúc']);
    const province = expected.roots[0];
    const district = province.children.find((c) => c.nameVi === 'Công an thành phố Vĩnh Yên');
    if (!district) throw new Error('Vĩnh Yên city police missing from the 2022 tree');

    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Danh mục đơn vị' }).click();
    await page.getByLabel('Cơ cấu tại ngày').fill('2022-05-01');
    await page.getByRole('heading', { name: 'Cây đơn vị ngày 01/05/2022' }).waitFor();
    expect(new URL(page.url()).searchParams.get('on')).toBe('2022-05-01');

    // Every unit directly under the province that day is listed, and only the province starts open.
    const tree = page.getByRole('region', { name: 'Cây đơn vị ngày 01/05/2022' });
    for (const child of province.children) await tree.getByRole('link', { name: child.nameVi, exact: true }).waitFor();
    const toggles = tree.getByRole('button', { name: /^Đơn vị trực thuộc / });
    expect(await toggles.count()).toBe(1 + province.children.filter((c) => c.children.length > 0).length);

    const toggle = tree.getByRole('button', { name: `Đơn vị trực thuộc ${district.nameVi}` });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    for (const commune of district.children) await tree.getByRole('link', { name: commune.nameVi, exact: true }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshotBothWidths(page, 'directory-tree', tree);

    await tree.getByRole('link', { name: 'Công an phường Tích Sơn', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Công an phường Tích Sơn' }).waitFor();
    // As it was on that day: under the district police, which were dissolved in 2025.
    const facts = page.getByRole('region', { name: 'Thông tin' });
    await facts.getByRole('link', { name: `${district.nameVi} (${district.code})` }).waitFor();
    expect(new URL(page.url()).searchParams.get('on')).toBe('2022-05-01');
  });

  it('finds the Vĩnh Yên units by "vinh yen" typed without diacritics, as the directory ranks them', async () => {
    const expected = (await web.directory('/units?q=vinh%20yen&limit=50')).body as { total: number; units: { nameVi: string }[] };
    expect(expected.units.map((u) => u.nameVi)).toEqual(expect.arrayContaining(['Công an thành phố Vĩnh Yên', 'Công an phường Vĩnh Yên']));

    await page.getByRole('link', { name: /Về cây đơn vị/ }).click();
    await page.getByLabel('Tên đơn vị (có dấu hoặc không dấu)').fill('vinh yen');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Tìm thấy ${expected.total} đơn vị cho “vinh yen”.` })
      .waitFor();
    const found = page.getByRole('region', { name: 'Tìm đơn vị' }).getByRole('listitem');
    expect(await found.getByRole('link').allTextContents()).toEqual(expected.units.map((u) => u.nameVi));
    expect(new URL(page.url()).searchParams.get('q')).toBe('vinh yen');
    await screenshotBothWidths(page, 'directory-search');
  });

  it("opens a unit's lineage: the 2025 Vĩnh Yên ward formed from Tích Sơn and the others, and back again", async () => {
    await page.getByRole('region', { name: 'Tìm đơn vị' }).getByRole('link', { name: 'Công an phường Vĩnh Yên', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Công an phường Vĩnh Yên' }).waitFor();
    const unitId = new URL(page.url()).pathname.split('/').pop();
    const expected = (await web.directory(`/units/${unitId}/lineage`)).body as { predecessors: { nameVi: string }[] };
    expect(expected.predecessors.map((p) => p.nameVi)).toContain('Công an phường Tích Sơn');

    const lineage = page.getByRole('region', { name: 'Quá trình hình thành và kế thừa' });
    for (const predecessor of expected.predecessors) await lineage.getByRole('link', { name: predecessor.nameVi, exact: true }).waitFor();
    await page.getByRole('region', { name: 'Lịch sử thay đổi' }).getByText('Thành lập, đăng ký vào danh mục').waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshotBothWidths(page, 'unit');

    await lineage.getByRole('link', { name: 'Công an phường Tích Sơn', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Công an phường Tích Sơn' }).waitFor();
    const back = page.getByRole('region', { name: 'Quá trình hình thành và kế thừa' });
    await back.getByRole('heading', { name: 'Đơn vị kế thừa' }).waitFor();
    await back.getByRole('link', { name: 'Công an phường Vĩnh Yên', exact: true }).first().waitFor();
    await page
      .getByRole('region', { name: 'Lịch sử thay đổi' })
      .getByText(/^Sáp nhập vào đơn vị khác/)
      .waitFor();
  });

  it('switches to English with one button, keeps the choice across a reload, and switches back', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tich Son Ward Police' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Unit directory' }).waitFor();
    await page.getByRole('region', { name: 'Lineage' }).waitFor();
    await screenshotBothWidths(page, 'unit-en');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Tich Son Ward Police' }).waitFor();
    await page.goto(`${web.url}/units?on=2022-05-01`);
    await page.getByRole('heading', { name: 'Units on 1 May 2022' }).waitFor();
    await page.getByRole('link', { name: 'Vinh Yen City Police', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Cây đơn vị ngày 01/05/2022' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
  });

  it('installs as an offline-capable app: once visited, it opens without a network and says the server is out of reach', async () => {
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toBe(`${web.url}/sw.js`);

    await context.setOffline(true);
    try {
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Danh mục đơn vị' }).waitFor();
      await page.getByRole('alert').filter({ hasText: 'Không kết nối được máy chủ' }).first().waitFor();
    } finally {
      await context.setOffline(false);
    }
    await page.getByRole('button', { name: 'Thử lại' }).first().click();
    await page.getByRole('button', { name: 'Đơn vị trực thuộc Công an tỉnh Vĩnh Phúc' }).waitFor();
  });

  it('signs out: the token is gone and the directory asks for sign-in again', async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('hailong.accessToken'))).toBeNull();
    await page.goto(`${web.url}/units?on=2022-05-01`);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
  });
});
