/// <reference types="chrome" />
// "Your exposure" in real Chromium: the popup with a profile, the checklist kept across popups,
// and opt-in form observation that records the KINDS of details and never what was typed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { launchWithExtension, openPopup, waitForNotice, type ExtensionSession } from '../support/browser';
import { E2E_BUILD } from '../support/paths';
import { axeViolations } from '../support/axe';

const COUPANG = 'http://www.coupang.com/';
const CHECKOUT = 'http://www.coupang.com/checkout.html';

/** What the shopper types: distinctive, so a hit anywhere in storage is unambiguous. */
const TYPED = {
  '#rcvNm': '홍길동',
  '#hp': '010-1234-5678',
  '#email': 'test.user+ew@example.com',
  '#zip': '06234',
  '#addr': '서울특별시 강남구 테헤란로 123',
  '#addr2': '101동 1001호',
  '#gate': '#1234*',
  '#memo': '문 앞에 놓아 주세요',
};
/** Also looked for in other spellings a careless implementation might store. */
const NEEDLES = [...Object.values(TYPED), '01012345678', 'test.user', '테헤란로', '1234*', '홍길'];

let server: FixtureServer;
let session: ExtensionSession;
let ext: Page;
const consoleLines: string[] = [];

/** Send a message to the background from an extension page, as the extension's pages do. */
function send<T>(message: object): Promise<T> {
  return ext.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<T>;
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeout = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() - started > timeout) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type Profile = { site: string; details: { detail: string; source: string }[] } | null;
const profileOf = async (site: string) => (await send<{ profile: Profile }>({ type: 'ui:profile-get', site })).profile;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchWithExtension(E2E_BUILD, { resolverRules: server.resolverRules() });
  session.worker.on('console', (m) => consoleLines.push(`worker: ${m.text()}`));
  ext = await session.browser.newPage();
  await ext.goto(`chrome-extension://${session.extensionId}/options.html`);
  await ext.waitForSelector('#observe-forms');
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('your exposure in Chromium', () => {
  it('the popup on Coupang with a profile of email, phone and address shows exactly those as may be exposed', async () => {
    for (const detail of ['email', 'phone', 'address']) await send({ type: 'ui:profile-set-detail', site: 'coupang.com', detail, on: true });
    const page = await session.browser.newPage();
    await page.goto(COUPANG);
    await waitForNotice(page);
    const popup = await openPopup(session, page);
    await popup.waitForSelector('.may-be-exposed');
    const exposed = await popup.$$eval('.card[data-breach-id="Coupang2025"] .may-be-exposed li', (lis) => lis.map((li) => li.getAttribute('data-detail')));
    expect(exposed).toEqual(['email', 'phone', 'address']);
    const text = await popup.$eval('body', (b) => b.innerText);
    expect(text).toContain('Your email addresses, phone numbers, and delivery addresses may be exposed.');
    const told = await popup.$$eval('.not-told-us li', (lis) => lis.map((li) => li.getAttribute('data-detail')));
    expect(told).toEqual(['name', 'entrance-code', 'order-history']);
    await popup.close();
    await page.close();
  });

  it('with a profile, the popup (chips open), details, exposures and options pages pass axe, light and dark', async () => {
    const page = await session.browser.newPage();
    await page.goto(COUPANG);
    await waitForNotice(page);
    for (const theme of ['light', 'dark'] as const) {
      const popup = await openPopup(session, page);
      await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: theme }]);
      // The profile section loads after the report: wait for it rather than race it.
      await (await popup.waitForSelector('.your-details button[aria-expanded="false"]'))!.click();
      await popup.waitForSelector('.your-details button.chip');
      expect(await axeViolations(popup), `popup ${theme}`).toEqual([]);
      await popup.close();
      for (const path of ['details.html?site=coupang.com', 'exposures.html', 'options.html']) {
        const p = await session.browser.newPage();
        await p.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: theme }]);
        await p.goto(`chrome-extension://${session.extensionId}/${path}`);
        await p.waitForSelector('.may-be-exposed, .exposure-list, .profile-list');
        expect(await axeViolations(p), `${path} ${theme}`).toEqual([]);
        await p.close();
      }
    }
    await page.close();
  });

  it('a ticked checklist step is still ticked when the popup opens again', async () => {
    const page = await session.browser.newPage();
    await page.goto(COUPANG);
    await waitForNotice(page);
    let popup = await openPopup(session, page);
    const box = '.card[data-breach-id="Coupang2025"] [data-step-id="phone.smishing"] input[type="checkbox"]';
    await popup.waitForSelector(box);
    expect(await popup.$eval(box, (b) => (b as HTMLInputElement).checked)).toBe(false);
    await popup.click(box);
    await until(async () => (await send<{ checklist: { stepId: string; done: boolean }[] }>({ type: 'ui:profile-get', site: 'coupang.com' })).checklist, (c) => c.some((e) => e.stepId === 'phone.smishing' && e.done));
    await popup.close();
    popup = await openPopup(session, page);
    await popup.waitForSelector(box);
    expect(await popup.$eval(box, (b) => (b as HTMLInputElement).checked)).toBe(true);
    expect(await popup.$eval('.card[data-breach-id="Coupang2025"] .progress-text', (p) => p.textContent)).toMatch(/^1 of \d+ done$/);
    await popup.close();
    await page.close();
  });

  it('form observation (switched on in options) records name, phone, email and address for coupang.com, and no typed value is stored anywhere', async () => {
    await send({ type: 'ui:profile-remove-site', site: 'coupang.com' });
    // Off by default; the user switches it on in the options page.
    expect(await ext.$eval('#observe-forms', (b) => (b as HTMLInputElement).checked)).toBe(false);
    await ext.click('#observe-forms');
    const worker = await session.getWorker();
    await until(
      () => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id)),
      (ids) => ids.includes('exposure-watch-observer'),
    );

    const page = await session.browser.newPage();
    page.on('console', (m) => consoleLines.push(`page: ${m.text()}`));
    await page.goto(CHECKOUT);
    await waitForNotice(page); // both run-time scripts have run (document_idle)
    for (const [selector, value] of Object.entries(TYPED)) await page.type(selector, value);
    await Promise.all([page.waitForNavigation(), page.click('#pay')]);

    const profile = await until(
      () => profileOf('coupang.com'),
      (p) => ['name', 'phone', 'email', 'address'].every((d) => p?.details.some((x) => x.detail === d)),
    );
    expect(profile!.details.map((d) => d.detail)).toEqual(['name', 'email', 'phone', 'address', 'entrance-code']);
    expect(profile!.details.every((d) => d.source === 'observed')).toBe(true);

    // Dump ALL extension storage from an extension page: storage.local / session / sync and
    // every store of every IndexedDB database.
    const dump = await ext.evaluate(async () => {
      const req = <T,>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
      const out: Record<string, unknown> = {
        local: await chrome.storage.local.get(null),
        session: await chrome.storage.session.get(null),
        sync: await chrome.storage.sync.get(null),
      };
      const idb: Record<string, Record<string, unknown>> = {};
      for (const info of await indexedDB.databases()) {
        const db = await req(indexedDB.open(info.name!));
        idb[info.name!] = {};
        for (const store of Array.from(db.objectStoreNames)) {
          const tx = db.transaction(store);
          idb[info.name!][store] = { keys: await req(tx.objectStore(store).getAllKeys()), values: await req(tx.objectStore(store).getAll()) };
        }
        db.close();
      }
      out.indexedDB = idb;
      return JSON.stringify(out);
    });
    const stored = JSON.parse(dump) as { indexedDB: Record<string, Record<string, unknown>> };
    // The dump is real: it holds the feed, the profile and the observed kinds.
    expect(Object.keys(stored.indexedDB).sort()).toEqual(['exposure-watch', 'exposure-watch-user']);
    expect(Object.keys(stored.indexedDB['exposure-watch-user']).sort()).toEqual(['checklist', 'profile', 'warned']);
    expect(dump).toContain('"observed"');
    expect(dump).toContain('Coupang2025');
    for (const needle of NEEDLES) expect(dump.includes(needle), `"${needle}" found in extension storage`).toBe(false);
    // Nor in anything the page or the service worker logged.
    for (const needle of NEEDLES) expect(consoleLines.some((l) => l.includes(needle)), `"${needle}" logged`).toBe(false);
    await page.close();
  });
});
