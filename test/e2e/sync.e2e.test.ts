// Feed sync in real Chromium: the test build syncs from a loopback feed server (mapped to
// feed.exposure-watch.test) and accepts the suite's own signing key (test/fixtures/feed-test-key.json).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { startFeedServer, FEED_PATH, type FeedMode, type FeedServer } from '../support/feed-server';
import { badgeText, waitForBadge, launchWithExtension, waitForNotice, type ExtensionSession } from '../support/browser';
import { noticeText } from '../support/notice';
import { E2E_BUILD, ROOT } from '../support/paths';
import { FeedDocument, type BreachRecord } from '@/utils/feed/schema';
import { serialiseFeed } from '@/utils/feed/build';
import type { FeedSyncStatus } from '@/utils/feed/sync-state';
import type { SiteReport } from '@/utils/messaging/protocol';
import { loadSigningKey, signFeed } from '../../scripts/lib/sign';

const bundledText = readFileSync(`${ROOT}/public/feed/feed.json`, 'utf8');
const bundled = FeedDocument.parse(JSON.parse(bundledText));
const testKey = JSON.parse(readFileSync(`${ROOT}/test/fixtures/feed-test-key.json`, 'utf8')) as { keyId: string; privateKeyPem: string };
const signer = loadSigningKey(testKey.privateKeyPem);

const instant = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
const NOW = Date.now();
/** A made-up breach on a reserved domain (RFC 2606) that the bundled feed does not have. */
const exampleShop: BreachRecord = {
  id: 'ExampleShop2026',
  source: 'curated',
  title: 'Example Shop',
  domains: ['example.org'],
  breachDate: '2026-10-01',
  exposureWindow: { start: '2026-09-20', end: '2026-10-01' },
  disclosureDate: '2026-11-20',
  addedDate: instant(NOW - 86_400_000),
  modifiedDate: instant(NOW - 86_400_000),
  pwnCount: 120_000,
  dataClasses: ['Names', 'Email addresses', 'Phone numbers', 'Physical addresses'],
  notExposed: ['Passwords'],
  description: 'A made-up breach for tests.',
  flags: { verified: true, fabricated: false, sensitive: false, retired: false, spamList: false, malware: false, stealerLog: false },
  officialNotice: null,
  sources: [],
  country: null,
};
const coupang = bundled.breaches.find((b) => b.id === 'Coupang2025')!;

/** A feed document with `sequence`, the bundled breaches plus `extra`, signed with the test key. */
function signed(sequence: number, breaches: BreachRecord[], etag: string) {
  const text = serialiseFeed({ ...bundled, sequence, generated: instant(NOW), breaches: [...breaches].sort((a, b) => (a.id < b.id ? -1 : 1)) });
  return { body: Buffer.from(text), sig: signFeed(text, signer, testKey.keyId), etag };
}
const v2Breaches = [...bundled.breaches.filter((b) => b.id !== coupang.id), { ...coupang, modifiedDate: instant(NOW) }, exampleShop];
const v2 = signed(bundled.sequence + 1, v2Breaches, '"v2"');

let sites: FixtureServer;
let feed: FeedServer;
let session: ExtensionSession;
const measured: string[] = [];

