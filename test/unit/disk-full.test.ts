// A full disk: every write path of the background meets a quota error (IndexedDB's
// QuotaExceededError, storage.local's "QUOTA_BYTES quota exceeded"). The caller gets a typed
// error the pages put into words (in English and Korean), and everything stored before is intact.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createServices } from '@/utils/background/services';
import { createRouter } from '@/utils/messaging/router';
import { DB_NAME, getFeedMeta, replaceFeed } from '@/utils/db/feed-store';
import { USER_DB_NAME } from '@/utils/profile/user-db';
import { StorageError, storageProblemOf } from '@/utils/db/storage-error';
import { saveFailureKey } from '@/utils/ui/save-error';
import { DEFAULT_FEED_URL, feedSyncState } from '@/utils/feed/sync-state';
import { feedDigest } from '@/utils/feed/signature';
import { serialiseFeed } from '@/utils/feed/build';
import { dismissals } from '@/utils/settings/items';
import { observeForms } from '@/utils/profile/settings';
import { formatMessage, type Catalog } from '@/utils/i18n/catalog';
import type { UserDataExport } from '@/utils/profile/types';
import { readFileSync } from 'node:fs';
import { makeBreach, NOW } from '../helpers/breach';
import { testBrowser } from '../helpers/fake-apis';
import { feedDoc, makeKey, publish, scriptedFetch, serving } from '../helpers/feed-fetch';
import { deleteAllDatabases, storedState } from '../helpers/stored-state';
import { fillIndexedDb, fillStorageLocal, type DiskFull } from '../helpers/disk-full';
import { installDatabase, readFixture, type DatabaseFixture } from '../helpers/migration-fixtures';

const key = makeKey('disk-full-test');
const coupang = makeBreach();
const stored = feedDoc(5, [coupang, ...Array.from({ length: 30 }, (_, i) => makeBreach({ id: `Shop${i}`, title: `Shop ${i}`, domains: [`shop${i}.com`] }))]);
const newer = feedDoc(6, [coupang, ...Array.from({ length: 60 }, (_, i) => makeBreach({ id: `Mall${i}`, title: `Mall ${i}`, domains: [`mall${i}.com`] }))]);
const userFixture = readFixture<DatabaseFixture>('user-db', 1);

const granted = ['*://coupang.com/*', '*://*.coupang.com/*'];
const ORIGIN = fakeBrowser.runtime.getURL('/');
const page = { id: fakeBrowser.runtime.id, url: `${ORIGIN}options.html` };
const tab = { id: fakeBrowser.runtime.id, url: 'https://www.coupang.com/checkout', tab: { id: 5, index: 0, incognito: false }, frameId: 0 };

let full: DiskFull | null = null;
afterEach(() => {
  full?.restore();
  full = null;
});

async function setup() {
  const env = testBrowser({ granted });
  const { fetch } = scriptedFetch(serving(DEFAULT_FEED_URL, () => ({ published: publish(newer, key), etag: '"v6"' })));
  const services = createServices({ browser: env.browser, now: () => NOW, syncOptions: { fetch, keys: [key.key] } });
  const route = createRouter(services.handlers, { id: fakeBrowser.runtime.id, origin: ORIGIN }, () => undefined);
  return { env, services, route, ui: (m: object) => route(m, page as never), content: (m: object) => route(m, tab as never) };
}

beforeEach(async () => {
  fakeBrowser.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  await deleteAllDatabases();
  const digest = await feedDigest(new TextEncoder().encode(serialiseFeed(stored)));
  await replaceFeed(stored, { etag: '"v5"', origin: 'sync', checkedAt: NOW - 1, changedAt: NOW - 1, digest, url: DEFAULT_FEED_URL });
  // What the user had stored before the disk filled up.
  await installDatabase(userFixture);
  await dismissals.setValue({ 'coupang.com': ['Old2019'] });
  await observeForms.setValue(true);
});

/** The error as a page receives it: runtime messaging carries only the message. */
const overTheWire = (error: unknown) => new Error((error as Error).message);
const catalogs = { en: JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Catalog, ko: JSON.parse(readFileSync('public/_locales/ko/messages.json', 'utf8')) as Catalog };

