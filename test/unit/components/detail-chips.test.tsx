// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent } from '@testing-library/preact';
import { DetailChips, SiteDetailsEditor } from '@/components/detail-chips';
import type { SiteProfile } from '@/utils/profile/types';
import { renderWithI18n } from './render';

const profile: SiteProfile = {
  site: 'coupang.com',
  details: [
    { detail: 'email', source: 'entered', at: 1 },
    { detail: 'phone', source: 'observed', at: 2 },
    { detail: 'health', source: 'entered', at: 3 },
  ],
  addedAt: 1,
  updatedAt: 3,
};

const pressed = (root: Element) => [...root.querySelectorAll('button.chip[aria-pressed="true"]')].map((b) => b.getAttribute('data-detail'));

describe('detail chips', () => {
  it('shows chosen details pressed, marks observed ones, and reports every press at once', () => {
    const onToggle = vi.fn();
    const { container, getByRole } = renderWithI18n(<DetailChips site="coupang.com" profile={profile} onToggle={onToggle} label="Your details at coupang.com" />);
    expect(pressed(container)).toEqual(['email', 'phone', 'health']);
    // A chosen detail that is not common stays outside "more" so it is never hidden.
    expect(container.querySelector('.chips-more [data-detail="health"]')).toBeNull();
    expect(container.querySelector('.chips-more [data-detail="photos"]')).not.toBeNull();
    const phone = container.querySelector('[data-detail="phone"]')!;
    expect(phone.textContent).toContain('(from a form)');
    expect(phone.getAttribute('title')).toContain('never what you typed');
    fireEvent.click(getByRole('button', { name: /Email addresses/i }));
    expect(onToggle).toHaveBeenLastCalledWith('email', false);
    fireEvent.click(getByRole('button', { name: /Delivery addresses/i }));
    expect(onToggle).toHaveBeenLastCalledWith('address', true);
    expect(getByRole('group', { name: 'Your details at coupang.com' })).toBeTruthy();
  });

  it('in Korean', () => {
    const { getByRole } = renderWithI18n(<DetailChips site="coupang.com" profile={profile} onToggle={() => {}} label="x" />, 'ko');
    expect(getByRole('button', { name: /공동현관 출입번호/ }).getAttribute('aria-pressed')).toBe('false');
    expect(getByRole('button', { name: /전화번호/ }).textContent).toContain('(양식에서 확인)');
  });
});

describe('"Your details at this site"', () => {
  it('in the popup, invites the user on a breached site with no profile, keeping the breach in view', () => {
    const { getByText, getByRole, container } = renderWithI18n(<SiteDetailsEditor site="coupang.com" profile={null} onToggle={() => {}} breached collapsible />);
    expect(getByText(/What did you give coupang.com\?/)).toBeTruthy();
    expect(container.querySelector('button.chip')).toBeNull();
    fireEvent.click(getByRole('button', { name: 'Choose what I gave' }));
    expect(container.querySelectorAll('button.chip').length).toBeGreaterThan(10);
  });

  it('in the popup, folds a recorded profile into one line with a "Change" button', () => {
    const { getByText, getByRole, container } = renderWithI18n(<SiteDetailsEditor site="coupang.com" profile={profile} onToggle={() => {}} breached collapsible />);
    expect(getByText('email addresses, phone numbers, and health information')).toBeTruthy();
    expect(getByRole('heading', { name: 'Your details at coupang.com:' })).toBeTruthy();
    expect(container.querySelector('button.chip')).toBeNull();
    fireEvent.click(getByRole('button', { name: 'Change' }));
    expect(container.querySelector('button.chip')).not.toBeNull();
    fireEvent.click(getByRole('button', { name: 'Done' }));
    expect(container.querySelector('button.chip')).toBeNull();
  });

  it('on the details page, shows the chips at once', () => {
    const { container, getByRole } = renderWithI18n(<SiteDetailsEditor site="coupang.com" profile={profile} onToggle={() => {}} breached />);
    expect(pressed(container)).toEqual(['email', 'phone', 'health']);
    expect(getByRole('heading', { name: 'Your details at coupang.com' })).toBeTruthy();
  });

  it('on a site without breaches, offers to add details without pushing the chips', () => {
    const { getByRole, getByText, container } = renderWithI18n(<SiteDetailsEditor site="kurly.com" profile={null} onToggle={() => {}} breached={false} collapsible />);
    expect(getByText(/if it is ever breached/)).toBeTruthy();
    expect(container.querySelector('button.chip')).toBeNull();
    fireEvent.click(getByRole('button', { name: 'Add my details' }));
    expect(container.querySelector('button.chip')).not.toBeNull();
  });
});
