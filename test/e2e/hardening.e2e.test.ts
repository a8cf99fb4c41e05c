/// <reference types="chrome" />
// Hardening (issue 7) in real Chromium: a hostile but validly signed feed rendered everywhere
// feed text shows; pages that fight foreign elements, single-page apps, iframes of other sites.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { badgeText, waitForBadge, launchWithExtension, openPopup, tabIdOf, waitForNotice, type ExtensionSession } from '../support/browser';
import { noticeLook, noticeText, type NoticeLook } from '../support/notice';
import { colourShares } from '../support/pixels';
import { E2E_BUILD, ROOT } from '../support/paths';
import { FeedDocument, type BreachRecord } from '@/utils/feed/schema';
import { serialiseFeed } from '@/utils/feed/build';
import { loadSigningKey, signFeed } from '../../scripts/lib/sign';

const COUPANG = 'http://www.coupang.com/';
const KURLY = 'http://www.kurly.com/';
const VIEWPORT = { width: 1280, height: 800 };
/** The notice's light-theme colours (entrypoints/notice/style.ts) and the hostile page's overlay. */
const WHITE = 'rgb(255, 255, 255)';
const RED = 'rgb(179, 38, 30)';

const bundledText = readFileSync(`${ROOT}/public/feed/feed.json`, 'utf8');
const bundled = FeedDocument.parse(JSON.parse(bundledText));
const testKey = JSON.parse(readFileSync(`${ROOT}/test/fixtures/feed-test-key.json`, 'utf8')) as { keyId: string; privateKeyPem: string };
const instant = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** What a payload does if it ever runs: a page global, a console line, a request the fixture server records. */
const RUN = "top.__ewPwned=1;console.log('EW-PWNED');fetch('http://www.example.org/pwned-js')";
const RLO = '\u202E';
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/**
 * A breach on example.org (a fixture host the test build may warn on) whose every text field
 * carries script, event handlers, javascript:/data:/http: links, CSS and right-to-left overrides.
 * It is schema-valid and signed: only what renders it stands between it and the user.
 */
const hostile: BreachRecord = {
  id: 'HostileShop2026',
  source: 'curated',
  title: `Hostile Shop <img src=x onerror="${RUN}"><script>top.__ewPwned=1</script> ${RLO}gnp.exe`,
  titleKo: `적대적 상점 <svg onload="${RUN}">${RLO}gnp.exe`,
  domains: ['example.org'],
  breachDate: '2026-10-01',
  exposureWindow: { start: '2026-09-20', end: '2026-10-01' },
  disclosureDate: '2026-11-20',
  addedDate: instant(Date.now() - 86_400_000),
  modifiedDate: instant(Date.now() - 86_400_000),
  pwnCount: 4_242,
  dataClasses: ['Names', 'Email addresses', '<img src=x onerror=top.__ewPwned=1>', `Phone${RLO} numbers`, '<style>*{display:none}</style>'],
  notExposed: ['Passwords', '<svg onload=top.__ewPwned=1>', `Credit cards${RLO}`],
  description: [
    `Attackers took <strong>names</strong> and <em>email addresses</em>.${RLO}txt.exe <a href="https://www.example.org/fine">a fine https link</a><br>`,
    `<script>${RUN}</script><img src="http://www.example.org/pwned-img" onerror="${RUN}">`,
    `<a href="javascript:${RUN}">js link</a> <a href="JaVaScRiPt&#58;${RUN}">entity js link</a>`,
    `<a href="data:text/html,<script>${RUN}</script>">data link</a> <a href="http://www.example.org/pwned-http">plain http link</a>`,
    `<a href="//www.example.org/pwned-relative">relative link</a> <a href=" https://www.example.org/ok" onclick="${RUN}" `,
    `style="position:fixed;inset:0;z-index:2147483647;background:red">styled https link</a>`,
    `<style>body{display:none}*{background:url(http://www.example.org/pwned-css)}</style>`,
    `<div style="position:fixed;inset:0;z-index:2147483647;background:url(http://www.example.org/pwned-bg)">overlay</div>`,
    `<svg><script>${RUN}</script><animate onbegin="${RUN}" attributeName="x" dur="1s"/></svg>`,
    `<math><mtext><table><mglyph><style><img src=x onerror="${RUN}"></style></mglyph></table></mtext></math>`,
    `<iframe srcdoc="<script>${RUN}</script>"></iframe><object data="http://www.example.org/pwned-object"></object>`,
    `<form action="http://www.example.org/pwned-form"><button formaction="javascript:${RUN}">go</button></form>`,
    `<noscript><p title="</noscript><img src=x onerror=${RUN}>"></noscript><details open ontoggle="${RUN}">toggle</details>`,
    `<base href="http://www.example.org/pwned-base/"><link rel="stylesheet" href="http://www.example.org/pwned-link.css">`,
    `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">`,
  ].join('\n'),
  flags: { verified: true, fabricated: false, sensitive: false, retired: false, spamList: false, malware: false, stealerLog: false },
  officialNotice: 'https://www.example.org/notice?q="><img src=x onerror=top.__ewPwned=1>',
  sources: ['https://www.example.org/source"onmouseover="top.__ewPwned=1'],
  country: null,
};

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
  // At first the server has the bundled feed itself: the start-up check finds nothing new.
  feed.publish({ body: Buffer.from(bundledText), sig: readFileSync(`${ROOT}/public/feed/feed.json.sig`, 'utf8'), etag: '"v1"' });
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
    expect(await waitForBadge(session.worker, page, '!')).toBe('!');
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
    expect(await waitForBadge(session.worker, page, '!')).toBe('!');
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
    expect(await waitForBadge(session.worker, page, '!')).toBe('!');
    await page.close();
  });
});

