import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { FIREFOX_EXTENSION_UUID, firefoxPath, launchFirefoxWithExtension } from '../support/firefox';
import { noticeBox } from '../support/notice';
import { ROOT } from '../support/paths';

// Smoke test of the Firefox build (MV3). CI installs firefox-esr; without Firefox this is skipped.
const FIREFOX_BUILD = join(ROOT, '.output', 'firefox-mv3-e2e');
const hasFirefox = firefoxPath() !== null;
if (!hasFirefox) console.warn('firefox.e2e: no Firefox installed, skipping (CI installs firefox-esr)');

async function waitFor<T>(fn: () => Promise<T | null | undefined>, timeout = 15_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await fn().catch(() => null);
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Load `url` until the notice is there (the first load may beat the script's registration). */
async function gotoWithNotice(page: Page, url: string) {
  return waitFor(async () => {
    await page.goto(url);
    return waitFor(() => noticeBox(page), 3_000).catch(() => null);
  }, 30_000);
}

describe.skipIf(!hasFirefox)('Exposure Watch in Firefox', () => {
  let server: FixtureServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startFixtureServer();
    browser = await launchFirefoxWithExtension(FIREFOX_BUILD, server.port);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('installs and shows the notice, styled, on the Coupang replica', async () => {
    const page = await browser.newPage();
    const box = await gotoWithNotice(page, 'http://www.coupang.com/');
    expect(box).toMatchObject({ position: 'fixed', width: 360 });
    expect(box.right).toBe(16);
    expect(box.bottom).toBe(16);
    await page.close();
  });

  it('shows it styled on a page with a strict Content-Security-Policy too', async () => {
    const page = await browser.newPage();
    const box = await gotoWithNotice(page, 'http://www.coupang.com/strict.html');
    expect(box).toMatchObject({ position: 'fixed', width: 360, right: 16, bottom: 16 });
    await page.close();
  });

  it('"What should I do?" opens the details page, which shows the breach', async () => {
    const page = await browser.newPage();
    await gotoWithNotice(page, 'http://www.coupang.com/');
    const before = (await browser.pages()).length;
    // ARIA queries do not reach closed shadow roots over BiDi: click the button where it is
    // drawn (first control of the notice's bottom row).
    const at = await page.evaluate(() => {
      const r = document.querySelector('exposure-watch-notice')!.getBoundingClientRect();
      return { x: r.left + 66, y: r.bottom - 30 };
    });
    await page.mouse.click(at.x, at.y);
    const details = await waitFor(async () => {
      const pages = await browser.pages();
      if (pages.length <= before) return null;
      const last = pages[pages.length - 1];
      const href = await last.evaluate(() => location.href);
      return href.includes('details.html') ? last : null;
    });
    expect(await details.evaluate(() => location.href)).toBe(`moz-extension://${FIREFOX_EXTENSION_UUID}/details.html?site=coupang.com`);
    const text = await waitFor(async () => {
      const t = await details.evaluate(() => document.querySelector('[data-state="breaches"]') && document.body.innerText);
      return t || null;
    });
    expect(text).toContain('Data breaches at coupang.com');
    expect(text).toContain('33,673,817');
    expect(text).toContain('What was NOT exposed');
  });
});
