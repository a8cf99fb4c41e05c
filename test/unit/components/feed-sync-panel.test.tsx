// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent } from '@testing-library/preact';
import { FeedSyncPanel, causeMessageKey, type FeedSyncPanelProps } from '@/components/feed-sync-panel';
import { SYNC_CAUSES, type FeedSyncStatus } from '@/utils/feed/sync-state';
import { loadMessages, renderWithI18n } from './render';

const AT = Date.parse('2026-11-29T09:00:00Z');
const status: FeedSyncStatus = {
  url: 'https://feed.exposure-watch.org/v1/feed.json',
  defaultUrl: 'https://feed.exposure-watch.org/v1/feed.json',
  sequence: 42,
  generated: '2026-11-28T00:00:00Z',
  origin: 'sync',
  breachCount: 1017,
  checkedAt: AT,
  changedAt: AT - 86_400_000,
  lastAttemptAt: AT,
  lastError: null,
  nextRetryAt: null,
  syncing: false,
};

function props(over: Partial<FeedSyncPanelProps> = {}): FeedSyncPanelProps {
  return {
    status,
    result: null,
    syncing: false,
    onSyncNow: () => undefined,
    urlDraft: status.url,
    urlMessage: null,
    onUrlInput: () => undefined,
    onUrlSave: () => undefined,
    onUrlReset: () => undefined,
    ...over,
  };
}

describe('feed sync panel', () => {
  it('shows sequence, breach count, last check, last change, and no error', () => {
    const { container } = renderWithI18n(<FeedSyncPanel {...props()} />);
    const text = container.textContent ?? '';
    for (const s of ['Version (sequence)', '42', 'Breaches', '1,017', 'Last checked', 'Last change', 'Downloaded update', 'Last error', 'None']) expect(text).toContain(s);
    expect(container.querySelector('.feed-error')?.getAttribute('data-cause')).toBe('');
  });

  it('shows the last error with its cause, detail and next try, in English and Korean', () => {
    const failed = { ...status, lastError: { cause: 'invalid-schema' as const, detail: 'breaches.3.domains.0: bad', path: 'breaches.3.domains.0', at: AT }, nextRetryAt: AT + 900_000 };
    const en = renderWithI18n(<FeedSyncPanel {...props({ status: failed })} />);
    expect(en.container.querySelector('.feed-error')?.getAttribute('data-cause')).toBe('invalid-schema');
    expect(en.container.textContent).toContain('The update is in a format this version cannot read');
    expect(en.container.textContent).toContain('breaches.3.domains.0: bad');
    expect(en.container.textContent).toContain('Next try:');
    en.unmount();
    const ko = renderWithI18n(<FeedSyncPanel {...props({ status: failed })} />, 'ko');
    expect(ko.container.textContent).toContain('이 버전에서 읽을 수 없는 형식의 업데이트입니다');
    expect(ko.container.textContent).toContain('다음 시도:');
  });

  it('"Sync now" calls back, and the result is announced', () => {
    const onSyncNow = vi.fn();
    const idle = renderWithI18n(<FeedSyncPanel {...props({ onSyncNow })} />);
    fireEvent.click(idle.getByRole('button', { name: 'Sync now' }));
    expect(onSyncNow).toHaveBeenCalledTimes(1);
    idle.unmount();
    const busy = renderWithI18n(<FeedSyncPanel {...props({ syncing: true })} />);
    expect(busy.getByRole('button', { name: 'Sync now' }).hasAttribute('disabled')).toBe(true);
    expect(busy.getByRole('status').textContent).toBe('Checking for updates…');
    busy.unmount();
    const done = renderWithI18n(<FeedSyncPanel {...props({ result: { outcome: 'updated', failure: null, added: 2, updated: 1, removed: 0, status } })} />);
    expect(done.getByRole('status').textContent).toBe('Updated to version 42: 2 added, 1 changed, 0 removed.');
  });

  it('every failure cause and address message has English (with a description) and Korean', () => {
    const en = loadMessages('en');
    const ko = loadMessages('ko');
    const keys = [...SYNC_CAUSES.map(causeMessageKey), 'feedUrlInvalid', 'feedUrlNotHttps', 'feedUrlDenied', 'feedUrlSaved', 'notifyNewTitle', 'notifyUpdatedTitle', 'notifyMessage'];
    for (const key of keys) {
      expect(en[key]?.message, key).toBeTruthy();
      expect((en[key] as { description?: string }).description, key).toBeTruthy();
      expect(ko[key]?.message, key).toBeTruthy();
      expect(Object.keys(ko[key].placeholders ?? {})).toEqual(Object.keys(en[key].placeholders ?? {}));
    }
  });
});
