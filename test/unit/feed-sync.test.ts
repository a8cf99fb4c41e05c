import { beforeEach, describe, expect, it, vi } from 'vitest';
import { allBreaches, closeDb, getFeedMeta, replaceFeed, touchFeedMeta } from '@/utils/db/feed-store';
import { serialiseFeed } from '@/utils/feed/build';
import { feedDigest } from '@/utils/feed/signature';
import { ensureBundledFeed } from '@/utils/feed/bundled';
import { signatureUrl, storageFailure, syncFeed, type SyncOptions } from '@/utils/feed/sync';
import { StorageError } from '@/utils/db/storage-error';
import type { BreachRecord } from '@/utils/feed/schema';
import { makeBreach, NOW } from '../helpers/breach';
import { feedDoc, makeKey, publish, scriptedFetch, serving, type Published, type Reply } from '../helpers/feed-fetch';

const URL_ = 'https://feed.example.org/v1/feed.json';
const key = makeKey('k1');
const coupang = makeBreach();
const newShop = makeBreach({ id: 'NewShop2026', title: 'New Shop', titleKo: undefined, domains: ['newshop.com'], country: null });
const stored = feedDoc(5, [coupang]);

async function storeInitial(): Promise<void> {
  const text = serialiseFeed(stored);
  await replaceFeed(stored, { etag: null, origin: 'bundled', checkedAt: 0, changedAt: 1, digest: await feedDigest(new TextEncoder().encode(text)), url: null });
}

/** Run a sync against a server that answers with `server()` (mutable between syncs). */
function syncWith(server: () => { published: Published; etag?: string; reply?: Reply; sigReply?: Reply }, extra: Partial<SyncOptions> = {}) {
  const { fetch, log } = scriptedFetch(serving(URL_, server));
  return { log, run: () => syncFeed({ url: URL_, keys: [key.key], now: () => NOW, fetch, ...extra }) };
}

async function expectPreviousFeed(): Promise<void> {
  expect((await getFeedMeta())?.sequence).toBe(5);
  expect((await allBreaches()).map((b) => b.id)).toEqual(['Coupang2025']);
}

beforeEach(async () => {
  await closeDb();
  indexedDB.deleteDatabase('exposure-watch');
  await storeInitial();
});

