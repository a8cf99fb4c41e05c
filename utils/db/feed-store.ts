/**
 * The breach feed in IndexedDB (idb): one lazily opened connection, versioned upgrades.
 *
 * Stores:
 * - `breaches`: BreachRecord by `id`, with a multi-entry index `by-domain` over `domains`, so a
 *   page lookup is one index read per candidate domain (see utils/match/site.ts).
 * - `meta`: the feed's `sequence`, `generated`, `etag`, `checkedAt`, `changedAt`, `digest`, `url`,
 *   under the key `feed`.
 *
 * Content scripts never open this database (there IndexedDB belongs to the page's origin);
 * they ask the background.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import { lazyDb, runTransaction } from '@/utils/db/connection';
import { guardWrite } from '@/utils/db/storage-error';
import type { BreachRecord, FeedDocument } from '@/utils/feed/schema';
import { plainTextRecord } from '@/utils/feed/plain-text';

export const DB_NAME = 'exposure-watch';
export const DB_VERSION = 1;

export interface FeedMeta {
  sequence: number;
  generated: string;
  /** ETag of the HTTP response the feed came from; null for the bundled copy. */
  etag: string | null;
  /** Where the stored feed came from. */
  origin: 'bundled' | 'sync';
  /** Epoch ms of the last successful check (a 304 counts). */
  checkedAt: number;
  /** Epoch ms the stored feed last changed. */
  changedAt: number;
  /** SHA-256 (base64) of the feed's exact bytes; absent in metadata stored before sync existed. */
  digest?: string | null;
  /** The URL a synced feed came from (its ETag is only sent back there); null for the bundled copy. */
  url?: string | null;
}

interface Schema extends DBSchema {
  breaches: { key: string; value: BreachRecord; indexes: { 'by-domain': string } };
  meta: { key: 'feed'; value: FeedMeta };
}

const connection = lazyDb<Schema>(DB_NAME, DB_VERSION, (database, oldVersion) => {
  // Each step is idempotent and runs once per version crossed.
  /* v8 ignore else -- upgrade only runs below DB_VERSION (1), so oldVersion is 0 until a version 2 adds a step */
  if (oldVersion < 1) {
    const breaches = database.createObjectStore('breaches', { keyPath: 'id' });
    breaches.createIndex('by-domain', 'domains', { multiEntry: true });
    database.createObjectStore('meta');
  }
});

/** The shared connection, opened (and upgraded) on first use. */
export const db = (): Promise<IDBPDatabase<Schema>> => connection.get();

/** Close and forget the connection (tests; and before deleting the database). */
export const closeDb = (): Promise<void> => connection.close();

/** The stored feed's metadata, or null before any feed was stored. */
export async function getFeedMeta(): Promise<FeedMeta | null> {
  return (await (await db()).get('meta', 'feed')) ?? null;
}

/**
 * Replace the whole stored feed in ONE transaction: breaches and metadata change together or
 * not at all (a crash, a quota error or a killed service worker leaves the previous feed).
 * With `onlyIfNewer`, the stored sequence is read inside the same transaction and the swap is
 * skipped unless the new feed's sequence is greater (a compare-and-swap: another context may
 * have stored a feed since the caller looked).
 * @returns true when the feed was replaced, false when `onlyIfNewer` kept the stored one.
 * @throws StorageError (`full` for a quota error) after the transaction aborted; its cause is the IndexedDB error.
 */
export function replaceFeed(
  doc: FeedDocument,
  meta: Omit<FeedMeta, 'sequence' | 'generated'>,
  options: { onlyIfNewer?: boolean } = {},
): Promise<boolean> {
  return guardWrite('the breach feed', () => swapFeed(doc, meta, options));
}

async function swapFeed(doc: FeedDocument, meta: Omit<FeedMeta, 'sequence' | 'generated'>, options: { onlyIfNewer?: boolean }): Promise<boolean> {
  const tx = (await db()).transaction(['breaches', 'meta'], 'readwrite');
  const breaches = tx.objectStore('breaches');
  const metaStore = tx.objectStore('meta');
  const done = tx.done;
  // Observed at once: an abort can settle it before the writes below are awaited.
  done.catch(() => undefined);
  try {
    if (options.onlyIfNewer) {
      const current = await metaStore.get('feed');
      if (current && current.sequence >= doc.sequence) {
        tx.abort();
        await done.catch(() => undefined);
        return false;
      }
    }
    await breaches.clear();
    const writes: Promise<unknown>[] = [];
    const track = (p: Promise<unknown>) => {
      // Handled here so an abort does not surface as unhandled rejections; awaited below.
      p.catch(() => undefined);
      writes.push(p);
    };
    for (const b of doc.breaches) track(breaches.put(b));
    track(metaStore.put({ ...meta, sequence: doc.sequence, generated: doc.generated }, 'feed'));
    await Promise.all(writes);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted: a failed request (e.g. QuotaExceededError) aborts its transaction.
    }
    await done.catch(() => undefined);
    throw error;
  }
  await done;
  return true;
}

/** Record a check that changed no breach (an HTTP 304, or the same feed again), keeping everything else. */
export function touchFeedMeta(checkedAt: number, patch: Partial<Pick<FeedMeta, 'etag' | 'url' | 'digest'>> = {}): Promise<void> {
  return guardWrite('the breach feed', async () => {
    const tx = (await db()).transaction('meta', 'readwrite');
    await runTransaction(tx, async () => {
      const meta = await tx.store.get('feed');
      if (meta) await tx.store.put({ ...meta, ...patch, checkedAt }, 'feed');
    });
  });
}

/**
 * Breaches recorded under any of `domains` (most specific first), deduplicated by id. Read
 * through `plainTextRecord` like every read here: a feed stored before bidirectional controls
 * were stripped at ingest (utils/feed/plain-text.ts) keeps them until its next change, and
 * nothing shown may carry them.
 */
export async function breachesForDomains(domains: readonly string[]): Promise<BreachRecord[]> {
  const index = (await db()).transaction('breaches').store.index('by-domain');
  const lists = await Promise.all(domains.map((d) => index.getAll(d)));
  const seen = new Map<string, BreachRecord>();
  for (const b of lists.flat()) seen.set(b.id, b);
  return [...seen.values()].map(plainTextRecord);
}

/** Every stored breach (for the access prompt and registration; about a thousand records), as plain text (see above). */
export async function allBreaches(): Promise<BreachRecord[]> {
  return (await (await db()).getAll('breaches')).map(plainTextRecord);
}

/** How many breaches are stored (one key count, no records read). */
export async function countBreaches(): Promise<number> {
  return (await db()).count('breaches');
}
