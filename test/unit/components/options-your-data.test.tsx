// @vitest-environment happy-dom
// Options: import shows clear errors or the changes first and writes only after a click; delete asks first.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fireEvent, waitFor } from '@testing-library/preact';
import { DataSection, ProfileSection } from '@/entrypoints/options/your-data';
import type { UserDataExport } from '@/utils/profile/types';
import { renderWithI18n } from './render';

type Sent = { type: string; [k: string]: unknown };
const NOW = Date.parse('2026-11-29T12:00:00Z');

const stored: UserDataExport = {
  format: 'exposure-watch-user-data',
  version: 1,
  exported: '2026-11-29T12:00:00Z',
  profile: [{ site: 'coupang.com', details: [{ detail: 'email', source: 'entered', at: NOW }], addedAt: NOW, updatedAt: NOW }],
  checklist: [],
  warned: [],
  dismissals: {},
};

function setup() {
  const sent: Sent[] = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    const m = message as Sent;
    sent.push(m);
    if (m.type === 'ui:data-export') return stored;
    return { ok: true };
  });
  return sent;
}

function choose(input: HTMLInputElement, text: string) {
  const file = new File([text], 'data.json', { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('import', () => {
  it('lists the problems of a bad file by path and writes nothing', async () => {
    const sent = setup();
    const { container, findByRole } = renderWithI18n(<DataSection onChanged={() => {}} />);
    const bad = { ...stored, profile: [{ ...stored.profile[0], site: 'www.coupang.com' }] };
    choose(container.querySelector('input[type="file"]')!, JSON.stringify(bad));
    const alert = await findByRole('alert');
    expect(alert.textContent).toContain('nothing was changed');
    expect(alert.textContent).toContain('profile.0.site: expected a registrable domain');
    expect(sent.some((m) => m.type === 'ui:data-import')).toBe(false);
  });

  it('says "not valid JSON" for a broken file', async () => {
    setup();
    const { container, findByRole } = renderWithI18n(<DataSection onChanged={() => {}} />);
    choose(container.querySelector('input[type="file"]')!, '{"format":');
    expect((await findByRole('alert')).textContent).toMatch(/not valid JSON/);
  });

  it('shows what would be replaced and imports only after "Import and replace"', async () => {
    const sent = setup();
    const onChanged = vi.fn();
    const { container, findByText, getByRole } = renderWithI18n(<DataSection onChanged={onChanged} />);
    const incoming = { ...stored, profile: [{ ...stored.profile[0], details: [{ detail: 'phone', source: 'entered', at: NOW }] }] };
    choose(container.querySelector('input[type="file"]')!, JSON.stringify(incoming));
    expect(await findByText('Replace your details at coupang.com:')).toBeTruthy();
    expect(container.querySelector('[data-change="replace"]')?.textContent).toContain('adds phone numbers. removes email addresses.');
    expect(getByRole('region', { name: 'What importing this file will change' }).textContent).toContain('Some of what is stored here will be replaced.');
    expect(sent.some((m) => m.type === 'ui:data-import')).toBe(false);
    fireEvent.click(getByRole('button', { name: 'Import and replace' }));
    await waitFor(() => expect(sent).toContainEqual({ type: 'ui:data-import', data: incoming }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
  });
});

describe('delete everything', () => {
  it('asks first, and cancelling deletes nothing', async () => {
    const sent = setup();
    const { getByRole, findByText } = renderWithI18n(<DataSection onChanged={() => {}} />);
    fireEvent.click(getByRole('button', { name: 'Delete all my data' }));
    fireEvent.click(getByRole('button', { name: 'Cancel' }));
    expect(sent.some((m) => m.type === 'ui:data-delete-all')).toBe(false);
    fireEvent.click(getByRole('button', { name: 'Delete all my data' }));
    fireEvent.click(getByRole('button', { name: 'Delete everything' }));
    expect(await findByText('All your data was deleted.')).toBeTruthy();
    expect(sent).toContainEqual({ type: 'ui:data-delete-all' });
  });
});

describe('profile', () => {
  it('adds a typed site as its registrable domain, and refuses what is not a website', async () => {
    const sent = setup();
    const reload = vi.fn();
    const { getByRole, getByLabelText, findByRole } = renderWithI18n(
      <ProfileSection profiles={[]} setProfiles={() => {}} failed={false} reload={reload} />,
    );
    fireEvent.input(getByLabelText('Add a site'), { target: { value: 'https://www.Coupang.com/np/search' } });
    fireEvent.click(getByRole('button', { name: 'Add' }));
    expect(sent).toContainEqual({ type: 'ui:profile-add-site', site: 'coupang.com' });
    fireEvent.input(getByLabelText('Add a site'), { target: { value: 'localhost' } });
    fireEvent.click(getByRole('button', { name: 'Add' }));
    expect((await findByRole('alert')).textContent).toBe('Enter a website address such as coupang.com.');
  });
});
