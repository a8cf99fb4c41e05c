import { describe, expect, it } from 'vitest';
import { curatedToRecord, hibpToRecord, mergeRecords, normaliseDomain, normaliseDomains, type CuratedBreach, type HibpBreach } from '../../utils/feed/normalise';
import { sanitiseDescription } from '../../scripts/lib/sanitise';

/** A real HIBP record (000webhost) as the API returns it. */
const hibp: HibpBreach = {
  Name: '000webhost',
  Title: '000webhost',
  Domain: '000webhost.com',
  BreachDate: '2015-03-01',
  AddedDate: '2015-10-26T23:35:45Z',
  ModifiedDate: '2017-12-10T21:44:27Z',
  PwnCount: 14936670,
  Description:
    'In approximately March 2015, the free web hosting provider <a href="http://www.troyhunt.com/2015/10/breaches-traders-plain-text-passwords.html" target="_blank" rel="noopener">000webhost suffered a major data breach</a> that exposed almost 15 million customer records.',
  DisclosureUrl: null,
  DataClasses: ['Email addresses', 'IP addresses', 'Names', 'Passwords'],
  IsVerified: true,
  IsFabricated: false,
  IsSensitive: false,
  IsRetired: false,
  IsSpamList: false,
  IsMalware: false,
  IsStealerLog: false,
};

const curated: CuratedBreach = {
  Name: 'Coupang2025',
  Title: 'Coupang',
  TitleKo: '쿠팡',
  Domain: 'coupang.com',
  Domains: ['coupang.com', 'coupangeats.com', 'www.coupangplay.com'],
  BreachDate: '2025-06-24',
  ExposureStart: '2025-06-24',
  ExposureEnd: '2025-11-08',
  DisclosureDate: '2025-11-29',
  AddedDate: '2025-11-29T00:00:00Z',
  ModifiedDate: '2025-12-01T00:00:00Z',
  PwnCount: 33673817,
  Description: 'A former employee used a signing key that was not revoked <script>alert(1)</script> & forged tokens.\nSecond line.',
  DataClasses: ['Names', 'Email addresses'],
  NotExposed: ['Passwords'],
  IsVerified: true,
  IsFabricated: false,
  IsSensitive: false,
  IsRetired: false,
  IsSpamList: false,
  IsMalware: false,
  IsStealerLog: false,
  OfficialNotice: 'https://news.coupang.com/archives/58907',
  Sources: ['https://news.sbs.co.kr/news/endPage.do?news_id=N1008352569', 'http://www.koreaherald.com/view.php?ud=1'],
  Country: 'KR',
};

