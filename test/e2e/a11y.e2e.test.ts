/// <reference types="chrome" />
// axe-core (WCAG 2.1 A/AA + best practices) on every state each surface can be in, light and
// dark: popup, details, onboarding, options, all exposures and the in-page notice. The tests run
// in order and build on each other's stored state (a fresh profile first, the broken database last).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { launchWithExtension, openPopup, waitForNotice, type ExtensionSession } from '../support/browser';
import { axeNoticeViolations, axeViolations, COLOUR_RULES, type AxeViolation } from '../support/axe';
import { noticeText } from '../support/notice';
import { E2E_BUILD, ROOT } from '../support/paths';
import type { UserDataExport } from '@/utils/profile/types';

const THEMES = ['light', 'dark'] as const;
const COUPANG = 'http://www.coupang.com/';
const KURLY = 'http://www.kurly.com/';
const LGUPLUS = 'http://www.lguplus.com/';
const ZACKS = 'http://www.zacks.com/';
const LOTTECARD = 'http://www.lottecard.co.kr/';

let server: FixtureServer;
let feed: FeedServer;
let session: ExtensionSession;
let ext: Page;
/** Every state checked (each in both themes), for the summary line. */
const checked: string[] = [];

const settle = (ms = 250) => new Promise((r) => setTimeout(r, ms));

/** Ask the background as the extension's pages do. */
function send<T = unknown>(message: object): Promise<T> {
  return ext.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<T>;
}
const setLocal = (items: Record<string, unknown>) => ext.evaluate((i) => chrome.storage.local.set(i), items);
const removeLocal = (keys: string[]) => ext.evaluate((k) => chrome.storage.local.remove(k), keys);
const setSettings = (settings: Record<string, unknown>) =>
  setLocal({ 'alert-settings': { enabled: true, ageWindowDays: 730, alertUnverified: false, alertSensitive: false, mutedSites: [], ...settings } });

/**
 * Run axe on `page` in the light and the dark theme, with every <details> opened first so
 * folded content is checked too. Returns the violations, each prefixed with its theme.
 */
async function violations(page: Page, state: string, opts: { notice?: boolean } = {}): Promise<string[]> {
  if (!opts.notice) await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const found: string[] = [];
  for (const theme of THEMES) {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: theme }]);
    // Controls fade to the new theme's colours: check them at rest, not mid-transition.
    await settle(30);
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    // Structure and names do not change with the theme: the second theme re-checks colours only.
    const only = theme === THEMES[0] ? undefined : COLOUR_RULES;
    const list: AxeViolation[] = opts.notice ? await axeNoticeViolations(page, only) : await axeViolations(page, only);
    for (const v of list) found.push(`${theme}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(' | ')}`);
  }
  checked.push(state);
  return found;
}

async function popupOn(url: string): Promise<{ page: Page; popup: Page }> {
  const page = await session.browser.newPage();
  await page.goto(url);
  const popup = await openPopup(session, page);
  await settle(200); // access status, settings and the profile arrive after the first render
  return { page, popup };
}

async function checkPopup(url: string, state: string, expect_: { dataState: string; prepare?: (p: Page) => Promise<void> }) {
  const { page, popup } = await popupOn(url);
  try {
    expect(await popup.$eval('[data-state]', (e) => e.getAttribute('data-state'))).toBe(expect_.dataState);
    await expect_.prepare?.(popup);
    expect(await violations(popup, `popup: ${state}`)).toEqual([]);
  } finally {
    await popup.close();
    await page.close();
  }
}

async function extensionPage(path: string, wait = '[data-state]:not([data-state="loading"]), main'): Promise<Page> {
  const page = await session.browser.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/${path}`);
  await page.waitForSelector(wait, { timeout: 10_000 });
  await settle(250);
  return page;
}

async function checkPage(path: string, state: string, opts: { wait?: string; prepare?: (p: Page) => Promise<void> } = {}) {
  const page = await extensionPage(path, opts.wait);
  try {
    await opts.prepare?.(page);
    expect(await violations(page, `${path.replace(/\.html.*/, '')}: ${state}`)).toEqual([]);
  } finally {
    await page.close();
  }
}

async function checkNotice(url: string, state: string, expectText?: string) {
  const page = await session.browser.newPage();
  try {
    await page.goto(url);
    expect(await waitForNotice(page)).toBe(true);
    if (expectText) expect(await noticeText(page)).toContain(expectText);
    expect(await violations(page, `notice: ${state}`, { notice: true })).toEqual([]);
  } finally {
    await page.close();
  }
}

const expandChips = async (p: Page) => {
  await p.click('.your-details button[aria-expanded="false"]');
  await p.waitForSelector('.your-details button.chip');
};

beforeAll(async () => {
  server = await startFixtureServer();
  feed = await startFeedServer();
  // The feed server serves the bundled feed, so the start-up check succeeds (no stored error yet).
  feed.publish({ body: readFileSync(`${ROOT}/public/feed/feed.json`), sig: readFileSync(`${ROOT}/public/feed/feed.json.sig`, 'utf8'), etag: '"v1"' });
  session = await launchWithExtension(E2E_BUILD, { resolverRules: `${feed.resolverRule}, ${server.resolverRules()}` });
  ext = await session.browser.newPage();
  await ext.goto(`chrome-extension://${session.extensionId}/options.html`);
  await ext.waitForSelector('#ui-language');
});