describe('a good update', () => {
  it('swaps breaches and metadata, and reports what changed', async () => {
    const changedCoupang = { ...coupang, pwnCount: 33_700_000 };
    const { run, log } = syncWith(() => ({ published: publish(feedDoc(6, [changedCoupang, newShop]), key), etag: '"v6"' }));
    const result = await run();
    expect(result).toMatchObject({ outcome: 'updated', from: 5, to: 6, diff: { added: ['NewShop2026'], updated: ['Coupang2025'], removed: [] } });
    expect(result.outcome === 'updated' && result.changed.map((b) => b.id).sort()).toEqual(['Coupang2025', 'NewShop2026']);
    expect(await getFeedMeta()).toMatchObject({ sequence: 6, etag: '"v6"', origin: 'sync', checkedAt: NOW, changedAt: NOW, url: URL_ });
    expect((await allBreaches()).map((b) => b.id).sort()).toEqual(['Coupang2025', 'NewShop2026']);
    expect(log.map((l) => l.url)).toEqual([URL_, signatureUrl(URL_)]);
    // We make our own conditional requests: the HTTP cache must not answer for the server.
    expect(log.every((l) => l.cache === 'no-store')).toBe(true);
  });

  it('a 304 writes only the check time, and the signature is not fetched', async () => {
    const published = publish(feedDoc(6, [coupang, newShop]), key);
    const server = () => ({ published, etag: '"v6"' });
    await syncWith(server).run();
    const before = await getFeedMeta();
    const { fetch, log } = scriptedFetch(serving(URL_, server));
    expect(await syncFeed({ url: URL_, keys: [key.key], now: () => NOW + 1000, fetch })).toEqual({ outcome: 'not-modified' });
    expect(log).toEqual([{ url: URL_, ifNoneMatch: '"v6"', cache: 'no-store' }]);
    expect(await getFeedMeta()).toEqual({ ...before, checkedAt: NOW + 1000 });
    expect(await allBreaches()).toHaveLength(2);
  });

  it('a 304 whose check time cannot be written (a full disk) is a storage failure, and the stored feed stays', async () => {
    const published = publish(feedDoc(6, [coupang, newShop]), key);
    const server = () => ({ published, etag: '"v6"' });
    await syncWith(server).run();
    const before = await getFeedMeta();
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
      throw new DOMException('the disk is full', 'QuotaExceededError');
    });
    try {
      const { fetch } = scriptedFetch(serving(URL_, server));
      const result = await syncFeed({ url: URL_, keys: [key.key], now: () => NOW + 1000, fetch });
      expect(result).toMatchObject({ outcome: 'failed', failure: { cause: 'storage-full', detail: 'could not store the feed: QuotaExceededError: the disk is full' } });
    } finally {
      put.mockRestore();
    }
    expect(await getFeedMeta()).toEqual(before);
    expect(await allBreaches()).toHaveLength(2);
  });

  it('storageFailure words an error without a cause, and a cause that is not an Error', () => {
    expect(storageFailure(new DOMException('the disk is full', 'QuotaExceededError'))).toEqual({
      cause: 'storage-full',
      detail: 'could not store the feed: QuotaExceededError: the disk is full',
    });
    expect(storageFailure(new StorageError('failed', 'feed', 'disk unplugged'))).toEqual({ cause: 'storage', detail: 'could not store the feed: disk unplugged' });
  });

  it('the same feed as stored (same sequence, same bytes) is not an error: its ETag is learnt', async () => {
    const { run } = syncWith(() => ({ published: publish(stored, key), etag: '"v5"' }));
    expect(await run()).toEqual({ outcome: 'unchanged' });
    expect(await getFeedMeta()).toMatchObject({ sequence: 5, etag: '"v5"', checkedAt: NOW, changedAt: 1, origin: 'bundled', url: URL_ });
  });

  it('an ETag is only sent back to the URL that issued it', async () => {
    await syncWith(() => ({ published: publish(feedDoc(6, [coupang]), key), etag: '"v6"' })).run();
    const other = 'https://mirror.example.net/feed.json';
    const { fetch, log } = scriptedFetch(() => ({ kind: 'status', status: 500 }));
    await syncFeed({ url: other, keys: [key.key], now: () => NOW, fetch });
    expect(log[0]).toMatchObject({ url: other, ifNoneMatch: null });
  });
});

