import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createServices } from '@/utils/background/services';
import { createRouter } from '@/utils/messaging/router';
import { closeDb, replaceFeed } from '@/utils/db/feed-store';
import { CONTENT_SCRIPT_ID } from '@/utils/access/registration';
import { FEED_FORMAT, type FeedDocument } from '@/utils/feed/schema';
import { makeBreach, NOW } from '../helpers/breach';
import { testBrowser } from '../helpers/fake-apis';

const feed: FeedDocument = {
  format: FEED_FORMAT,
  sequence: 7,
  generated: '2026-11-29T00:00:00Z',
  attributions: [{ name: 'Have I Been Pwned', url: 'https://haveibeenpwned.com/', licence: 'CC BY 4.0' }],
  breaches: [
    makeBreach(),
    makeBreach({ id: 'OldShop', title: 'Old Shop', source: 'hibp', domains: ['oldshop.com'], addedDate: '2015-01-01T00:00:00Z', pwnCount: null }),
    makeBreach({ id: 'Nival', title: 'Nival', source: 'hibp', domains: ['nival.com'], dataClasses: ['Email addresses', 'Passwords'] }),
    makeBreach({ id: 'Temu', title: 'Temu', domains: ['temu.com'], flags: { ...makeBreach().flags, fabricated: true, verified: false } }),
  ],
};

const tab = { id: 5, index: 0 } as never;
const web = (url: string, frameId = 0) => ({ id: fakeBrowser.runtime.id, url, tab, frameId });

async function setup(granted: string[] = []) {
  const env = testBrowser({ granted });
  const services = createServices({ browser: env.browser, now: () => NOW });
  const route = createRouter(services.handlers, { id: fakeBrowser.runtime.id, origin: fakeBrowser.runtime.getURL('/') }, () => {});
  return { ...env, services, route };
}

beforeEach(async () => {
  fakeBrowser.reset();
  await closeDb();
  indexedDB.deleteDatabase('exposure-watch');
  await replaceFeed(feed, { etag: null, origin: 'bundled', checkedAt: 0, changedAt: NOW });
});

describe('content:verdict', () => {
  it('answers a Coupang page with the localised notice', async () => {
    const { route } = await setup();
    const verdict = await route({ type: 'content:verdict' }, web('https://www.coupang.com/np/search?q=x'));
    expect(verdict).toEqual({
      site: 'coupang.com',
      items: [
        {
          id: 'Coupang2025',
          title: 'Coupang',
          when: 'June 2025',
          count: '33,673,817 accounts affected',
          exposed: 'names, email addresses, phone numbers, delivery addresses, and order history',
          hibp: false,
          severity: 'medium',
        },
      ],
      labels: expect.objectContaining({ heading: 'coupang.com leaked customer data', whatToDo: 'What should I do?', report: 'Report a wrong warning' }),
      reportUrl: expect.stringMatching(/^https:\/\/github\.com\/exposure-watch\/exposure-watch\/issues\/new\?/),
    });
    const report = new URL((verdict as { reportUrl: string }).reportUrl);
    expect(report.searchParams.get('title')).toBe('Wrong warning: coupang.com');
    expect(report.searchParams.get('body')).toContain('Breach(es): Coupang2025\nFeed sequence: 7');
  });

  it('answers in Korean for a Korean browser', async () => {
    const env = testBrowser({ lang: 'ko' });
    const services = createServices({ browser: env.browser, now: () => NOW });
    const verdict = await services.handlers['content:verdict']({}, web('https://m.coupang.com/') as never);
    expect(verdict?.items[0]).toMatchObject({ title: '쿠팡', when: '2025년 6월', count: '피해 계정 33,673,817개' });
    expect(verdict?.items[0].exposed).toBe('이름, 이메일 주소, 전화번호, 배송지 주소 및 주문 내역');
  });

  it('answers null for unaffected, lookalike, fabricated-only and too-old sites', async () => {
    const { route } = await setup();
    for (const url of ['https://www.11st.co.kr/', 'https://coupang.com.example.net/', 'https://www.carnival.com/', 'https://temu.com/', 'https://oldshop.com/']) {
      expect(await route({ type: 'content:verdict' }, web(url)), url).toBeNull();
    }
  });
});

