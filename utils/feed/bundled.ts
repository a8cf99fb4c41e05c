/**
 * The bundled feed (public/feed/feed.json) is the floor: on install, update and start it is
 * loaded into IndexedDB when nothing is stored yet or the stored feed is older (lower
 * sequence); an older bundled copy never replaces a newer stored one.
 */
import { FeedDocument } from '@/utils/feed/schema';
import { getFeedMeta, replaceFeed, touchFeedMeta } from '@/utils/db/feed-store';
import { feedDigest } from '@/utils/feed/signature';
import { plainTextFeed } from '@/utils/feed/plain-text';

export const BUNDLED_FEED_PATH = '/feed/feed.json';

/**
 * Load the bundled feed from `url` (the extension's own file) if it is newer than the stored one.
 * The bundled file only changes with an extension update, so unless `compare` is set (install
 * and update) a stored feed is kept without reading the bundled one: service workers restart often.
 * @returns 'loaded' or 'kept' (the stored feed is as new or newer).
 * @throws when the bundled file is missing or fails the schema (a broken build).
 */
export async function ensureBundledFeed(url: string, now: number, compare: boolean): Promise<'loaded' | 'kept'> {
  const meta = await getFeedMeta();
  if (meta && !compare) return 'kept';
  const response = await fetch(url);
  if (!response.ok) throw new Error(`bundled feed missing: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error('bundled feed is not JSON');
  }
  const parsed = FeedDocument.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`bundled feed invalid at ${issue?.path.join('.')}: ${issue?.message}`);
  }
  if (meta && meta.sequence === parsed.data.sequence && meta.origin === 'bundled' && !meta.digest) {
    // Stored by a version from before feed sync, which kept no digest: it is this very feed (a
    // sequence names one content). Without its digest the first sync would call the same feed on
    // the server a rollback.
    await touchFeedMeta(meta.checkedAt, { digest: await feedDigest(bytes) });
    return 'kept';
  }
  if (meta && meta.sequence >= parsed.data.sequence) return 'kept';
  // The digest lets the first sync recognise the same feed on the server without an error.
  const stored = await replaceFeed(
    plainTextFeed(parsed.data),
    { etag: null, origin: 'bundled', checkedAt: meta?.checkedAt ?? 0, changedAt: now, digest: await feedDigest(bytes), url: null },
    { onlyIfNewer: true },
  );
  return stored ? 'loaded' : 'kept';
}