describe('every failure keeps the previous feed and names its cause', () => {
  const body = () => publish(feedDoc(6, [coupang, newShop]), key);

  it('network error', async () => {
    const result = await syncWith(() => ({ published: body(), reply: { kind: 'network-error' } })).run();
    expect(result).toMatchObject({ outcome: 'failed', failure: { cause: 'network', detail: 'fetch failed (ECONNREFUSED)' } });
    await expectPreviousFeed();
  });

  it('HTTP 500, and a missing signature file', async () => {
    expect(await syncWith(() => ({ published: body(), reply: { kind: 'status', status: 500 } })).run()).toMatchObject({
      outcome: 'failed',
      failure: { cause: 'http-status', status: 500, detail: 'HTTP 500' },
    });
    expect(await syncWith(() => ({ published: body(), sigReply: { kind: 'status', status: 404 } })).run()).toMatchObject({
      outcome: 'failed',
      failure: { cause: 'http-status', status: 404 },
    });
    await expectPreviousFeed();
  });

  it('too large: refused while the body streams in (an endless body ends the read)', async () => {
    const result = await syncWith(() => ({ published: body(), reply: { kind: 'endless' } }), { maxBytes: 1_000_000 }).run();
    expect(result).toMatchObject({ outcome: 'failed', failure: { cause: 'too-large', detail: 'feed passed the 1000000-byte cap while downloading' } });
    const chunked = await syncWith(() => ({ published: body(), reply: { kind: 'ok', body: body().body, contentLength: 'omit', chunk: 100 } }), { maxBytes: 1000 }).run();
    expect(chunked).toMatchObject({ outcome: 'failed', failure: { cause: 'too-large' } });
    await expectPreviousFeed();
  });

  it('too large: a declared Content-Length over the cap is refused before reading', async () => {
    const result = await syncWith(() => ({ published: body(), reply: { kind: 'ok', body: body().body, contentLength: 10_000_000 } })).run();
    expect(result).toMatchObject({ outcome: 'failed', failure: { cause: 'too-large', detail: expect.stringContaining('declares 10000000 bytes') } });
    await expectPreviousFeed();
  });

  it('invalid schema: a signed feed that fails validation names the first bad path', async () => {
    const bad = feedDoc(6, [coupang, { ...newShop, domains: ['Not A Domain'] } as BreachRecord]);
    const result = await syncWith(() => ({ published: publish(bad, key) })).run();
    expect(result).toMatchObject({ outcome: 'failed', failure: { cause: 'invalid-schema', path: 'breaches.1.domains.0' } });
    const notJson = await syncWith(() => ({ published: publish('{"format":1,', key) })).run();
    expect(notJson).toMatchObject({ outcome: 'failed', failure: { cause: 'invalid-schema', path: '(json)' } });
    await expectPreviousFeed();
  });

  it('invalid schema: one breach id twice (the store would keep only one of them)', async () => {
    const twice = feedDoc(6, [coupang, newShop, { ...coupang, title: 'Impostor' }]);
    const result = await syncWith(() => ({ published: publish(twice, key) })).run();
    expect(result).toMatchObject({
      outcome: 'failed',
      failure: { cause: 'invalid-schema', path: 'breaches.2.id', detail: 'breaches.2.id: breach id "Coupang2025" is listed twice' },
    });
    await expectPreviousFeed();
  });

  it('invalid schema: a domain that is an address, a bare public suffix, under no known suffix, or bad punycode', async () => {
    // Each of these passes a plain host-name pattern, and would become a match pattern and a permission request.
    for (const domain of ['co.uk', 'gov.uk', 'xn--p1ai', '127.0.0.1', '0x7f.0.0.1', '999.999.999.999', 'abc.123', 'shop.local', 'router.home', 'xn--zz.com', 'xn--a.com']) {
      const result = await syncWith(() => ({ published: publish(feedDoc(6, [coupang, { ...newShop, domains: ['newshop.com', domain] }]), key) })).run();
      expect(result, domain).toMatchObject({ outcome: 'failed', failure: { cause: 'invalid-schema', path: 'breaches.1.domains.1' } });
    }
    await expectPreviousFeed();
  });

  it('valid domains: deeper names, IDNs in punycode, names under a private suffix (matching reads ICANN suffixes only)', async () => {
    const domains = ['forums.newshop.co.uk', 'xn--bcher-kva.de', 'shop.xn--p1ai', 'www.gov.uk', 'newshop.github.io', 'github.io', '123.com', 'ab--cd.com'];
    const result = await syncWith(() => ({ published: publish(feedDoc(6, [coupang, { ...newShop, domains }]), key) })).run();
    expect(result).toMatchObject({ outcome: 'updated', to: 6 });
    expect((await allBreaches()).find((b) => b.id === 'NewShop2026')?.domains).toEqual(domains);
  });

  it('bad signature: unknown key, wrong key under a known id, malformed signature file', async () => {
    const stranger = makeKey('stranger');
    const impostor = makeKey('k1');
    for (const [published, problem] of [
      [publish(feedDoc(6, [coupang]), stranger), 'unknown-key'],
      [publish(feedDoc(6, [coupang]), impostor), 'mismatch'],
      [{ body: body().body, sig: 'not json' }, 'malformed'],
      [{ body: body().body, sig: '{"keyId":"k1","sig":"AAAA"}' }, 'malformed'],
    ] as const) {
      const result = await syncWith(() => ({ published })).run();
      expect(result).toMatchObject({ outcome: 'failed', failure: { cause: 'bad-signature', detail: expect.stringMatching(new RegExp(`^${problem}:`)) } });
    }
    await expectPreviousFeed();
  });

  it('one changed byte anywhere in the feed breaks the signature', async () => {
    const good = body();
    for (const at of [0, 17, Math.floor(good.body.length / 2), good.body.length - 1]) {
      const tampered = good.body.slice();
      tampered[at] ^= 0x01;
      const result = await syncWith(() => ({ published: { body: tampered, sig: good.sig } })).run();
      expect(result, `byte ${at}`).toMatchObject({ outcome: 'failed', failure: { cause: 'bad-signature', detail: expect.stringMatching(/^mismatch:/) } });
    }
    await expectPreviousFeed();
  });

  it('rollback: an older sequence, or the same sequence with other content', async () => {
    const older = await syncWith(() => ({ published: publish(feedDoc(4, [coupang, newShop]), key) })).run();
    expect(older).toMatchObject({ outcome: 'failed', failure: { cause: 'rollback', detail: 'sequence 4 is older than the stored 5' } });
    const same = await syncWith(() => ({ published: publish(feedDoc(5, [coupang, newShop]), key) })).run();
    expect(same).toMatchObject({ outcome: 'failed', failure: { cause: 'rollback', detail: 'sequence 5 equals the stored one but the content differs' } });
    await expectPreviousFeed();
  });

  it('truncated: the connection breaks mid-body, or the body ends before its Content-Length', async () => {
    const good = body();
    const broken = await syncWith(() => ({ published: good, reply: { kind: 'break-after', body: good.body, bytes: 500 } })).run();
    expect(broken).toMatchObject({ outcome: 'failed', failure: { cause: 'truncated', detail: expect.stringContaining(`after 500 of ${good.body.length} bytes`) } });
    const short = await syncWith(() => ({ published: good, reply: { kind: 'ok', body: good.body.slice(0, 300), contentLength: good.body.length } })).run();
    expect(short).toMatchObject({ outcome: 'failed', failure: { cause: 'truncated', detail: `feed ended after 300 of ${good.body.length} bytes` } });
    await expectPreviousFeed();
  });

  it('timeout: no answer at all, or a body that stalls', async () => {
    const good = body();
    const hang = await syncWith(() => ({ published: good, reply: { kind: 'hang' } }), { timeoutMs: 50 }).run();
    expect(hang).toMatchObject({ outcome: 'failed', failure: { cause: 'timeout' } });
    const stall = await syncWith(() => ({ published: good, reply: { kind: 'stall-after', body: good.body, bytes: 100 } }), { timeoutMs: 50 }).run();
    expect(stall).toMatchObject({ outcome: 'failed', failure: { cause: 'timeout' } });
    await expectPreviousFeed();
  });
});

