/** The extension pages' translator and locale, from the browser's i18n API. */
import { browser } from 'wxt/browser';
import type { I18n } from '@/components/i18n';

/** `t` backed by `i18n.getMessage` (falls back to the key, so a missing message is visible). */
export function pageI18n(): I18n {
  const locale = browser.i18n.getUILanguage() || 'en';
  // Keys are built at run time (details, steps, reasons), so the generated key union does not apply.
  const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string | string[]) => string;
  return {
    locale,
    t: (key, substitutions) => getMessage(key, substitutions) || key,
  };
}

/** Set the document's language and title (extension pages cannot use __MSG_ in HTML). */
export function applyDocumentI18n(i18n: I18n, titleKey: string, substitutions?: string | string[]): void {
  document.documentElement.lang = i18n.locale;
  document.title = i18n.t(titleKey, substitutions);
}
