/** Feed status and "Sync now" for the options page, answered by the background. */
import { send } from '@/utils/messaging/client';
import type { FeedSyncStatus, SyncNowResult } from '@/utils/feed/sync-state';

export type { FeedSyncStatus, SyncNowResult };

/** The stored feed, the last check and change, and the last error. */
export function loadFeedStatus(): Promise<FeedSyncStatus> {
  return send('ui:feed-status', {});
}

/** Check the feed now; resolves when the check finished (updated, unchanged or failed). */
export function syncNow(): Promise<SyncNowResult> {
  return send('ui:sync-now', {});
}
