/**
 * Component test helpers: a `t` that reads public/_locales/<lang>/messages.json the way
 * `i18n.getMessage` does (named placeholders -> $1..$9), and a render inside the i18n context.
 */
import { readFileSync } from 'node:fs';
import type { ComponentChildren } from 'preact';
import { afterEach } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { I18nProvider, type Translate } from '@/components/i18n';

interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

export function loadMessages(lang: 'en' | 'ko'): Record<string, Message> {
  return JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Record<string, Message>;
}

/** `i18n.getMessage` semantics: unknown key -> '' (we surface the key instead, to catch typos). */
export function translator(lang: 'en' | 'ko'): Translate {
  const messages = loadMessages(lang);
  return (key, substitutions) => {
    const m = messages[key];
    if (!m) return `??${key}??`;
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    const fill = (s: string) => s.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
    return m.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name: string) => {
      const p = m.placeholders?.[name.toLowerCase()];
      return p ? fill(p.content) : whole;
    });
  };
}

// Vitest runs without globals, so testing-library cannot register its own cleanup.
afterEach(cleanup);

export function renderWithI18n(ui: ComponentChildren, lang: 'en' | 'ko' = 'en', locale = lang === 'ko' ? 'ko-KR' : 'en-US') {
  return render(<I18nProvider value={{ t: translator(lang), locale }}>{ui}</I18nProvider>);
}
