/// <reference types="chrome" />
// Everything from the keyboard, in real Chromium: Tab reaches every control of the popup, the
// details page and the other pages once each, in reading order, each with a visible focus ring;
// Enter and Space work buttons, chips, checklist boxes and disclosures (and what they change is
// saved); the in-page notice is reached by Tab from the page and Escape dismisses it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { launchWithExtension, openPopup, waitForNotice, type ExtensionSession } from '../support/browser';
import { noticeText } from '../support/notice';
import { E2E_BUILD } from '../support/paths';

const COUPANG = 'http://www.coupang.com/';

let server: FixtureServer;
let session: ExtensionSession;
let ext: Page;

const settle = (ms = 250) => new Promise((r) => setTimeout(r, ms));

function send<T = unknown>(message: object): Promise<T> {
  return ext.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<T>;
}
type ProfileState = { profile: { details: { detail: string }[] } | null; checklist: { breachId: string; stepId: string; done: boolean }[] };
const profileOf = (site: string) => send<ProfileState>({ type: 'ui:profile-get', site });

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeout = 5_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() - started > timeout) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await settle(100);
  }
}

interface Stop {
  /** Index of the element among the page's focusable controls in document order (-1: not one of them). */
  index: number;
  name: string;
  focusVisible: boolean;
  /** A ring is drawn: an outline or a box shadow (on the control, or on the label that wraps a hidden file input). */
  ring: boolean;
}

/**
 * Mark every control a keyboard user should reach (visible, enabled, in document order), then
 * press Tab from the top of the page until the focus leaves the last one, recording each stop.
 */
async function tabWalk(page: Page): Promise<{ controls: string[]; stops: Stop[] }> {
  const controls = await page.evaluate(() => {
    const all = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]')].filter((el) => {
      if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled) return false;
      // Displayed, visible, and not folded away in a closed <details> (its summary excepted).
      return el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true });
    });
    document.querySelectorAll('[data-kbd]').forEach((el) => el.removeAttribute('data-kbd'));
    all.forEach((el, i) => el.setAttribute('data-kbd', String(i)));
    return all.map((el) => el.getAttribute('aria-label') || (el.textContent ?? '').trim().slice(0, 50) || el.tagName);
  });
  await fromTop(page);
  const stops: Stop[] = [];
  for (let i = 0; i < controls.length + 3; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body || el.id === 'kbd-start') return null;
      const ringOf = (e: Element) => {
        const s = getComputedStyle(e);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
      };
      const label = el.closest('label');
      return {
        index: Number(el.getAttribute('data-kbd') ?? -1),
        name: el.getAttribute('aria-label') || (el.textContent ?? '').trim().slice(0, 50) || el.tagName,
        focusVisible: el.matches(':focus-visible'),
        ring: ringOf(el) || (el instanceof HTMLInputElement && el.type === 'file' && label !== null && ringOf(label)),
      };
    });
    if (!stop || (stops.length > 0 && stop.index === stops[0].index)) break;
    stops.push(stop);
  }
  return { controls, stops };
}

/** The controls' positions with every scroll container unrolled: [top, left] in document order. */
async function positions(page: Page): Promise<{ name: string; top: number; left: number; bottom: number }[]> {
  return page.evaluate(() => {
    const popup = document.querySelector<HTMLElement>('.popup');
    if (popup) popup.style.maxHeight = 'none';
    window.scrollTo(0, 0);
    const out = [...document.querySelectorAll<HTMLElement>('[data-kbd]')].map((el) => {
      const r = el.getBoundingClientRect();
      return { name: el.getAttribute('aria-label') || (el.textContent ?? '').trim().slice(0, 40), top: r.top, left: r.left, bottom: r.bottom };
    });
    if (popup) popup.style.maxHeight = '';
    return out;
  });
}

/**
 * Tab reaches every control once, in document order, each with a visible ring; and document
 * order is reading order (each next control is further down, or on the same line to the right).
 */
