/**
 * The background's services, given their dependencies (the `browser` API, a clock) so tests
 * can drive them with fakeBrowser. entrypoints/background.ts only wires these to events.
 */
import type { Browser, browser as browserApi } from 'wxt/browser';
import { allBreaches } from '@/utils/db/feed-store';
import { ensureBundledFeed, BUNDLED_FEED_PATH } from '@/utils/feed/bundled';
import { reconcileContentScripts } from '@/utils/access/registration';
import { grantedPatterns } from '@/utils/access/registration';
import { originsFor } from '@/utils/match/site';
import { isAlertable } from '@/utils/policy/alert';
import { siteReport } from '@/utils/verdict/site-report';
import { badgeFor, noticeFor } from '@/utils/verdict/present';
import { translator } from '@/utils/i18n/catalog';
import { dismiss, dismissals, readAlertSettings, tabVerdictKey } from '@/utils/settings/items';
import { storage } from '#imports';
import { MessageRejected, type Handlers } from '@/utils/messaging/router';
import { createSyncService, type SyncServiceDeps } from './sync-service';
import { storageProblemOf } from '@/utils/db/storage-error';
import { storageFailure } from '@/utils/feed/sync';
import { EMPTY_SYNC_STATE, feedSyncState } from '@/utils/feed/sync-state';
import { createProfileService } from './profile-service';
import type { SiteReport, TabVerdict } from '@/utils/messaging/protocol';

export interface BackgroundDeps {
  browser: typeof browserApi;
  now: () => number;
  /** Test build only: delay before answering `content:verdict`, read from storage (ms). */
  verdictDelay?: () => Promise<number>;
  /** Feed sync overrides (tests: fetch, keys, timeouts). */
  syncOptions?: Partial<Omit<SyncServiceDeps, 'browser' | 'now' | 'reconcile'>>;
}

