/**
 * Feed sync in the background: scheduling (`alarms`), single-flight runs, back-off, status for
 * the options page, and a notification per changed breach on a site the user cares about.
 * The checks themselves are utils/feed/sync.ts. Listeners are registered synchronously by
 * `listen`, called once from the background's `main()`.
 *
 * Schedule: a periodic 'feed-sync' alarm every 24 h, first due 24 h ± 3 h after it is created
 * (jitter spreads a fleet's requests); it is re-created at every start when missing (Chrome
 * clears alarms on extension update; re-creating an existing one would postpone it forever,
 * because service workers restart far more often than daily). At start a sync also runs when
 * the last successful check is older than 24 h, unless a retry is pending. After a failure a
 * one-shot 'feed-sync-retry' alarm backs off: 15 min, 30 min, 1 h, ... up to 24 h (±10 %).
 */
import type { browser as browserApi, Browser } from 'wxt/browser';
import { countBreaches, getFeedMeta } from '@/utils/db/feed-store';
import { ACCEPTED_FEED_KEYS, type FeedKey } from '@/utils/feed/keys';
import type { BreachRecord } from '@/utils/feed/schema';
import { syncFeed, type SyncResult } from '@/utils/feed/sync';
import {
  DEFAULT_FEED_URL,
  ALLOW_HTTP_FEED,
  EMPTY_SYNC_STATE,
  feedSyncState,
  feedUrlOverride,
  feedUrlProblem,
  type FeedSyncState,
  type FeedSyncStatus,
  type SyncNowResult,
} from '@/utils/feed/sync-state';
import { siteOf } from '@/utils/match/site';
import { decideAlert } from '@/utils/policy/alert';
import { readAlertSettings } from '@/utils/settings/items';
import { exposedInWords } from '@/utils/verdict/present';
import { translator } from '@/utils/i18n/catalog';
import { formatDate } from '@/utils/i18n/format';
import type { Handlers } from '@/utils/messaging/router';
import { sitesOfInterest } from './sites-of-interest';

export const SYNC_ALARM = 'feed-sync';
export const RETRY_ALARM = 'feed-sync-retry';
const DAY_MIN = 24 * 60;
const MINUTE_MS = 60_000;
/** A start-up check runs when the last successful one is older than this. */
export const STALE_AFTER_MS = DAY_MIN * MINUTE_MS;
const JITTER_MIN = 3 * 60;
const RETRY_FIRST_MIN = 15;
/** At most this many notifications per sync; a larger change is visible in options. */
export const MAX_NOTIFICATIONS = 5;
const NOTIFICATION_PREFIX = 'ew-breach|';

/** Minutes before retry number `failures` (1 = first failure): 15 * 2^(n-1), at most a day, ±10 %. */
export function retryDelayMinutes(failures: number, random: () => number = Math.random): number {
  const base = Math.min(RETRY_FIRST_MIN * 2 ** Math.max(0, failures - 1), DAY_MIN);
  return base * (0.9 + 0.2 * random());
}

/** Notification id for a breach on a site; the click handler reads the site back. */
export const notificationId = (site: string, breachId: string) => `${NOTIFICATION_PREFIX}${site}|${breachId}`;

export interface SyncServiceDeps {
  browser: typeof browserApi;
  now: () => number;
  /** Re-register the content script for the (possibly changed) alertable sites. */
  reconcile: () => Promise<unknown>;
  keys?: readonly FeedKey[];
  fetch?: typeof fetch;
  random?: () => number;
  timeoutMs?: number;
  maxBytes?: number;
}

