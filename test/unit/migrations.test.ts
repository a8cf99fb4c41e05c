// Upgrades keep the user's data. Every earlier version's databases, storage.local and export file
// are frozen as fixtures (test/fixtures/migrations/, created from their own schema, not from the
// current code); the current code opens each one and must find every profile entry, checklist tick,
// warned site, dismissal and setting. A schema or format version without its fixture fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createServices } from '@/utils/background/services';
import { createRouter } from '@/utils/messaging/router';
import { breachesForDomains, DB_VERSION, getFeedMeta } from '@/utils/db/feed-store';
import { closeUserDb, USER_DB_NAME, USER_DB_VERSION, userDb } from '@/utils/profile/user-db';
import { BUNDLED_FEED_PATH } from '@/utils/feed/bundled';
import { DEFAULT_FEED_URL } from '@/utils/feed/sync-state';
import { parseUserDataFile, diffImport } from '@/utils/profile/transfer';
import { USER_DATA_VERSION, type ChecklistEntry, type SiteProfile, type UserDataExport, type WarnedSite } from '@/utils/profile/types';
import type { ExposureOverview } from '@/utils/assessment/exposures';
import { testBrowser } from '../helpers/fake-apis';
import { deleteAllDatabases } from '../helpers/stored-state';
import { describeDatabase, fixtureVersions, installDatabase, readFixture, type DatabaseFixture } from '../helpers/migration-fixtures';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const ORIGIN = fakeBrowser.runtime.getURL('/');
const page = { id: fakeBrowser.runtime.id, url: `${ORIGIN}options.html` };

/** The bundled feed and its signature, served for the extension's own URL and the feed server's. */
function feedServer() {
  const body = readFileSync('public/feed/feed.json');
  const sig = readFileSync('public/feed/feed.json.sig');
  const bundled = fakeBrowser.runtime.getURL(BUNDLED_FEED_PATH);
  const requests: string[] = [];
  const fetch = vi.fn(async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input);
    requests.push(url);
    if (url === bundled || url === DEFAULT_FEED_URL) return new Response(body, { headers: { etag: '"seq-1"' } });
    if (url === `${DEFAULT_FEED_URL}.sig`) return new Response(sig);
    return new Response('not here', { status: 404 });
  });
  return { fetch, requests, sequence: (JSON.parse(body.toString('utf8')) as { sequence: number }).sequence };
}

function setup() {
  const env = testBrowser();
  const server = feedServer();
  vi.stubGlobal('fetch', server.fetch);
  const services = createServices({ browser: env.browser, now: () => NOW, syncOptions: { fetch: server.fetch as typeof fetch } });
  const route = createRouter(services.handlers, { id: fakeBrowser.runtime.id, origin: ORIGIN }, () => undefined);
  const ui = <T>(message: object) => route(message, page as never) as Promise<T>;
  return { env, server, services, ui };
}

beforeEach(async () => {
  fakeBrowser.reset();
  vi.unstubAllGlobals();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await deleteAllDatabases();
});

/** Every fixture record is still there (the current code may add fields, never drop any), and nothing else appeared. */
function expectAllKept<T extends object>(read: T[], fixture: T[], what: string) {
  expect(read, what).toHaveLength(fixture.length);
  for (const record of fixture) expect(read, `${what}: ${JSON.stringify(record)}`).toContainEqual(expect.objectContaining(record as Record<string, unknown>));
}

describe('a fixture for every version', () => {
  it('of the user database, the feed database and the export format', () => {
    expect(fixtureVersions('user-db')).toEqual(range(USER_DB_VERSION));
    expect(fixtureVersions('feed-db')).toEqual(range(DB_VERSION));
    expect(fixtureVersions('user-data-export')).toEqual(range(USER_DATA_VERSION));
  });

  it('of every storage item (versions read from the source, so a new item or version needs its fixture)', () => {
    const items = storageItemsInSource();
    expect(items.length).toBeGreaterThanOrEqual(6);
    const v1 = readFixture<StorageFixture>('storage-local', 1);
    for (const { key, version } of items) {
      const name = key.replace(/^local:/, '');
      expect(key, `${key} is not in storage.local`).toMatch(/^local:/);
      for (const v of range(version)) {
        const fixture = readFixture<StorageFixture>('storage-local', v);
        const stored = v === 1 ? fixture.stored[name] : fixture.stored[name] !== undefined && (fixture.stored[`${name}$`] as { v?: number })?.v === v;
        expect(stored, `storage-local-v${v}.json has no ${key} as version ${v} wrote it`).toBeTruthy();
      }
      expect(Object.hasOwn(v1.expected, key), `storage-local-v1.json expects nothing for ${key}`).toBe(true);
    }
  });
});