afterAll(async () => {
  if (checked.length) console.log(`axe: ${checked.length} states, each in the light and the dark theme, checked:\n  ${checked.join('\n  ')}`);
  await session?.close();
  await feed?.close();
  await server?.close();
});

describe('the checker itself', () => {
  it('finds a real violation (so an empty result means something)', async () => {
    const page = await session.browser.newPage();
    await page.setContent('<!doctype html><html lang="en"><title>x</title><main><img src="data:,"><button></button></main></html>');
    const ids = (await axeViolations(page)).map((v) => v.id);
    expect(ids).toContain('image-alt');
    expect(ids).toContain('button-name');
    // And it sees colours: grey on grey fails contrast in either theme.
    await page.setContent('<!doctype html><html lang="en"><title>x</title><main><p style="color:#999;background:#aaa">faint</p></main></html>');
    expect((await axeViolations(page)).map((v) => v.id)).toContain('color-contrast');
    await page.close();
  });

  it('checks extension pages with their own stylesheet, and the theme switch takes effect', async () => {
    const page = await extensionPage('options.html');
    const background = () => page.$eval('body', (b) => getComputedStyle(b).backgroundColor);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    expect(await background()).toBe('rgb(255, 255, 255)');
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    expect(await background()).toBe('rgb(22, 24, 28)');
    // Muted text on the dark background's light-theme twin: a contrast failure axe must see.
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<p class="muted" style="color:#2a2d33">faint</p>'));
    expect((await axeViolations(page, COLOUR_RULES)).map((v) => v.id)).toEqual(['color-contrast']);
    // Light theme: the same text reads fine on white.
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await settle(30);
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    expect((await axeViolations(page, COLOUR_RULES)).map((v) => v.id)).toEqual([]);
    await page.close();
  });
});

describe('a fresh install: no profile, no warnings seen yet', () => {
  it('all exposures, empty', () => checkPage('exposures.html', 'empty', { wait: '[data-state="ready"]' }));
  it('onboarding, access to every breached site already granted (the test build)', () => checkPage('onboarding.html', 'all granted'));
  it('options, default', () => checkPage('options.html', 'default', { wait: '[data-action="sync-now"]:not([disabled])' }));

  it('onboarding, options and popup offering access (unverified breaches on: sites not yet granted)', async () => {
    await setSettings({ alertUnverified: true });
    try {
      await checkPage('onboarding.html', 'access offered', { wait: '.access button' });
      await checkPage('options.html', 'access offered', { wait: '.access button' });
      await checkPopup(LGUPLUS, 'several breaches, unverified ones warning, access offered', {
        dataState: 'breaches',
        prepare: (p) => p.waitForSelector('.popup-footer .access button').then(() => undefined),
      });
    } finally {
      await removeLocal(['alert-settings']);
    }
  });
});

describe('the popup', () => {
  it('on a page with no address for the extension (about:blank): nothing known', () => checkPopup('about:blank', 'no verdict', { dataState: 'no-verdict' }));
  it('on a local address: not a website', () => checkPopup(`http://127.0.0.1:${server.port}/`, 'not a website', { dataState: 'not-website' }));
  it('on a shop with no breach, empty profile', () => checkPopup(KURLY, 'clean, empty profile', { dataState: 'clean' }));
  it('on a shop with no breach, choosing details', () => checkPopup(KURLY, 'clean, chips open', { dataState: 'clean', prepare: expandChips }));
  it('one breach, empty profile', () => checkPopup(COUPANG, 'one breach, empty profile', { dataState: 'breaches' }));
  it('one breach, choosing details', () => checkPopup(COUPANG, 'one breach, chips open', { dataState: 'breaches', prepare: expandChips }));
  it('several breaches on one site, none warning (one too old, one unverified)', () =>
    checkPopup(LGUPLUS, 'several breaches, none warning', { dataState: 'breaches' }));
  it('several breaches on one site, one warning and one too old', () => checkPopup(ZACKS, 'one warning + one older', { dataState: 'breaches' }));
});

