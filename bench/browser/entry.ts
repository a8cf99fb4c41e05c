/**
 * The product's feed and matching code, bundled for a plain Chromium page (bench/lib/page.ts),
 * so ingest and lookups run against the browser's real IndexedDB and WebCrypto. Exposes
 * `window.bench`; every time is performance.now() milliseconds.
 */
import { parse } from 'tldts';
import { allBreaches, breachesForDomains, closeDb, DB_NAME, replaceFeed } from '../../utils/db/feed-store';
import type { FeedKey } from '../../utils/feed/keys';
import { FeedDocument } from '../../utils/feed/schema';
import { feedDigest, verifyFeedSignature } from '../../utils/feed/signature';
import { candidateDomains, siteOf } from '../../utils/match/site';

export interface IngestTimes {
  bytes: number;
  records: number;
  fetchMs: number;
  verifyMs: number;
  parseMs: number;
  validateMs: number;
  digestMs: number;
  storeMs: number;
  /** verify + parse + validate + digest + store (the download excluded). */
  totalMs: number;
  /** navigator.storage.estimate().usage after the store, bytes (what the origin holds on disk). */
  usageBytes: number | null;
}

let lastFeed: FeedDocument | null = null;

async function reset(): Promise<void> {
  await closeDb();
  lastFeed = null;
  await new Promise<void>((resolve, reject) => {
    const r = indexedDB.deleteDatabase(DB_NAME);
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
    r.onblocked = () => resolve();
  });
}

/** Download (timed apart), then the sync path's steps in order, into a fresh database. */
async function ingest(feedUrl: string, sigUrl: string, keys: FeedKey[]): Promise<IngestTimes> {
  await reset();
  let t = performance.now();
  const [bytes, sig] = await Promise.all([
    fetch(feedUrl, { cache: 'no-store' }).then(async (r) => new Uint8Array(await r.arrayBuffer())),
    fetch(sigUrl, { cache: 'no-store' }).then((r) => r.text()),
  ]);
  const fetchMs = performance.now() - t;
  const start = (t = performance.now());
  const step = () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  const problem = await verifyFeedSignature(bytes, sig, keys);
  if (problem) throw new Error(`signature: ${problem.detail}`);
  const verifyMs = step();
  const json: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  const parseMs = step();
  const parsed = FeedDocument.safeParse(json);
  if (!parsed.success) throw new Error(`schema: ${parsed.error.issues[0]?.path.join('.')}`);
  const validateMs = step();
  const digest = await feedDigest(bytes);
  const digestMs = step();
  await replaceFeed(parsed.data, { etag: null, origin: 'sync', checkedAt: 0, changedAt: 0, digest, url: feedUrl });
  const storeMs = step();
  const totalMs = performance.now() - start;
  lastFeed = parsed.data;
  const usageBytes = (await navigator.storage?.estimate?.())?.usage ?? null;
  return { bytes: bytes.byteLength, records: parsed.data.breaches.length, fetchMs, verifyMs, parseMs, validateMs, digestMs, storeMs, totalMs, usageBytes };
}

export type LookupMode = 'psl' | 'siteOf' | 'idb' | 'map';

/**
 * Time each URL's lookup (ms each). `psl`: tldts parse of the host alone (the floor); `siteOf`:
 * URL + PSL parse + candidate domains; `idb`: that plus the product's `breachesForDomains` (the
 * by-domain index); `map`: that plus an in-memory Map instead. With `batch` > 1 the calls are
 * timed in groups of `batch` and each call gets its group's mean (the page clock ticks in 5 µs).
 * @returns times and how many URLs matched at least one breach (`idb` and `map`).
 */
async function lookups(urls: string[], mode: LookupMode, batch = 1): Promise<{ times: number[]; matched: number }> {
  const hosts = urls.map((u) => new URL(u).hostname);
  let map: Map<string, string[]> | null = null;
  if (mode === 'map') {
    if (!lastFeed) throw new Error('ingest first');
    map = new Map();
    for (const b of lastFeed.breaches) for (const d of b.domains) map.set(d, [...(map.get(d) ?? []), b.id]);
  }
  const one = async (i: number): Promise<boolean> => {
    if (mode === 'psl') return parse(hosts[i]!, { allowPrivateDomains: false }).domain !== null;
    const key = siteOf(urls[i]!);
    if (!key) return false;
    const c = candidateDomains(key);
    if (mode === 'idb') return (await breachesForDomains(c)).length > 0;
    if (mode === 'map') return c.some((d) => map!.has(d));
    return c.length > 0;
  };
  const times: number[] = [];
  let matched = 0;
  for (let i = 0; i < urls.length; i += batch) {
    const end = Math.min(urls.length, i + batch);
    const t = performance.now();
    for (let j = i; j < end; j++) if (await one(j)) matched++;
    const each = (performance.now() - t) / (end - i);
    for (let j = i; j < end; j++) times.push(each);
  }
  return { times, matched };
}

/** What an in-memory index would cost at each service-worker start: read every breach, build the Map. */
async function rebuildIndex(): Promise<{ readMs: number; buildMs: number; domains: number }> {
  let t = performance.now();
  const all = await allBreaches();
  const readMs = performance.now() - t;
  t = performance.now();
  const map = new Map<string, string[]>();
  for (const b of all) for (const d of b.domains) map.set(d, [...(map.get(d) ?? []), b.id]);
  return { readMs, buildMs: performance.now() - t, domains: map.size };
}

declare global {
  interface Window {
    bench: { reset: typeof reset; ingest: typeof ingest; lookups: typeof lookups; rebuildIndex: typeof rebuildIndex; ready: true };
  }
}
window.bench = { reset, ingest, lookups, rebuildIndex, ready: true };
