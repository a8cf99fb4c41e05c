/**
 * Reading the in-page notice from tests. It lives in a CLOSED shadow root (the page cannot read
 * it), so tests go through the DevTools protocol, which can pierce closed roots.
 */
import type { Page } from 'puppeteer-core';

interface DomNode {
  nodeName: string;
  nodeType: number;
  nodeValue?: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/** The notice's visible text (all text nodes, styles excluded), or null when there is no notice. */
export async function noticeText(page: Page): Promise<string | null> {
  const cdp = await page.createCDPSession();
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const host = find(root, (n) => n.nodeName === 'EXPOSURE-WATCH-NOTICE');
    if (!host) return null;
    const parts: string[] = [];
    const walk = (n: DomNode) => {
      if (n.nodeName === 'STYLE') return;
      if (n.nodeType === 3 && n.nodeValue) parts.push(n.nodeValue);
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) walk(c);
    };
    walk(host);
    return parts.join(' ').replace(/\s+/g, ' ').trim();
  } finally {
    await cdp.detach();
  }
}

function find(n: DomNode, pred: (n: DomNode) => boolean): DomNode | null {
  if (pred(n)) return n;
  for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
    const hit = find(c, pred);
    if (hit) return hit;
  }
  return null;
}

/** Click a button of the notice by its accessible name (ARIA queries reach closed shadow roots). */
export async function clickNoticeButton(page: Page, name: string): Promise<void> {
  await page.locator(`::-p-aria([name="${name}"][role="button"])`).click();
}

/**
 * Where the notice's host element sits and whether our shadow stylesheet applied to it (it
 * sets `position: fixed` on :host; without it the element would be an inline box at the end
 * of the page). Works in Chromium and Firefox: only the light-DOM host is read.
 */
export async function noticeBox(page: Page): Promise<{ position: string; right: number; bottom: number; width: number; height: number } | null> {
  return page.evaluate(() => {
    const host = document.querySelector('exposure-watch-notice');
    if (!host) return null;
    const r = host.getBoundingClientRect();
    return {
      position: getComputedStyle(host).position,
      right: Math.round(document.documentElement.clientWidth - r.right),
      bottom: Math.round(document.documentElement.clientHeight - r.bottom),
      width: Math.round(r.width),
      height: Math.round(r.height),
    };
  });
}

/** Where the notice's box is drawn and how it is styled, read inside its closed shadow root. */
export interface NoticeLook {
  /** Viewport rectangle of the notice's box (the <section>), CSS pixels. */
  rect: { x: number; y: number; width: number; height: number };
  /** Computed styles of the box. */
  box: { display: string; visibility: string; opacity: string; backgroundColor: string; borderLeftColor: string; fontSize: string; position: string };
  /** Computed styles of its primary button. */
  button: { backgroundColor: string; color: string };
  /** The host is in the top layer (shown as a popover). */
  topLayer: boolean;
  /** What the page's hit testing finds at the centre of the box (the shadow host when the notice is on top). */
  atCentre: string | null;
}

/**
 * The notice's look, or null when there is none. The box inside the closed shadow root is
 * found through the protocol (DOM.getDocument pierces closed roots) and resolved to an object
 * the page's own getComputedStyle can read.
 */
export async function noticeLook(page: Page): Promise<NoticeLook | null> {
  const cdp = await page.createCDPSession();
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode & { backendNodeId: number } };
    const host = find(root, (n) => n.nodeName === 'EXPOSURE-WATCH-NOTICE');
    const box = host && (find(host, (n) => n.nodeName === 'SECTION') as (DomNode & { backendNodeId: number }) | null);
    if (!box) return null;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: box.backendNodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      returnByValue: true,
      functionDeclaration: `function () {
        const pick = (s, keys) => Object.fromEntries(keys.map((k) => [k, s[k]]));
        const r = this.getBoundingClientRect();
        const host = this.getRootNode().host;
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return {
          rect: { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) },
          box: pick(getComputedStyle(this), ['display', 'visibility', 'opacity', 'backgroundColor', 'borderLeftColor', 'fontSize', 'position']),
          button: pick(getComputedStyle(this.querySelector('button.primary')), ['backgroundColor', 'color']),
          topLayer: host.matches(':popover-open'),
          atCentre: hit ? hit.nodeName.toLowerCase() : null,
        };
      }`,
    });
    return result.value as NoticeLook;
  } finally {
    await cdp.detach();
  }
}