describe('the swap is atomic', () => {
  it('a failure in the middle of the transaction leaves the previous feed whole', async () => {
    const many = Array.from({ length: 200 }, (_, i) => makeBreach({ id: `Shop${i}`, domains: [`shop${i}.com`] }));
    // A value IndexedDB cannot store (DataCloneError) halfway through the writes.
    many[100] = { ...many[100], title: (() => 'x') as unknown as string };
    await expect(replaceFeed(feedDoc(6, many), { etag: '"x"', origin: 'sync', checkedAt: NOW, changedAt: NOW })).rejects.toThrow();
    await expectPreviousFeed();
    expect(await getFeedMeta()).toMatchObject({ etag: null, origin: 'bundled', changedAt: 1 });
  });

  it('an aborted transaction (a killed worker) leaves the previous feed whole', async () => {
    const { db } = await import('@/utils/db/feed-store');
    const tx = (await db()).transaction(['breaches', 'meta'], 'readwrite');
    void tx.objectStore('breaches').clear().catch(() => undefined);
    void tx.objectStore('breaches').put(newShop).catch(() => undefined);
    tx.abort();
    await tx.done.catch(() => undefined);
    await expectPreviousFeed();
  });

  it('compare-and-swap: a feed no newer than the stored one is not written', async () => {
    expect(await replaceFeed(feedDoc(5, [newShop]), { etag: null, origin: 'sync', checkedAt: NOW, changedAt: NOW }, { onlyIfNewer: true })).toBe(false);
    expect(await replaceFeed(feedDoc(3, [newShop]), { etag: null, origin: 'sync', checkedAt: NOW, changedAt: NOW }, { onlyIfNewer: true })).toBe(false);
    await expectPreviousFeed();
    expect(await replaceFeed(feedDoc(6, [newShop]), { etag: null, origin: 'sync', checkedAt: NOW, changedAt: NOW }, { onlyIfNewer: true })).toBe(true);
    expect((await allBreaches()).map((b) => b.id)).toEqual(['NewShop2026']);
  });
});

