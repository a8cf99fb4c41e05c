import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from '#imports';
import { createServices } from '@/utils/background/services';
import { MAX_NOTIFICATIONS, RETRY_ALARM, SYNC_ALARM, createSyncService, notificationId, retryDelayMinutes } from '@/utils/background/sync-service';
import { CONTENT_SCRIPT_ID } from '@/utils/access/registration';
import { closeDb, getFeedMeta, replaceFeed } from '@/utils/db/feed-store';
import { serialiseFeed } from '@/utils/feed/build';
import { feedDigest } from '@/utils/feed/signature';
import { DEFAULT_FEED_URL, feedSyncState, feedUrlOverride } from '@/utils/feed/sync-state';
import { createRouter } from '@/utils/messaging/router';
import { dismissals, tabVerdictKey } from '@/utils/settings/items';
import { addSite, noteWarned } from '@/utils/profile/store';
import { closeUserDb, USER_DB_NAME } from '@/utils/profile/user-db';
import type { FeedDocument } from '@/utils/feed/schema';
import { makeBreach, NOW } from '../helpers/breach';
import { testBrowser } from '../helpers/fake-apis';
import { feedDoc, makeKey, publish, scriptedFetch, serving, type Published, type Reply } from '../helpers/feed-fetch';

const key = makeKey('k1');
const HOUR = 3_600_000;
const coupang = makeBreach();
const newShop = makeBreach({ id: 'NewShop2026', title: 'New Shop', titleKo: undefined, domains: ['newshop.com'], addedDate: '2026-11-28T00:00:00Z' });
const bundled = feedDoc(5, [coupang]);

interface Server {
  published: Published;
  etag?: string;
  reply?: Reply;
}

async function setup(opts: { granted?: string[]; lang?: string; server?: Server; clock?: { now: number } } = {}) {
  const env = testBrowser({ granted: opts.granted, lang: opts.lang });
  const server: Server = opts.server ?? { published: publish(bundled, key), etag: '"v5"' };
  const { fetch, log } = scriptedFetch(serving(DEFAULT_FEED_URL, () => server));
  const clock = opts.clock ?? { now: NOW };
  const services = createServices({ browser: env.browser, now: () => clock.now, syncOptions: { fetch, keys: [key.key], random: () => 0.5 } });
  const route = createRouter(services.handlers, { id: fakeBrowser.runtime.id, origin: fakeBrowser.runtime.getURL('/') }, () => {});
  const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') } as never;
  return { ...env, services, sync: services.sync, server, log, clock, route, page };
}

const notifications = () => (fakeBrowser.notifications as unknown as { getAllCreateOptions(): Record<string, { title: string; message: string }> }).getAllCreateOptions();

async function storeBundled(doc: FeedDocument = bundled, checkedAt = 0) {
  const digest = await feedDigest(new TextEncoder().encode(serialiseFeed(doc)));
  await replaceFeed(doc, { etag: null, origin: 'bundled', checkedAt, changedAt: 1, digest, url: null });
}

beforeEach(async () => {
  // The service logs every sync's outcome; keep the test output to failures.
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  fakeBrowser.reset();
  await closeDb();
  indexedDB.deleteDatabase('exposure-watch');
  await closeUserDb();
  indexedDB.deleteDatabase(USER_DB_NAME);
  await storeBundled();
});

