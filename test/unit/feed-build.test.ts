import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFeed, chooseSequence, serialiseFeed } from '../../utils/feed/build';
import { normaliseDomain, type CuratedBreach, type HibpBreach } from '../../utils/feed/normalise';
import { FeedDocument } from '../../utils/feed/schema';
import { sanitiseDescription } from '../../scripts/lib/sanitise';

const HIBP_FILE = 'feed-sources/hibp-breaches.json';
const CURATED_FILE = 'feed-sources/curated-breaches.json';
const FEED_FILE = 'public/feed/feed.json';

const flags = { IsVerified: true, IsFabricated: false, IsSensitive: false, IsRetired: false, IsSpamList: false, IsMalware: false, IsStealerLog: false };
function hibp(name: string, domain: string, extra: Partial<HibpBreach> = {}): HibpBreach {
  return {
    Name: name,
    Title: name,
    Domain: domain,
    BreachDate: '2020-01-01',
    AddedDate: '2020-02-01T00:00:00Z',
    ModifiedDate: '2020-02-02T00:00:00Z',
    PwnCount: 10,
    Description: `${name} was breached.`,
    DataClasses: ['Email addresses'],
    ...flags,
    ...extra,
  };
}
function curated(name: string, domains: string[], extra: Partial<CuratedBreach> = {}): CuratedBreach {
  return {
    Name: name,
    Title: name,
    Domains: domains,
    BreachDate: '2025-01-01',
    AddedDate: '2025-02-01T00:00:00Z',
    ModifiedDate: '2025-03-01T00:00:00Z',
    PwnCount: null,
    Description: `${name} was breached.`,
    DataClasses: ['Names'],
    Sources: [`https://news.example/${name}`],
    ...flags,
    ...extra,
  };
}
const build = (h: unknown[], c: unknown[], generated?: string) => buildFeed({ hibp: h, curated: c }, { sanitise: sanitiseDescription, sequence: 1, generated });

describe('buildFeed', () => {
  it('sorts by id, dates the feed from its newest record, and credits both sources', () => {
    const { document, report } = build([hibp('Zeta', 'zeta.com'), hibp('Alpha', 'alpha.com')], [curated('Mid2025', ['mid.co.kr'])]);
    expect(document.breaches.map((b) => b.id)).toEqual(['Alpha', 'Mid2025', 'Zeta']);
    expect(document.generated).toBe('2025-03-01T00:00:00Z');
    expect(document.attributions.map((a) => a.name)).toEqual(['Have I Been Pwned', 'Exposure Watch curated breaches']);
    expect(report).toMatchObject({ hibpIn: 2, curatedIn: 1, out: 3, dropped: [], errors: [] });
  });

  it('drops HIBP records without a usable domain or with bad fields, and reports why', () => {
    const { document, report } = build([hibp('NoDomain', ''), hibp('Suffix', 'co.uk'), hibp('BadDate', 'bad.com', { BreachDate: '2020-13-01' }), hibp('Good', 'good.com')], []);
    expect(document.breaches.map((b) => b.id)).toEqual(['Good']);
    expect(report.dropped).toEqual([
      'NoDomain: no Domain, so it cannot match a site',
      'Suffix: no usable domain (dropped domain "co.uk": a public suffix)',
      expect.stringMatching(/^BadDate: invalid at breachDate: /),
    ]);
    expect(report.errors).toEqual([]);
  });

  it('reports an invalid curated record as an error naming its id', () => {
    const { BreachDate: _, ...noDate } = curated('Broken2025', ['broken.com']);
    const { document, report } = build([], [noDate, curated('Fine2025', ['fine.com'])]);
    expect(report.errors).toEqual([expect.stringMatching(/^Broken2025: invalid at breachDate: /)]);
    expect(document.breaches.map((b) => b.id)).toEqual(['Fine2025']);
  });

  it('merges duplicate ids: curated wins where it has a value, domains are unioned', () => {
    const { document, report } = build(
      [hibp('Shop', 'shop.com', { PwnCount: 500 }), hibp('Shop', 'shop.co.uk')],
      [curated('Shop', ['shop.com', 'shop.co.kr'], { Title: 'Shop Inc.', Country: 'KR', HIBPName: 'Shop' })],
    );
    expect(document.breaches).toHaveLength(1);
    // pwnCount: the later HIBP copy's 10 stands, since the curated record has none.
    expect(document.breaches[0]).toMatchObject({ id: 'Shop', source: 'curated', title: 'Shop Inc.', country: 'KR', pwnCount: 10 });
    expect(document.breaches[0].domains).toEqual(['shop.com', 'shop.co.uk', 'shop.co.kr']);
    expect(report.merged).toHaveLength(2);
  });

  it('refuses a curated id that clashes with an HIBP id unless the merge is asked for', () => {
    const { document, report } = build([hibp('000webhost', '000webhost.com')], [curated('000webhost', ['coupang.com'])]);
    expect(report.errors).toEqual([expect.stringMatching(/^000webhost: id is already an HIBP breach id; set "HIBPName"/)]);
    expect(document.breaches.map((b) => b.domains)).toEqual([['000webhost.com']]);
  });

  it('refuses a curated record without an https source', () => {
    const { report } = build([], [curated('NoSource2025', ['nosource.com'], { Sources: ['http://news.example/x'] }), curated('Fine2025', ['fine.com'])]);
    expect(report.errors).toEqual([expect.stringMatching(/^NoSource2025: no https source/)]);
  });

  it('merges an HIBP breach named by a curated HIBPName under the curated id', () => {
    const { document } = build([hibp('ShopHibp', 'shop.com')], [curated('Shop2025', ['shop.co.kr'], { HIBPName: 'ShopHibp' })]);
    expect(document.breaches.map((b) => [b.id, b.domains])).toEqual([['Shop2025', ['shop.com', 'shop.co.kr']]]);
  });

  it('is deterministic and keeps the sequence only while the content is unchanged', () => {
    const first = build([hibp('Alpha', 'alpha.com')], []).document;
    const text = serialiseFeed({ ...first, sequence: 7 });
    expect(serialiseFeed({ ...build([hibp('Alpha', 'alpha.com')], []).document, sequence: 7 })).toBe(text);
    expect(chooseSequence(text, build([hibp('Alpha', 'alpha.com')], []).document)).toBe(7);
    expect(chooseSequence(text, build([hibp('Alpha', 'alpha.com'), hibp('Beta', 'beta.com')], []).document)).toBe(8);
    expect(chooseSequence(null, first)).toBe(1);
    expect(() => chooseSequence('not json', first)).toThrow(/not valid JSON/);
  });

  it('refuses sources that are not arrays', () => {
    expect(() => buildFeed({ hibp: {}, curated: [] }, { sanitise: sanitiseDescription, sequence: 1 })).toThrow(/HIBP source: expected a JSON array/);
  });
});

