// @vitest-environment happy-dom
// The popup with the user's profile: exposure per breach, the chip editor and the checklist.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fireEvent, waitFor } from '@testing-library/preact';
import { App } from '@/entrypoints/popup/app';
import type { SiteProfile } from '@/utils/profile/types';
import { coupang, report, verdict } from './coupang';
import { renderWithI18n } from './render';

type Sent = { type: string; [k: string]: unknown };

const profile: SiteProfile = {
  site: 'coupang.com',
  details: (['email', 'phone', 'address'] as const).map((detail) => ({ detail, source: 'entered' as const, at: 1 })),
  addedAt: 1,
  updatedAt: 1,
};

function setup(answers: Record<string, unknown>) {
  const sent: Sent[] = [];
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 3, url: 'https://www.coupang.com/' }] as never);
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    const m = message as Sent;
    sent.push(m);
    if (m.type === 'ui:profile-set-detail') return { ...profile, details: [...profile.details, { detail: m.detail, source: 'entered', at: 2 }] };
    if (m.type === 'ui:checklist-set') return { ...m, at: 2 };
    return answers[m.type] ?? null;
  });
  return sent;
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('popup with a profile', () => {
  it('shows exactly the details the user gave as may be exposed, and saves chips and ticks at once', async () => {
    const sent = setup({
      'ui:site-report': report([verdict(coupang)]),
      'ui:profile-get': { profile, checklist: [{ site: 'coupang.com', breachId: 'Coupang2025', stepId: 'phone.smishing', done: true, at: 1 }] },
      'ui:access-status': { wanted: [], missing: [] },
    });
    const { container, findByText, getByRole } = renderWithI18n(<App />);
    expect(await findByText('Your email addresses, phone numbers, and delivery addresses may be exposed.')).toBeTruthy();
    expect(sent).toContainEqual({ type: 'ui:profile-get', site: 'coupang.com' });
    const exposed = [...container.querySelectorAll('.may-be-exposed li')].map((li) => li.getAttribute('data-detail'));
    expect(exposed).toEqual(['email', 'phone', 'address']);
    expect(container.querySelector('.your-details-summary')?.textContent).toContain('email addresses, phone numbers, and delivery addresses');

    fireEvent.click(getByRole('button', { name: 'Add names to your details at coupang.com' }));
    expect(sent).toContainEqual({ type: 'ui:profile-set-detail', site: 'coupang.com', detail: 'name', on: true });
    await waitFor(() => expect([...container.querySelectorAll('.may-be-exposed li')].map((li) => li.getAttribute('data-detail'))).toEqual(['name', 'email', 'phone', 'address']));

    fireEvent.click(getByRole('checkbox', { name: /hang up and call back/ }));
    expect(sent).toContainEqual({ type: 'ui:checklist-set', site: 'coupang.com', breachId: 'Coupang2025', stepId: 'phone.call-back', done: true });
    expect(container.querySelector('.progress-text')?.textContent).toMatch(/^2 of \d+ done$/);
  });

  it('without a profile, invites the user and counts everything taken', async () => {
    setup({ 'ui:site-report': report([verdict(coupang)]), 'ui:profile-get': { profile: null, checklist: [] }, 'ui:access-status': { wanted: [], missing: [] } });
    const { container, findByText } = renderWithI18n(<App />);
    expect(await findByText(/What did you give coupang.com\?/)).toBeTruthy();
    expect(container.querySelector('.your-details button.chip')).toBeNull(); // folded: the breach stays in view
    expect(container.querySelectorAll('.may-be-exposed li').length).toBe(6);
  });

  it('links to all my exposures', async () => {
    setup({ 'ui:site-report': report([], 'example.com'), 'ui:profile-get': { profile: null, checklist: [] }, 'ui:access-status': { wanted: [], missing: [] } });
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    vi.spyOn(window, 'close').mockImplementation(() => {});
    const { findByRole } = renderWithI18n(<App />);
    fireEvent.click(await findByRole('button', { name: 'All my exposures' }));
    expect(create).toHaveBeenCalledWith({ url: fakeBrowser.runtime.getURL('/exposures.html') });
  });
});