describe('scheduling', () => {
  it('creates the daily alarm with jitter once, and never postpones an existing one', async () => {
    const { sync } = await setup();
    await sync.onStart();
    const alarm = await fakeBrowser.alarms.get(SYNC_ALARM);
    expect(alarm?.periodInMinutes).toBe(24 * 60);
    const dueIn = alarm!.scheduledTime - Date.now();
    expect(dueIn).toBeGreaterThan(21 * HOUR - 1000);
    expect(dueIn).toBeLessThan(27 * HOUR + 1000);
    await sync.onStart();
    expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.scheduledTime).toBe(alarm!.scheduledTime);
  });

  it('checks at start-up when the last check is older than 24 h, not otherwise', async () => {
    const fresh = await setup();
    await storeBundled(bundled, NOW - 23 * HOUR);
    await fresh.sync.onStart();
    expect(fresh.log).toHaveLength(0);
    await storeBundled(bundled, NOW - 25 * HOUR);
    await fresh.sync.onStart();
    expect(fresh.log.map((l) => l.url)).toEqual([DEFAULT_FEED_URL, `${DEFAULT_FEED_URL}.sig`]);
    // The server had the bundled feed: no error, and its ETag is kept for next time.
    expect(await getFeedMeta()).toMatchObject({ sequence: 5, etag: '"v5"', checkedAt: NOW });
    expect((await feedSyncState.getValue()).lastError).toBeNull();
  });

  it('the alarms run a sync; calls that coincide share one', async () => {
    const { sync, log } = await setup();
    await sync.onAlarm({ name: SYNC_ALARM });
    expect(log).toHaveLength(2);
    await Promise.all([sync.syncNow(), sync.syncNow(), sync.onAlarm({ name: RETRY_ALARM })]);
    expect(log).toHaveLength(3); // one conditional GET, answered 304
    await sync.onAlarm({ name: 'something-else' });
    expect(log).toHaveLength(3);
  });
});

describe('failures and back-off', () => {
  it('records the cause, keeps the feed, and backs off 15 min doubling to 24 h', async () => {
    const { sync, server, clock } = await setup();
    server.reply = { kind: 'status', status: 500 };
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      clock.now = NOW + i;
      expect(await sync.syncNow()).toMatchObject({ outcome: 'failed', failure: { cause: 'http-status', status: 500 } });
      const state = await feedSyncState.getValue();
      delays.push(Math.round((state.nextRetryAt! - clock.now) / 60_000));
      expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeDefined();
    }
    expect(delays).toEqual([15, 30, 60, 120, 240, 480, 960, 1440, 1440]);
    expect(await feedSyncState.getValue()).toMatchObject({ failures: 9, lastOutcome: 'failed', lastError: { cause: 'http-status', detail: 'HTTP 500', at: NOW + 8 } });
    expect(await getFeedMeta()).toMatchObject({ sequence: 5, checkedAt: 0 });

    server.reply = undefined;
    expect(await sync.syncNow()).toEqual({ outcome: 'unchanged' });
    expect(await feedSyncState.getValue()).toMatchObject({ failures: 0, lastError: null, nextRetryAt: null });
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
  });

  it('jitters retries by at most 10 %', () => {
    expect(retryDelayMinutes(1, () => 0)).toBeCloseTo(13.5);
    expect(retryDelayMinutes(1, () => 1)).toBeCloseTo(16.5);
    expect(retryDelayMinutes(20, () => 0.5)).toBe(1440);
  });

  it('a start while backing off does not sync, and restores a retry alarm an update cleared', async () => {
    const { sync, log, clock } = await setup();
    await feedSyncState.setValue({ lastAttemptAt: NOW, lastOutcome: 'failed', lastDurationMs: 5, lastError: { cause: 'network', detail: 'x', at: NOW }, failures: 2, nextRetryAt: NOW + 30 * 60_000 });
    clock.now = NOW + 60_000;
    await sync.onStart();
    expect(log).toHaveLength(0);
    expect((await fakeBrowser.alarms.get(RETRY_ALARM))?.scheduledTime).toBe(NOW + 30 * 60_000);
  });
});

