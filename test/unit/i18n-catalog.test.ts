import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatMessage, translator, uiLanguage, type Catalog } from '@/utils/i18n/catalog';
import { formatCount } from '@/utils/i18n/format';

const ko = JSON.parse(readFileSync('public/_locales/ko/messages.json', 'utf8')) as Catalog;
const en = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Catalog;

describe('formatMessage', () => {
  it('fills named placeholders from positional substitutions', () => {
    expect(formatMessage(en, 'badgeTitleOne', ['coupang.com', 'Coupang', 'June 2025'])).toBe(
      'coupang.com had a data breach: Coupang (June 2025). Click for what to do.',
    );
    expect(formatMessage(ko, 'accountsAffected', formatCount(33673817, 'ko'))).toBe('피해 계정 33,673,817개');
  });
  it('returns "" for unknown keys and keeps $$ as a dollar sign', () => {
    expect(formatMessage(en, 'noSuchKey')).toBe('');
    expect(formatMessage({ k: { message: 'costs $$5' } }, 'k')).toBe('costs $5');
  });
  it('inserts substitutions (feed text) as they are: no dollar escapes or placeholders read in them', () => {
    const title = 'Cash$$App $1 $SITE$ $& $\'';
    expect(formatMessage(en, 'badgeTitleOne', ['coupang.com', title, 'June 2025'])).toBe(
      `coupang.com had a data breach: ${title} (June 2025). Click for what to do.`,
    );
  });
});

describe('translator', () => {
  const api = {
    i18n: { getMessage: (key: string) => `browser:${key}`, getUILanguage: () => 'en-US' },
    runtime: { getURL: (p: string) => `file://${process.cwd()}/public${p}` },
  };
  beforeEach(() => {
    fakeBrowser.reset();
    vi.stubGlobal('fetch', async (url: string) => new Response(readFileSync(new URL(url))));
  });

  it('follows the browser by default', async () => {
    const { t, locale } = await translator(api);
    expect(locale).toBe('en-US');
    expect(t('noticeWhatToDo')).toBe('browser:noticeWhatToDo');
  });

  it('uses the language chosen in Options', async () => {
    await uiLanguage.setValue('ko');
    const { t, locale } = await translator(api);
    expect(locale).toBe('ko');
    expect(t('noticeWhatToDo')).toBe('어떻게 해야 하나요?');
    expect(t('noticeHeading', 'coupang.com')).toBe('coupang.com에서 고객 정보가 유출되었습니다');
  });
});