describe('the committed feed (public/feed/feed.json)', () => {
  const text = readFileSync(FEED_FILE, 'utf8');
  const feed = FeedDocument.parse(JSON.parse(text));
  const byId = new Map(feed.breaches.map((b) => [b.id, b]));

  it('contains every HIBP breach from feed-sources that has a usable Domain', () => {
    const source = JSON.parse(readFileSync(HIBP_FILE, 'utf8')) as HibpBreach[];
    const usable = source.filter((b) => b.Domain && normaliseDomain(b.Domain).ok);
    // Only the domain-less ones may be missing: a usable domain that fails validation is a bug.
    expect(usable.length).toBe(source.filter((b) => b.Domain).length);
    const missing = usable.filter((b) => !byId.has(b.Name)).map((b) => b.Name);
    expect(missing).toEqual([]);
    expect(byId.get('Crunchyroll')?.domains).toEqual(['crunchyroll.com']);
    expect(byId.get('OwnedCore')?.domains).toEqual(['ownedcore.com']);
  });

  it('never links anything but https, and never ships scripts or handlers', () => {
    expect(text).not.toMatch(/href=\\"(?!https:)/);
    expect(text).not.toMatch(/<script|onerror=|onclick=|javascript:/i);
  });

  it('contains Coupang2025 from the curated source', () => {
    expect(byId.get('Coupang2025')).toMatchObject({
      source: 'curated',
      domains: ['coupang.com', 'coupangeats.com', 'coupangplay.com'],
      pwnCount: 33673817,
      exposureWindow: { start: '2025-06-24', end: '2025-11-08' },
      country: 'KR',
    });
  });

  it('is exactly what the sources build (run npm run feed:build)', () => {
    const sources = { hibp: JSON.parse(readFileSync(HIBP_FILE, 'utf8')), curated: JSON.parse(readFileSync(CURATED_FILE, 'utf8')) };
    const { document } = buildFeed(sources, { sanitise: sanitiseDescription, sequence: feed.sequence });
    // Compare without printing a megabyte on failure: name the first record that differs.
    if (serialiseFeed(document) !== text) {
      const stale = document.breaches.find((b, i) => JSON.stringify(b) !== JSON.stringify(feed.breaches[i]));
      expect.fail(`${FEED_FILE} does not match feed-sources (first difference: ${stale?.id ?? 'document header or length'})`);
    }
  });
});
