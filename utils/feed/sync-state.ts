/**
 * Small sync state in `storage.local` (WXT storage items): the outcome of the last attempt,
 * the last error with its cause, the retry back-off, and the user's feed URL override. The feed
 * itself and its ETag / sequence / check times live in IndexedDB with the breaches
 * (utils/db/feed-store.ts), so they change in the same transaction.
 */
import { storage } from '#imports';
import type { SyncCause, SyncFailure, SyncResult } from './sync';

/** The build's feed URL (`FEED_URL` at build time; README, "The breach feed"). */
export const DEFAULT_FEED_URL: string = typeof __FEED_URL__ === 'undefined' ? 'https://feed.exposure-watch.org/v1/feed.json' : __FEED_URL__;

/** The test build may sync over plain http (its feed host is mapped to a loopback server). */
export const ALLOW_HTTP_FEED = import.meta.env.MODE === 'e2e';

export interface StoredSyncError extends SyncFailure {
  /** Epoch ms of the failed attempt. */
  at: number;
}

export interface FeedSyncState {
  /** Epoch ms of the last attempt, whatever its outcome. */
  lastAttemptAt: number | null;
  lastOutcome: SyncResult['outcome'] | null;
  /** Wall time of the last attempt (fetch, verify, swap), ms. */
  lastDurationMs: number | null;
  /** The last attempt's error; cleared by the next successful check. */
  lastError: StoredSyncError | null;
  /** Failures in a row; sets the back-off. */
  failures: number;
  /** Epoch ms the retry alarm is due, while backing off. */
  nextRetryAt: number | null;
}

export const EMPTY_SYNC_STATE: FeedSyncState = {
  lastAttemptAt: null,
  lastOutcome: null,
  lastDurationMs: null,
  lastError: null,
  failures: 0,
  nextRetryAt: null,
};

export const feedSyncState = storage.defineItem<FeedSyncState>('local:feed-sync', { fallback: EMPTY_SYNC_STATE, version: 1 });

/** The user's feed URL (options page); null for the build's default. */
export const feedUrlOverride = storage.defineItem<string | null>('local:feed-url', { fallback: null, version: 1 });

/**
 * Why `raw` cannot be a feed URL, or null when it can: an absolute https URL without
 * credentials (http too when `allowHttp`, the test build only).
 */
export function feedUrlProblem(raw: string, allowHttp = ALLOW_HTTP_FEED): 'invalid' | 'not-https' | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'invalid';
  }
  if (url.username || url.password || url.hash || !url.hostname) return 'invalid';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && allowHttp) return null;
  return 'not-https';
}

/** The host-permission match pattern for a feed URL's origin, e.g. `https://feed.example.org/*`. */
export function feedOriginPattern(url: string): string {
  return `${new URL(url).origin}/*`;
}

/** What `ui:feed-status` answers: the stored feed, the last check and change, the last error. */
export interface FeedSyncStatus {
  /** The URL syncs use now. */
  url: string;
  /** The build's URL. */
  defaultUrl: string;
  sequence: number | null;
  /** ISO instant the feed was generated. */
  generated: string | null;
  origin: 'bundled' | 'sync' | null;
  breachCount: number;
  /** Epoch ms of the last successful check (a 304 counts); null before the first. */
  checkedAt: number | null;
  /** Epoch ms the stored feed last changed. */
  changedAt: number | null;
  lastAttemptAt: number | null;
  lastError: StoredSyncError | null;
  nextRetryAt: number | null;
  /** A sync is running now. */
  syncing: boolean;
}

/** What `ui:sync-now` answers. */
export interface SyncNowResult {
  outcome: SyncResult['outcome'];
  failure: SyncFailure | null;
  /** Breaches added / updated / removed, for `updated`. */
  added: number;
  updated: number;
  removed: number;
  status: FeedSyncStatus;
}

/** Every failure cause, for the locale test and the options page. */
export const SYNC_CAUSES: readonly SyncCause[] = [
  'network',
  'timeout',
  'http-status',
  'too-large',
  'truncated',
  'bad-signature',
  'invalid-schema',
  'rollback',
  'storage',
  'storage-full',
];
