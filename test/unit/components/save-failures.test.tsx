// @vitest-environment happy-dom
// What the pages say when the background could not save (test/unit/disk-full.test.ts has the
// background side): a full disk in its own words, in English and Korean; any other failure in the
// general words; nothing swallowed; and no false all-clear when no breach list could be stored.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fireEvent, waitFor } from '@testing-library/preact';
import { App as Popup } from '@/entrypoints/popup/app';
import { App as Options } from '@/entrypoints/options/app';
import { App as Details } from '@/entrypoints/details/app';
import { DataSection, ObservationSection, ProfileSection } from '@/entrypoints/options/your-data';
import { StorageError } from '@/utils/db/storage-error';
import { alertSettings } from '@/utils/settings/items';
import type { SiteProfile, UserDataExport } from '@/utils/profile/types';
import { quotaError } from '../../helpers/disk-full';
import { coupang, report, verdict } from './coupang';
import { loadMessages, renderWithI18n } from './render';

type Sent = { type: string; [k: string]: unknown };
const en = loadMessages('en');
const ko = loadMessages('ko');

/** The rejection a page gets from `send` when the background's write was refused (only the message crosses). */
const refused = (problem: 'full' | 'failed') =>
  new Error(new StorageError(problem, 'your checklist', problem === 'full' ? quotaError() : new DOMException('Internal error.', 'UnknownError')).message);

const profile: SiteProfile = { site: 'coupang.com', details: [{ detail: 'email', source: 'entered', at: 1 }], addedAt: 1, updatedAt: 1 };

function answer(answers: Record<string, unknown>, failing: Record<string, Error> = {}) {
  const sent: Sent[] = [];
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 3, url: 'https://www.coupang.com/' }] as never);
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    const m = message as Sent;
    sent.push(m);
    if (failing[m.type]) throw failing[m.type];
    return answers[m.type] ?? null;
  });
  return sent;
}

const popupAnswers = {
  'ui:site-report': report([verdict(coupang)]),
  'ui:profile-get': { profile, checklist: [] },
  'ui:access-status': { wanted: [], missing: [] },
};

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

describe('popup', () => {
  it.each([
    ['en', 'full', en.saveFailedFull.message],
    ['ko', 'full', ko.saveFailedFull.message],
    ['en', 'failed', en.saveFailed.message],
  ] as const)('a refused tick (%s, %s) says so, and shows what is stored again', async (lang, problem, text) => {
    const sent = answer(popupAnswers, { 'ui:checklist-set': refused(problem) });
    const { findByRole, getAllByRole } = renderWithI18n(<Popup />, lang);
    await waitFor(() => expect(getAllByRole('checkbox').length).toBeGreaterThan(0));
    fireEvent.click(getAllByRole('checkbox')[0]);
    expect((await findByRole('alert')).textContent).toBe(text);
    // Reloaded from the background: the tick that was not saved is not shown as done.
    await waitFor(() => expect(sent.filter((m) => m.type === 'ui:profile-get')).toHaveLength(2));
    await waitFor(() => expect((getAllByRole('checkbox')[0] as HTMLInputElement).checked).toBe(false));
  });

  it('a refused detail chip says the disk is full', async () => {
    answer(popupAnswers, { 'ui:profile-set-detail': refused('full') });
    const { findByRole, getByRole } = renderWithI18n(<Popup />);
    fireEvent.click(await findByRole('button', { name: 'Add names to your details at coupang.com' }));
    await waitFor(() => expect(getByRole('alert').textContent).toBe(en.saveFailedFull.message));
  });

  it('with no breach list stored, says so instead of "no breach known"', async () => {
    answer({ ...popupAnswers, 'ui:site-report': { ...report([]), feed: null } });
    const { findByText, container } = renderWithI18n(<Popup />);
    expect((await findByText(en.popupNoFeed.message)).tagName).toBe('H1');
    expect(container.querySelector('.popup')?.getAttribute('data-state')).toBe('no-feed');
  });
});

describe('details page', () => {
  it('with no breach list stored, says so under the page heading instead of "no known breaches"', async () => {
    answer({ ...popupAnswers, 'ui:site-report': { ...report([]), feed: null } });
    const { findByText, container, queryByText } = renderWithI18n(<Details search="?site=coupang.com" />);
    expect((await findByText(en.popupNoFeed.message)).tagName).toBe('H2');
    expect(container.querySelector('.page')?.getAttribute('data-state')).toBe('no-feed');
    expect(queryByText(en.reportNoneBody.message)).toBeNull();
  });
});

describe('options', () => {
  it('a refused change in the profile list is shown, not only reloaded', async () => {
    answer({}, { 'ui:profile-set-detail': refused('full') });
    const reload = vi.fn();
    const { findByRole, getAllByRole } = renderWithI18n(<ProfileSection profiles={[profile]} setProfiles={() => {}} failed={false} reload={reload} />, 'ko');
    fireEvent.click(getAllByRole('button', { pressed: false })[0]);
    expect((await findByRole('alert')).textContent).toBe(ko.saveFailedFull.message);
    expect(reload).toHaveBeenCalled();
  });

  it('a refused observation switch says the disk is full and flips back', async () => {
    answer({ 'ui:observation-get': { enabled: false } }, { 'ui:observation-set': refused('full') });
    const { findByRole } = renderWithI18n(<ObservationSection />);
    const box = (await findByRole('checkbox')) as HTMLInputElement;
    fireEvent.click(box);
    expect((await findByRole('alert')).textContent).toBe(en.saveFailedFull.message);
    expect(box.checked).toBe(false);
  });

  it('a refused import says the disk is full and that nothing changed', async () => {
    const stored: UserDataExport = { format: 'exposure-watch-user-data', version: 1, exported: '2026-11-29T12:00:00Z', profile: [], checklist: [], warned: [], dismissals: {} };
    answer({ 'ui:data-export': stored }, { 'ui:data-import': refused('full') });
    const { container, findByRole, findByText } = renderWithI18n(<DataSection onChanged={() => {}} />);
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    const file = new File([JSON.stringify({ ...stored, profile: [profile] })], 'data.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
    fireEvent.click(await findByText('Import'));
    expect((await findByRole('alert')).textContent).toBe(en.importFailedFull.message);
  });

  it('alert settings storage.local refuses: the error is shown and the form shows what is stored', async () => {
    const feedStatus = { url: 'https://feed.exposure-watch.org/v1/feed.json', defaultUrl: 'https://feed.exposure-watch.org/v1/feed.json', sequence: 1, generated: '2026-11-29T00:00:00Z', origin: 'bundled', breachCount: 982, checkedAt: null, changedAt: 1, lastAttemptAt: null, lastError: null, nextRetryAt: null, syncing: false };
    answer({ 'ui:access-status': { wanted: [], missing: [] }, 'ui:profile-list': [], 'ui:observation-get': { enabled: false }, 'ui:feed-status': feedStatus });
    const { findByLabelText, findByText } = renderWithI18n(<Options />);
    const enabled = (await findByLabelText(en.optionsEnabled.message, { exact: false })) as HTMLInputElement;
    expect(enabled.checked).toBe(true);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    fireEvent.click(enabled);
    expect(await findByText(en.saveFailedFull.message)).toBeTruthy();
    await waitFor(() => expect(enabled.checked).toBe(true));
    expect(await alertSettings.getValue()).toMatchObject({ enabled: true });
  });
});
