/**
 * The in-page notice, injected only on granted sites with alertable breaches. Small on purpose: no framework, no polyfill (the native
 * `chrome` namespace returns promises in MV3 on Chrome and Firefox), text only (never HTML).
 */
import type { NoticeVerdict, MessageName, Responses } from '@/utils/messaging/protocol';
import { NOTICE_CSS } from './style';

// Type-only import: nothing of wxt/browser (or its polyfill) lands in this bundle.
const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;

function send<N extends MessageName>(type: N, payload: object = {}): Promise<Responses[N]> {
  return api.runtime.sendMessage({ type, ...payload }) as Promise<Responses[N]>;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A link that opens in a new tab; only https URLs (the report URL is built by the background). */
function link(text: string, href: string): HTMLAnchorElement {
  const a = el('a', '', text);
  if (href.startsWith('https://')) a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  return a;
}

/** Build the notice inside a closed shadow root the page cannot style or read. */
function render(verdict: NoticeVerdict, signal: AbortSignal): HTMLElement {
  const host = document.createElement('exposure-watch-notice');
  const root = host.attachShadow({ mode: 'closed' });
  // A constructed stylesheet: a page's Content-Security-Policy (style-src) governs <style>
  // elements, and Firefox applies it to ones a content script inserts; adopted sheets are not
  // subject to it. A <style> remains the fallback where constructing a sheet fails.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(NOTICE_CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = NOTICE_CSS;
    root.append(style);
  }
  const box = el('section', 'box');
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', verdict.labels.heading);
  const head = el('h2', 'head', verdict.labels.heading);
  box.append(head);
  for (const item of verdict.items) {
    const entry = el('div', `item sev-${item.severity}`);
    entry.append(el('p', 'title', `${item.title} · ${item.when}`));
    if (item.count) entry.append(el('p', 'count', item.count));
    const exposed = el('p', 'exposed');
    exposed.append(el('strong', '', `${verdict.labels.exposed} `), item.exposed);
    entry.append(exposed);
    box.append(entry);
  }
  const links = el('p', 'links');
  if (verdict.items.some((i) => i.hibp)) links.append(link(verdict.labels.credit, 'https://haveibeenpwned.com/'), ' · ');
  links.append(link(verdict.labels.report, verdict.reportUrl));
  box.append(links);
  const actions = el('div', 'actions');
  const what = el('button', 'primary', verdict.labels.whatToDo);
  const close = el('button', 'close', '×');
  close.setAttribute('aria-label', verdict.labels.dismiss);
  close.title = verdict.labels.dismiss;
  actions.append(what);
  box.append(actions, close);
  what.addEventListener('click', () => void send('content:open-details'), { signal });
  close.addEventListener(
    'click',
    () => {
      host.remove();
      for (const item of verdict.items) void send('content:dismiss', { breachId: item.id });
    },
    { signal },
  );
  // Escape inside the notice dismisses it, as the close button does (never from the page's own focus).
  box.addEventListener('keydown', (e) => e.key === 'Escape' && close.click(), { signal });
  root.append(box);
  return host;
}

// An unlisted script, registered at run time by the background (utils/access/registration.ts)
// with scripting.registerContentScripts. Not WXT's defineContentScript: its context object
// pulls in the webextension-polyfill, which would triple this file's size.
export default defineUnlistedScript(() => {
  const controller = new AbortController();
  const { signal } = controller;
  void (async () => {
    const verdict = await send('content:verdict').catch(() => null);
    // Reaching this line means the page that asked is still alive: now the badge may go up.
    await send('content:shown').catch(() => undefined);
    // Back/forward cache: the badge reset on navigation and this script does not run again.
    window.addEventListener(
      'pageshow',
      (event) => {
        if (event.persisted) void send('content:shown').catch(() => undefined);
      },
      { signal },
    );
    if (!verdict) return;
    // Before the page's body, so Tab reaches the warning first rather than after every link
    // of the page (it is drawn bottom-right whatever its place).
    const notice = render(verdict, signal);
    if (document.body) document.body.before(notice);
    else document.documentElement.append(notice);
  })();
});
