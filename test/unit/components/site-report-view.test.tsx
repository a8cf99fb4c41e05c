// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPurifier } from '@/components/safe-description';
import { SiteReportView } from '@/components/site-report-view';
import { makeBreach } from '../../helpers/breach';
import { coupang, report, verdict } from './coupang';
import { renderWithI18n } from './render';


// Descriptions render once the sanitiser's chunk is loaded (test/unit/components/safe-description.test.tsx).
beforeAll(() => loadPurifier());
describe('SiteReportView', () => {
  it('names the site when it has no known breaches', () => {
    const { getByRole, container } = renderWithI18n(<SiteReportView report={report([], 'example.com')} />);
    expect(getByRole('heading', { level: 1 }).textContent).toContain('No known breaches for example.com');
    expect(container.querySelector('.card')).toBeNull();
  });

  it('leads with the answer: the site leaked customer data, and when', () => {
    const { getByRole } = renderWithI18n(<SiteReportView report={report([verdict(coupang)])} compact />);
    expect(getByRole('heading', { level: 1 }).textContent).toBe('coupang.com leaked customer data in 2025');
  });

  it('says up front what the warning breaches did not take, only what all of them spared', () => {
    const { container } = renderWithI18n(<SiteReportView report={report([verdict(coupang)])} compact />);
    expect(container.querySelector('.lead-safe')?.textContent).toBe(
      '✓ Not taken, say the company or regulators: passwords, payment card details, and bank account numbers.',
    );
    // A second warning breach that took passwords leaves only what both spared.
    const second = verdict(makeBreach({ id: 'Coupang2026', dataClasses: ['Passwords'], notExposed: ['Credit cards'] }));
    const both = renderWithI18n(<SiteReportView report={report([verdict(coupang), second])} compact />);
    expect(both.container.querySelectorAll('.lead-safe')).toHaveLength(1);
    expect(both.container.querySelectorAll('.lead-safe')[0].textContent).toContain('Not taken, say the company or regulators: payment card details.');
  });

  it('lists non-warning breaches after warning ones, each with its reason', () => {
    const old = verdict(makeBreach({ id: 'Old', title: 'Old breach', breachDate: '2013-01-01' }), { badge: false, notice: false, reason: 'unverified', severity: 'low' });
    const { container } = renderWithI18n(<SiteReportView report={report([verdict(coupang), old])} compact />);
    const cards = [...container.querySelectorAll('.card')];
    expect(cards.map((c) => c.getAttribute('data-breach-id'))).toEqual(['Coupang2025', 'Old']);
    expect(cards[1].querySelector('.reason')?.textContent).toContain('Not verified');
  });

  it('says there is no current warning when only older reports exist', () => {
    const old = verdict(makeBreach({ addedDate: '2015-01-01T00:00:00Z' }), { badge: false, notice: false, reason: 'too-old' });
    const { getByRole } = renderWithI18n(<SiteReportView report={report([old])} />);
    expect(getByRole('heading', { level: 1 }).textContent).toBe('No current warning for coupang.com');
  });

  it('uses a given page heading and keeps the answer as the lead (details page)', () => {
    const { getByRole, container } = renderWithI18n(<SiteReportView report={report([verdict(coupang)])} heading="Data breaches at coupang.com" />);
    expect(getByRole('heading', { level: 1 }).textContent).toBe('Data breaches at coupang.com');
    expect(container.querySelector('.answer')?.textContent).toBe('coupang.com leaked customer data in 2025');
    expect(getByRole('heading', { level: 2, name: 'Coupang' })).toBeTruthy();
  });

  it('answers in Korean', () => {
    const { getByRole } = renderWithI18n(<SiteReportView report={report([verdict(coupang)])} />, 'ko');
    expect(getByRole('heading', { level: 1 }).textContent).toBe('coupang.com에서 2025년에 고객 정보가 유출되었습니다');
  });
});
