import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium): playwright-core drives it and downloads no browser of its own. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1366, height: 900 },
} as const;
export type Viewport = keyof typeof VIEWPORTS;

/** Where screenshots go: docs/screenshots, which the README shows. */
export const SCREENSHOTS = process.env['WEB_SCREENSHOTS_DIR'] ?? join(process.cwd(), 'docs', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-core (or set CHROMIUM_PATH)`);
  // Date inputs keep headless Chromium's own en-US format (mm/dd/yyyy) whatever the locale: a browser set to
  // Vietnamese shows dd/mm/yyyy. Everything the app writes itself follows the chosen language.
  return chromium.launch({ executablePath: CHROMIUM, headless: true });
}

/** A person in Vietnam with a Vietnamese browser, on a phone first. */
export async function newVisitor(browser: Browser, viewport: Viewport = 'phone'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  return { context, page };
}

/**
 * The current screen at phone and at desktop width, named <name>-phone.png and <name>-desktop.png: from
 * the top of the page, or with `show` scrolled into view.
 */
export async function screenshotBothWidths(page: Page, name: string, show?: Locator): Promise<string[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize();
  const files: string[] = [];
  for (const viewport of ['phone', 'desktop'] as const) {
    await page.setViewportSize(VIEWPORTS[viewport]);
    // Let layout settle after the resize (fonts, wrapping) before the picture.
    if (show) await show.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    else await page.evaluate(() => window.scrollTo(0, 0));
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const file = join(SCREENSHOTS, `${name}-${viewport}.png`);
    await page.screenshot({ path: file });
    files.push(file);
  }
  if (original) await page.setViewportSize(original);
  return files;
}

/**
 * Form controls and buttons a screen reader cannot name: inputs without a label, buttons and links
 * without text or aria-label, images without alt. Returns a description of each, so a failure says which.
 */
export async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const visible = (el: Element) => !(el as HTMLElement).closest('[hidden]');
    for (const input of Array.from(document.querySelectorAll('input, select, textarea'))) {
      const control = input as HTMLInputElement;
      if (!visible(control) || control.type === 'hidden') continue;
      if (!control.labels?.length && !control.getAttribute('aria-label') && !control.getAttribute('aria-labelledby'))
        problems.push(`input ${control.outerHTML.slice(0, 80)}`);
    }
    for (const el of Array.from(document.querySelectorAll('button, a[href]'))) {
      if (!visible(el)) continue;
      if (!(el.textContent ?? '').trim() && !el.getAttribute('aria-label')) problems.push(`${el.tagName} ${el.outerHTML.slice(0, 80)}`);
    }
    for (const img of Array.from(document.querySelectorAll('img'))) {
      if (!img.hasAttribute('alt')) problems.push(`img ${img.outerHTML.slice(0, 80)}`);
    }
    return problems;
  });
}