describe('normaliseDomain', () => {
  it.each([
    ['OwnedCore.com', 'ownedcore.com'],
    ['https://www.crunchyroll.com/', 'crunchyroll.com'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['Shop.Example.co.uk.:8443/path', 'shop.example.co.uk'],
    ['forums.boxee.com', 'forums.boxee.com'],
    // `www.gov.uk` is a registrable domain itself: stripping `www.` would leave a public suffix.
    ['www.gov.uk', 'www.gov.uk'],
  ])('%s -> %s', (input, expected) => {
    expect(normaliseDomain(input)).toEqual({ ok: true, domain: expected });
  });

  it.each([
    ['co.uk', 'a public suffix'],
    ['127.0.0.1', 'an IP address'],
    ['[::1]', 'an IP address'],
    ['localhost', 'a single label'],
    ['example.local', 'not under a known public suffix'],
    ['', 'empty'],
  ])('rejects %j (%s)', (input, reason) => {
    expect(normaliseDomain(input)).toEqual({ ok: false, reason });
  });

  it('dedupes after normalising and reports each change', () => {
    const { domains, notes } = normaliseDomains(['coupang.com', 'WWW.Coupang.com', 'co.kr', 'coupangeats.com']);
    expect(domains).toEqual(['coupang.com', 'coupangeats.com']);
    expect(notes).toEqual(['domain "WWW.Coupang.com" -> "coupang.com"', 'dropped domain "co.kr": a public suffix']);
  });
});

describe('sanitiseDescription', () => {
  // An https link after an unlinked one also guards against sanitize-html closing it as the
  // marker tag (a stale rename in 2.18; see scripts/lib/sanitise.ts).
  it('turns an http link into its text and keeps https links, with our rel/target', () => {
    const { html, changes } = sanitiseDescription('See <a href="http://example.com/x">the report</a> and <a href="https://example.com/y" rel="opener">this</a>.');
    expect(html).toBe('See the report and <a href="https://example.com/y" rel="noopener noreferrer" target="_blank">this</a>.');
    expect(changes).toEqual(['unlinked 1 non-https link(s), text kept (http://example.com/x)']);
  });

  it('removes script, event handlers and javascript: links', () => {
    const { html, changes } = sanitiseDescription('<em onclick="steal()">Hi</em><script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">go</a>');
    expect(html).toBe('<em>Hi</em>go');
    expect(html).not.toMatch(/script|onerror|onclick|javascript/);
    expect(changes).toContain('removed tag(s) <script> <img>');
    expect(changes).toContain('removed attribute(s) onclick');
  });

  it('maps <b>/<i>, decodes entities and re-escapes what must be', () => {
    expect(sanitiseDescription('<b>AT&amp;T</b> <i>isn&#39;t</i> 1 &lt; 2<br>').html).toBe('<strong>AT&amp;T</strong> <em>isn\'t</em> 1 &lt; 2<br />');
  });

  it('unlinks an href broken by missing quotes (HIBP Paytm)', () => {
    const { html } = sanitiseDescription('<a href="https://twitter.com/troyhunt/status/1 target="_blank" rel="noopener">the breach was fabricated</a>');
    expect(html).toBe('the breach was fabricated');
  });
});

describe('hibpToRecord', () => {
  it('maps an HIBP breach, with no invented window, country or disclosure date', () => {
    const result = hibpToRecord(hibp, sanitiseDescription);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record).toMatchObject({
      id: '000webhost',
      source: 'hibp',
      domains: ['000webhost.com'],
      exposureWindow: { start: null, end: null },
      disclosureDate: null,
      country: null,
      pwnCount: 14936670,
      flags: { verified: true, fabricated: false, sensitive: false, retired: false, spamList: false, malware: false, stealerLog: false },
    });
    // The http link is gone; its text stays.
    expect(result.record.description).toContain('provider 000webhost suffered a major data breach that exposed');
    expect(result.record.description).not.toContain('<a');
    expect(result.repairs).toEqual(['description: unlinked 1 non-https link(s), text kept (http://www.troyhunt.com/2015/10/breaches-traders-plain-text-passwords.html)']);
  });

  it('normalises a URL in Domain (HIBP Crunchyroll) and reports it', () => {
    const result = hibpToRecord({ ...hibp, Name: 'Crunchyroll', Domain: 'https://www.crunchyroll.com/' }, sanitiseDescription);
    expect(result.ok && result.record.domains).toEqual(['crunchyroll.com']);
    expect(result.repairs[0]).toBe('domain "https://www.crunchyroll.com/" -> "crunchyroll.com"');
  });

  it('drops a breach with no Domain', () => {
    expect(hibpToRecord({ ...hibp, Domain: '' }, sanitiseDescription)).toMatchObject({ ok: false, id: '000webhost', reason: 'no Domain, so it cannot match a site' });
  });

  it('rejects a record missing BreachDate, naming its id and the bad path', () => {
    const { BreachDate: _, ...noDate } = hibp;
    const result = hibpToRecord(noDate as HibpBreach, sanitiseDescription);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.id).toBe('000webhost');
    expect(result.reason).toMatch(/^invalid at breachDate: /);
  });

  it('keeps an https DisclosureUrl as the official notice and drops an http one', () => {
    const https = hibpToRecord({ ...hibp, DisclosureUrl: 'https://www.aura.com/press/release/statement' }, sanitiseDescription);
    expect(https.ok && https.record.officialNotice).toBe('https://www.aura.com/press/release/statement');
    const http = hibpToRecord({ ...hibp, DisclosureUrl: 'http://example.com/notice' }, sanitiseDescription);
    expect(http.ok && http.record.officialNotice).toBeNull();
    expect(http.repairs).toContain('dropped DisclosureUrl link "http://example.com/notice": not https');
  });
});

describe('curatedToRecord', () => {
  it('maps a curated breach: domains, window, notice, https sources, escaped text', () => {
    const result = curatedToRecord(curated, sanitiseDescription);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record).toMatchObject({
      id: 'Coupang2025',
      source: 'curated',
      titleKo: '쿠팡',
      domains: ['coupang.com', 'coupangeats.com', 'coupangplay.com'],
      exposureWindow: { start: '2025-06-24', end: '2025-11-08' },
      disclosureDate: '2025-11-29',
      notExposed: ['Passwords'],
      officialNotice: 'https://news.coupang.com/archives/58907',
      sources: ['https://news.sbs.co.kr/news/endPage.do?news_id=N1008352569'],
      country: 'KR',
    });
    // Our text is text: markup in it is shown, never run.
    expect(result.record.description).toBe(
      'A former employee used a signing key that was not revoked &lt;script&gt;alert(1)&lt;/script&gt; &amp; forged tokens.<br />Second line.',
    );
    expect(result.repairs).toContain('dropped Sources link "http://www.koreaherald.com/view.php?ud=1": not https');
  });

  it('rejects a curated record missing BreachDate with its id', () => {
    const result = curatedToRecord({ ...curated, BreachDate: undefined as unknown as string }, sanitiseDescription);
    expect(result).toMatchObject({ ok: false, id: 'Coupang2025' });
    expect(!result.ok && result.reason).toMatch(/breachDate/);
  });
});

describe('mergeRecords', () => {
  it('lets the curated record win where it has a value and unions domains', () => {
    const base = hibpToRecord({ ...hibp, Name: 'Coupang2025', Domain: 'coupang.com', PwnCount: 1 }, sanitiseDescription);
    const over = curatedToRecord({ ...curated, Domains: ['coupangeats.com'], PwnCount: null }, sanitiseDescription);
    if (!base.ok || !over.ok) throw new Error('fixtures must be valid');
    const merged = mergeRecords(base.record, over.record);
    expect(merged.domains).toEqual(['coupang.com', 'coupangeats.com']);
    expect(merged.source).toBe('curated');
    expect(merged.title).toBe('Coupang');
    expect(merged.pwnCount).toBe(1); // curated had none
    expect(merged.exposureWindow).toEqual({ start: '2025-06-24', end: '2025-11-08' });
    expect(merged.modifiedDate).toBe('2025-12-01T00:00:00Z');
  });
});