async function openOptions(): Promise<Page> {
  const page = await session.browser.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/options.html`);
  await page.waitForSelector('[data-action="sync-now"]:not([disabled])', { timeout: 15_000 });
  return page;
}

/** From an extension page, ask the background (the way options does). */
function ask<T>(page: Page, message: Record<string, unknown>): Promise<T> {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<T>;
}

/** Click "Sync now" in a fresh options page; returns what the page shows afterwards. */
async function syncNow() {
  const page = await openOptions();
  await page.click('[data-action="sync-now"]');
  await page.waitForFunction(
    () => {
      const outcome = document.querySelector('.feed-sync-result')?.getAttribute('data-outcome');
      return outcome && outcome !== 'syncing';
    },
    { timeout: 40_000 },
  );
  const shown = await page.evaluate(() => ({
    outcome: document.querySelector('.feed-sync-result')?.getAttribute('data-outcome'),
    result: document.querySelector('.feed-sync-result')?.textContent,
    cause: document.querySelector('.feed-error')?.getAttribute('data-cause'),
    error: document.querySelector('.feed-error')?.textContent ?? '',
    facts: document.querySelector('.feed-status')?.textContent ?? '',
  }));
  const status = await ask<FeedSyncStatus>(page, { type: 'ui:feed-status' });
  return { page, ...shown, status };
}

async function exampleReport(page: Page) {
  return ask<SiteReport | null>(page, { type: 'ui:site-report', url: 'http://www.example.org/' });
}

beforeAll(async () => {
  sites = await startFixtureServer();
  feed = await startFeedServer();
  // At first the server has the bundled feed itself (signed with the production key, which the test build accepts too).
  feed.publish({ body: Buffer.from(bundledText), sig: readFileSync(`${ROOT}/public/feed/feed.json.sig`, 'utf8'), etag: '"v1"' });
  session = await launchWithExtension(E2E_BUILD, { resolverRules: `${feed.resolverRule}, ${sites.resolverRules(['www.example.org'])}` });
  // The start-up check (the bundled feed was never checked): same feed, so no error and an ETag learnt.
  const worker = await session.getWorker();
  const started = Date.now();
  while (Date.now() - started < 20_000) {
    const state = (await worker.evaluate(() => chrome.storage.local.get('feed-sync')))['feed-sync'] as { lastOutcome?: string } | undefined;
    if (state?.lastOutcome) break;
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  await session?.close();
  await feed?.close();
  await sites?.close();
  if (measured.length) console.log(`sync measurements:\n  ${measured.join('\n  ')}`);
});

describe('feed sync in Chromium', () => {
  it('checks the feed at first start; the same feed as bundled is no error', async () => {
    expect(feed.requests.map((r) => `${r.path} ${r.status}`)).toEqual([`${FEED_PATH} 200`, `${FEED_PATH}.sig 200`]);
    const page = await openOptions();
    const status = await ask<FeedSyncStatus>(page, { type: 'ui:feed-status' });
    expect(status).toMatchObject({ sequence: bundled.sequence, breachCount: bundled.breaches.length, lastError: null, url: feed.url });
    expect(status.checkedAt).not.toBeNull();
    await page.close();
  });

  it('a valid signed update makes a new breach warn on its site, and tells a warned user about a changed one', async () => {
    const before = await session.browser.newPage();
    await before.goto('http://www.example.org/');
    expect(await waitForNotice(before, 2_000)).toBe(false);
    await before.close();
    // The user is being warned on Coupang in an open tab: a site of interest.
    const coupangTab = await session.browser.newPage();
    await coupangTab.goto('http://www.coupang.com/');
    expect(await waitForNotice(coupangTab)).toBe(true);

    feed.publish(v2);
    const requestsBefore = feed.requests.length;
    const { page, outcome, result, status } = await syncNow();
    expect(outcome).toBe('updated');
    expect(result).toBe(`Updated to version ${bundled.sequence + 1}: 1 added, 1 changed, 0 removed.`);
    expect(status).toMatchObject({ sequence: bundled.sequence + 1, breachCount: bundled.breaches.length + 1, origin: 'sync', lastError: null });
    const worker = await session.getWorker();
    const notifications = await worker.evaluate(() => chrome.notifications.getAll());
    expect(Object.keys(notifications)).toEqual(['ew-breach|coupang.com|Coupang2025']);

    const shop = await session.browser.newPage();
    await shop.goto('http://www.example.org/');
    expect(await waitForNotice(shop)).toBe(true);
    const text = await noticeText(shop);
    expect(text).toContain('example.org leaked customer data');
    expect(text).toContain('Example Shop · October 2026');
    expect(text).toContain('120,000 accounts affected');
    expect(await waitForBadge(worker, shop, '!')).toBe('!');

    const state = (await worker.evaluate(() => chrome.storage.local.get('feed-sync')))['feed-sync'] as { lastDurationMs: number };
    const full = feed.requests.slice(requestsBefore);
    measured.push(
      `full update (${v2.body.length} bytes of feed): ${state.lastDurationMs} ms fetch+verify+swap in the service worker; ` +
        `${full.reduce((n, r) => n + r.bytes, 0)} bytes sent (${full.map((r) => `${r.path} ${r.status} ${r.bytes} B`).join(', ')})`,
    );
    for (const p of [shop, coupangTab, page]) await p.close();
  });

  it('a 304 changes nothing but the check time', async () => {
    const page = await openOptions();
    const before = await ask<FeedSyncStatus>(page, { type: 'ui:feed-status' });
    await page.close();
    const requestsBefore = feed.requests.length;
    const after = await syncNow();
    expect(after.outcome).toBe('not-modified');
    const sent = feed.requests.slice(requestsBefore);
    expect(sent.map((r) => `${r.path} ${r.status} ${r.ifNoneMatch}`)).toEqual([`${FEED_PATH} 304 "v2"`]);
    expect(after.status).toEqual({ ...before, checkedAt: expect.any(Number), lastAttemptAt: expect.any(Number) });
    expect(after.status.checkedAt!).toBeGreaterThan(before.checkedAt!);
    measured.push(`304: ${sent[0].bytes} bytes sent`);
    await after.page.close();
  });

  const tampered = () => {
    const good = signed(bundled.sequence + 2, [...v2Breaches, { ...exampleShop, id: 'ExampleShop2027' }], '"v3-tampered"');
    const body = Buffer.from(good.body);
    const at = body.indexOf('"pwnCount":120000');
    body[at + 11] = '9'.charCodeAt(0); // 120000 -> 920000, one byte, still valid JSON
    return { ...good, body };
  };
  const cases: { name: string; mode: FeedMode; feed?: () => { body: Buffer; sig: string; etag: string }; cause: string; shown: string }[] = [
    { name: 'a one-byte-tampered feed', mode: 'normal', feed: tampered, cause: 'bad-signature', shown: "The update's signature did not check out" },
    { name: 'an older sequence', mode: 'normal', feed: () => signed(bundled.sequence, [...v2Breaches, { ...exampleShop, id: 'Older' }], '"old"'), cause: 'rollback', shown: 'not newer than the one in use' },
    { name: 'a truncated body', mode: 'truncate', cause: 'truncated', shown: 'The download was cut off' },
    { name: 'an HTTP 500', mode: 'status-500', cause: 'http-status', shown: 'The update server answered with an error' },
    { name: 'a too-large body', mode: 'too-large', cause: 'too-large', shown: 'larger than allowed' },
  ];
  for (const c of cases) {
    it(`${c.name} leaves the previous feed in use, with the error shown in options`, async () => {
      feed.publish(c.feed ? c.feed() : signed(bundled.sequence + 2, [...v2Breaches, { ...exampleShop, id: 'Next' }], `"${c.mode}"`));
      feed.mode = c.mode;
      try {
        const { page, outcome, cause, error, status } = await syncNow();
        expect(outcome).toBe('failed');
        expect(cause).toBe(c.cause);
        expect(error).toContain(c.shown);
        expect(error).toContain('Next try:');
        expect(status).toMatchObject({ sequence: bundled.sequence + 1, breachCount: bundled.breaches.length + 1, lastError: { cause: c.cause } });
        expect((await exampleReport(page))?.breaches.map((v) => v.breach.id)).toEqual(['ExampleShop2026']);
        await page.close();
      } finally {
        feed.mode = 'normal';
      }
    });
  }

  it('a service worker stopped in the middle of a download keeps a consistent feed, and the next sync completes', async () => {
    const v3 = signed(bundled.sequence + 2, [...v2Breaches, { ...exampleShop, id: 'ExampleShop2026b', title: 'Example Shop again' }], '"v3"');
    feed.publish(v3);
    feed.mode = 'stall';
    const options = await openOptions();
    await options.click('[data-action="sync-now"]');
    await feed.stalled();
    const worker = await session.getWorker();
    await worker.close();
    feed.release();
    feed.mode = 'normal';
    await options.close();

    // The next extension page wakes a fresh worker.
    const page = await openOptions();
    const status = await ask<FeedSyncStatus>(page, { type: 'ui:feed-status' });
    expect(status).toMatchObject({ sequence: bundled.sequence + 1, breachCount: bundled.breaches.length + 1 });
    // The download never finished, and the stopped sync recorded nothing (the last error is still the previous case's).
    expect(feed.requests.at(-1)).toMatchObject({ path: FEED_PATH, status: 200, complete: false });
    expect(status.lastError?.cause).toBe('too-large');
    expect((await exampleReport(page))?.breaches.map((v) => v.breach.id)).toEqual(['ExampleShop2026']);
    await page.close();

    const after = await syncNow();
    expect(after.outcome).toBe('updated');
    expect(after.status).toMatchObject({ sequence: bundled.sequence + 2, breachCount: bundled.breaches.length + 2, lastError: null });
    expect((await exampleReport(after.page))?.breaches.map((v) => v.breach.id).sort()).toEqual(['ExampleShop2026', 'ExampleShop2026b']);
    await after.page.close();
  });
});