async function expectFullTabOrder(page: Page, what: string) {
  const { controls, stops } = await tabWalk(page);
  expect(controls.length, `${what}: controls found`).toBeGreaterThan(0);
  expect(
    stops.map((s) => s.index),
    `${what}: Tab order\n${stops.map((s) => `${s.index} ${s.name}`).join('\n')}`,
  ).toEqual(controls.map((_, i) => i));
  const noRing = stops.filter((s) => !s.focusVisible || !s.ring).map((s) => s.name);
  expect(noRing, `${what}: focus without a visible ring`).toEqual([]);
  const at = await positions(page);
  const backwards: string[] = [];
  for (let i = 1; i < at.length; i++) {
    const [a, b] = [at[i - 1], at[i]];
    const sameLine = b.top < a.bottom && b.bottom > a.top;
    if (sameLine ? b.left <= a.left : b.top < a.top) backwards.push(`${a.name} -> ${b.name}`);
  }
  expect(backwards, `${what}: focus moving against the reading order`).toEqual([]);
}

/** Press Tab until the focused element matches `selector` (within `max` presses). */
async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}
const focused = (page: Page, selector: string) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
/**
 * `focused`, allowing up to 3 s for focus that the page moves after a render (a loaded machine
 * renders late); still false when the focus never arrives.
 */
const focusedSoon = (page: Page, selector: string) => until(() => focused(page, selector), (v) => v, 3_000).catch(() => false);
/**
 * Put the keyboard at the top of an extension page: the next Tab goes to its first control.
 * (Blurring is not enough: Chromium resumes sequential navigation from the blurred element.)
 */
const fromTop = async (page: Page) => {
  // A popup that is still settling (a late render, the window taking focus) can move the focus
  // after it was put at the top: put it there until it stays for two frames.
  const placed = () =>
    page.evaluate(async () => {
      let start = document.getElementById('kbd-start');
      if (!start) {
        start = document.createElement('div');
        start.id = 'kbd-start';
        start.tabIndex = -1;
        document.body.prepend(start);
      }
      start.focus();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return document.activeElement === start && document.hasFocus();
    });
  await until(placed, (ok) => ok, 3_000);
};

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchWithExtension(E2E_BUILD, { resolverRules: server.resolverRules() });
  ext = await session.browser.newPage();
  await ext.goto(`chrome-extension://${session.extensionId}/options.html`);
  await ext.waitForSelector('#ui-language');
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('the popup from the keyboard', () => {
  let page: Page;
  beforeAll(async () => {
    page = await session.browser.newPage();
    await page.goto(COUPANG);
    await waitForNotice(page);
  });
  afterAll(() => page.close());

  it('Tab reaches every control in reading order, with a visible focus ring (empty profile; then chips and every fold open)', async () => {
    const popup = await openPopup(session, page);
    await settle(300);
    await expectFullTabOrder(popup, 'popup');
    await popup.click('.your-details button[aria-expanded="false"]');
    await popup.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    await expectFullTabOrder(popup, 'popup, chips and folds open');
    await popup.close();
  });

  it('Enter on "Choose what I gave" opens the chips with the focus on the first; Space and Enter toggle a chip, and it is saved', async () => {
    const popup = await openPopup(session, page);
    await settle(300);
    await tabTo(popup, '.your-details button[aria-expanded="false"]');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('.your-details button.chip');
    expect(await focusedSoon(popup, 'button.chip[data-detail="name"]')).toBe(true);

    await popup.keyboard.press('Space');
    expect(await popup.$eval('button.chip[data-detail="name"]', (b) => b.getAttribute('aria-pressed'))).toBe('true');
    await until(() => profileOf('coupang.com'), (s) => s.profile?.details.some((d) => d.detail === 'name') === true);
    expect(await focusedSoon(popup, 'button.chip[data-detail="name"]')).toBe(true);

    await popup.keyboard.press('Tab');
    expect(await focusedSoon(popup, 'button.chip[data-detail="email"]')).toBe(true);
    await popup.keyboard.press('Enter');
    await until(() => profileOf('coupang.com'), (s) => s.profile?.details.some((d) => d.detail === 'email') === true);
    await popup.keyboard.down('Shift');
    await popup.keyboard.press('Tab');
    await popup.keyboard.up('Shift');
    await popup.keyboard.press('Enter');
    await until(() => profileOf('coupang.com'), (s) => s.profile?.details.map((d) => d.detail).join() === 'email');

    // "Done" folds them away and gives the focus back to the button that opens them.
    await tabTo(popup, '.your-details button.link[aria-expanded="true"]');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('.your-details-collapsed');
    expect(await focusedSoon(popup, '.your-details button[aria-expanded="false"]')).toBe(true);
    await popup.close();
  });

  it('Space ticks a checklist step, and it is still ticked in the next popup', async () => {
    const box = '.card[data-breach-id="Coupang2025"] [data-step-id="email.phishing"] input[type="checkbox"]';
    let popup = await openPopup(session, page);
    await settle(300);
    await tabTo(popup, box);
    await popup.keyboard.press('Space');
    expect(await popup.$eval(box, (b) => (b as HTMLInputElement).checked)).toBe(true);
    await until(() => profileOf('coupang.com'), (s) => s.checklist.some((c) => c.stepId === 'email.phishing' && c.done));
    expect(await popup.$eval('.card[data-breach-id="Coupang2025"] .progress-text', (p) => p.textContent)).toMatch(/^1 of \d+ done$/);
    await popup.close();
    popup = await openPopup(session, page);
    await popup.waitForSelector(box);
    expect(await popup.$eval(box, (b) => (b as HTMLInputElement).checked)).toBe(true);
    // And Space again unticks it.
    await tabTo(popup, box);
    await popup.keyboard.press('Space');
    await until(() => profileOf('coupang.com'), (s) => s.checklist.some((c) => c.stepId === 'email.phishing' && !c.done));
    await popup.close();
  });

  it('Enter and Space open and close "About this breach"', async () => {
    const popup = await openPopup(session, page);
    await settle(300);
    const summary = '.card[data-breach-id="Coupang2025"] details.about > summary';
    await tabTo(popup, summary);
    const isOpen = () => popup.$eval(summary, (s) => (s.parentElement as HTMLDetailsElement).open);
    await popup.keyboard.press('Enter');
    expect(await isOpen()).toBe(true);
    await popup.keyboard.press('Space');
    expect(await isOpen()).toBe(false);
    await popup.close();
  });

  it('Enter on "Open in a tab" opens the details page', async () => {
    const popup = await openPopup(session, page);
    await settle(300);
    await tabTo(popup, '.report button.link');
    const details = session.browser.waitForTarget((t) => t.url().includes('/details.html?site=coupang.com'), { timeout: 10_000 });
    // The popup closes itself as it opens the tab (the key's release may find it gone).
    await popup.keyboard.press('Enter').catch(() => undefined);
    const tab = await (await details).asPage();
    await tab.close();
  });
});

