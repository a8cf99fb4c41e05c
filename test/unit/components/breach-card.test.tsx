// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPurifier } from '@/components/safe-description';
import { within } from '@testing-library/preact';
import { BreachCard } from '@/components/breach-card';
import { makeBreach } from '../../helpers/breach';
import { coupang, verdict } from './coupang';
import { renderWithI18n } from './render';

function items(container: Element, selector: string): string[] {
  return [...container.querySelectorAll(`${selector} li`)].map((li) => li.textContent ?? '');
}


// Descriptions render once the sanitiser's chunk is loaded (test/unit/components/safe-description.test.tsx).
beforeAll(() => loadPurifier());
describe('BreachCard', () => {
  it('shows what a Coupang-like breach exposed and did not, in plain words', () => {
    const { container, getByRole } = renderWithI18n(<BreachCard verdict={verdict(coupang)} site="coupang.com" />);
    expect(getByRole('heading', { name: 'Coupang' })).toBeTruthy();
    expect(items(container, '.details-exposed')).toEqual([
      'names',
      'email addresses',
      'phone numbers',
      'delivery addresses',
      'building entrance codes',
      'order history',
    ]);
    expect(items(container, '.details-not-exposed')).toEqual(['payment card details', 'bank account numbers', 'passwords']);
    // The source's own class names stay available.
    const entrance = container.querySelector('.details-exposed li[data-detail="entrance-code"]');
    expect(entrance?.getAttribute('title')).toBe('Delivery instructions');
    expect(container.querySelector('.raw-classes')?.textContent).toContain('Delivery instructions');
  });

  it('gives severity as a word, and the real dates and count', () => {
    const { container } = renderWithI18n(<BreachCard verdict={verdict(coupang)} site="coupang.com" />);
    expect(container.querySelector('.severity')?.textContent).toContain('Medium risk');
    const text = container.textContent ?? '';
    expect(text).toContain('33,673,817 accounts affected');
    expect(text).toContain('June 24, 2025 – November 8, 2025');
    expect(text).toContain('November 29, 2025');
  });

  it('lists what to do now for every exposed detail, with Korea’s 118 line for a KR breach', () => {
    const { container } = renderWithI18n(<BreachCard verdict={verdict(coupang)} site="coupang.com" />);
    const ids = [...container.querySelectorAll('.steps li')].map((li) => li.getAttribute('data-step-id'));
    expect(ids).toEqual(
      expect.arrayContaining(['phone.smishing', 'phone.call-back', 'entrance-code.change', 'address.fake-delivery', 'order-history.fake-orders', 'email.phishing', 'name.not-proof', 'general.kisa-118', 'general.official-notice']),
    );
    expect(ids).not.toContain('password.change-here');
    expect(container.querySelector('[data-step-id="phone.call-back"]')?.textContent).toContain('claiming to be coupang.com');
    expect(container.textContent).toContain('Call 118');
  });

  it('links only https sources, in a new tab without an opener', () => {
    const { container } = renderWithI18n(<BreachCard verdict={verdict(coupang)} site="coupang.com" />);
    const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
    expect(hrefs).toContain('https://news.sbs.co.kr/news/endPage.do?news_id=N1008352569');
    expect(hrefs).not.toContain('http://insecure.example.com/');
    for (const a of container.querySelectorAll('a')) {
      expect(a.getAttribute('href')).toMatch(/^https:\/\//);
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toContain('noopener');
    }
  });

  it('credits Have I Been Pwned on cards from HIBP, and links the change-password page', () => {
    const hibp = makeBreach({ id: 'Shop', source: 'hibp', title: 'Shop', domains: ['shop.example'], country: null, dataClasses: ['Email addresses', 'Passwords'] });
    const { container, getByText } = renderWithI18n(<BreachCard verdict={verdict(hibp, { severity: 'high' })} site="shop.example" />);
    expect(getByText('Breach data: Have I Been Pwned (CC BY 4.0)').closest('a')?.getAttribute('href')).toBe('https://haveibeenpwned.com/');
    const change = container.querySelector('[data-step-id="password.change-here"] a');
    expect(change?.getAttribute('href')).toBe('https://shop.example/.well-known/change-password');
    expect(container.textContent).not.toContain('118');
    expect(container.querySelector('.severity')?.textContent).toContain('High risk');
  });

  it('says when the count or an end of the exposure window is unknown', () => {
    const b = makeBreach({ pwnCount: null, exposureWindow: { start: null, end: '2025-04-30' } });
    const { container } = renderWithI18n(<BreachCard verdict={verdict(b)} site="coupang.com" />);
    expect(container.textContent).toContain('Number not disclosed');
    expect(container.textContent).toContain('unknown – April 30, 2025');
  });

  it('marks a breach that does not warn with its reason in plain words', () => {
    const old = verdict(makeBreach({ addedDate: '2015-01-01T00:00:00Z' }), { badge: false, notice: false, reason: 'too-old' });
    const { container } = renderWithI18n(<BreachCard verdict={old} site="coupang.com" ageWindowDays={730} compact />);
    expect(container.querySelector('.reason')?.textContent).toBe('Older breach (added more than 2 years ago): no warning shown.');
    // Folded in the popup, but still there.
    expect(container.querySelector('details.quiet-body')).toBeTruthy();
  });

  it('tells the user a fabricated breach needs no action, and offers no steps', () => {
    const fake = verdict(makeBreach({ id: 'TemuAlleged2024' }), { badge: false, notice: false, reason: 'fabricated' });
    const { container } = renderWithI18n(<BreachCard verdict={fake} site="temu.com" />);
    expect(container.querySelector('.reason')?.textContent).toContain('fabricated: no action needed');
    expect(container.querySelector('.steps')).toBeNull();
  });

  it('neutralises <img onerror>, scripts and javascript: links in descriptions', () => {
    const evil = makeBreach({
      description:
        'Hi <img src=x onerror="globalThis.pwned=1"><script>globalThis.pwned=2</script>' +
        '<a href="javascript:globalThis.pwned=3">click</a> <a href="http://plain.example/">plain</a> ' +
        '<a href="https://ok.example/" onclick="x()">ok</a> <b style="color:red">bold</b><svg onload="globalThis.pwned=4"></svg>',
    });
    const { container } = renderWithI18n(<BreachCard verdict={verdict(evil)} site="coupang.com" />);
    const desc = container.querySelector('.description')!;
    expect(desc.querySelector('img, script, svg, [onerror], [onclick], [onload], [style]')).toBeNull();
    expect(desc.innerHTML).not.toMatch(/javascript:|onerror|onclick|onload/i);
    const links = [...desc.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://ok.example/']);
    expect(links[0].getAttribute('rel')).toBe('noopener noreferrer');
    expect(links[0].getAttribute('target')).toBe('_blank');
    expect(desc.textContent).toContain('click');
    expect(desc.textContent).toContain('plain');
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it('shows the Korean title, description and detail words in a Korean UI', () => {
    const { container, getByRole } = renderWithI18n(<BreachCard verdict={verdict(coupang)} site="coupang.com" />, 'ko');
    expect(getByRole('heading', { name: '쿠팡' })).toBeTruthy();
    expect(container.querySelector('.description')?.textContent).toContain('서명 키');
    const exposed = container.querySelector('.details-exposed') as HTMLElement;
    expect(within(exposed).getByText('공동현관 출입번호')).toBeTruthy();
    expect(container.textContent).toContain('유출되지 않은 정보');
    expect(container.textContent).toContain('118');
  });

  it('keeps the English title in an English UI', () => {
    const { queryByText } = renderWithI18n(<BreachCard verdict={verdict(coupang)} site="coupang.com" />, 'en');
    expect(queryByText('쿠팡')).toBeNull();
  });

  it('links nowhere for a sensitive breach: no sources, notice, description or site links', () => {
    const sensitive = makeBreach({
      id: 'AdultSite',
      source: 'hibp',
      domains: ['adult.example'],
      dataClasses: ['Email addresses', 'Passwords'],
      description: 'In 2024, <a href="https://news.example/story">a report</a> said the site was breached.',
      officialNotice: 'https://adult.example/notice',
      sources: ['https://news.example/story'],
      flags: { ...makeBreach().flags, sensitive: true },
    });
    const { container } = renderWithI18n(<BreachCard verdict={verdict(sensitive)} site="adult.example" />);
    const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs.filter((h) => !h?.startsWith('https://haveibeenpwned.com'))).toEqual([]);
    expect(container.textContent).toContain('a report said the site was breached');
    // The password step stays, without its link to the site.
    expect(container.querySelector('[data-step-id="password.change-here"]')).not.toBeNull();
  });
});
