/** Feed status for the options page, read straight from the extension's IndexedDB. */
import { allBreaches, getFeedMeta, type FeedMeta } from '@/utils/db/feed-store';

export interface FeedStatus {
  meta: FeedMeta | null;
  breachCount: number;
}

export async function loadFeedStatus(): Promise<FeedStatus> {
  const [meta, breaches] = await Promise.all([getFeedMeta(), allBreaches()]);
  return { meta, breachCount: breaches.length };
}
