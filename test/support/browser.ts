/// <reference types="chrome" />
/**
 * Launch real Chromium with the built extension (Puppeteer). Used by the E2E suite and the demo.
 * Browser lookup: PUPPETEER_EXECUTABLE_PATH, then a system Chromium / Chrome. All traffic stays
 * on this machine: fixture hosts are mapped to a loopback server, background networking is off.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page, type WebWorker } from 'puppeteer-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Path of the Chromium to drive, or an error naming what to install. */
export function chromiumPath(): string {
  const fromEnv = process.env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error('No Chromium found: install Debian\'s "chromium" package or set PUPPETEER_EXECUTABLE_PATH');
  return found;
}

export interface ExtensionSession {
  browser: Browser;
  extensionId: string;
  worker: WebWorker;
  /** A fresh worker handle (the service worker may have been restarted). */
  getWorker(): Promise<WebWorker>;
  close(): Promise<void>;
}

/** `rules` followed by a catch-all that leaves every unmapped host name unresolvable (loopback IPs need no resolving). */
export function offlineRules(rules: string): string {
  return `${rules}, MAP * ~NOTFOUND`;
}

/**
 * The flags every test and benchmark launch uses: no background networking, sync, component
 * updates or QUIC; no https upgrade of the http fixture hosts; host names resolved by `rules`
 * (`--host-resolver-rules`, followed by offlineRules' catch-all); the UI in `lang`.
 */
export function chromiumArgs(rules: string, lang = 'en-US'): string[] {
  return [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
    `--host-resolver-rules=${offlineRules(rules)}`,
    `--lang=${lang}`,
  ];
}

/**
 * Start Chromium with the extension in `extensionDir` and wait for its service worker.
 * @param opts.resolverRules value for --host-resolver-rules; opts.headed shows a window.
 *   Every other host name resolves to nothing (`MAP * ~NOTFOUND` is appended): the browser's
 *   own background requests (time, connectivity checks) cannot leave the machine either.
 */
export async function launchWithExtension(
  extensionDir: string,
  opts: {
    resolverRules: string;
    headed?: boolean;
    lang?: string;
    waitForRegistration?: boolean;
    /** Runs after the browser started and before the extension is installed (e.g. to attach the protocol to targets from their start). */
    beforeInstall?: (browser: Browser) => Promise<void>;
  },
): Promise<ExtensionSession> {
  const path = resolve(extensionDir);
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: !opts.headed,
    pipe: true,
    // Extensions allowed; this one installed below (as Puppeteer does for a list of paths).
    enableExtensions: true,
    defaultViewport: { width: 1280, height: 800 },
    args: chromiumArgs(opts.resolverRules, opts.lang),
    env: { ...process.env, LANGUAGE: opts.lang ?? 'en-US' },
  });
  await opts.beforeInstall?.(browser);
  await browser.installExtension(path);
  const getWorker = async () => {
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'), { timeout: 20_000 });
    const worker = await target.worker();
    if (!worker) throw new Error('extension service worker target has no worker');
    return worker;
  };
  const worker = await getWorker();
  const extensionId = new URL(worker.url()).host;
  if (opts.waitForRegistration !== false) await waitForRegistration(worker);
  return { browser, extensionId, worker, getWorker, close: () => browser.close() };
}

/**
 * Wait until the background has loaded the bundled feed and registered the notice script
 * (a first start parses and stores about a thousand breaches before it registers).
 * @returns milliseconds waited.
 */
export async function waitForRegistration(worker: WebWorker, timeout = 20_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeout) {
    const n = await worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length);
    if (n > 0) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the extension did not register its content script in time');
}

/**
 * Tab id of `page`, from the extension's point of view. Tabs of sites the extension has no
 * access to show no URL to it, so those are found as the active tab after bringing `page` to front.
 */
export async function tabIdOf(worker: WebWorker, page: Page): Promise<number> {
  const url = page.url();
  const byUrl = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null, url);
  if (byUrl !== null) return byUrl;
  await page.bringToFront();
  const active = await worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? null);
  if (active === null) throw new Error(`no tab found for ${url}`);
  return active;
}

/** The toolbar badge text the extension set for `page`'s tab ('' for none). */
export async function badgeText(worker: WebWorker, page: Page): Promise<string> {
  const tabId = await tabIdOf(worker, page);
  return worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/**
 * The badge text of `page`'s tab once it reads `want`, or what it reads after `timeout` ms. The
 * notice is drawn on the first answer and the badge set by the next message, so a test that has
 * just seen the notice may be a few milliseconds ahead of the badge.
 */
export async function waitForBadge(worker: WebWorker, page: Page, want: string, timeout = 3_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const text = await badgeText(worker, page);
    if (text === want || Date.now() - started > timeout) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Open the real toolbar popup for `page` as a user's click does (grants activeTab); returns the popup page. */
export async function openPopup(session: ExtensionSession, page: Page): Promise<Page> {
  await page.bringToFront();
  const extension = (await session.browser.extensions()).get(session.extensionId);
  if (!extension) throw new Error('extension not installed');
  const popupTarget = session.browser.waitForTarget((t) => t.url().startsWith(`chrome-extension://${session.extensionId}/popup.html`), { timeout: 10_000 });
  await page.triggerExtensionAction(extension);
  const popup = await (await popupTarget).asPage();
  await popup.waitForSelector('[data-state]:not([data-state="loading"])', { timeout: 10_000 });
  return popup;
}

/** Wait until the extension's content script has settled on `page` (answered or not injected). */
export async function waitForNotice(page: Page, timeout = 8_000): Promise<boolean> {
  try {
    await page.waitForSelector('exposure-watch-notice', { timeout });
    return true;
  } catch {
    return false;
  }
}
