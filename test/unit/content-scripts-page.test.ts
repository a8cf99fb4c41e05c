// @vitest-environment happy-dom
// The two content scripts run next to the page's own scripts. Nothing the page does through
// window messages, custom events or made-up form submits gets a message to the background.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NoticeVerdict } from '@/utils/messaging/protocol';

type Sent = { type: string; [k: string]: unknown };

const verdict: NoticeVerdict = {
  site: 'coupang.com',
  items: [{ id: 'Coupang2025', title: 'Coupang', when: 'June 2025', count: null, exposed: 'names', hibp: false, severity: 'medium' }],
  labels: { heading: 'coupang.com leaked customer data', exposed: 'Exposed:', whatToDo: 'What should I do?', dismiss: 'Dismiss', credit: 'HIBP', report: 'Report' },
  reportUrl: 'https://github.com/exposure-watch/exposure-watch/issues/new',
};

let sent: Sent[];
let listened: string[];

beforeEach(() => {
  vi.resetModules();
  document.body.innerHTML = '';
  sent = [];
  listened = [];
  const sendMessage = vi.fn(async (message: Sent) => {
    sent.push(message);
    return message.type === 'content:verdict' ? verdict : message.type === 'content:shown' ? { badge: true } : { ok: true };
  });
  vi.stubGlobal('chrome', { runtime: { sendMessage }, extension: { inIncognitoContext: false } });
  // Which events the scripts listen for on the page's window and document.
  for (const target of [window, document]) {
    const add = target.addEventListener.bind(target);
    vi.spyOn(target, 'addEventListener').mockImplementation((type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) => {
      listened.push(`${target === window ? 'window' : 'document'}:${type}`);
      add(type, listener, options);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** What a hostile page might try: messages in the shape of our protocol, and look-alike events. */
async function pageTries(): Promise<void> {
  const messages = [
    { type: 'content:dismiss', breachId: 'Coupang2025' },
    { type: 'content:open-details' },
    { type: 'content:observed-details', details: ['password', 'payment-card'] },
    { type: 'ui:data-delete-all' },
    { type: 'ui:data-export' },
  ];
  for (const data of messages) {
    window.postMessage(data, '*');
    window.dispatchEvent(new MessageEvent('message', { data, origin: 'chrome-extension://test-extension-id' }));
    document.dispatchEvent(new CustomEvent('exposure-watch', { detail: data }));
  }
  await new Promise((r) => setTimeout(r, 20));
}

const noticeLoaded = async () => {
  for (let i = 0; i < 50 && !document.querySelector('exposure-watch-notice'); i++) await new Promise((r) => setTimeout(r, 2));
  expect(document.querySelector('exposure-watch-notice')).not.toBeNull();
};

describe('the notice', () => {
  it('asks for its verdict, shows it, and then sends nothing the page asks for', async () => {
    (await import('@/entrypoints/notice/index')).default.main();
    await noticeLoaded();
    expect(sent.map((m) => m.type)).toEqual(['content:verdict', 'content:shown']);
    await pageTries();
    expect(sent.map((m) => m.type)).toEqual(['content:verdict', 'content:shown']);
    expect(listened).toEqual(['window:pageshow']);
  });
});

describe('the form observer', () => {
  function form(): HTMLFormElement {
    document.body.innerHTML = `<form><input name="name" autocomplete="name" value="홍길동"><input type="email" name="email" autocomplete="email" value="a@example.com"><button>Pay</button></form>`;
    return document.querySelector('form')!;
  }
  /** A submit event as the browser fires it for a user's click (isTrusted cannot be forged by the page). */
  const browserSubmit = (target: HTMLFormElement) => {
    const event = new Event('submit', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'isTrusted', { value: true });
    target.dispatchEvent(event);
  };

  it('sends the kinds of details for a real submit only; made-up submits and window messages send nothing', async () => {
    (await import('@/entrypoints/observer/index')).default.main();
    const target = form();
    target.addEventListener('submit', (e) => e.preventDefault());
    // The page's own script makes up a submit, posts messages and events: nothing is sent.
    target.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await pageTries();
    expect(sent).toEqual([]);
    // The user submits: the kinds go out, never the values.
    browserSubmit(target);
    expect(sent).toEqual([{ type: 'content:observed-details', details: ['name', 'email'] }]);
    expect(listened).toEqual(['document:submit']);
  });

  it('in a private window listens to nothing', async () => {
    vi.stubGlobal('chrome', { runtime: { sendMessage: vi.fn() }, extension: { inIncognitoContext: true } });
    (await import('@/entrypoints/observer/index')).default.main();
    browserSubmit(form());
    expect(listened).toEqual([]);
  });
});