describe('the details page', () => {
  it.each([
    ['details.html?site=coupang.com', 'one breach'],
    ['details.html?site=kurly.com', 'clean'],
    ['details.html?site=not%20a%20site', 'bad site'],
    ['details.html', 'no site given'],
    ['details.html?site=lguplus.com', 'several, none warning'],
    ['details.html?site=zacks.com', 'one warning + one older'],
  ])('%s (%s)', (path, state) => checkPage(path, state));
});

describe('the in-page notice', () => {
  it('one breach', () => checkNotice(COUPANG, 'one breach', 'coupang.com leaked customer data'));
  it('one breach, on a page with a strict Content-Security-Policy', () => checkNotice(`${COUPANG}strict.html`, 'strict CSP'));
  it('several breaches (a ten-year age window makes the older Zacks breach warn too)', async () => {
    await setSettings({ ageWindowDays: 3650 });
    try {
      await checkNotice(ZACKS, 'several breaches', 'Zacks (2024)');
      const page = await session.browser.newPage();
      await page.goto(ZACKS);
      await waitForNotice(page);
      const text = (await noticeText(page)) ?? '';
      expect(text).toContain('Zacks ·');
      await page.close();
    } finally {
      await removeLocal(['alert-settings']);
    }
  });
});

describe('with a profile', () => {
  beforeAll(async () => {
    for (const detail of ['email', 'phone', 'address']) await send({ type: 'ui:profile-set-detail', site: 'coupang.com', detail, on: true });
    for (const detail of ['address', 'phone']) await send({ type: 'ui:profile-set-detail', site: 'kurly.com', detail, on: true });
    await send({ type: 'ui:profile-set-detail', site: 'zacks.com', detail: 'payment-card', on: true });
    await send({ type: 'ui:profile-add-site', site: 'example.org' });
    await send({ type: 'ui:checklist-set', site: 'coupang.com', breachId: 'Coupang2025', stepId: 'phone.smishing', done: true });
  });

  it('popup, one breach, your details summarised', () => checkPopup(COUPANG, 'one breach, with profile', { dataState: 'breaches' }));
  it('popup, one breach, changing your details', () => checkPopup(COUPANG, 'one breach, with profile, chips open', { dataState: 'breaches', prepare: expandChips }));
  it('popup, none of your details in the breach', () => checkPopup(ZACKS, 'none of yours', { dataState: 'breaches' }));
  it('popup, clean site with a profile', () => checkPopup(KURLY, 'clean, with profile', { dataState: 'clean' }));
  it('details, with profile and a ticked step', () => checkPage('details.html?site=coupang.com', 'with profile', { wait: '.may-be-exposed' }));
  it('all exposures, with sites', () => checkPage('exposures.html', 'with sites', { wait: '.exposure-list' }));
  it('options, with profile sites', () => checkPage('options.html', 'with profile sites', { wait: '.profile-list' }));

  it('options, removing a site asks first', () =>
    checkPage('options.html', 'remove-site confirmation', {
      wait: '.profile-list',
      prepare: async (p) => {
        await p.click('.profile-site[data-site="kurly.com"] .profile-site-head button');
        await p.waitForSelector('.profile-site .confirm');
      },
    }));

  it('options, deleting all data asks first', () =>
    checkPage('options.html', 'delete-all confirmation', {
      wait: '.profile-list',
      prepare: async (p) => {
        await p.click('.data-actions .button.danger');
        await p.waitForSelector('.confirm[role="alertdialog"]');
      },
    }));

  it('options, typing a site that is not a website', () =>
    checkPage('options.html', 'invalid site typed (add and mute)', {
      wait: '.profile-list',
      prepare: async (p) => {
        await p.type('#add-site', 'not a site');
        await p.click('.profile-sites form button[type="submit"]');
        await p.type('#mute-site', 'nope');
        await p.click('.alert-settings form button[type="submit"]');
        await p.waitForSelector('#add-site-error');
        await p.waitForSelector('#mute-error');
      },
    }));

  it('options, with muted sites', async () => {
    await setSettings({ mutedSites: ['coupang.com', 'lguplus.com'] });
    try {
      await checkPage('options.html', 'muted sites listed', { wait: '.muted-list' });
      await checkPopup(COUPANG, 'site muted', { dataState: 'breaches' });
    } finally {
      await removeLocal(['alert-settings']);
    }
  });

  it('popup with warnings switched off everywhere', async () => {
    await setSettings({ enabled: false });
    try {
      await checkPopup(COUPANG, 'warnings off', { dataState: 'breaches' });
    } finally {
      await removeLocal(['alert-settings']);
    }
  });

  it('options, an import preview that would overwrite, and an import that is not an export', async () => {
    const current = await send<UserDataExport>({ type: 'ui:data-export' });
    const now = current.exported.replace(/Z$/, '.000Z');
    const at = Date.parse(now);
    const incoming: UserDataExport = {
      ...current,
      profile: [
        ...current.profile.filter((p) => p.site !== 'coupang.com'),
        { site: 'coupang.com', details: [{ detail: 'name', source: 'entered', at }], addedAt: at, updatedAt: at },
        { site: 'gsshop.com', details: [{ detail: 'email', source: 'entered', at }], addedAt: at, updatedAt: at },
      ],
    };
    const dir = mkdtempSync(join(tmpdir(), 'ew-a11y-'));
    writeFileSync(join(dir, 'import.json'), JSON.stringify(incoming));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ format: 'something else', profile: 3 }));
    const upload = async (p: Page, file: string) => {
      const input = (await p.$('.file-button input[type="file"]')) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(join(dir, file));
    };
    await checkPage('options.html', 'import preview', {
      wait: '.profile-list',
      prepare: async (p) => {
        await upload(p, 'import.json');
        await p.waitForSelector('.import-preview .warning-text');
      },
    });
    await checkPage('options.html', 'import of a file that is not an export', {
      wait: '.profile-list',
      prepare: async (p) => {
        await upload(p, 'bad.json');
        await p.waitForSelector('.import-errors');
      },
    });
  });

  it('dismissed: the notice closed on coupang.com; popup and details say so', async () => {
    await setLocal({ dismissals: { 'coupang.com': ['Coupang2025'] } });
    try {
      await checkPopup(COUPANG, 'dismissed', {
        dataState: 'breaches',
        prepare: async (p) => expect(await p.$eval('.card', (c) => c.getAttribute('data-reason'))).toBe('dismissed'),
      });
      await checkPage('details.html?site=coupang.com', 'dismissed', { wait: '.card[data-reason="dismissed"]' });
    } finally {
      await removeLocal(['dismissals']);
    }
  });
});

