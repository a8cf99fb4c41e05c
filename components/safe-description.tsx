/**
 * A breach description from the feed. The feed builder sanitised it already; feed text is still
 * untrusted here (a synced feed could carry anything the signature key signed), so it is
 * sanitised again with DOMPurify and then rebuilt as Preact nodes from an allow-list: text,
 * <a href="https://..."> (new tab, rel noopener), <em>, <strong>, <br>. No innerHTML is set.
 */
import type { DOMPurify as Purifier } from 'dompurify';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** Tags a description may keep, as in utils/feed/schema.ts. */
export const DESCRIPTION_TAGS = ['a', 'em', 'strong', 'br'];

let purifier: Purifier | null = null;
let loading: Promise<Purifier> | null = null;

/**
 * Load DOMPurify and make a private instance for the current window (hooks never leak to other
 * users). It is its own chunk (about 12 KB gzip), fetched from the extension package when a
 * description is first shown. The popup keeps descriptions in its folded "About this breach"
 * block (SafeDescription `defer`), so opening the popup never loads it (bench/sizes.ts budgets
 * the popup at 40 KB; test/e2e/extension.e2e.test.ts checks no request for it is made).
 * Resolves at once once loaded.
 * @throws (rejects) only if the chunk cannot be loaded from the package.
 */
export function loadPurifier(): Promise<Purifier> {
  loading ??= import('dompurify').then(({ default: DOMPurify }) => (purifier = DOMPurify(window)));
  return loading;
}

function purify(): Purifier {
  if (!purifier) throw new Error('descriptionNodes before loadPurifier() resolved');
  return purifier;
}

/** True for an absolute https URL. */
export function isHttpsUrl(href: string | null | undefined): href is string {
  if (!href) return false;
  try {
    return new URL(href).protocol === 'https:';
  } catch {
    return false;
  }
}

function toChildren(nodes: NodeListOf<ChildNode> | ChildNode[], links: boolean): ComponentChildren[] {
  return Array.from(nodes).map((node, i) => toVNode(node, i, links));
}

function toVNode(node: ChildNode, key: number, links: boolean): ComponentChildren {
  if (node.nodeType === 3) return node.textContent;
  if (node.nodeType !== 1) return null;
  const el = node as Element;
  const kids = toChildren(el.childNodes, links);
  switch (el.tagName.toLowerCase()) {
    case 'br':
      return <br key={key} />;
    case 'em':
      return <em key={key}>{kids}</em>;
    case 'strong':
      return <strong key={key}>{kids}</strong>;
    case 'a': {
      const href = el.getAttribute('href');
      if (!links || !isHttpsUrl(href)) return <span key={key}>{kids}</span>;
      return (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer">
          {kids}
        </a>
      );
    }
    default:
      // Anything else keeps its text only.
      return <span key={key}>{kids}</span>;
  }
}

/**
 * Sanitise `html` and return Preact children (call after `loadPurifier()` resolved). Links that are not https lose their link and
 * keep their text; scripts, images, handlers and styles are dropped.
 */
export function descriptionNodes(html: string, links = true): ComponentChildren[] {
  // The wrapper (dropped, its content kept) makes the first node of the input an element:
  // happy-dom's NodeIterator, which the unit tests run on, skips a leading text node otherwise.
  const fragment = purify().sanitize(`<span>${html}</span>`, {
    ALLOWED_TAGS: DESCRIPTION_TAGS,
    ALLOWED_ATTR: ['href'],
    ALLOWED_URI_REGEXP: /^https:/i,
    RETURN_DOM_FRAGMENT: true,
  });
  // Without links, an <a> becomes its text (in toVNode).
  return toChildren(fragment.childNodes, links);
}

/** A feed description as text and allowed markup; `links={false}` keeps link text only. */
/**
 * `defer`: do not load the sanitiser yet (the description is inside a closed fold); it loads
 * when `defer` turns false. Until it is loaded the paragraph is empty.
 */
export function SafeDescription({ html, class: className, links = true, defer = false }: { html: string; class?: string; links?: boolean; defer?: boolean }) {
  // Nothing of the description is shown before the sanitiser is there (never the raw markup).
  const [ready, setReady] = useState(purifier !== null);
  useEffect(() => {
    if (ready || defer) return;
    loadPurifier().then(
      () => setReady(true),
      (error: unknown) => console.error('exposure-watch: could not load the sanitiser', error),
    );
  }, [ready, defer]);
  return <p class={className}>{ready ? descriptionNodes(html, links) : null}</p>;
}
