/**
 * Messages in the user's chosen language. The browser's `i18n.getMessage` always follows the
 * browser's language; when the user picks another one in Options we read that locale's
 * `_locales/<lang>/messages.json` from the extension package and format it the same way
 * (https://developer.chrome.com/docs/extensions/reference/api/i18n: named $PLACEHOLDERS$ whose
 * content refers to substitutions as $1..$9, and `$$` for a literal dollar sign).
 */
import { storage } from '#imports';

export const UI_LANGUAGES = ['en', 'ko'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
/** `auto` follows the browser. */
export type UiLanguageSetting = UiLanguage | 'auto';

export const uiLanguage = storage.defineItem<UiLanguageSetting>('local:ui-language', { fallback: 'auto', version: 1 });

export type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
export type Translate = (key: string, substitutions?: string | string[]) => string;

/** Format `key` from `catalog` with up to nine substitutions; '' for an unknown key (as getMessage). */
export function formatMessage(catalog: Catalog, key: string, substitutions?: string | string[]): string {
  const entry = catalog[key];
  if (!entry) return '';
  const args = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const fill = (s: string) => s.replace(/\$(\d)/g, (_, i: string) => args[Number(i) - 1] ?? '');
  // One pass over the message only: a substitution is feed or user text and is inserted as it
  // is (a breach titled "Cash$$App" stays so; a second pass would make it "Cash$App").
  return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$/g, (whole, name: string | undefined) => {
    if (name === undefined) return '$';
    const content = entry.placeholders?.[name.toLowerCase()]?.content;
    return content === undefined ? whole : fill(content);
  });
}

const cache = new Map<UiLanguage, Promise<Catalog>>();

/** Load (once) a locale's messages from the extension package. */
export function loadCatalog(lang: UiLanguage, urlOf: (path: string) => string): Promise<Catalog> {
  let catalog = cache.get(lang);
  if (!catalog) {
    catalog = fetch(urlOf(`/_locales/${lang}/messages.json`)).then((r) => {
      if (!r.ok) throw new Error(`messages for ${lang}: HTTP ${r.status}`);
      return r.json() as Promise<Catalog>;
    });
    catalog.catch(() => cache.delete(lang));
    cache.set(lang, catalog);
  }
  return catalog;
}

/**
 * The translator and BCP 47 locale for the user's language setting: the browser's own i18n for
 * `auto`, the chosen catalog otherwise.
 */
export async function translator(api: {
  // Loose shapes: WXT's typed overloads (literal message names, public paths) and test fakes both fit.
  i18n: { getMessage: (...args: never[]) => string; getUILanguage: () => string };
  runtime: { getURL: (path: never) => string };
}): Promise<{ t: Translate; locale: string }> {
  const setting = await uiLanguage.getValue().catch(() => 'auto' as const);
  if (setting === 'auto' || !UI_LANGUAGES.includes(setting)) {
    const getMessage = api.i18n.getMessage as Translate;
    return { t: (key, subs) => getMessage(key, subs), locale: api.i18n.getUILanguage() || 'en' };
  }
  const getURL = api.runtime.getURL as (path: string) => string;
  const catalog = await loadCatalog(setting, getURL);
  return { t: (key, subs) => formatMessage(catalog, key, subs), locale: setting };
}