export function createSyncService({ browser, now, reconcile, keys = ACCEPTED_FEED_KEYS, fetch: doFetch, random = Math.random, timeoutMs, maxBytes }: SyncServiceDeps) {
  let inFlight: Promise<SyncResult> | null = null;

  /** The URL syncs use: the user's override when valid, else the build's. */
  async function feedUrl(): Promise<string> {
    const override = await feedUrlOverride.getValue();
    return override && feedUrlProblem(override, ALLOW_HTTP_FEED) === null ? override : DEFAULT_FEED_URL;
  }

  /** Run a sync, or join the one already running (alarm, start-up and "Sync now" may coincide). */
  function syncNow(): Promise<SyncResult> {
    inFlight ??= run().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  async function run(): Promise<SyncResult> {
    const started = performance.now();
    const url = await feedUrl();
    const result = await syncFeed({ url, keys, now, fetch: doFetch, timeoutMs, maxBytes });
    const durationMs = Math.round(performance.now() - started);
    const at = now();
    const state = await readState();
    if (result.outcome === 'failed') {
      const failures = state.failures + 1;
      const delay = retryDelayMinutes(failures, random);
      await browser.alarms.create(RETRY_ALARM, { delayInMinutes: delay });
      await feedSyncState.setValue({
        lastAttemptAt: at,
        lastOutcome: result.outcome,
        lastDurationMs: durationMs,
        lastError: { ...result.failure, at },
        failures,
        nextRetryAt: at + Math.round(delay * MINUTE_MS),
      });
      console.warn(`exposure-watch: feed sync failed (${result.failure.cause}): ${result.failure.detail}; retry in ${Math.round(delay)} min`);
      return result;
    }
    await browser.alarms.clear(RETRY_ALARM);
    await feedSyncState.setValue({ lastAttemptAt: at, lastOutcome: result.outcome, lastDurationMs: durationMs, lastError: null, failures: 0, nextRetryAt: null });
    if (result.outcome === 'updated') {
      console.info(
        `exposure-watch: feed ${result.from ?? '-'} -> ${result.to}: +${result.diff.added.length} ~${result.diff.updated.length} -${result.diff.removed.length} in ${durationMs} ms`,
      );
      // The alertable sites may have changed: register the notice where it is now wanted.
      await reconcile().catch((error: unknown) => console.error('exposure-watch: reconcile after sync failed', error));
      await notifyChanged(result.changed, new Set(result.diff.added)).catch((error: unknown) =>
        console.error('exposure-watch: notifications failed', error),
      );
    }
    return result;
  }

  async function readState(): Promise<FeedSyncState> {
    return { ...EMPTY_SYNC_STATE, ...(await feedSyncState.getValue()) };
  }

  /** At every background start: make sure the daily alarm exists; sync if the last check is stale. */
  async function onStart(): Promise<void> {
    if (!(await browser.alarms.get(SYNC_ALARM))) {
      const delay = DAY_MIN + (random() * 2 - 1) * JITTER_MIN;
      await browser.alarms.create(SYNC_ALARM, { delayInMinutes: delay, periodInMinutes: DAY_MIN });
    }
    const [meta, state] = await Promise.all([getFeedMeta(), readState()]);
    const at = now();
    if (state.nextRetryAt !== null && at < state.nextRetryAt) {
      // Backing off: keep the retry (an update may have cleared its alarm).
      if (!(await browser.alarms.get(RETRY_ALARM))) await browser.alarms.create(RETRY_ALARM, { when: state.nextRetryAt });
      return;
    }
    if (!meta || at - meta.checkedAt >= STALE_AFTER_MS) await syncNow();
  }

  async function onAlarm(alarm: Pick<Browser.alarms.Alarm, 'name'>): Promise<void> {
    if (alarm.name === SYNC_ALARM || alarm.name === RETRY_ALARM) await syncNow();
  }

  /**
   * One notification per added or changed breach that affects a site of interest and would
   * alert there (the alert policy decides; dismissals are ignored: this is news about it).
   */
  async function notifyChanged(changed: readonly BreachRecord[], added: ReadonlySet<string>): Promise<number> {
    if (changed.length === 0) return 0;
    const [interest, settings] = await Promise.all([sitesOfInterest(browser), readAlertSettings()]);
    if (interest.size === 0) return 0;
    const at = now();
    // The user's language choice in Options, else the browser's.
    const { t, locale: lang } = await translator(browser);
    let shown = 0;
    for (const breach of changed) {
      const site = breach.domains.map((d) => siteOf(`https://${d}/`)?.site).find((s): s is string => !!s && interest.has(s));
      if (!site) continue;
      if (decideAlert(breach, { now: at, settings, site, dismissed: [] }).reason !== 'alert') continue;
      if (shown === MAX_NOTIFICATIONS) break;
      const title = lang.toLowerCase().startsWith('ko') && breach.titleKo ? breach.titleKo : breach.title;
      const lines = [t('notifyMessage', [title, formatDate(breach.breachDate, lang, 'month'), exposedInWords(breach.dataClasses, t, lang)])];
      // HIBP's licence: credit it wherever its data is shown.
      if (breach.source === 'hibp') lines.push(t('creditHibp'));
      await browser.notifications.create(notificationId(site, breach.id), {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: t(added.has(breach.id) ? 'notifyNewTitle' : 'notifyUpdatedTitle', site),
        message: lines.join('\n'),
      });
      shown++;
    }
    return shown;
  }

  /** A click on one of our notifications opens that site's details page. */
  async function onNotificationClicked(id: string): Promise<void> {
    if (!id.startsWith(NOTIFICATION_PREFIX)) return;
    const site = id.slice(NOTIFICATION_PREFIX.length).split('|')[0];
    if (!site) return;
    await browser.tabs.create({ url: `${browser.runtime.getURL('/details.html')}?site=${encodeURIComponent(site)}` });
    await browser.notifications.clear(id);
  }

  async function status(): Promise<FeedSyncStatus> {
    const [meta, breachCount, state, url] = await Promise.all([getFeedMeta(), countBreaches(), readState(), feedUrl()]);
    return {
      url,
      defaultUrl: DEFAULT_FEED_URL,
      sequence: meta?.sequence ?? null,
      generated: meta?.generated ?? null,
      origin: meta?.origin ?? null,
      breachCount,
      checkedAt: meta && meta.checkedAt > 0 ? meta.checkedAt : null,
      changedAt: meta?.changedAt ?? null,
      lastAttemptAt: state.lastAttemptAt,
      lastError: state.lastError,
      nextRetryAt: state.nextRetryAt,
      syncing: inFlight !== null,
    };
  }

  const handlers: Pick<Handlers, 'ui:sync-now' | 'ui:feed-status'> = {
    async 'ui:sync-now'(): Promise<SyncNowResult> {
      const result = await syncNow();
      return {
        outcome: result.outcome,
        failure: result.outcome === 'failed' ? result.failure : null,
        added: result.outcome === 'updated' ? result.diff.added.length : 0,
        updated: result.outcome === 'updated' ? result.diff.updated.length : 0,
        removed: result.outcome === 'updated' ? result.diff.removed.length : 0,
        status: await status(),
      };
    },
    async 'ui:feed-status'() {
      return status();
    },
  };

  /**
   * Register the sync's listeners (synchronously: call from the background's `main()`), and
   * run the start-up work once the background is ready.
   * @param ready the background's readiness (bundled feed loaded); read at each event.
   */
  function listen(ready: () => Promise<unknown>): void {
    browser.alarms.onAlarm.addListener((alarm) => void ready().then(() => onAlarm(alarm)).catch(logError));
    browser.notifications.onClicked.addListener((id) => void onNotificationClicked(id).catch(logError));
    void ready().then(onStart).catch(logError);
  }

  return { syncNow, onStart, onAlarm, notifyChanged, onNotificationClicked, status, feedUrl, handlers, listen };
}

function logError(error: unknown): void {
  console.error('exposure-watch: feed sync', error);
}

export type SyncService = ReturnType<typeof createSyncService>;
