import { beforeEach, describe, expect, it } from 'vitest';
import { allBreaches, breachesForDomains, closeDb, db, replaceFeed } from '@/utils/db/feed-store';
import { ensureBundledFeed } from '@/utils/feed/bundled';
import { plainTextFeed, plainTextRecord, stripBidiControls } from '@/utils/feed/plain-text';
import { BreachRecord } from '@/utils/feed/schema';
import { serialiseFeed } from '@/utils/feed/build';
import { syncFeed } from '@/utils/feed/sync';
import { makeBreach, NOW } from '../helpers/breach';
import { feedDoc, makeKey, publish, scriptedFetch, serving } from '../helpers/feed-fetch';

/** Every character with Unicode's Bidi_Control property (UAX #9, table 4 and PropList.txt). */
const CONTROLS = ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const RLO = '\u202E';

describe('stripBidiControls', () => {
  it('removes each bidirectional control, wherever it is', () => {
    for (const c of CONTROLS) expect(stripBidiControls(`a${c}b${c}`), `U+${c.codePointAt(0)!.toString(16)}`).toBe('ab');
    expect(stripBidiControls(CONTROLS.join(''))).toBe('');
  });

  it('keeps everything else: Korean, Arabic letters, emoji with joiners, other invisible characters', () => {
    const text = '쿠팡 · متجر · 👩‍💻 · a\u200Bb\u200Dc\u00ADd · café';
    expect(stripBidiControls(text)).toBe(text);
  });

  it('turns the classic extension spoof back into what it is', () => {
    expect(stripBidiControls(`Invoice${RLO}gnp.exe`)).toBe('Invoicegnp.exe');
  });
});

describe('plainTextRecord', () => {
  it('returns the very same record when there is nothing to remove', () => {
    const clean = makeBreach();
    expect(plainTextRecord(clean)).toBe(clean);
  });

  it('cleans the title, Korean title, descriptions and class names, and the result is still a valid record', () => {
    const dirty = makeBreach({
      title: `Shop${RLO}gnp.exe`,
      titleKo: `쿠팡\u2067악성\u2069`,
      description: `Taken <strong>in\u202Bside</strong>`,
      descriptionKo: `설명\u200F`,
      dataClasses: ['Names', `Email${RLO} addresses`, 'Email addresses', '\u202D', 'Phone numbers'],
      notExposed: [`Pass\u2066words`, '\u200E'],
    });
    const clean = plainTextRecord(dirty);
    expect(clean).toEqual({
      ...dirty,
      title: 'Shopgnp.exe',
      titleKo: '쿠팡악성',
      description: 'Taken <strong>inside</strong>',
      descriptionKo: '설명',
      // The spoofed class is the real one once cleaned; duplicates and emptied names go.
      dataClasses: ['Names', 'Email addresses', 'Phone numbers'],
      notExposed: ['Passwords'],
    });
    expect(BreachRecord.safeParse(clean).success).toBe(true);
    // The input is left alone.
    expect(dirty.title).toBe(`Shop${RLO}gnp.exe`);
  });

  it('a title of nothing but controls falls back to the id; such a Korean title is dropped', () => {
    const clean = plainTextRecord(makeBreach({ title: RLO, titleKo: `${RLO} ` }));
    expect(clean.title).toBe('Coupang2025');
    expect('titleKo' in clean).toBe(false);
    expect(BreachRecord.safeParse(clean).success).toBe(true);
  });

  it('plainTextFeed cleans every record and keeps the rest of the document', () => {
    const doc = feedDoc(9, [makeBreach({ title: `A${RLO}` }), makeBreach({ id: 'Other', title: 'B' })]);
    const clean = plainTextFeed(doc);
    expect(clean.breaches.map((b) => b.title)).toEqual(['A', 'B']);
    expect({ ...clean, breaches: [] }).toEqual({ ...doc, breaches: [] });
  });
});

describe('plainTextRecord without a Korean title', () => {
  it('cleans the rest and adds no Korean title', () => {
    const { titleKo: _, ...noKo } = makeBreach({ title: `Shop${RLO}` });
    const out = plainTextRecord(noKo as BreachRecord);
    expect(out.title).toBe('Shop');
    expect('titleKo' in out).toBe(false);
  });
});

