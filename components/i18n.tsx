/**
 * Translation for presentational components: pages provide `t` (backed by `i18n.getMessage`)
 * and the UI locale through this context, so components never touch `browser.*`.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';

/** Message key + substitutions -> localised text (same shape as `i18n.getMessage`). */
export type Translate = (key: string, substitutions?: string | string[]) => string;

export interface I18n {
  t: Translate;
  /** BCP 47 UI locale, e.g. `ko` or `en-US`. */
  locale: string;
}

const I18nContext = createContext<I18n>({ t: (key) => key, locale: 'en' });

export function I18nProvider({ value, children }: { value: I18n; children: ComponentChildren }) {
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** True for Korean UI locales (`ko`, `ko-KR`). */
export function isKorean(locale: string): boolean {
  return locale.toLowerCase().startsWith('ko');
}
