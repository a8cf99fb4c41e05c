import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { launchWithExtension, openPopup, waitForNotice, type ExtensionSession } from '../support/browser';
import { axeNoticeViolations, axeViolations } from '../support/axe';
import { E2E_BUILD } from '../support/paths';

// Every page and state, light and dark, checked with axe-core (WCAG 2.1 A/AA + best practices).
let server: FixtureServer;
let session: ExtensionSession;
const THEMES = ['light', 'dark'] as const;

async function themed(page: Page, theme: (typeof THEMES)[number]) {
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: theme }]);
}

async function extensionPage(path: string, theme: (typeof THEMES)[number]): Promise<Page> {
  const page = await session.browser.newPage();
  await themed(page, theme);
  await page.goto(`chrome-extension://${session.extensionId}/${path}`);
  await page.waitForSelector('[data-state]:not([data-state="loading"]), main', { timeout: 10_000 });
  await new Promise((r) => setTimeout(r, 300));
  return page;
}

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchWithExtension(E2E_BUILD, { resolverRules: server.resolverRules() });
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('the checker itself', () => {
  it('finds a real violation (so an empty result means something)', async () => {
    const page = await session.browser.newPage();
    await page.setContent('<!doctype html><html lang="en"><title>x</title><main><img src="data:,"><button></button></main></html>');
    const ids = (await axeViolations(page)).map((v) => v.id);
    expect(ids).toContain('image-alt');
    expect(ids).toContain('button-name');
    await page.close();
  });
});

describe.each(THEMES)('accessibility, %s theme', (theme) => {
  it.each(['http://www.coupang.com/', 'http://www.coupang.com/strict.html'])('the in-page notice on %s', async (url) => {
    const page = await session.browser.newPage();
    await themed(page, theme);
    await page.goto(url);
    expect(await waitForNotice(page)).toBe(true);
    expect(await axeNoticeViolations(page)).toEqual([]);
    await page.close();
  });

  it.each([
    ['breaches', 'http://www.coupang.com/'],
    ['clean', 'http://www.kurly.com/'],
  ])('the popup in state %s', async (state, url) => {
    const page = await session.browser.newPage();
    await page.goto(url);
    const popup = await openPopup(session, page);
    await themed(popup, theme);
    expect(await popup.$eval('[data-state]', (e) => e.getAttribute('data-state'))).toBe(state);
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
    await page.close();
  });

  it.each(['details.html?site=coupang.com', 'details.html?site=kurly.com', 'details.html?site=not%20a%20site', 'onboarding.html', 'options.html', 'exposures.html'])(
    '%s',
    async (path) => {
      const page = await extensionPage(path, theme);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    },
  );
});
