// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fireEvent, waitFor } from '@testing-library/preact';
import { App } from '@/entrypoints/popup/app';
import type { TabVerdict } from '@/utils/messaging/protocol';
import { coupang, report, verdict } from './coupang';
import { renderWithI18n } from './render';

type Sent = { type: string; [k: string]: unknown };

function setup(tab: { id?: number; url?: string } | undefined, answers: Record<string, unknown>) {
  const sent: Sent[] = [];
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue((tab ? [tab] : []) as never);
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    const m = message as Sent;
    sent.push(m);
    return answers[m.type] ?? null;
  });
  const request = vi.fn(async () => true);
  (fakeBrowser as unknown as { permissions: { request: typeof request } }).permissions.request = request;
  return { sent, request };
}

const access = { wanted: ['*://coupang.com/*', '*://*.coupang.com/*'], missing: ['*://coupang.com/*', '*://*.coupang.com/*'] };

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('popup', () => {
  it('asks for the site report when activeTab shows the URL, and leads with the answer', async () => {
    const { sent } = setup({ id: 3, url: 'https://www.coupang.com/np/search' }, { 'ui:site-report': report([verdict(coupang)]), 'ui:access-status': access });
    const { getByRole } = renderWithI18n(<App />);
    await waitFor(() => expect(getByRole('heading', { level: 1 }).textContent).toBe('coupang.com leaked customer data in 2025'));
    expect(sent).toContainEqual({ type: 'ui:site-report', url: 'https://www.coupang.com/np/search' });
    expect(sent.some((m) => m.type === 'ui:tab-verdict')).toBe(false);
  });

  it('falls back to the tab verdict when the URL is hidden', async () => {
    const held: TabVerdict = { url: 'https://www.coupang.com/', report: report([verdict(coupang)]) };
    const { sent } = setup({ id: 9 }, { 'ui:tab-verdict': held, 'ui:access-status': { wanted: [], missing: [] } });
    const { findByText } = renderWithI18n(<App />);
    expect(await findByText('coupang.com leaked customer data in 2025')).toBeTruthy();
    expect(sent).toContainEqual({ type: 'ui:tab-verdict', tabId: 9 });
  });

  it('explains a page that is not a website without asking the background about it', async () => {
    const { sent } = setup({ id: 1, url: 'chrome://newtab/' }, { 'ui:access-status': { wanted: [], missing: [] } });
    const { getByRole } = renderWithI18n(<App />);
    await waitFor(() => expect(getByRole('heading', { level: 1 }).textContent).toBe('Nothing to check on this page'));
    expect(sent.some((m) => m.type === 'ui:site-report')).toBe(false);
  });

  it('names the site when it has no known breaches', async () => {
    setup({ id: 1, url: 'https://example.com/' }, { 'ui:site-report': report([], 'example.com'), 'ui:access-status': { wanted: [], missing: [] } });
    const { getByRole } = renderWithI18n(<App />);
    await waitFor(() => expect(getByRole('heading', { level: 1 }).textContent).toContain('No known breaches for example.com'));
  });

  it('offers site access for the missing sites and requests exactly those on click', async () => {
    const { request } = setup({ id: 1, url: 'https://example.com/' }, { 'ui:site-report': report([], 'example.com'), 'ui:access-status': access });
    const { findByRole, getByText } = renderWithI18n(<App />);
    fireEvent.click(await findByRole('button', { name: 'Turn on warnings for 1 breached site' }));
    expect(request).toHaveBeenCalledWith({ origins: access.missing });
    await waitFor(() => expect(getByText('Done: warnings are on for these sites.')).toBeTruthy());
    expect(getByText('Breach data: Have I Been Pwned (CC BY 4.0)').closest('a')?.getAttribute('href')).toBe('https://haveibeenpwned.com/');
  });
});
