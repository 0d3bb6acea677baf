// Renders the app icon (public/favicon.svg) into the PNG sizes the web app manifest names, with Debian's
// Chromium: node apps/web/tools/render-icons.cjs. The PNGs are committed; run this again after changing the SVG.
const { chromium } = require('playwright-core');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const publicDir = join(__dirname, '..', 'public');
const svg = readFileSync(join(publicDir, 'favicon.svg'), 'utf8');

async function render(page, size, file, { maskable = false } = {}) {
  // A maskable icon keeps its drawing inside the central 80% "safe zone" on a full-bleed background.
  const inner = maskable ? Math.round(size * 0.7) : size;
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;background:${maskable ? '#143a7b' : 'transparent'}">` +
      `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`,
  );
  await page.screenshot({ path: join(publicDir, 'icons', file), omitBackground: !maskable });
}

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const page = await browser.newPage();
  await render(page, 192, 'icon-192.png');
  await render(page, 512, 'icon-512.png');
  await render(page, 512, 'icon-maskable-512.png', { maskable: true });
  await browser.close();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