describe('content:shown and the badge', () => {
  it('sets the tab badge, colour and tooltip, and keeps the verdict in storage.session', async () => {
    const { route } = await setup();
    expect(await route({ type: 'content:shown' }, web('https://www.coupang.com/'))).toEqual({ badge: true });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 5 })).toBe('!');
    expect(await fakeBrowser.action.getTitle({ tabId: 5 })).toBe(
      'coupang.com had a data breach: Coupang (June 2025). Click for what to do.',
    );
    const stored = await fakeBrowser.storage.session.get('tab-verdict:5');
    expect(stored['tab-verdict:5']).toMatchObject({ url: 'https://www.coupang.com/', report: { site: 'coupang.com' } });
    const viaUi = await route({ type: 'ui:tab-verdict', tabId: 5 }, { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });
    expect(viaUi).toMatchObject({ report: { site: 'coupang.com', breaches: [{ breach: { id: 'Coupang2025' } }] } });
  });

  it('clears badge and verdict on an unaffected page', async () => {
    const { route, services } = await setup();
    await route({ type: 'content:shown' }, web('https://www.coupang.com/'));
    await route({ type: 'content:shown' }, web('https://www.11st.co.kr/'));
    expect(await fakeBrowser.action.getBadgeText({ tabId: 5 })).toBe('');
    await services.forgetTab(5);
    expect(await fakeBrowser.storage.session.get('tab-verdict:5')).toEqual({});
  });
});

describe('dismissal', () => {
  it('silences the notice for that breach on that site and keeps the badge', async () => {
    const { route } = await setup();
    await route({ type: 'content:dismiss', breachId: 'Coupang2025' }, web('https://www.coupang.com/'));
    expect(await route({ type: 'content:verdict' }, web('https://login.coupang.com/'))).toBeNull();
    expect(await route({ type: 'content:shown' }, web('https://www.coupang.com/'))).toEqual({ badge: true });
  });

  it('refuses to dismiss a breach that is not on the sending site', async () => {
    const { route } = await setup();
    await expect(route({ type: 'content:dismiss', breachId: 'Coupang2025' }, web('https://nival.com/'))).rejects.toThrow('no such breach');
  });
});

describe('details and access', () => {
  it('opens the details page for the sender site in a new tab', async () => {
    const { route, created } = await setup();
    await route({ type: 'content:open-details' }, web('https://login.coupang.com/'));
    expect(created).toEqual([fakeBrowser.runtime.getURL('/details.html') + '?site=coupang.com']);
  });

  it('reports alertable sites and which are not granted; start registers for granted ones', async () => {
    const { route, services, scripting } = await setup(['*://coupang.com/*', '*://*.coupang.com/*']);
    const status = (await route({ type: 'ui:access-status' }, { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/onboarding.html') })) as {
      wanted: string[];
      missing: string[];
    };
    expect(status.wanted).toEqual([
      '*://coupang.com/*', '*://*.coupang.com/*', '*://coupangeats.com/*', '*://*.coupangeats.com/*',
      '*://coupangplay.com/*', '*://*.coupangplay.com/*', '*://nival.com/*', '*://*.nival.com/*',
    ]);
    expect(status.missing).not.toContain('*://coupang.com/*');
    expect(status.missing).toContain('*://nival.com/*');
    await services.reconcile();
    expect(scripting.scripts.get(CONTENT_SCRIPT_ID)?.matches).toEqual(['*://*.coupang.com/*', '*://coupang.com/*']);
  });
});

describe('router', () => {
  it('drops unknown types, bad payloads, subframes, foreign senders and web pages posing as the UI', async () => {
    const { route } = await setup();
    await expect(route({ type: 'content:nuke' }, web('https://www.coupang.com/'))).rejects.toThrow('unknown type');
    await expect(route('hello', web('https://www.coupang.com/'))).rejects.toThrow('not a typed message');
    await expect(route({ type: 'content:dismiss', breachId: 42 }, web('https://www.coupang.com/'))).rejects.toThrow('bad payload at breachId');
    await expect(route({ type: 'content:verdict', extra: 1 }, web('https://www.coupang.com/'))).rejects.toThrow('bad payload');
    await expect(route({ type: 'content:verdict' }, web('https://www.coupang.com/', 3))).rejects.toThrow('subframe');
    await expect(route({ type: 'content:verdict' }, { ...web('https://www.coupang.com/'), id: 'other-extension' })).rejects.toThrow('not this extension');
    await expect(route({ type: 'ui:site-report', url: 'https://coupang.com/' }, web('https://evil.example/'))).rejects.toThrow('outside the extension');
  });
});