/** Everything an extension page or a web page logged, and every uncaught error. */
const logged: string[] = [];
function listen(page: Page, name: string): Page {
  page.on('console', (m) => logged.push(`${name} ${m.type()}: ${m.text()} (${m.location().url ?? ''})`));
  page.on('pageerror', (e) => logged.push(`${name} pageerror: ${e instanceof Error ? e.message : String(e)}`));
  return page;
}

/**
 * What feed text must never produce in a rendered page: elements that load or run things or
 * carry styles, event handler or style attributes, links that are not https (or the extension's
 * own pages), bidirectional controls in the text. Returns one line per finding.
 */
function auditDom(extensionOrigin: string) {
  const bad: string[] = [];
  const forbidden = ['script', 'style', 'img', 'svg', 'math', 'iframe', 'frame', 'object', 'embed', 'link', 'meta', 'base', 'video', 'audio', 'source', 'picture', 'noscript', 'template'];
  const loading = ['src', 'srcdoc', 'srcset', 'action', 'formaction', 'xlink:href', 'background', 'poster', 'data', 'ping'];
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    const tag = el.localName;
    if (forbidden.includes(tag)) bad.push(`<${tag}>`);
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name) || a.name === 'style' || loading.includes(a.name)) bad.push(`${tag}[${a.name}]`);
    }
    if (el instanceof HTMLAnchorElement && el.hasAttribute('href')) {
      const url = new URL(el.href);
      if (url.protocol !== 'https:' && url.origin !== extensionOrigin) bad.push(`a[href=${el.getAttribute('href')}]`);
    }
  }
  const text = `${document.title}\n${document.body.innerText}`;
  if (/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(text)) bad.push('bidirectional control in the text');
  if ((window as unknown as { __ewPwned?: unknown }).__ewPwned !== undefined) bad.push('a payload ran');
  return bad;
}