describe('in Korean (long text)', () => {
  beforeAll(() => setLocal({ 'ui-language': 'ko' }));
  afterAll(() => removeLocal(['ui-language']));

  it('popup with a long Korean description (Lotte Card)', () =>
    checkPopup(LOTTECARD, 'Korean, long description', {
      dataState: 'breaches',
      prepare: async (p) => expect(await p.$eval('html', (h) => h.lang)).toBe('ko'),
    }));
  it('popup with a profile, chips open', () => checkPopup(COUPANG, 'Korean, with profile, chips open', { dataState: 'breaches', prepare: expandChips }));
  it('popup, several breaches none warning', () => checkPopup(LGUPLUS, 'Korean, several breaches', { dataState: 'breaches' }));
  it('popup, clean site', () => checkPopup(KURLY, 'Korean, clean', { dataState: 'clean' }));
  it('popup, about:blank', () => checkPopup('about:blank', 'Korean, no verdict', { dataState: 'no-verdict' }));
  it.each([
    ['details.html?site=lottecard.co.kr', 'Korean, long description'],
    ['details.html?site=coupang.com', 'Korean, with profile'],
    ['details.html?site=lguplus.com', 'Korean, several'],
    ['details.html?site=not%20a%20site', 'Korean, bad site'],
    ['onboarding.html', 'Korean'],
    ['options.html', 'Korean, with profile sites'],
    ['exposures.html', 'Korean, with sites'],
  ])('%s (%s)', (path, state) => checkPage(path, state));
  it('notice, one breach', () => checkNotice(COUPANG, 'Korean, one breach', 'coupang.com에서 고객 정보가 유출되었습니다'));
  it('notice, long Korean lists (Lotte Card)', () => checkNotice(LOTTECARD, 'Korean, Lotte Card'));
  it('notice, several breaches', async () => {
    await setSettings({ ageWindowDays: 3650 });
    try {
      await checkNotice(ZACKS, 'Korean, several breaches');
    } finally {
      await removeLocal(['alert-settings']);
    }
  });
});

