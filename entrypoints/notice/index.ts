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

/**
 * Build the notice inside a closed shadow root the page cannot style or read. Dismissing it
 * aborts `life`: its listeners and its watch for removal end with it.
 */
function render(verdict: NoticeVerdict, life: AbortController): HTMLElement {
  const { signal } = life;
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
      life.abort();
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

/** How often a notice the page removed is put back; a page that keeps removing it wins after that. */
const MAX_REATTACH = 3;

/**
 * Show `host` and keep it shown against a page that removes foreign elements, up to
 * MAX_REATTACH times (no endless fight with a page's own observer). It goes before the page's
 * body, so Tab reaches the warning first rather than after every link of the page (it is drawn
 * bottom-right whatever its place), and into the top layer as a manual popover, so no overlay
 * of the page, whatever its z-index, covers it. Dismissing (which removes the host) aborts `signal`.
 */
function mount(host: HTMLElement, signal: AbortSignal): void {
  host.setAttribute('popover', 'manual');
  const attach = () => {
    const html = document.documentElement;
    if (document.body?.parentNode === html) document.body.before(host);
    else html.append(host);
    try {
      host.showPopover();
    } catch {
      // No popover support: the fixed position and top z-index still apply.
    }
    // Only the host's parent and the document: removing the host (or the whole <html>) shows
    // there; watching every mutation of the page would cost it on busy pages.
    watcher.disconnect();
    watcher.observe(html, { childList: true });
    watcher.observe(document, { childList: true });
  };
  let reattached = 0;
  const watcher = new MutationObserver(() => {
    if (host.isConnected || signal.aborted) return;
    if (reattached === MAX_REATTACH) return watcher.disconnect();
    reattached++;
    attach();
  });
  signal.addEventListener('abort', () => watcher.disconnect());
  attach();
}

// An unlisted script, registered at run time by the background (utils/access/registration.ts)
// with scripting.registerContentScripts. Not WXT's defineContentScript: its context object
// pulls in the webextension-polyfill, which would triple this file's size.
export default defineUnlistedScript(() => {
  const controller = new AbortController();
  const { signal } = controller;
  void (async () => {
    const verdict = await send('content:verdict').catch(() => null);
    // Drawn as soon as the one round trip answers (bench/page-load.ts measures it).
    if (verdict) {
      const life = new AbortController();
      mount(render(verdict, life), life.signal);
    }
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
  })();
});
