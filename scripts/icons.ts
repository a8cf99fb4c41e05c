/**
 * Renders the toolbar/store icon (an eye on a shield) from SVG to public/icon/<size>.png with
 * headless Chromium. Run once after changing the drawing: `npx tsx scripts/icons.ts`.
 */
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromiumPath } from '../test/support/browser';

export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <path d="M64 6 L114 24 V60 C114 92 92 114 64 122 C36 114 14 92 14 60 V24 Z" fill="#0f5c56"/>
  <path d="M64 16 L104 30.5 V60 C104 86 86 104 64 111 C42 104 24 86 24 60 V30.5 Z" fill="#14807a"/>
  <path d="M26 64 C38 44 52 36 64 36 C76 36 90 44 102 64 C90 84 76 92 64 92 C52 92 38 84 26 64 Z" fill="#fff"/>
  <circle cx="64" cy="64" r="17" fill="#0f5c56"/>
  <circle cx="70" cy="58" r="6" fill="#fff"/>
</svg>`;

const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, pipe: true, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  for (const size of [16, 32, 48, 128]) {
    await page.setViewport({ width: size, height: size, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${ICON_SVG.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
    await page.screenshot({ path: join(import.meta.dirname, '..', 'public', 'icon', `${size}.png`) as `${string}.png`, omitBackground: true });
  }
} finally {
  await browser.close();
}
