// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, waitFor } from '@testing-library/preact';
import { SiteAccess, sitesIn } from '@/components/site-access';
import { renderWithI18n } from './render';

const wanted = ['*://coupang.com/*', '*://*.coupang.com/*', '*://gsshop.com/*', '*://*.gsshop.com/*'];

describe('site access', () => {
  it('counts sites, not match patterns', () => {
    expect(sitesIn(wanted)).toBe(2);
    expect(sitesIn([])).toBe(0);
  });

  it('asks for exactly the missing patterns, synchronously in the click, and reports the result', async () => {
    const onRequest = vi.fn(() => Promise.resolve(true));
    const { getByRole, findByText } = renderWithI18n(
      <SiteAccess status={{ wanted, missing: wanted.slice(2) }} onRequest={onRequest} showLater />,
    );
    const button = getByRole('button', { name: 'Turn on warnings for 1 breached site' });
    fireEvent.click(button);
    expect(onRequest).toHaveBeenCalledTimes(1);
    expect(onRequest).toHaveBeenCalledWith(['*://gsshop.com/*', '*://*.gsshop.com/*']);
    expect(await findByText('Done: warnings are on for these sites.')).toBeTruthy();
  });

  it('says so when the user declines', async () => {
    const { getByRole, findByText } = renderWithI18n(<SiteAccess status={{ wanted, missing: wanted }} onRequest={() => Promise.resolve(false)} />);
    fireEvent.click(getByRole('button', { name: 'Turn on warnings for 2 breached sites' }));
    expect(await findByText(/You can turn them on later in the settings/)).toBeTruthy();
  });

  it('shows no button when everything is granted', async () => {
    const { queryByRole, getByText } = renderWithI18n(<SiteAccess status={{ wanted, missing: [] }} onRequest={() => Promise.resolve(true)} />);
    expect(queryByRole('button')).toBeNull();
    await waitFor(() => expect(getByText('Warnings are on for all 2 breached sites.')).toBeTruthy());
  });
});