describe('after a feed change', () => {
  it('registers the notice on newly alertable granted sites', async () => {
    const { sync, server, scripting } = await setup({ granted: ['*://*.newshop.com/*'] });
    await sync.onStart();
    expect(scripting.scripts.get(CONTENT_SCRIPT_ID)).toBeUndefined();
    server.published = publish(feedDoc(6, [coupang, newShop]), key);
    server.etag = '"v6"';
    expect(await sync.syncNow()).toMatchObject({ outcome: 'updated' });
    expect(scripting.scripts.get(CONTENT_SCRIPT_ID)?.matches).toEqual(['*://*.newshop.com/*', '*://newshop.com/*']);
  });

  it('the access offer grows with the alertable sites', async () => {
    const { sync, server, route, page } = await setup();
    const before = (await route({ type: 'ui:access-status' }, page)) as { missing: string[] };
    server.published = publish(feedDoc(6, [coupang, newShop]), key);
    await sync.syncNow();
    const after = (await route({ type: 'ui:access-status' }, page)) as { missing: string[] };
    expect(after.missing.filter((p) => !before.missing.includes(p))).toEqual(['*://newshop.com/*', '*://*.newshop.com/*']);
  });

  it('notifies once per added or changed breach on a site the user was warned on, and nowhere else', async () => {
    const { sync, server } = await setup();
    await dismissals.setValue({ 'coupang.com': ['Coupang2025'] });
    await storage.setItem(tabVerdictKey(3), { url: 'https://www.newshop.com/', report: { host: 'www.newshop.com', site: 'newshop.com', breaches: [], feed: null } });
    const hibpShop = makeBreach({ id: 'HibpShop', title: 'Hibp Shop', titleKo: undefined, source: 'hibp', domains: ['newshop.com'], breachDate: '2026-10-01', dataClasses: ['Email addresses', 'Passwords'] });
    const elsewhere = makeBreach({ id: 'Elsewhere', title: 'Elsewhere', domains: ['elsewhere.com'] });
    const fabricated = makeBreach({ id: 'Fake', domains: ['newshop.com'], flags: { ...coupang.flags, fabricated: true } });
    server.published = publish(feedDoc(6, [{ ...coupang, pwnCount: 1 }, hibpShop, elsewhere, fabricated]), key);
    await sync.syncNow();
    expect(notifications()).toEqual({
      [notificationId('coupang.com', 'Coupang2025')]: expect.objectContaining({
        type: 'basic',
        title: 'Breach details updated: coupang.com',
        message: 'Coupang (June 2025). Exposed: names, email addresses, phone numbers, delivery addresses, and order history. Click for what to do.',
      }),
      [notificationId('newshop.com', 'HibpShop')]: expect.objectContaining({
        title: 'New data breach: newshop.com',
        message: 'Hibp Shop (October 2026). Exposed: email addresses and passwords. Click for what to do.\nBreach data: Have I Been Pwned (CC BY 4.0)',
      }),
    });
  });

  it('also notifies for sites in the profile and sites warned on in an earlier session', async () => {
    const { sync, server } = await setup();
    await addSite('shop1.com', NOW);
    await noteWarned('shop2.com', NOW);
    const shops = [1, 2, 3].map((i) => makeBreach({ id: `Shop${i}`, title: `Shop ${i}`, titleKo: undefined, domains: [`shop${i}.com`] }));
    server.published = publish(feedDoc(6, [coupang, ...shops]), key);
    await sync.syncNow();
    expect(Object.keys(notifications()).sort()).toEqual([notificationId('shop1.com', 'Shop1'), notificationId('shop2.com', 'Shop2')]);
  });

  it('speaks Korean in a Korean browser', async () => {
    const { sync, server } = await setup({ lang: 'ko' });
    await dismissals.setValue({ 'coupang.com': [] });
    server.published = publish(feedDoc(6, [{ ...coupang, pwnCount: 1 }]), key);
    await sync.syncNow();
    expect(Object.values(notifications())[0]).toMatchObject({
      title: '유출 사고 정보 갱신: coupang.com',
      message: '쿠팡(2025년 6월). 유출된 정보: 이름, 이메일 주소, 전화번호, 배송지 주소 및 주문 내역. 눌러서 대처 방법을 확인하세요.',
    });
  });

  it(`shows at most ${MAX_NOTIFICATIONS} notifications per sync`, async () => {
    const { sync, server } = await setup();
    const many = Array.from({ length: 8 }, (_, i) => makeBreach({ id: `Shop${i}`, domains: [`shop${i}.com`] }));
    await dismissals.setValue(Object.fromEntries(many.map((b) => [b.domains[0], []])));
    server.published = publish(feedDoc(6, [coupang, ...many]), key);
    await sync.syncNow();
    expect(Object.keys(notifications())).toHaveLength(MAX_NOTIFICATIONS);
  });

  it('a click on the notification opens the details of its site', async () => {
    const { sync, created } = await setup();
    await fakeBrowser.notifications.create(notificationId('coupang.com', 'Coupang2025'), { type: 'basic', title: 't', message: 'm', iconUrl: 'x' });
    await sync.onNotificationClicked(notificationId('coupang.com', 'Coupang2025'));
    expect(created).toEqual([`chrome-extension://${fakeBrowser.runtime.id}/details.html?site=coupang.com`]);
    expect(notifications()).toEqual({});
    await sync.onNotificationClicked('someone-else');
    expect(created).toHaveLength(1);
  });
});