export function createServices({ browser, now, verdictDelay, syncOptions }: BackgroundDeps) {
  /** Messages in the user's language (Options can override the browser's). */
  const i18n = () => translator(browser);

  /** Match patterns for every site with an alertable breach under the current settings. */
  async function wantedPatterns(): Promise<string[]> {
    const [breaches, settings] = await Promise.all([allBreaches(), readAlertSettings()]);
    const at = now();
    return originsFor(breaches.filter((b) => isAlertable(b, at, settings)).flatMap((b) => b.domains));
  }

  /**
   * Load the bundled feed if needed, then reconcile the content script registration.
   * @throws StorageError when the bundled feed cannot be stored (e.g. a full disk): nothing is
   * half-stored, the options page shows the cause (as the last sync error), the popup says the
   * breach list is missing, and the next start tries again.
   */
  async function start(compareBundled: boolean): Promise<void> {
    try {
      await ensureBundledFeed(browser.runtime.getURL(BUNDLED_FEED_PATH), now(), compareBundled);
    } catch (error) {
      if (storageProblemOf(error)) await noteFeedStorageFailure(error);
      throw error;
    }
    await reconcile();
  }

  /** Show a refused feed write where feed errors are shown (options); storage.local may be full too. */
  async function noteFeedStorageFailure(error: unknown): Promise<void> {
    try {
      const state = { ...EMPTY_SYNC_STATE, ...(await feedSyncState.getValue()) };
      await feedSyncState.setValue({ ...state, lastError: { ...storageFailure(error), at: now() } });
    } catch (also) {
      console.error('exposure-watch: could not record the feed storage failure', also);
    }
  }

  async function reconcile(): Promise<string[]> {
    const matches = await reconcileContentScripts(browser, await wantedPatterns());
    // The opt-in form observer follows the same sites (and the same triggers).
    await profile.reconcileObserver();
    return matches;
  }

  // Feed sync (issue 3): its own service; its handlers join the table below.
  const sync = createSyncService({ browser, now, reconcile, ...syncOptions });

  async function reportFor(url: string): Promise<SiteReport | null> {
    const [settings, dismissed] = await Promise.all([readAlertSettings(), dismissals.getValue()]);
    return siteReport(url, { now: now(), settings, dismissals: dismissed });
  }

  // The user's exposure (issue 4): profile, checklist, observer; its handlers join the table below.
  const profile = createProfileService({ browser, now, reportFor });

  /** Set (or clear) the tab's badge and remember its verdict in storage.session. */
  async function applyToTab(tabId: number, url: string, report: SiteReport | null): Promise<boolean> {
    const { t, locale } = await i18n();
    const badge = report ? badgeFor(report, t, locale) : null;
    if (!badge || !report) {
      await storage.removeItem(tabVerdictKey(tabId));
      await browser.action.setBadgeText({ tabId, text: '' });
      return false;
    }
    await storage.setItem<TabVerdict>(tabVerdictKey(tabId), { url, report });
    await Promise.all([
      browser.action.setBadgeText({ tabId, text: badge.text }),
      browser.action.setBadgeBackgroundColor({ tabId, color: badge.color }),
      browser.action.setTitle({ tabId, title: badge.title }),
    ]);
    return true;
  }

  const tabOf = (sender: Browser.runtime.MessageSender) => ({ tabId: sender.tab!.id!, url: sender.url! });

  const handlers: Handlers = {
    ...sync.handlers,
    ...profile.handlers,
    async 'content:verdict'(_p, sender) {
      const report = await reportFor(sender.url!);
      const delay = (await verdictDelay?.()) ?? 0;
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      if (!report) return null;
      const { t, locale } = await i18n();
      return noticeFor(report, t, locale, browser.runtime.getManifest().version);
    },
    async 'content:shown'(_p, sender) {
      const { tabId, url } = tabOf(sender);
      // The page is live (it just answered); a stale verdict never gets here because the
      // content script of a page that was left never receives its answer.
      if ((sender as { documentLifecycle?: string }).documentLifecycle === 'prerender') return { badge: false };
      const report = await reportFor(url);
      const badge = await applyToTab(tabId, url, report);
      // Remembered for "All my exposures"; never from a private tab.
      if (badge && report) await profile.warned(report.site, sender.tab?.incognito === true);
      return { badge };
    },
    async 'content:dismiss'({ breachId }, sender) {
      const report = await reportFor(sender.url!);
      if (!report || !report.breaches.some((v) => v.breach.id === breachId)) throw new MessageRejected('no such breach on this site');
      await dismiss(report.site, breachId);
      return { ok: true };
    },
    async 'content:open-details'(_p, sender) {
      const report = await reportFor(sender.url!);
      if (!report) throw new MessageRejected('not a breached site');
      await browser.tabs.create({
        url: `${browser.runtime.getURL('/details.html')}?site=${encodeURIComponent(report.site)}`,
        index: (sender.tab?.index ?? 0) + 1,
        openerTabId: sender.tab?.id,
      });
      return { ok: true };
    },
    async 'ui:site-report'({ url }) {
      return reportFor(url);
    },
    async 'ui:tab-verdict'({ tabId }) {
      return (await storage.getItem<TabVerdict>(tabVerdictKey(tabId))) ?? null;
    },
    async 'ui:access-status'() {
      const wanted = await wantedPatterns();
      const { origins = [] } = await browser.permissions.getAll();
      const granted = new Set(grantedPatterns(wanted, origins));
      return { wanted, missing: wanted.filter((p) => !granted.has(p)) };
    },
  };

  /** A navigation started in the tab: its badge resets by itself; forget the verdict too. */
  async function forgetTab(tabId: number): Promise<void> {
    await storage.removeItem(tabVerdictKey(tabId));
  }

  return { start, reconcile, handlers, forgetTab, reportFor, wantedPatterns, sync, profile };
}

export type Services = ReturnType<typeof createServices>;