describe.each(fixtureVersions('user-db'))('user database version %i', (version) => {
  const fixture = readFixture<DatabaseFixture>('user-db', version);
  const records = <T>(store: string) => fixture.stores[store].records as T[];

  it('opens with the current code with every profile entry, checklist tick and warned site', async () => {
    await installDatabase(fixture);
    const { ui } = setup();
    const data = await ui<UserDataExport>({ type: 'ui:data-export' });
    expectAllKept<SiteProfile>(data.profile, records('profile'), 'profile');
    expectAllKept<ChecklistEntry>(data.checklist, records('checklist'), 'checklist');
    expectAllKept<WarnedSite>(data.warned, records('warned'), 'warned');
    // Through the index the popup uses, per site.
    for (const site of new Set(records<ChecklistEntry>('checklist').map((e) => e.site))) {
      const state = await ui<{ checklist: ChecklistEntry[] }>({ type: 'ui:profile-get', site });
      expectAllKept(state.checklist, records<ChecklistEntry>('checklist').filter((e) => e.site === site), `checklist of ${site}`);
    }
  });

  it('ends at the schema of a fresh install, and takes new writes next to the old data', async () => {
    await userDb();
    await closeUserDb();
    const fresh = await describeDatabase(USER_DB_NAME);
    await deleteAllDatabases();

    await installDatabase(fixture);
    const { ui } = setup();
    await ui({ type: 'ui:checklist-set', site: 'coupang.com', breachId: 'Coupang2025', stepId: 'email.phishing', done: true });
    await closeUserDb();
    expect(await describeDatabase(USER_DB_NAME)).toEqual(fresh);
    expect(fresh.version).toBe(USER_DB_VERSION);
    // Opening again (another page, a restarted worker) changes nothing.
    const data = await ui<UserDataExport>({ type: 'ui:data-export' });
    expectAllKept(data.checklist, [...records<ChecklistEntry>('checklist'), { site: 'coupang.com', breachId: 'Coupang2025', stepId: 'email.phishing', done: true, at: NOW }], 'checklist');
    expectAllKept<SiteProfile>(data.profile, records('profile'), 'profile');
  });

  it('with the feed database absent (evicted, or a first start that failed): start loads the bundled feed and the data stays', async () => {
    await installDatabase(fixture);
    const { services, ui, server } = setup();
    await services.start(false);
    expect(await getFeedMeta()).toMatchObject({ origin: 'bundled', sequence: server.sequence });
    const data = await ui<UserDataExport>({ type: 'ui:data-export' });
    expectAllKept<SiteProfile>(data.profile, records('profile'), 'profile');
    expectAllKept<ChecklistEntry>(data.checklist, records('checklist'), 'checklist');
    expectAllKept<WarnedSite>(data.warned, records('warned'), 'warned');
    // All my exposures ties the old ticks to the freshly loaded breaches.
    const overview = await ui<ExposureOverview>({ type: 'ui:exposures' });
    const coupang = overview.sites.find((s) => s.site === 'coupang.com');
    expect(coupang?.breaches.map((b) => ({ id: b.id, done: b.done }))).toEqual([{ id: 'Coupang2025', done: 2 }]);
  });
});

describe.each(fixtureVersions('feed-db'))('feed database version %i', (version) => {
  const fixture = readFixture<DatabaseFixture>('feed-db', version);
  const userFixture = readFixture<DatabaseFixture>('user-db', Math.max(...fixtureVersions('user-db')));

  it('opens with the current code: breaches by domain, metadata, and the user database untouched by the update', async () => {
    await installDatabase(fixture);
    await installDatabase(userFixture);
    const { services, ui } = setup();
    expect((await breachesForDomains(['coupang.com'])).map((b) => b.id)).toEqual(['Coupang2025']);
    // The update (install reason 'update') compares with the bundled feed.
    await services.start(true);
    expect(await getFeedMeta()).toMatchObject({ origin: 'bundled' });
    expect((await breachesForDomains(['lottecard.co.kr'])).map((b) => b.id)).toEqual(['LotteCard2025']);
    const data = await ui<UserDataExport>({ type: 'ui:data-export' });
    expectAllKept<SiteProfile>(data.profile, userFixture.stores.profile.records as SiteProfile[], 'profile');
    expectAllKept<ChecklistEntry>(data.checklist, userFixture.stores.checklist.records as ChecklistEntry[], 'checklist');
  });

  it('after the update, the first sync recognises the same feed on the server instead of calling it a rollback', async () => {
    await installDatabase(fixture);
    const { services, ui } = setup();
    await services.start(true);
    const result = await ui<{ outcome: string; failure: unknown }>({ type: 'ui:sync-now' });
    expect(result).toMatchObject({ outcome: 'unchanged', failure: null });
  });
});

