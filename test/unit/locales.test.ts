// Every locale carries the same messages as English, with the same placeholders, and the
// manifest's own strings fit the stores' limits (name <= 75 chars, description <= 132).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Messages = Record<string, { message: string; description?: string; placeholders?: Record<string, { content: string }> }>;
const load = (lang: string): Messages => JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8'));
const langs = readdirSync('public/_locales');
const en = load('en');

/** Placeholder names used in a message text, e.g. "$SITE$ had $COUNT$" -> ["count", "site"]. */
const used = (text: string) => [...new Set([...text.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1].toLowerCase()))].sort();

describe('locales', () => {
  it('ships English and Korean', () => {
    expect(langs.sort()).toEqual(['en', 'ko']);
  });

  it('every English message has a description for translators and declares the placeholders it uses', () => {
    for (const [key, m] of Object.entries(en)) {
      expect(m.description, key).toBeTruthy();
      expect(used(m.message), key).toEqual(Object.keys(m.placeholders ?? {}).sort());
    }
  });

  it.each(langs.filter((l) => l !== 'en'))('%s has exactly the English keys, placeholders and their contents', (lang) => {
    const other = load(lang);
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    for (const [key, m] of Object.entries(en)) {
      expect(other[key].message.trim(), `${lang}:${key}`).not.toBe('');
      expect(used(other[key].message), `${lang}:${key}`).toEqual(used(m.message));
      expect(other[key].placeholders ?? {}, `${lang}:${key}`).toEqual(m.placeholders ?? {});
    }
  });

  it('message names are valid for browsers ([A-Za-z0-9_] only)', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it.each(langs)('%s manifest strings fit the store limits', (lang) => {
    const m = load(lang);
    expect(m.extName.message.length).toBeLessThanOrEqual(75);
    expect(m.extDescription.message.length).toBeLessThanOrEqual(132);
    expect(m.actionTitle.message.length).toBeGreaterThan(0);
  });

  it('the background only asks for messages that exist', () => {
    const sources = ['utils/verdict/present.ts', 'utils/background/services.ts'].map((f) => readFileSync(f, 'utf8')).join('\n');
    const keys = [...sources.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)].map((k) => k[1]);
    expect(keys.length).toBeGreaterThan(5);
    for (const k of keys) expect(en[k], k).toBeDefined();
  });
});