interface CdpNode {
  nodeName: string;
  nodeType: number;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

/** The same audit inside the notice's closed shadow root, through the protocol. */
async function auditNotice(page: Page): Promise<{ bad: string[]; text: string }> {
  const cdp = await page.createCDPSession();
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const bad: string[] = [];
    const texts: string[] = [];
    const allowed = new Set(['EXPOSURE-WATCH-NOTICE', '#document-fragment', 'SECTION', 'H2', 'DIV', 'P', 'STRONG', 'A', 'BUTTON', '#text']);
    let host: CdpNode | null = null;
    const findHost = (n: CdpNode) => {
      if (n.nodeName === 'EXPOSURE-WATCH-NOTICE') host = n;
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) findHost(c);
    };
    findHost(root);
    if (!host) return { bad: ['no notice'], text: '' };
    const walk = (n: CdpNode) => {
      if (!allowed.has(n.nodeName)) bad.push(`<${n.nodeName.toLowerCase()}>`);
      if (n.nodeType === 3 && n.nodeValue) texts.push(n.nodeValue);
      const attrs = n.attributes ?? [];
      for (let i = 0; i < attrs.length; i += 2) {
        const [name, value] = [attrs[i], attrs[i + 1]];
        if (/^on/i.test(name) || name === 'style' || name === 'src') bad.push(`${n.nodeName}[${name}]`);
        if (name === 'href' && !value.startsWith('https://')) bad.push(`a[href=${value}]`);
      }
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) walk(c);
    };
    walk(host);
    const text = texts.join(' ');
    if (BIDI.test(text)) bad.push('bidirectional control in the text');
    return { bad, text };
  } finally {
    await cdp.detach();
  }
}

/**
 * An extension page showing the hostile breach: every fold opened, the DOM audit clean, and the
 * feed's text rendered as text (the title everywhere; on a breach card also the description,
 * the class names, and the one https link, which opens a new tab without an opener).
 */