describe('motion follows prefers-reduced-motion', () => {
  /** Every element's computed transition and animation durations (only those not all zero). */
  const moving = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('*')].flatMap((el) => {
        const s = getComputedStyle(el);
        const zero = (v: string) => v.split(',').every((d) => parseFloat(d) === 0 || d.trim() === 'auto');
        const animated = s.animationName !== 'none' && !zero(s.animationDuration);
        return zero(s.transitionDuration) && !animated ? [] : [`${el.tagName.toLowerCase()}.${el.className}: transition ${s.transitionDuration}, animation ${s.animationName} ${s.animationDuration}`];
      }),
    );

  async function expectStillUnderReduce(page: Page, what: string) {
    await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'no-preference' }]);
    // Buttons and chips change colour with a short transition by default (so the check below is live)...
    expect((await moving(page)).some((m) => m.includes('transition 0.15s')), `${what}: transitions by default`).toBe(true);
    await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    // ...and nothing moves under reduced motion.
    expect(await moving(page), `${what}: moving under reduced motion`).toEqual([]);
    const button = await page.$eval('button', (b) => ({ t: getComputedStyle(b).transitionDuration, a: getComputedStyle(b).animationDuration }));
    expect(button.t.split(', ').every((d) => d === '0s')).toBe(true);
  }

  it.each(['details.html?site=coupang.com', 'options.html', 'exposures.html'])('%s', async (path) => {
    const page = await extensionPage(path);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    await expectStillUnderReduce(page, path);
    await page.close();
  });

  it('the popup', async () => {
    const { page, popup } = await popupOn(COUPANG);
    await expandChips(popup);
    await expectStillUnderReduce(popup, 'popup');
    await popup.close();
    await page.close();
  });

  it('the in-page notice never moves', async () => {
    const page = await session.browser.newPage();
    await page.goto(COUPANG);
    await waitForNotice(page);
    for (const value of ['no-preference', 'reduce']) {
      await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value }]);
      const styles = await page.$$eval('::-p-aria([role="button"])', (buttons) =>
        buttons.filter((b) => b.getRootNode() instanceof ShadowRoot).map((b) => {
          const box = b.closest('section')!;
          return [b, box].map((e) => `${getComputedStyle(e).transitionDuration} ${getComputedStyle(e).animationName}`);
        }),
      );
      expect(styles.length).toBeGreaterThan(0);
      for (const pair of styles) expect(pair).toEqual(['0s none', '0s none']);
    }
    await page.close();
  });
});

describe('errors', () => {
  it('options showing a failed sync (the feed server answers 500)', async () => {
    feed.mode = 'status-500';
    await checkPage('options.html', 'sync failed (HTTP 500), stored error and next retry', {
      wait: '[data-action="sync-now"]:not([disabled])',
      prepare: async (p) => {
        await p.click('[data-action="sync-now"]');
        await p.waitForSelector('.feed-sync-result[data-outcome="failed"]', { timeout: 40_000 });
        await p.waitForSelector('.feed-error[data-cause="http-status"]');
      },
    });
    // A reload shows the stored error without a new attempt.
    await checkPage('options.html', 'stored sync error', { wait: '.feed-error[data-cause="http-status"]' });
    feed.mode = 'normal';
  });

  /**
   * Give `name` a newer database version than this release knows (as after a downgrade): the
   * background's connection yields to it and its next open fails, so every answer needing it fails.
   */
  const breakDatabase = (name: string) =>
    ext.evaluate(
      (n) =>
        new Promise<void>((resolve, reject) => {
          const r = indexedDB.open(n, 999);
          r.onsuccess = () => {
            r.result.close();
            resolve();
          };
          r.onerror = () => reject(r.error);
        }),
      name,
    );

  it('the popup and details page when saving your details fails (the user database is unreadable)', async () => {
    await breakDatabase('exposure-watch-user');
    await checkPopup(COUPANG, 'saving failed', {
      dataState: 'breaches',
      prepare: async (p) => {
        await expandChips(p);
        await p.click('.your-details button.chip[data-detail="name"]');
        await p.waitForSelector('.popup-footer .error[role="alert"]');
      },
    });
    await checkPage('details.html?site=coupang.com', 'saving failed', {
      wait: '.your-details button.chip',
      prepare: async (p) => {
        await p.click('.your-details button.chip[data-detail="name"]');
        await p.waitForSelector('.page-footer .error[role="alert"]');
      },
    });
    await checkPage('options.html', 'profile unreadable', { wait: '#profile ~ .error' });
  });

  it('every page when the background cannot read the breach database', async () => {
    await breakDatabase('exposure-watch');
    await checkPopup(COUPANG, 'error', { dataState: 'error' });
    await checkPage('details.html?site=coupang.com', 'error', { wait: '[data-state="error"]' });
    await checkPage('exposures.html', 'error', { wait: '[data-state="error"]' });
    await checkPage('options.html', 'feed status unreadable', { wait: '.feed-sync .error' });
  });
});