interface StorageFixture {
  stored: Record<string, unknown>;
  expected: Record<string, unknown>;
}

/** Source files that define storage items (utils/ and entrypoints/). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/**
 * Every persistent `storage.defineItem` in the source (`session:` items die with the browser
 * session and need no migration), with its declared version, which must be given.
 */
function storageItemsInSource(): { key: string; version: number; file: string }[] {
  const files = [...sourceFiles('utils'), ...sourceFiles('entrypoints')];
  const found = files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/defineItem<[\s\S]*?>\(\s*'([^']+)'([\s\S]*?)\);/g)].map((m) => ({ m, file })));
  const calls = files.reduce((n, f) => n + (readFileSync(f, 'utf8').match(/\.defineItem</g)?.length ?? 0), 0);
  expect(found.length, 'a defineItem call the scan does not understand').toBe(calls);
  return found
    .filter(({ m }) => !m[1].startsWith('session:'))
    .map(({ m, file }) => {
      const version = /version:\s*(\d+)/.exec(m[2])?.[1];
      expect(version, `${m[1]} (${file}) declares no version`).toBeDefined();
      return { key: m[1], version: Number(version), file };
    });
}

describe.each(fixtureVersions('storage-local'))('storage.local version %i', (version) => {
  const fixture = readFixture<StorageFixture>('storage-local', version);

  it('every setting, dismissal and the sync state read back through the current items', async () => {
    // As at a worker start after the update: the items are defined (and would migrate) with the old data already there.
    vi.resetModules();
    const { fakeBrowser: browser } = await import('wxt/testing/fake-browser');
    browser.reset();
    await browser.storage.local.set(fixture.stored);
    const modules = await Promise.all([
      import('@/utils/settings/items'),
      import('@/utils/profile/settings'),
      import('@/utils/feed/sync-state'),
      import('@/utils/i18n/catalog'),
    ]);
    // A new item in another file must be imported above too.
    expect(new Set(storageItemsInSource().map((i) => i.file))).toEqual(
      new Set(['utils/settings/items.ts', 'utils/profile/settings.ts', 'utils/feed/sync-state.ts', 'utils/i18n/catalog.ts']),
    );
    const items = new Map<string, { getValue(): Promise<unknown> }>();
    for (const m of modules) {
      for (const value of Object.values(m)) {
        if (value && typeof value === 'object' && 'key' in value && 'getValue' in value) items.set(String(value.key), value as never);
      }
    }
    expect([...items.keys()].sort()).toEqual(storageItemsInSource().map((i) => i.key).sort());
    for (const [key, expected] of Object.entries(fixture.expected)) expect(await items.get(key)!.getValue(), key).toEqual(expected);
    const settings = await (modules[0] as typeof import('@/utils/settings/items')).readAlertSettings();
    expect(settings).toEqual(fixture.expected['local:alert-settings']);
  });
});

describe.each(fixtureVersions('user-data-export'))('export file version %i', (version) => {
  const text = readFileSync(`test/fixtures/migrations/user-data-export-v${version}.json`, 'utf8');

  it('imports: every site, detail, tick, warned site and dismissal', async () => {
    const parsed = parseUserDataFile(text);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    if (!parsed.ok) return;
    const file = JSON.parse(text) as UserDataExport;
    const { ui } = setup();
    const before = await ui<UserDataExport>({ type: 'ui:data-export' });
    const diff = diffImport(before, parsed.data);
    expect(diff.addedSites.map((s) => s.site).sort()).toEqual(file.profile.map((p) => p.site).sort());
    await ui({ type: 'ui:data-import', data: parsed.data });
    const after = await ui<UserDataExport>({ type: 'ui:data-export' });
    expectAllKept(after.profile, file.profile, 'profile');
    expectAllKept(after.checklist, file.checklist, 'checklist');
    expectAllKept(after.warned, file.warned, 'warned');
    expect(after.dismissals).toEqual(file.dismissals);
  });
});
