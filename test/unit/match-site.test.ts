import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { candidateDomains, hostMatchesDomain, originsFor, siteOf } from '@/utils/match/site';

/** The breach domains a URL can be matched against, or null (see utils/match/site.ts). */
const candidates = (url: string) => {
  const key = siteOf(url);
  return key ? candidateDomains(key) : null;
};

describe('siteOf / candidateDomains', () => {
  it('walks subdomains down to the registrable domain', () => {
    expect(candidates('https://login.coupang.com/login')).toEqual(['login.coupang.com', 'coupang.com']);
    expect(candidates('https://m.coupang.com/')).toEqual(['m.coupang.com', 'coupang.com']);
    expect(candidates('https://www.coupang.com/np/search?q=1')).toEqual(['www.coupang.com', 'coupang.com']);
  });

  it('uses the Public Suffix List for multi-label suffixes', () => {
    expect(siteOf('https://www.lottecard.co.kr/')).toEqual({ host: 'www.lottecard.co.kr', site: 'lottecard.co.kr' });
    expect(candidates('https://shop.tworld.co.kr/')).toEqual(['shop.tworld.co.kr', 'tworld.co.kr']);
  });

  it('never reaches a domain that only ends with the same letters', () => {
    const c = candidates('https://www.carnival.com/')!;
    expect(c).not.toContain('nival.com');
    expect(c.some((d) => hostMatchesDomain('www.carnival.com', d) && d === 'nival.com')).toBe(false);
    expect(hostMatchesDomain('www.carnival.com', 'nival.com')).toBe(false);
  });

  it('does not let a lookalike prefix match', () => {
    expect(candidates('https://coupang.com.example.net/')).toEqual(['coupang.com.example.net', 'com.example.net', 'example.net']);
    expect(candidates('https://coupang.com.example.net/')).not.toContain('coupang.com');
  });

  it('matches nothing for IPs, localhost, browser and file URLs, and junk', () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://[::1]:8080/',
      'http://192.168.0.1/shop',
      'http://localhost:3000/',
      'chrome://settings/',
      'chrome-extension://abc/popup.html',
      'about:blank',
      'file:///home/u/coupang.com.html',
      'not a url',
      'https://co.kr/',
      'https://com./',
    ]) {
      expect(siteOf(url), url).toBeNull();
    }
  });

  it('compares IDNs in punycode', () => {
    expect(siteOf('https://www.bücher.de/')).toEqual({ host: 'www.xn--bcher-kva.de', site: 'xn--bcher-kva.de' });
    expect(siteOf('https://쿠팡.한국/')?.site).toBe('xn--2l7bo3d.xn--3e0b707e');
  });

  it('ignores case and a trailing dot', () => {
    expect(siteOf('https://WWW.Coupang.COM./')).toEqual({ host: 'www.coupang.com', site: 'coupang.com' });
  });
});

describe('originsFor', () => {
  it('gives http and https patterns for a domain and its subdomains, dropping covered children', () => {
    expect(originsFor(['coupang.com', 'login.coupang.com', 'coupangeats.com'])).toEqual([
      '*://coupang.com/*',
      '*://*.coupang.com/*',
      '*://coupangeats.com/*',
      '*://*.coupangeats.com/*',
    ]);
  });

  it('drops exactly the domains under another one in the set (pairwise reference, random sets)', () => {
    // Labels from a tiny alphabet, so parents, look-alike suffixes (oupang.com) and chains are common.
    const domain = fc.array(fc.constantFrom('a', 'b', 'ab', 'ba', 'com'), { minLength: 2, maxLength: 4 }).map((l) => l.join('.'));
    fc.assert(
      fc.property(fc.array(domain, { maxLength: 30 }), (domains) => {
        const reference = [...new Set(domains)].filter((d) => !domains.some((k) => k !== d && hostMatchesDomain(d, k))).sort();
        expect(originsFor(domains)).toEqual(reference.flatMap((d) => [`*://${d}/*`, `*://*.${d}/*`]));
      }),
      { seed: 42 },
    );
  });

  it('a feed-sized list: fifty thousand domains with their subdomains', () => {
    const domains = Array.from({ length: 50_000 }, (_, i) => [`shop${i}.com`, `www.shop${i}.com`]).flat();
    const origins = originsFor(domains);
    expect(origins).toHaveLength(100_000);
    expect(origins.slice(0, 2)).toEqual(['*://shop0.com/*', '*://*.shop0.com/*']);
  });
});
