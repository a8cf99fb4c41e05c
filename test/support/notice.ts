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
