// Every message the pages and components ask for exists in English and Korean.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANONICAL_DETAILS, detailMessageKey } from '@/utils/taxonomy/details';
import { loadMessages } from './render';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(p) ? [p] : [];
  });
}

const sources = ['components', 'entrypoints/popup', 'entrypoints/details', 'entrypoints/onboarding', 'entrypoints/options', 'entrypoints/exposures', 'utils/ui'].flatMap(files);
const used = new Set(sources.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bt\('([A-Za-z0-9_]+)'/g)].map((m) => m[1])));
const derived = [
  ...['high', 'medium', 'low'].map((s) => `severity_${s}`),
  ...['dismissed', 'too-old', 'unverified', 'fabricated', 'spam-list', 'retired', 'no-personal-data', 'sensitive', 'muted', 'disabled'].map((r) => `reason_${r.replace(/-/g, '_')}`),
  ...CANONICAL_DETAILS.map(detailMessageKey),
  ...[...sources.join('\n').matchAll(/mountPage\('([A-Za-z]+)'/g)].map((m) => m[1]),
];
const titles = sources.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/mountPage\('([A-Za-z]+)'/g)].map((m) => m[1]));

describe('UI messages', () => {
  const en = loadMessages('en');
  const ko = loadMessages('ko');
  it.each([...used, ...derived, ...titles])('%s exists in en (with a description) and ko', (key) => {
    expect(en[key]?.message, key).toBeTruthy();
    expect((en[key] as { description?: string }).description, key).toBeTruthy();
    expect(ko[key]?.message, key).toBeTruthy();
    expect(Object.keys(ko[key].placeholders ?? {}).sort()).toEqual(Object.keys(en[key].placeholders ?? {}).sort());
  });
});
