// The background side of issue 4: the observer's message, its registration, profile and checklist
// messages, "All my exposures", export / import / delete, and warned sites.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createServices } from '@/utils/background/services';
import { createRouter } from '@/utils/messaging/router';
import { closeDb, replaceFeed } from '@/utils/db/feed-store';
import { closeUserDb, USER_DB_NAME } from '@/utils/profile/user-db';
import { getSiteProfile, listWarned } from '@/utils/profile/store';
import { CONTENT_SCRIPT_ID, OBSERVER_SCRIPT_ID } from '@/utils/access/registration';
import { observableDomains } from '@/utils/access/observer-sites';
import { DEFAULT_ALERT_SETTINGS } from '@/utils/policy/alert';
import { dismissals } from '@/utils/settings/items';
import { FEED_FORMAT, type FeedDocument } from '@/utils/feed/schema';
import type { UserDataExport } from '@/utils/profile/types';
import { makeBreach, NOW } from '../helpers/breach';
import { testBrowser } from '../helpers/fake-apis';

const flags = makeBreach().flags;
const feed: FeedDocument = {
  format: FEED_FORMAT,
  sequence: 7,
  generated: '2026-11-29T00:00:00Z',
  attributions: [{ name: 'Have I Been Pwned', url: 'https://haveibeenpwned.com/', licence: 'CC BY 4.0' }],
  breaches: [
    makeBreach(),
    makeBreach({ id: 'Adult', title: 'Adult', source: 'hibp', domains: ['adult.example'], flags: { ...flags, sensitive: true }, country: null }),
    // A sensitive breach on a subdomain keeps the observer off its parent too.
    makeBreach({ id: 'Shop', title: 'Shop', domains: ['shop.com'] }),
    makeBreach({ id: 'ShopAdult', title: 'Shop adult', domains: ['adult.shop.com'], flags: { ...flags, sensitive: true } }),
    makeBreach({ id: 'Nival', title: 'Nival', source: 'hibp', domains: ['nival.com'], dataClasses: ['Email addresses', 'Passwords'], country: null }),
  ],
};

const granted = ['*://coupang.com/*', '*://*.coupang.com/*', '*://adult.example/*', '*://*.adult.example/*', '*://shop.com/*', '*://*.shop.com/*'];
const tab = (incognito = false) => ({ id: 5, index: 0, incognito }) as never;
const web = (url: string, incognito = false) => ({ id: fakeBrowser.runtime.id, url, tab: tab(incognito), frameId: 0 });
const page = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') });

async function setup() {
  const env = testBrowser({ granted });
  const services = createServices({ browser: env.browser, now: () => NOW });
  const route = createRouter(services.handlers, { id: fakeBrowser.runtime.id, origin: fakeBrowser.runtime.getURL('/') }, () => {});
  const ui = (message: object) => route(message, page());
  return { ...env, services, route, ui };
}

beforeEach(async () => {
  fakeBrowser.reset();
  await closeDb();
  await closeUserDb();
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(USER_DB_NAME);
    r.onsuccess = r.onerror = () => resolve();
  });
  await replaceFeed(feed, { etag: null, origin: 'bundled', checkedAt: 0, changedAt: NOW });
});

describe('form observation', () => {
  it('is off by default: no observer registered, and messages are ignored', async () => {
    const { services, scripting, route } = await setup();
    await services.reconcile();
    expect(scripting.scripts.has(CONTENT_SCRIPT_ID)).toBe(true);
    expect(scripting.scripts.has(OBSERVER_SCRIPT_ID)).toBe(false);
    expect(await route({ type: 'content:observed-details', details: ['name'] }, web('https://www.coupang.com/'))).toEqual({ recorded: 0 });
    expect(await getSiteProfile('coupang.com')).toBeNull();
  });

  it('switched on, registers the observer on granted, non-sensitive breached sites only; off again, unregisters', async () => {
    const { scripting, ui } = await setup();
    expect(await ui({ type: 'ui:observation-set', enabled: true })).toEqual({ enabled: true });
    expect(scripting.scripts.get(OBSERVER_SCRIPT_ID)).toMatchObject({
      js: ['observer.js'],
      matches: ['*://*.coupang.com/*', '*://coupang.com/*'],
      allFrames: false,
    });
    expect(await ui({ type: 'ui:observation-get' })).toEqual({ enabled: true });
    await ui({ type: 'ui:observation-set', enabled: false });
    expect(scripting.scripts.has(OBSERVER_SCRIPT_ID)).toBe(false);
  });

  it('never observes near a sensitive breach, even when sensitive alerts are on', () => {
    const settings = { ...DEFAULT_ALERT_SETTINGS, alertSensitive: true };
    expect(observableDomains(feed.breaches, NOW, settings).sort()).toEqual(['coupang.com', 'coupangeats.com', 'coupangplay.com', 'nival.com']);
  });

  it('records the kinds of details as observed for the sender site', async () => {
    const { route, ui } = await setup();
    await ui({ type: 'ui:observation-set', enabled: true });
    expect(await route({ type: 'content:observed-details', details: ['name', 'phone', 'address'] }, web('https://login.coupang.com/checkout'))).toEqual({ recorded: 3 });
    expect((await getSiteProfile('coupang.com'))?.details).toEqual([
      { detail: 'name', source: 'observed', at: NOW },
      { detail: 'phone', source: 'observed', at: NOW },
      { detail: 'address', source: 'observed', at: NOW },
    ]);
  });

  it('ignores private tabs, sensitive sites and sites without a counting breach', async () => {
    const { route, ui } = await setup();
    await ui({ type: 'ui:observation-set', enabled: true });
    expect(await route({ type: 'content:observed-details', details: ['email'] }, web('https://www.coupang.com/', true))).toEqual({ recorded: 0 });
    expect(await route({ type: 'content:observed-details', details: ['email'] }, web('https://adult.example/'))).toEqual({ recorded: 0 });
    expect(await route({ type: 'content:observed-details', details: ['email'] }, web('https://www.kurly.com/'))).toEqual({ recorded: 0 });
    expect(await getSiteProfile('coupang.com')).toBeNull();
    expect(await getSiteProfile('adult.example')).toBeNull();
  });

  it('the router drops anything but a short list of canonical ids (values, unknown kinds, extra fields)', async () => {
    const { route, ui } = await setup();
    await ui({ type: 'ui:observation-set', enabled: true });
    const send = (payload: object) => route({ type: 'content:observed-details', ...payload }, web('https://www.coupang.com/'));
    await expect(send({ details: ['홍길동'] })).rejects.toThrow('bad payload at details.0');
    await expect(send({ details: [] })).rejects.toThrow('bad payload at details');
    await expect(send({ details: Array(40).fill('name') })).rejects.toThrow('bad payload at details');
    await expect(send({ details: ['name'], values: { name: '홍길동' } })).rejects.toThrow('bad payload');
    await expect(send({ details: ['other'] })).rejects.toThrow('bad payload at details.0');
    await expect(route({ type: 'content:observed-details', details: ['name'] }, { ...web('https://www.coupang.com/'), frameId: 2 })).rejects.toThrow('subframe');
    await expect(route({ type: 'ui:observation-set', enabled: true }, web('https://www.coupang.com/'))).rejects.toThrow('outside the extension');
  });
});

