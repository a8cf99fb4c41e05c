/**
 * The feed builder's HTML sanitiser (Node only: sanitize-html pulls in a parser and PostCSS, which
 * must stay out of the extension's bundles; `utils/feed/normalise.ts` takes it as a parameter).
 */
import sanitizeHtml from 'sanitize-html';
import type { SanitisedHtml } from '../../utils/feed/normalise';

/** Tags a description keeps; HIBP's `<b>`/`<i>` become their semantic equivalents. */
const ALLOWED_TAGS = ['a', 'em', 'strong', 'br'];
const RENAMED: Record<string, string> = { b: 'strong', i: 'em' };
/** Marks an `<a>` whose link is dropped, between the two passes; never in the output. */
const UNLINKED = 'ew-unlinked';

function isHttps(href: string): boolean {
  // Whitespace inside an href means broken markup (HIBP's Paytm record swallows its own target=).
  if (/\s/.test(href)) return false;
  try {
    return new URL(href).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Sanitise an untrusted HTML description for the feed.
 *
 * Keeps only `<a href="https://...">` (given `rel="noopener noreferrer" target="_blank"`),
 * `<em>`, `<strong>` and `<br>`; `<b>`/`<i>` become `<strong>`/`<em>`. A link that is not https
 * (http, mailto, javascript, relative, or with whitespace inside) becomes its plain text. Other
 * tags are dropped with their text kept, except script/style-like tags whose content goes too.
 * Entities are decoded and the text re-escaped (`&`, `<`, `>`), so `&#39;` becomes `'` and
 * `AT&T` stays `AT&amp;T`.
 *
 * @returns the HTML and one human-readable change per kind of repair (empty when nothing but
 *   our own `rel`/`target` normalisation changed). Never throws.
 */
export function sanitiseDescription(html: string): SanitisedHtml {
  const unlinked: string[] = [];
  const removedTags = new Set<string>();
  const removedAttributes = new Set<string>();
  // Two passes: sanitize-html 2.18 leaves a stale rename behind when a tag is renamed to one it
  // then discards, so the next <a> at that depth closed as </ew-unlinked> (the same family as
  // apostrophecms/sanitize-html#398). Pass 1 renames to an allowed marker, pass 2 drops it.
  const marked = sanitizeHtml(html, {
    allowedTags: [...ALLOWED_TAGS, UNLINKED],
    allowedAttributes: { a: ['href', 'rel', 'target'] },
    allowedSchemes: ['https'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    onOpenTag(name, attribs) {
      const tag = RENAMED[name] ?? name;
      if (!ALLOWED_TAGS.includes(tag)) return void removedTags.add(name);
      // rel/target on links are ours to set, so replacing them is not a repair worth reporting.
      const own = tag === 'a' ? ['href', 'rel', 'target'] : [];
      for (const attr of Object.keys(attribs)) if (!own.includes(attr)) removedAttributes.add(attr);
    },
    transformTags: {
      ...RENAMED,
      a: (_tag, attribs): sanitizeHtml.Tag => {
        const href = (attribs.href ?? '').trim();
        if (isHttps(href)) return { tagName: 'a', attribs: { href, rel: 'noopener noreferrer', target: '_blank' } };
        unlinked.push(href);
        return { tagName: UNLINKED, attribs: {} };
      },
    },
  });
  const out = sanitizeHtml(marked, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href', 'rel', 'target'] },
    allowedSchemes: ['https'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
  });
  const changes: string[] = [];
  if (unlinked.length) changes.push(`unlinked ${unlinked.length} non-https link(s), text kept (${unlinked.join(', ')})`);
  if (removedTags.size) changes.push(`removed tag(s) ${[...removedTags].map((t) => `<${t}>`).join(' ')}`);
  if (removedAttributes.size) changes.push(`removed attribute(s) ${[...removedAttributes].join(' ')}`);
  return { html: out, changes };
}