describe('where a feed enters the extension', () => {
  const URL_ = 'https://feed.example.org/v1/feed.json';
  const key = makeKey('k1');
  const spoofed = makeBreach({ title: `Coupang${RLO}gnp.exe`, dataClasses: [`Names${RLO}`] });

  beforeEach(async () => {
    await closeDb();
    indexedDB.deleteDatabase('exposure-watch');
  });

  it('a synced feed is stored, and reported for notifications, without bidirectional controls', async () => {
    const { fetch } = scriptedFetch(serving(URL_, () => ({ published: publish(feedDoc(6, [spoofed]), key), etag: '"v6"' })));
    const result = await syncFeed({ url: URL_, keys: [key.key], now: () => NOW, fetch });
    expect(result.outcome).toBe('updated');
    expect(result.outcome === 'updated' && result.changed.map((b) => [b.title, b.dataClasses])).toEqual([['Coupanggnp.exe', ['Names']]]);
    // As stored, not only as read (reads clean too, below).
    expect((await (await db()).getAll('breaches')).map((b) => [b.title, b.dataClasses])).toEqual([['Coupanggnp.exe', ['Names']]]);
  });

  it('so is the bundled feed', async () => {
    const original = globalThis.fetch;
    const body = serialiseFeed(feedDoc(3, [spoofed]));
    globalThis.fetch = (async () => new Response(body)) as typeof fetch;
    try {
      expect(await ensureBundledFeed('/feed/feed.json', NOW, true)).toBe('loaded');
    } finally {
      globalThis.fetch = original;
    }
    expect((await (await db()).getAll('breaches')).map((b) => b.title)).toEqual(['Coupanggnp.exe']);
  });

  it.each([
    ['a missing file', () => new Response('', { status: 404 }), 'bundled feed missing: HTTP 404'],
    ['bytes that are not JSON', () => new Response('{"format":1,'), 'bundled feed is not JSON'],
    ['JSON that fails the schema', () => new Response(JSON.stringify({ ...feedDoc(3, [spoofed]), sequence: -1 })), 'bundled feed invalid at sequence: '],
  ])('a broken bundled feed (%s) is a clear error and stores nothing', async (_what, reply, message) => {
    const original = globalThis.fetch;
    globalThis.fetch = (async () => reply()) as typeof fetch;
    try {
      await expect(ensureBundledFeed('/feed/feed.json', NOW, true)).rejects.toThrow(message);
    } finally {
      globalThis.fetch = original;
    }
    expect(await (await db()).getAll('breaches')).toEqual([]);
  });

  it('a restart with a feed stored keeps it without reading the bundled file', async () => {
    await replaceFeed(feedDoc(2, [spoofed]), { etag: null, origin: 'bundled', checkedAt: 0, changedAt: 0 });
    const original = globalThis.fetch;
    let fetched = 0;
    globalThis.fetch = (async () => (fetched++, new Response(serialiseFeed(feedDoc(9, [spoofed]))))) as typeof fetch;
    try {
      expect(await ensureBundledFeed('/feed/feed.json', NOW, false)).toBe('kept');
    } finally {
      globalThis.fetch = original;
    }
    expect(fetched).toBe(0);
  });

  it('a newer feed stored while the bundled one was read (a sync won the race) is kept', async () => {
    const original = globalThis.fetch;
    globalThis.fetch = (async () => {
      await replaceFeed(feedDoc(9, [spoofed]), { etag: null, origin: 'sync', checkedAt: 0, changedAt: 5 });
      return new Response(serialiseFeed(feedDoc(3, [spoofed])));
    }) as typeof fetch;
    try {
      expect(await ensureBundledFeed('/feed/feed.json', NOW, true)).toBe('kept');
    } finally {
      globalThis.fetch = original;
    }
    expect(await (await db()).get('meta', 'feed')).toMatchObject({ sequence: 9, origin: 'sync' });
  });

  it('a feed stored before ingest stripped them is read without them, by every reader', async () => {
    await replaceFeed(feedDoc(2, [spoofed]), { etag: null, origin: 'bundled', checkedAt: 0, changedAt: 0 });
    expect((await (await db()).getAll('breaches'))[0].title).toBe(`Coupang${RLO}gnp.exe`);
    expect((await allBreaches()).map((b) => [b.title, b.dataClasses])).toEqual([['Coupanggnp.exe', ['Names']]]);
    expect((await breachesForDomains(spoofed.domains)).map((b) => b.title)).toEqual(['Coupanggnp.exe']);
  });
});