describe('the details page from the keyboard', () => {
  let page: Page;
  beforeAll(async () => {
    await send({ type: 'ui:profile-remove-site', site: 'coupang.com' });
    page = await session.browser.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/details.html?site=coupang.com`);
    await page.waitForSelector('.your-details button.chip');
    await settle(300);
  });
  afterAll(() => page.close());

  it('Tab reaches every control in reading order, with a visible focus ring (also with every fold open)', async () => {
    await expectFullTabOrder(page, 'details');
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    await expectFullTabOrder(page, 'details, folds open');
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = false)));
  });

  it('a chip under "More kinds of details" keeps the focus when pressed, and is saved', async () => {
    await fromTop(page);
    await tabTo(page, '.chips-more > summary');
    await page.keyboard.press('Enter');
    await tabTo(page, '.chips-more button.chip', 5);
    const detail = await page.evaluate(() => document.activeElement!.getAttribute('data-detail'));
    await page.keyboard.press('Space');
    await until(() => profileOf('coupang.com'), (s) => s.profile?.details.some((d) => d.detail === detail) === true);
    expect(await focusedSoon(page, `.chips-more button.chip[data-detail="${detail}"][aria-pressed="true"]`)).toBe(true);
    await page.keyboard.press('Space');
    await until(() => profileOf('coupang.com'), (s) => !s.profile?.details.some((d) => d.detail === detail));
  });

  it('with details chosen, "Also taken in this breach" chips add a detail with Enter and hand the focus on', async () => {
    await fromTop(page);
    await tabTo(page, '.your-details button.chip[data-detail="email"]');
    await page.keyboard.press('Space');
    await page.waitForSelector('.not-told-us .chip-add');
    const adds = await page.$$eval('.not-told-us li', (lis) => lis.map((li) => li.getAttribute('data-detail')));
    expect(adds.length).toBeGreaterThan(1);
    await fromTop(page);
    await tabTo(page, `.not-told-us li[data-detail="${adds[0]}"] button`);
    await page.keyboard.press('Enter');
    await until(() => profileOf('coupang.com'), (s) => s.profile?.details.some((d) => d.detail === adds[0]) === true);
    expect(await focusedSoon(page, `.not-told-us li[data-detail="${adds[1]}"] button`)).toBe(true);
  });

  it('Space ticks a step and Enter follows nothing unexpected: the tick is saved', async () => {
    await fromTop(page);
    const box = '.card[data-breach-id="Coupang2025"] .checklist-steps input[type="checkbox"]';
    await tabTo(page, box);
    const step = await page.evaluate(() => document.activeElement!.closest('[data-step-id]')!.getAttribute('data-step-id'));
    await page.keyboard.press('Space');
    await until(() => profileOf('coupang.com'), (s) => s.checklist.some((c) => c.stepId === step && c.done));
    expect(await page.$eval(`[data-step-id="${step}"] input`, (b) => (b as HTMLInputElement).checked)).toBe(true);
  });
});

describe('the other pages from the keyboard', () => {
  it.each(['options.html', 'exposures.html', 'onboarding.html'])('%s: Tab reaches every control in reading order, with a visible ring', async (path) => {
    const page = await session.browser.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/${path}`);
    await page.waitForSelector('main');
    await settle(500);
    await expectFullTabOrder(page, path);
    await page.close();
  });
});

