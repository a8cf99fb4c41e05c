/// <reference types="chrome" />
// Hardening (issue 7) in real Chromium: pages that fight foreign elements, single-page apps,
// iframes of other sites.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { badgeText, launchWithExtension, openPopup, waitForNotice, type ExtensionSession } from '../support/browser';
import { noticeLook, noticeText, type NoticeLook } from '../support/notice';
import { colourShares } from '../support/pixels';
import { E2E_BUILD } from '../support/paths';

const COUPANG = 'http://www.coupang.com/';
const KURLY = 'http://www.kurly.com/';
const VIEWPORT = { width: 1280, height: 800 };
/** The notice's light-theme colours (entrypoints/notice/style.ts) and the hostile page's overlay. */
const WHITE = 'rgb(255, 255, 255)';
const RED = 'rgb(179, 38, 30)';

let sites: FixtureServer;
let feed: FeedServer;
let session: ExtensionSession;
/** A page without scripts of its own, to decode screenshots in. */
let helper: Page;

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Notices in the page's document (the host element is in the light DOM). */
const noticeCount = (page: Page | Frame) => page.evaluate(() => document.querySelectorAll('exposure-watch-notice').length);

/**
 * The notice is drawn where it belongs (bottom-right, 360 px wide), styled by its own sheet,
 * on top of everything (the page's hit testing finds it), and the screenshot of its box shows
 * its white box and red edge, not the page's green overlay.
 */
async function expectShownAndStyled(page: Page): Promise<NoticeLook> {
  const look = await noticeLook(page);
  expect(look).not.toBeNull();
  expect(look!.box).toEqual({
    display: 'block',
    visibility: 'visible',
    opacity: '1',
    backgroundColor: WHITE,
    borderLeftColor: RED,
    fontSize: '14px',
    position: 'relative',
  });
  expect(look!.button).toEqual({ backgroundColor: RED, color: WHITE });
  expect(look!.rect).toMatchObject({ x: VIEWPORT.width - 16 - 360, width: 360 });
  expect(look!.rect.y + look!.rect.height).toBe(VIEWPORT.height - 16);
  expect(look!.topLayer).toBe(true);
  expect(look!.atCentre).toBe('exposure-watch-notice');
  const shares = await colourShares(page, helper, look!.rect, { white: [255, 255, 255], red: [179, 38, 30], green: [0, 255, 0] });
  expect(shares.green).toBe(0);
  expect(shares.white).toBeGreaterThan(0.5);
  expect(shares.red).toBeGreaterThan(0.03);
  return look!;
}

beforeAll(async () => {
  sites = await startFixtureServer();
  feed = await startFeedServer();
  session = await launchWithExtension(E2E_BUILD, { resolverRules: `${feed.resolverRule}, ${sites.resolverRules(['www.example.org'])}` });
  helper = await session.browser.newPage();
});

afterAll(async () => {
  await session?.close();
  await feed?.close();
  await sites?.close();
});

describe('the notice on hostile pages', () => {
  it('is shown, styled and on top on a page that restyles everything it did not make and covers the screen', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${COUPANG}hostile-css.html`);
    expect(await waitForNotice(page)).toBe(true);
    await expectShownAndStyled(page);
    expect(await noticeText(page)).toContain('coupang.com leaked customer data');
    await page.close();
  });

  it('comes back when a page removes it, and gives up after three times against a page that never stops', async () => {
    // A clean-up pass that removes foreign elements twice: the notice is put back each time.
    const page = await session.browser.newPage();
    await page.goto(`${COUPANG}hostile-remove.html?limit=2`);
    await page.waitForFunction(() => (window as unknown as { __removed: number }).__removed === 2, { timeout: 8_000 });
    expect(await waitForNotice(page, 2_000)).toBe(true);
    await settle(300);
    expect(await noticeCount(page)).toBe(1);
    await expectShownAndStyled(page);

    // A page that removes it every time: put back three times, then left alone (no endless fight).
    await page.goto(`${COUPANG}hostile-remove.html`);
    await page.waitForFunction(() => (window as unknown as { __removed: number }).__removed >= 4, { timeout: 8_000 });
    await settle(1_000);
    expect(await page.evaluate(() => (window as unknown as { __removed: number }).__removed)).toBe(4);
    expect(await noticeCount(page)).toBe(0);
    // The toolbar still warns.
    expect(await badgeText(session.worker, page)).toBe('!');
    await page.close();
  });

  it('a route change of a single-page app on a breached site keeps one notice and the warning', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${COUPANG}spa.html`);
    expect(await waitForNotice(page)).toBe(true);
    for (const path of ['/orders', '/cart?step=2', '/product/123#reviews']) {
      await page.evaluate((p) => (window as unknown as { go(p: string): void }).go(p), path);
      await settle(300);
    }
    await settle(700);
    expect(page.url()).toBe(`${COUPANG}product/123#reviews`);
    expect(await noticeCount(page)).toBe(1);
    await expectShownAndStyled(page);
    expect(await badgeText(session.worker, page)).toBe('!');
    const popup = await openPopup(session, page);
    expect(await popup.$eval('[data-state]', (e) => e.getAttribute('data-state'))).toBe('breaches');
    expect(await popup.$eval('body', (b) => b.innerText)).toContain('coupang.com');
    await popup.close();
    await page.close();
  });

  it('a route change of a single-page app on an unaffected site shows nothing', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${KURLY}spa.html`);
    for (const path of ['/goods/1', '/cart']) {
      await page.evaluate((p) => (window as unknown as { go(p: string): void }).go(p), path);
      await settle(300);
    }
    await settle(700);
    expect(await noticeCount(page)).toBe(0);
    expect(page.extensionRealms()).toHaveLength(0);
    expect(await badgeText(session.worker, page)).toBe('');
    await page.close();
  });

  it('a breached site in an iframe of an unaffected site: no notice in the frame, no badge', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${KURLY}frames.html`);
    const frame = page.frames().find((f) => f.url() === COUPANG);
    expect(frame).toBeDefined();
    await frame!.waitForSelector('body');
    await settle(1_500);
    expect(await noticeCount(frame!)).toBe(0);
    expect(frame!.extensionRealms()).toHaveLength(0);
    expect(await noticeCount(page)).toBe(0);
    expect(await badgeText(session.worker, page)).toBe('');
    await page.close();
  });

  it('frames inside a breached page (its own site, another site) get no second notice', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${COUPANG}frames.html`);
    expect(await waitForNotice(page)).toBe(true);
    await settle(1_500);
    const frames = page.frames().filter((f) => f !== page.mainFrame());
    expect(frames.map((f) => f.url()).sort()).toEqual([`${COUPANG}?framed`, KURLY]);
    for (const f of frames) {
      expect(await noticeCount(f), f.url()).toBe(0);
      expect(f.extensionRealms(), f.url()).toHaveLength(0);
    }
    expect(await noticeCount(page)).toBe(1);
    expect(await badgeText(session.worker, page)).toBe('!');
    await page.close();
  });
});