describe('the bundled feed is the floor', () => {
  const serve = (doc: ReturnType<typeof feedDoc>) => async () => new Response(serialiseFeed(doc));

  it('a newer bundled feed replaces an older stored one, with its digest, so the same feed from the server is no error', async () => {
    const v7 = feedDoc(7, [coupang, newShop]);
    const original = globalThis.fetch;
    globalThis.fetch = serve(v7) as typeof fetch;
    try {
      expect(await ensureBundledFeed('/feed/feed.json', NOW, true)).toBe('loaded');
    } finally {
      globalThis.fetch = original;
    }
    expect(await getFeedMeta()).toMatchObject({ sequence: 7, origin: 'bundled', etag: null, digest: await feedDigest(new TextEncoder().encode(serialiseFeed(v7))) });
    expect(await syncWith(() => ({ published: publish(v7, key), etag: '"v7"' })).run()).toEqual({ outcome: 'unchanged' });
  });

  it('an older bundled feed never replaces a newer stored one', async () => {
    const original = globalThis.fetch;
    globalThis.fetch = serve(feedDoc(4, [newShop])) as typeof fetch;
    try {
      expect(await ensureBundledFeed('/feed/feed.json', NOW, true)).toBe('kept');
    } finally {
      globalThis.fetch = original;
    }
    await expectPreviousFeed();
  });
});

