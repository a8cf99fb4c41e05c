import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { launchWithExtension, openPopup, tabIdOf, waitForBadge, waitForNotice, type ExtensionSession } from '../support/browser';
import { noticeText } from '../support/notice';
import { E2E_BUILD, ROOT } from '../support/paths';

const ko = JSON.parse(readFileSync(`${ROOT}/public/_locales/ko/messages.json`, 'utf8')) as Record<string, { message: string }>;
let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchWithExtension(E2E_BUILD, { resolverRules: server.resolverRules() });
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

it('choosing 한국어 in Options switches the options page, the notice, the badge tooltip and the popup to Korean', async () => {
  const options = await session.browser.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  await options.waitForSelector('#ui-language');
  expect(await options.$eval('html', (h) => h.lang)).toMatch(/^en/);
  await Promise.all([options.waitForNavigation(), options.select('#ui-language', 'ko')]);
  await options.waitForSelector('#ui-language');
  expect(await options.$eval('html', (h) => h.lang)).toBe('ko');
  expect(await options.$eval('#language', (h) => h.textContent)).toBe(ko.optionsLanguageHeading.message);
  expect(await options.$eval('#ui-language', (s) => (s as HTMLSelectElement).value)).toBe('ko');

  const page = await session.browser.newPage();
  await page.goto('http://www.coupang.com/');
  expect(await waitForNotice(page)).toBe(true);
  const text = await noticeText(page);
  expect(text).toContain('coupang.com에서 고객 정보가 유출되었습니다');
  expect(text).toContain('쿠팡 · 2025년 6월');
  expect(text).toContain('피해 계정 33,673,817개');
  expect(text).toContain(ko.noticeWhatToDo.message);
  const tabId = await tabIdOf(session.worker, page);
  expect(await waitForBadge(session.worker, page, '!')).toBe('!');
  expect(await session.worker.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId)).toContain('coupang.com에서 개인정보 유출 사고가 있었습니다');

  const popup = await openPopup(session, page);
  expect(await popup.$eval('html', (h) => h.lang)).toBe('ko');
  expect(await popup.$eval('body', (b) => b.innerText)).toContain('쿠팡');
  await popup.close();
  await page.close();
  await options.close();
});