describe('the in-page notice from the keyboard', () => {
  /** The notice's control that has the focus (inside its closed shadow root), by accessible name. */
  async function noticeFocus(page: Page): Promise<{ name: string; ring: boolean } | null> {
    const handles = await page.$$('::-p-aria([role="button"]), ::-p-aria([role="link"])');
    for (const h of handles) {
      const hit = await (h as ElementHandle<HTMLElement>).evaluate((el) => {
        const root = el.getRootNode() as ShadowRoot | Document;
        if (!(root instanceof ShadowRoot) || root.activeElement !== el) return null;
        const s = getComputedStyle(el);
        return {
          name: el.getAttribute('aria-label') || (el.textContent ?? '').trim(),
          ring: el.matches(':focus-visible') && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
        };
      });
      if (hit) return hit;
    }
    return null;
  }

  it('Tab from the top of the page reaches the notice first, in its reading order (link, action, close), each with a ring', async () => {
    const page = await session.browser.newPage();
    await page.goto(COUPANG);
    expect(await waitForNotice(page)).toBe(true);
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      const f = await noticeFocus(page);
      expect(f, `Tab ${i + 1} is in the notice`).not.toBeNull();
      expect(f!.ring, `${f!.name} shows a focus ring`).toBe(true);
      names.push(f!.name);
    }
    expect(names).toEqual(['Report a wrong warning', 'What should I do?', 'Dismiss this warning for this site']);
    // Then on into the page.
    await page.keyboard.press('Tab');
    expect(await noticeFocus(page)).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await page.close();
  });

  it('Enter and Space on "What should I do?" open the details page', async () => {
    const page = await session.browser.newPage();
    for (const key of ['Enter', 'Space'] as const) {
      await page.goto(COUPANG);
      await page.bringToFront(); // the details tab opened last took the front
      await waitForNotice(page);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect((await noticeFocus(page))?.name).toBe('What should I do?');
      const details = session.browser.waitForTarget((t) => t.url().includes('/details.html?site=coupang.com'), { timeout: 10_000 });
      await page.keyboard.press(key);
      await (await (await details).asPage()).close();
    }
    await page.close();
  });

  it('Escape in the page leaves the notice; Escape inside it dismisses it, for good', async () => {
    const page = await session.browser.newPage();
    await page.goto(COUPANG);
    await waitForNotice(page);
    await page.focus('input[name="q"]');
    await page.keyboard.press('Escape');
    await settle(300);
    expect(await noticeText(page)).not.toBeNull();

    await page.reload();
    await waitForNotice(page);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect((await noticeFocus(page))?.name).toBe('What should I do?');
    await page.keyboard.press('Escape');
    await settle(500);
    expect(await noticeText(page)).toBeNull();
    await page.reload();
    await settle(1_500);
    expect(await noticeText(page)).toBeNull();
    await page.close();
  });
});