describe('messages from the options page', () => {
  it('ui:feed-status and ui:sync-now report sequence, dates, count, checks and the last error', async () => {
    const { route, page, server } = await setup();
    expect(await route({ type: 'ui:feed-status' }, page)).toEqual({
      url: DEFAULT_FEED_URL,
      defaultUrl: DEFAULT_FEED_URL,
      sequence: 5,
      generated: '2026-11-29T00:00:00Z',
      origin: 'bundled',
      breachCount: 1,
      checkedAt: null,
      changedAt: 1,
      lastAttemptAt: null,
      lastError: null,
      nextRetryAt: null,
      syncing: false,
    });
    server.published = { ...publish(feedDoc(6, [coupang, newShop]), key), sig: makeKey('k1').sign('other') };
    expect(await route({ type: 'ui:sync-now' }, page)).toMatchObject({
      outcome: 'failed',
      failure: { cause: 'bad-signature' },
      status: { sequence: 5, breachCount: 1, lastError: { cause: 'bad-signature', at: NOW }, nextRetryAt: NOW + 15 * 60_000 },
    });
    server.published = publish(feedDoc(6, [coupang, newShop]), key);
    expect(await route({ type: 'ui:sync-now' }, page)).toMatchObject({
      outcome: 'updated',
      added: 1,
      updated: 0,
      removed: 0,
      failure: null,
      status: { sequence: 6, breachCount: 2, origin: 'sync', checkedAt: NOW, changedAt: NOW, lastError: null },
    });
  });

  it('a web page cannot ask for a sync', async () => {
    const { route } = await setup();
    await expect(route({ type: 'ui:sync-now' }, { id: fakeBrowser.runtime.id, url: 'https://evil.example/', tab: { id: 1 }, frameId: 0 } as never)).rejects.toThrow(/outside the extension/);
  });

  it('uses a valid https override of the feed URL, and ignores an invalid one', async () => {
    const { sync } = await setup();
    await feedUrlOverride.setValue('https://mirror.example.net/feed.json');
    expect(await sync.feedUrl()).toBe('https://mirror.example.net/feed.json');
    await feedUrlOverride.setValue('http://mirror.example.net/feed.json');
    expect(await sync.feedUrl()).toBe(DEFAULT_FEED_URL);
  });
});

