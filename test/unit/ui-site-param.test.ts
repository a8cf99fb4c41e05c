import { describe, expect, it } from 'vitest';
import { parseSiteParam } from '@/utils/ui/site-param';

describe('details page ?site=', () => {
  it('turns IDNs into punycode', () => expect(parseSiteParam('?site=쿠팡.kr')).toMatch(/^xn--[a-z0-9-]+\.kr$/));

  it.each([
    ['?site=coupang.com', 'coupang.com'],
    ['?site=Coupang.COM', 'coupang.com'],
    ['?site=%EC%BF%A0%ED%8C%A1.kr', new URL('https://쿠팡.kr/').hostname],
    ['?site=coupang.com.', 'coupang.com'],
  ])('accepts %s', (search, site) => expect(parseSiteParam(search)).toBe(site));

  it.each(['', '?site=', '?site=localhost', '?site=1.2.3.4', '?site=coupang.com/x', '?site=coupang.com:8080', '?site=a@coupang.com', '?site=javascript:alert(1)', '?site=%3Cscript%3E', '?site=bad..site', `?site=${'a'.repeat(300)}.com`])(
    'rejects %s',
    (search) => expect(parseSiteParam(search)).toBeNull(),
  );
});