describe('profile, checklist and all my exposures', () => {
  it('sets details and ticks through messages, and lists the site in all my exposures with open actions', async () => {
    const { ui } = await setup();
    await ui({ type: 'ui:profile-set-detail', site: 'coupang.com', detail: 'email', on: true });
    await ui({ type: 'ui:profile-set-detail', site: 'coupang.com', detail: 'phone', on: true });
    await ui({ type: 'ui:checklist-set', site: 'coupang.com', breachId: 'Coupang2025', stepId: 'phone.smishing', done: true });
    await ui({ type: 'ui:profile-add-site', site: 'kurly.com' });
    const state = (await ui({ type: 'ui:profile-get', site: 'coupang.com' })) as { profile: { details: unknown[] }; checklist: unknown[] };
    expect(state.profile.details).toHaveLength(2);
    expect(state.checklist).toEqual([expect.objectContaining({ stepId: 'phone.smishing', done: true })]);
    const overview = (await ui({ type: 'ui:exposures' })) as { sites: { site: string; mayBeExposed: string[]; done: number; open: number }[]; clearSites: string[] };
    expect(overview.sites).toEqual([expect.objectContaining({ site: 'coupang.com', mayBeExposed: ['email', 'phone'], done: 1 })]);
    expect(overview.sites[0].open).toBeGreaterThan(0);
    expect(overview.clearSites).toEqual(['kurly.com']); // in the profile, no breach: named as clear
  });

  it('rejects unknown steps and non-domains', async () => {
    const { ui } = await setup();
    await expect(ui({ type: 'ui:checklist-set', site: 'coupang.com', breachId: 'Coupang2025', stepId: 'phone.nope', done: true })).rejects.toThrow('no such remediation step');
    await expect(ui({ type: 'ui:profile-add-site', site: 'www.coupang.com' })).rejects.toThrow('bad payload at site');
  });

  it('remembers a site the user was warned on (not from a private tab) and lists it', async () => {
    const { route, ui } = await setup();
    await route({ type: 'content:shown' }, web('https://www.coupang.com/', true));
    expect(await listWarned()).toEqual([]);
    await route({ type: 'content:shown' }, web('https://www.coupang.com/'));
    expect(await listWarned()).toEqual([{ site: 'coupang.com', at: NOW }]);
    const overview = (await ui({ type: 'ui:exposures' })) as { sites: { site: string; hasProfile: boolean; warned: boolean }[] };
    expect(overview.sites).toEqual([expect.objectContaining({ site: 'coupang.com', hasProfile: false, warned: true })]);
  });
});

describe('export, import, delete', () => {
  it('exports everything, imports a validated file (merging dismissals), and deletes it all', async () => {
    const { ui } = await setup();
    await ui({ type: 'ui:profile-set-detail', site: 'coupang.com', detail: 'email', on: true });
    await dismissals.setValue({ 'coupang.com': ['Coupang2025'] });
    const exported = (await ui({ type: 'ui:data-export' })) as UserDataExport;
    expect(exported).toMatchObject({ format: 'exposure-watch-user-data', version: 1, dismissals: { 'coupang.com': ['Coupang2025'] } });
    expect(exported.profile.map((p) => p.site)).toEqual(['coupang.com']);

    const data: UserDataExport = { ...exported, profile: [{ ...exported.profile[0], site: 'nival.com' }], dismissals: { 'nival.com': ['Nival'] } };
    await ui({ type: 'ui:data-import', data });
    expect((await getSiteProfile('nival.com'))?.details.map((d) => d.detail)).toEqual(['email']);
    expect(await dismissals.getValue()).toEqual({ 'coupang.com': ['Coupang2025'], 'nival.com': ['Nival'] });
    await expect(ui({ type: 'ui:data-import', data: { ...data, format: 'x' } })).rejects.toThrow('bad payload at data.format');

    await ui({ type: 'ui:data-delete-all' });
    expect(await ui({ type: 'ui:profile-list' })).toEqual([]);
    expect(await dismissals.getValue()).toEqual({});
  });
});