/** Run `action` on a full disk: it must fail with a full-disk StorageError and change nothing stored. */
async function refusedOnFullDisk(env: Parameters<typeof storedState>[0], fill: () => Promise<DiskFull> | DiskFull, action: () => Promise<unknown>) {
  const before = await storedState(env);
  full = await fill();
  const error = await action().then(
    () => null,
    (e: unknown) => e,
  );
  expect(full.refused, 'the disk was never asked').toBeGreaterThan(0);
  full.restore();
  expect(error).toBeInstanceOf(StorageError);
  expect((error as StorageError).problem).toBe('full');
  // The page sees the kind, and shows the full-disk words.
  expect(storageProblemOf(overTheWire(error))).toBe('full');
  expect(await storedState(env)).toEqual(before);
  return error as StorageError;
}

describe('IndexedDB full', () => {
  it('ticking a checklist step: typed error, the page says the disk is full (en, ko), every earlier tick kept', async () => {
    const { env, ui } = await setup();
    const error = await refusedOnFullDisk(env, () => fillIndexedDb({ database: USER_DB_NAME }), () =>
      ui({ type: 'ui:checklist-set', site: 'coupang.com', breachId: 'Coupang2025', stepId: 'email.phishing', done: true }),
    );
    const keyShown = saveFailureKey(overTheWire(error));
    expect(keyShown).toBe('saveFailedFull');
    expect(formatMessage(catalogs.en, keyShown)).toBe(
      "Could not save that change: this device's storage is full. Free up some space, then try again. Nothing you saved before was lost.",
    );
    expect(formatMessage(catalogs.ko, keyShown)).toContain('저장 공간이 가득 차서');
    // With space again, the same tick is saved.
    await ui({ type: 'ui:checklist-set', site: 'coupang.com', breachId: 'Coupang2025', stepId: 'email.phishing', done: true });
    expect((await storedState(env)).user.checklist).toHaveLength(userFixture.stores.checklist.records.length + 1);
  });

  it('saving a profile detail: typed error, the profile as it was', async () => {
    const { env, ui } = await setup();
    await refusedOnFullDisk(env, () => fillIndexedDb({ database: USER_DB_NAME }), () => ui({ type: 'ui:profile-set-detail', site: 'coupang.com', detail: 'birth-date', on: true }));
    await refusedOnFullDisk(env, () => fillIndexedDb({ database: USER_DB_NAME }), () => ui({ type: 'ui:profile-add-site', site: 'gmarket.co.kr' }));
  });

  it('recording observed details: typed error to the observer, the profile as it was', async () => {
    const { env, content } = await setup();
    await refusedOnFullDisk(env, () => fillIndexedDb({ database: USER_DB_NAME }), () => content({ type: 'content:observed-details', details: ['birth-date', 'gender'] }));
  });

  it('applying an import that fills the disk half-way: nothing imported, dismissals as they were', async () => {
    const { env, ui } = await setup();
    const data: UserDataExport = {
      format: 'exposure-watch-user-data',
      version: 1,
      exported: '2026-12-01T00:00:00Z',
      profile: [
        { site: 'gmarket.co.kr', details: [{ detail: 'email', source: 'entered', at: 1 }], addedAt: 1, updatedAt: 1 },
        { site: 'coupang.com', details: [], addedAt: 1, updatedAt: 1 },
      ],
      checklist: [{ site: 'gmarket.co.kr', breachId: 'Gmarket2024', stepId: 'email.phishing', done: true, at: 1 }],
      warned: [{ site: 'gmarket.co.kr', at: 1 }],
      dismissals: { 'gmarket.co.kr': ['Gmarket2024'] },
    };
    const error = await refusedOnFullDisk(env, () => fillIndexedDb({ database: USER_DB_NAME, after: 2 }), () => ui({ type: 'ui:data-import', data }));
    expect(saveFailureKey(overTheWire(error), { full: 'importFailedFull', other: 'importFailed' })).toBe('importFailedFull');
  });

  it('swapping in a synced feed that fills the disk half-way: the previous feed whole, the cause shown as storage-full', async () => {
    const { env, ui } = await setup();
    const before = await storedState(env);
    full = await fillIndexedDb({ database: DB_NAME, after: 20 });
    const result = (await ui({ type: 'ui:sync-now' })) as { outcome: string; failure: { cause: string; detail: string } };
    full.restore();
    expect(result.outcome).toBe('failed');
    expect(result.failure).toEqual({ cause: 'storage-full', detail: 'could not store the feed: QuotaExceededError: The quota has been exceeded.' });
    const after = await storedState(env);
    expect(after.feed).toEqual(before.feed);
    expect(after.user).toEqual(before.user);
    expect((await feedSyncState.getValue()).lastError).toMatchObject({ cause: 'storage-full' });
    expect(formatMessage(catalogs.en, 'feedCause_storage_full')).toContain("this device's storage is full");
    // The next try, with space, swaps it in.
    expect(await ui({ type: 'ui:sync-now' })).toMatchObject({ outcome: 'updated' });
    expect(await getFeedMeta()).toMatchObject({ sequence: 6 });
  });

  it('storing the bundled feed at first start: typed error, nothing half-stored, the cause recorded for options, and the next start loads it', async () => {
    await deleteAllDatabases();
    const { env, services, ui } = await setup();
    vi.stubGlobal('fetch', async () => new Response(readFileSync('public/feed/feed.json')));
    try {
      full = await fillIndexedDb({ database: DB_NAME, after: 100 });
      const error = await services.start(true).then(
        () => null,
        (e: unknown) => e,
      );
      full.restore();
      expect(error).toBeInstanceOf(StorageError);
      expect((error as StorageError).problem).toBe('full');
      const state = await storedState(env);
      expect(state.feed).toEqual({ breaches: [], meta: null });
      expect((await feedSyncState.getValue()).lastError).toMatchObject({ cause: 'storage-full', at: NOW });
      // The popup gets a report without a feed (and says the list is missing, not "no breach").
      expect(await ui({ type: 'ui:site-report', url: 'https://www.coupang.com/' })).toMatchObject({ feed: null, breaches: [] });
      await services.start(false);
      expect(await getFeedMeta()).toMatchObject({ origin: 'bundled' });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('any other refused write is typed too, with the general message', async () => {
    const { env, ui } = await setup();
    const before = await storedState(env);
    full = await fillIndexedDb({ database: USER_DB_NAME, error: () => new DOMException('Internal error.', 'UnknownError') });
    const error = await ui({ type: 'ui:checklist-set', site: 'coupang.com', breachId: 'Coupang2025', stepId: 'email.phishing', done: true }).catch((e: unknown) => e);
    full.restore();
    expect(error).toBeInstanceOf(StorageError);
    expect(storageProblemOf(overTheWire(error))).toBe('failed');
    expect(saveFailureKey(overTheWire(error))).toBe('saveFailed');
    expect(await storedState(env)).toEqual(before);
  });
});

describe('storage.local full', () => {
  it('dismissing a notice: typed error, the dismissals as they were', async () => {
    const { env, content } = await setup();
    await refusedOnFullDisk(env, () => fillStorageLocal(), () => content({ type: 'content:dismiss', breachId: 'Coupang2025' }));
  });

  it('the observation switch: typed error, still as it was', async () => {
    const { env, ui } = await setup();
    await refusedOnFullDisk(env, () => fillStorageLocal(), () => ui({ type: 'ui:observation-set', enabled: false }));
  });

  it('an import whose dismissals cannot be written imports nothing else either', async () => {
    const { env, ui } = await setup();
    const data = JSON.parse(readFileSync('test/fixtures/migrations/user-data-export-v1.json', 'utf8')) as UserDataExport;
    await refusedOnFullDisk(env, () => fillStorageLocal(), () => ui({ type: 'ui:data-import', data: { ...data, profile: [{ ...data.profile[1], site: 'gmarket.co.kr' }] } }));
  });

  it("Firefox's and Chrome's quota words are both read as a full disk", () => {
    for (const message of ['QUOTA_BYTES quota exceeded', 'QuotaExceededError: storage.local quota reached', 'IO error: No space left on device']) {
      expect(saveFailureKey(overTheWire(new StorageError('full', 'x', new Error(message)))), message).toBe('saveFailedFull');
    }
  });
});