describe('edges of the sync run', () => {
  it('a first sync with nothing stored logs "from -"; a failing reconcile or notification is logged, and the new feed stays', async () => {
    await closeDb();
    indexedDB.deleteDatabase('exposure-watch');
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const env = testBrowser();
    env.browser.notifications = Object.assign(Object.create(fakeBrowser.notifications), { create: () => Promise.reject(new Error('notifications are off')) });
    const { fetch } = scriptedFetch(serving(DEFAULT_FEED_URL, () => ({ published: publish(feedDoc(6, [coupang, newShop]), key) })));
    await addSite('newshop.com', NOW);
    const sync = createSyncService({ browser: env.browser, now: () => NOW, reconcile: () => Promise.reject(new Error('scripting unavailable')), keys: [key.key], fetch });
    expect(await sync.syncNow()).toMatchObject({ outcome: 'updated', from: null, to: 6 });
    expect(console.info).toHaveBeenCalledWith(expect.stringMatching(/^exposure-watch: feed - -> 6: \+2 ~0 -0 in \d+ ms$/));
    expect(error).toHaveBeenCalledWith('exposure-watch: reconcile after sync failed', expect.objectContaining({ message: 'scripting unavailable' }));
    expect(error).toHaveBeenCalledWith('exposure-watch: notifications failed', expect.objectContaining({ message: 'notifications are off' }));
    expect(await getFeedMeta()).toMatchObject({ sequence: 6, origin: 'sync' });
    expect(await feedSyncState.getValue()).toMatchObject({ lastOutcome: 'updated', lastError: null, failures: 0 });
  });

  it('status before any feed is stored says so with nulls', async () => {
    await closeDb();
    indexedDB.deleteDatabase('exposure-watch');
    const { sync } = await setup();
    expect(await sync.status()).toMatchObject({ sequence: null, generated: null, origin: null, breachCount: 0, checkedAt: null, changedAt: null });
  });

  it('a start while backing off keeps a retry alarm that is still there', async () => {
    const { sync } = await setup();
    await feedSyncState.setValue({ lastAttemptAt: NOW, lastOutcome: 'failed', lastDurationMs: 5, lastError: { cause: 'network', detail: 'x', at: NOW }, failures: 1, nextRetryAt: NOW + 15 * 60_000 });
    await fakeBrowser.alarms.create(RETRY_ALARM, { when: NOW + 20 * 60_000 });
    await sync.onStart();
    expect((await fakeBrowser.alarms.get(RETRY_ALARM))?.scheduledTime).toBe(NOW + 20 * 60_000);
  });

  it('a click on one of our notifications without a site opens nothing', async () => {
    const { sync, created } = await setup();
    await sync.onNotificationClicked('ew-breach|');
    expect(created).toEqual([]);
  });

  it('listen: the listeners wait for readiness, and a start that fails is logged, not thrown', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { sync, log } = await setup();
    sync.listen(() => Promise.reject(new Error('bundled feed missing')));
    await fakeBrowser.alarms.onAlarm.trigger({ name: SYNC_ALARM, scheduledTime: NOW, persistAcrossSessions: false });
    await fakeBrowser.notifications.onClicked.trigger('someone-else');
    await vi.waitFor(() => expect(error).toHaveBeenCalledTimes(2));
    expect(error).toHaveBeenCalledWith('exposure-watch: feed sync', expect.objectContaining({ message: 'bundled feed missing' }));
    expect(log).toHaveLength(0);
  });

  it('listen: once ready, the start-up check runs and the sync alarm syncs; other alarms do not', async () => {
    const { sync, log } = await setup();
    sync.listen(() => Promise.resolve());
    await vi.waitFor(async () => expect(await feedSyncState.getValue()).toMatchObject({ lastOutcome: 'unchanged' }));
    expect(log).toHaveLength(2);
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'something-else', scheduledTime: NOW, persistAcrossSessions: false });
    await fakeBrowser.alarms.onAlarm.trigger({ name: SYNC_ALARM, scheduledTime: NOW, persistAcrossSessions: false });
    await vi.waitFor(() => expect(log).toHaveLength(3));
    // Let anything the other alarm might have started reach the server: one request only.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toHaveLength(3);
    expect(log[2]).toMatchObject({ url: DEFAULT_FEED_URL, ifNoneMatch: '"v5"' });
  });
});