describe('edges of the ingest path', () => {
  const good = () => publish(feedDoc(6, [coupang, newShop]), key);
  /** A fetch that answers the feed with `feed()` and the signature from `published`. */
  const answering = (published: Published, feed: () => Response | Promise<Response>) =>
    (async (input: RequestInfo | URL) => (String(input) === URL_ ? feed() : new Response(published.sig))) as typeof fetch;

  it('the first sync ever (nothing stored): no rollback check, stored from nothing', async () => {
    await closeDb();
    indexedDB.deleteDatabase('exposure-watch');
    expect(await getFeedMeta()).toBeNull();
    const result = await syncWith(() => ({ published: good() })).run();
    expect(result).toMatchObject({ outcome: 'updated', from: null, to: 6, diff: { added: ['Coupang2025', 'NewShop2026'] } });
    expect((await allBreaches()).map((b) => b.id).sort()).toEqual(['Coupang2025', 'NewShop2026']);
  });

  it('a 304 to a request that sent no ETag is a server error, not "not modified"', async () => {
    const result = await syncWith(() => ({ published: good(), reply: { kind: 'not-modified' } })).run();
    expect(result).toMatchObject({ outcome: 'failed', failure: { cause: 'http-status', status: 304, detail: 'HTTP 304 to a request without If-None-Match' } });
    await expectPreviousFeed();
  });

  it('another context stores a newer feed during the download: the older one is not written over it', async () => {
    const newer = feedDoc(9, [newShop]);
    const published = good();
    const racing = (async (input: RequestInfo | URL) => {
      if (String(input) === URL_) return new Response(published.body as Uint8Array<ArrayBuffer>);
      await replaceFeed(newer, { etag: null, origin: 'bundled', checkedAt: 0, changedAt: 2 });
      return new Response(published.sig);
    }) as typeof fetch;
    const result = await syncFeed({ url: URL_, keys: [key.key], now: () => NOW, fetch: racing });
    expect(result).toMatchObject({ outcome: 'failed', failure: { cause: 'rollback', detail: 'sequence 6 is no longer newer than the stored feed' } });
    expect(await getFeedMeta()).toMatchObject({ sequence: 9, origin: 'bundled' });
    expect((await allBreaches()).map((b) => b.id)).toEqual(['NewShop2026']);
  });

  it.each([
    ['QuotaExceededError', 'the disk is full', 'storage-full'],
    ['UnknownError', 'Internal error.', 'storage'],
  ])('a storage failure (%s) in the swap is reported as %s, and the previous feed stays whole', async (name, message, cause) => {
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
      throw new DOMException(message, name);
    });
    try {
      const result = await syncWith(() => ({ published: good() })).run();
      expect(result).toMatchObject({ outcome: 'failed', failure: { cause, detail: `could not store the feed: ${name}: ${message}` } });
    } finally {
      put.mockRestore();
    }
    await expectPreviousFeed();
    expect(await getFeedMeta()).toMatchObject({ origin: 'bundled', changedAt: 1 });
  });

  it('without a fetch option, the global fetch is used', async () => {
    const { fetch } = scriptedFetch(serving(URL_, () => ({ published: good() })));
    vi.stubGlobal('fetch', fetch);
    try {
      expect(await syncFeed({ url: URL_, keys: [key.key], now: () => NOW })).toMatchObject({ outcome: 'updated', to: 6 });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('timeouts: a fetch that times out by itself, and an abort that surfaces as another error', async () => {
    const timedOut = (async () => {
      throw new DOMException('The operation timed out.', 'TimeoutError');
    }) as typeof fetch;
    expect(await syncFeed({ url: URL_, keys: [key.key], now: () => NOW, fetch: timedOut })).toEqual({
      outcome: 'failed',
      failure: { cause: 'timeout', detail: 'no complete answer within 30000 ms' },
    });
    // Some fetch implementations reject an aborted request with their own error (e.g. "terminated").
    const terminated = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new TypeError('terminated'))))) as typeof fetch;
    expect(await syncFeed({ url: URL_, keys: [key.key], now: () => NOW, fetch: terminated, timeoutMs: 20 })).toMatchObject({
      outcome: 'failed',
      failure: { cause: 'timeout', detail: 'no complete answer within 20 ms' },
    });
    await expectPreviousFeed();
  });

  it('a fetch that throws something other than an Error is a network failure with its text', async () => {
    const odd = (async () => {
      throw 'offline'; // eslint-disable-line no-throw-literal
    }) as typeof fetch;
    expect(await syncFeed({ url: URL_, keys: [key.key], now: () => NOW, fetch: odd })).toEqual({ outcome: 'failed', failure: { cause: 'network', detail: 'offline' } });
  });

  it('with a content coding, Content-Length counts compressed bytes: neither "too large" nor "truncated"', async () => {
    const published = good();
    const encoded = (coding: string, length: number) =>
      answering(published, () => new Response(published.body as Uint8Array<ArrayBuffer>, { headers: { 'content-encoding': coding, 'content-length': String(length) } }));
    // The body stream is already decoded: more bytes than declared, or fewer, is normal.
    expect(await syncFeed({ url: URL_, keys: [key.key], now: () => NOW, fetch: encoded('gzip', 100), maxBytes: 50_000 })).toMatchObject({ outcome: 'updated' });
    await storeInitial();
    expect(await syncFeed({ url: URL_, keys: [key.key], now: () => NOW, fetch: encoded('br', 100_000), maxBytes: 50_000 })).toMatchObject({ outcome: 'updated' });
    // "identity" is no coding: the declared length is the body's.
    await storeInitial();
    expect(await syncFeed({ url: URL_, keys: [key.key], now: () => NOW, fetch: encoded('identity', published.body.byteLength + 10) })).toMatchObject({
      outcome: 'failed',
      failure: { cause: 'truncated' },
    });
  });

  it('a response without a body is an empty feed, refused by its signature', async () => {
    const fetch = answering(good(), () => new Response(null, { status: 200 }));
    expect(await syncFeed({ url: URL_, keys: [key.key], now: () => NOW, fetch })).toMatchObject({
      outcome: 'failed',
      failure: { cause: 'bad-signature', detail: expect.stringMatching(/^mismatch:/) },
    });
    await expectPreviousFeed();
  });

  it('too large: a stream that refuses to be cancelled changes nothing', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(4096)),
      cancel: () => Promise.reject(new Error('cannot cancel')),
    });
    const fetch = answering(good(), () => new Response(stream));
    expect(await syncFeed({ url: URL_, keys: [key.key], now: () => NOW, fetch, maxBytes: 10_000 })).toMatchObject({ outcome: 'failed', failure: { cause: 'too-large' } });
    await expectPreviousFeed();
  });

  it('a signed document that is not an object is refused at "(root)"', async () => {
    for (const text of ['[]', '"feed"', 'null', '6']) {
      const result = await syncWith(() => ({ published: publish(text, key) })).run();
      expect(result, text).toMatchObject({ outcome: 'failed', failure: { cause: 'invalid-schema', path: '(root)' } });
    }
    await expectPreviousFeed();
  });

  it('touchFeedMeta with no feed stored writes nothing', async () => {
    await closeDb();
    indexedDB.deleteDatabase('exposure-watch');
    await touchFeedMeta(NOW, { etag: '"x"' });
    expect(await getFeedMeta()).toBeNull();
  });
});
