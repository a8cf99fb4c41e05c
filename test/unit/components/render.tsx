/**
 * Component test helpers: a `t` that reads public/_locales/<lang>/messages.json the way
 * `i18n.getMessage` does (named placeholders -> $1..$9), and a render inside the i18n context.
 */
import { readFileSync } from 'node:fs';
import type { ComponentChildren } from 'preact';
import { afterEach } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { I18nProvider, type Translate } from '@/components/i18n';
import { formatMessage } from '@/utils/i18n/catalog';

interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

export function loadMessages(lang: 'en' | 'ko'): Record<string, Message> {
  return JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Record<string, Message>;
}

/** `i18n.getMessage` semantics (the extension's own formatter); an unknown key shows as ??key?? to catch typos. */
export function translator(lang: 'en' | 'ko'): Translate {
  const catalog = loadMessages(lang);
  return (key, substitutions) => (key in catalog ? formatMessage(catalog, key, substitutions) : `??${key}??`);
}

// Vitest runs without globals, so testing-library cannot register its own cleanup.
afterEach(cleanup);

export function renderWithI18n(ui: ComponentChildren, lang: 'en' | 'ko' = 'en', locale = lang === 'ko' ? 'ko-KR' : 'en-US') {
  return render(<I18nProvider value={{ t: translator(lang), locale }}>{ui}</I18nProvider>);
}
