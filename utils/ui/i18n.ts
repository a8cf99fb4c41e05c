/** The extension pages' translator and locale: the browser's language, or the one chosen in Options. */
import { browser } from 'wxt/browser';
import type { I18n } from '@/components/i18n';
import { translator } from '@/utils/i18n/catalog';

/** `t` for the user's language (falls back to the key, so a missing message is visible). */
export async function pageI18n(): Promise<I18n> {
  const { t, locale } = await translator(browser);
  return { locale, t: (key, substitutions) => t(key, substitutions) || key };
}

/** Set the document's language and title (extension pages cannot use __MSG_ in HTML). */
export function applyDocumentI18n(i18n: I18n, titleKey: string, substitutions?: string | string[]): void {
  document.documentElement.lang = i18n.locale;
  document.title = i18n.t(titleKey, substitutions);
}
