/**
 * axe-core accessibility checks from Puppeteer. axe is evaluated through the DevTools protocol
 * (extension pages' CSP forbids injected <script> tags; protocol evaluation is not subject to it).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ElementHandle, Page } from 'puppeteer-core';
import { NOTICE_CSS } from '../../entrypoints/notice/style';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

interface AxeGlobal {
  axe: {
    run(context: unknown, options: unknown): Promise<{
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }>;
  };
}

async function inject(page: Page): Promise<void> {
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('Runtime.evaluate', { expression: `if (!window.axe) { ${AXE_SOURCE} }` });
  } finally {
    await cdp.detach();
  }
}

/** The rules whose outcome depends on colours: all a second colour theme needs to re-check. */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

async function run(target: Page | ElementHandle, context: 'document' | 'self', disabled: string[] = [], only?: string[]): Promise<AxeViolation[]> {
  const fn = async (self: unknown, ctx: string, tags: string[], off: string[], rulesOnly: string[] | null) => {
    const rules = Object.fromEntries(off.map((r) => [r, { enabled: false }]));
    const runOnly = rulesOnly ? { type: 'rule', values: rulesOnly.filter((r) => !off.includes(r)) } : tags;
    const result = await (window as unknown as AxeGlobal).axe.run(ctx === 'document' ? document : self, { runOnly, rules });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  };
  if ('goto' in target) return target.evaluate(fn, null, context, TAGS, disabled, only ?? null);
  return target.evaluate(fn, context, TAGS, disabled, only ?? null);
}

/**
 * Violations on the whole page (WCAG 2.1 A/AA and best practices).
 * @param only run just these rules (e.g. COLOUR_RULES for a second colour theme).
 */
export async function axeViolations(page: Page, only?: string[]): Promise<AxeViolation[]> {
  await inject(page);
  return run(page, 'document', [], only);
}

/**
 * Violations in the in-page notice. axe cannot enter a closed shadow root (nor take an element
 * inside one as its context), so the notice's exact markup, read through the protocol, is
 * mounted with the notice's own stylesheet in an open shadow root at the same place on the
 * same page, and axe checks that copy. (`region` is off: the copy is not in a landmark by design,
 * it is a fixed overlay region of its own.)
 */
export async function axeNoticeViolations(page: Page, only?: string[]): Promise<AxeViolation[]> {
  await inject(page);
  const cdp = await page.createCDPSession();
  let html: string;
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const box = findBox(root);
    if (!box) throw new Error('no notice on the page');
    ({ outerHTML: html } = (await cdp.send('DOM.getOuterHTML', { backendNodeId: box.backendNodeId })) as { outerHTML: string });
  } finally {
    await cdp.detach();
  }
  const copy = (await page.evaluateHandle(
    (markup, css) => {
      const host = document.createElement('exposure-watch-notice-copy');
      const shadow = host.attachShadow({ mode: 'open' });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      shadow.adoptedStyleSheets = [sheet];
      shadow.innerHTML = markup;
      // The notice sits in the top layer (a popover) and no page style hides it; the copy goes
      // there too, shown after it and so drawn over it, for axe to read the copy's colours.
      host.setAttribute('popover', 'manual');
      document.documentElement.append(host);
      host.showPopover();
      return shadow.firstElementChild!;
    },
    html,
    NOTICE_CSS,
  )) as ElementHandle;
  try {
    return await run(copy, 'self', ['region'], only);
  } finally {
    await page.evaluate(() => document.querySelector('exposure-watch-notice-copy')?.remove());
  }
}

interface DomNode {
  nodeName: string;
  backendNodeId: number;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

function findBox(n: DomNode, inNotice = false): DomNode | null {
  const here = inNotice || n.nodeName === 'EXPOSURE-WATCH-NOTICE';
  if (here && n.nodeName === 'SECTION') return n;
  for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
    const hit = findBox(c, here);
    if (hit) return hit;
  }
  return null;
}