async function checkPage(name: string, page: Page, extensionOrigin: string, card: boolean): Promise<void> {
  await page.$$eval('details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  await settle(200);
  expect(await page.evaluate(auditDom, extensionOrigin), name).toEqual([]);
  const body = await page.$eval('body', (b) => b.innerText);
  if (name !== 'options') expect(body, name).toContain('Hostile Shop <img src=x onerror=');
  if (!card) return;
  expect(body).toContain('Attackers took names and email addresses.txt.exe a fine https link');
  expect(body).toContain('js link');
  expect(body).toContain('<img src=x onerror=top.__ewPwned=1>');
  const links = await page.$$eval('.card[data-breach-id="HostileShop2026"] a', (as) =>
    as.map((a) => ({ text: a.textContent, href: a.getAttribute('href'), rel: a.getAttribute('rel') })),
  );
  expect(links).toContainEqual({ text: 'a fine https link', href: 'https://www.example.org/fine', rel: 'noopener noreferrer' });
  // The https link whose handler and style were taken off stays a link; the others are text.
  expect(links.filter((l) => /link$/.test(l.text ?? '')).map((l) => [l.text, l.href])).toEqual([
    ['a fine https link', 'https://www.example.org/fine'],
    ['styled https link', 'https://www.example.org/ok'],
  ]);
  expect(body).toContain('data link');
  expect(body).toContain('plain http link');
}

describe('a hostile but validly signed feed renders inert', () => {
  it('in the notice, badge tooltip, notification, popup, details, options and all exposures: nothing runs, loads, links off https or reorders text', async () => {
    const extensionOrigin = `chrome-extension://${session.extensionId}`;
    const options = listen(await session.browser.newPage(), 'options');
    await options.goto(`${extensionOrigin}/options.html`);
    await options.waitForSelector('[data-action="sync-now"]:not([disabled])', { timeout: 15_000 });
    // The user has an account at example.org: its new breach is news worth a notification.
    for (const m of [{ type: 'ui:profile-add-site', site: 'example.org' }, { type: 'ui:profile-set-detail', site: 'example.org', detail: 'email', on: true }]) {
      await options.evaluate((msg) => chrome.runtime.sendMessage(msg), m);
    }
    // Notifications cannot be read back from Chrome: note what the background asks it to show.
    const worker = await session.getWorker();
    worker.on('console', (m) => logged.push(`worker ${m.type()}: ${m.text()}`));
    await worker.evaluate(() => {
      const shown: unknown[] = [];
      (self as unknown as { __notifications: unknown[] }).__notifications = shown;
      const create = chrome.notifications.create.bind(chrome.notifications) as (id: string, o: chrome.notifications.NotificationCreateOptions) => Promise<string>;
      (chrome.notifications as { create: unknown }).create = (id: string, o: chrome.notifications.NotificationCreateOptions) => {
        shown.push({ id, title: o.title, message: o.message });
        return create(id, o);
      };
    });

    const text = serialiseFeed({ ...bundled, sequence: bundled.sequence + 1, generated: instant(Date.now()), breaches: [...bundled.breaches, hostile].sort((a, b) => (a.id < b.id ? -1 : 1)) });
    feed.publish({ body: Buffer.from(text), sig: signFeed(text, loadSigningKey(testKey.privateKeyPem), testKey.keyId), etag: '"hostile"' });
    await options.click('[data-action="sync-now"]');
    await options.waitForFunction(() => !['syncing', undefined, null].includes(document.querySelector('.feed-sync-result')?.getAttribute('data-outcome')), {
      timeout: 30_000,
    });
    expect(await options.$eval('.feed-sync-result', (e) => [e.getAttribute('data-outcome'), e.textContent])).toEqual(['updated', expect.stringContaining('1 added')]);

    // The notification: plain text, the payload shown as the words it is, no reordering.
    const notifications = (await worker.evaluate(() => (self as unknown as { __notifications: unknown[] }).__notifications)) as { id: string; title: string; message: string }[];
    expect(notifications.map((n) => n.id)).toEqual(['ew-breach|example.org|HostileShop2026']);
    expect(notifications[0].message).toContain('Hostile Shop <img src=x onerror=');
    expect(notifications[0].message).toContain(' gnp.exe');
    expect(BIDI.test(`${notifications[0].title}${notifications[0].message}`)).toBe(false);

    // The notice on the site, and the toolbar button's tooltip.
    const shop = listen(await session.browser.newPage(), 'web page');
    await shop.goto('http://www.example.org/');
    expect(await waitForNotice(shop)).toBe(true);
    const notice = await auditNotice(shop);
    expect(notice.bad).toEqual([]);
    expect(notice.text).toContain(`Hostile Shop <img src=x onerror="${RUN}"><script>top.__ewPwned=1</script> gnp.exe`);
    const tabId = await tabIdOf(worker, shop);
    expect(await waitForBadge(worker, shop, '!')).toBe('!');
    const tooltip = await worker.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
    expect(tooltip).toContain('Hostile Shop <img');
    expect(BIDI.test(tooltip)).toBe(false);
    expect(await shop.evaluate(() => (window as unknown as { __ewPwned?: unknown }).__ewPwned)).toBeUndefined();

    // The extension's pages. The popup first: it closes when another tab takes the focus.
    const popup = listen(await openPopup(session, shop), 'popup');
    expect(await popup.$eval('[data-state]', (e) => e.getAttribute('data-state'))).toBe('breaches');
    await checkPage('popup', popup, extensionOrigin, true);
    await popup.close();
    await checkPage('options', options, extensionOrigin, false);
    for (const path of ['details.html?site=example.org', 'exposures.html']) {
      const page = listen(await session.browser.newPage(), path);
      await page.goto(`${extensionOrigin}/${path}`);
      await page.waitForSelector('.card[data-breach-id="HostileShop2026"], .exposure[data-site="example.org"]', { timeout: 10_000 });
      await checkPage(path, page, extensionOrigin, path.startsWith('details'));
      await page.close();
    }

    // Nothing ran anywhere, nothing was fetched from what the feed named, nothing was refused by a CSP.
    await settle(500);
    expect(sites.requests.filter((r) => r.includes('pwned'))).toEqual([]);
    // (Chromium reports "Executing inline event handler violates ... Content Security Policy" in
    // an extension page whenever markup with a handler attribute is merely parsed there, even
    // into a <template> that never runs anything: the sanitiser's own parse. Every other report
    // of the policy counts.)
    const parsedOnly = /^(popup|details\.html\S*|exposures\.html) error: Executing inline event handler violates/;
    expect(logged.filter((l) => /EW-PWNED|Content Security Policy|Refused to|pageerror/.test(l) && !parsedOnly.test(l))).toEqual([]);
    for (const p of [shop, options]) await p.close();
  });
});
