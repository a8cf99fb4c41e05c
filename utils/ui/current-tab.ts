/**
 * The popup's view of the active tab. With the toolbar click's activeTab grant the popup sees
 * the tab's URL and asks for the site report; without it, it asks for the verdict the
 * background holds for the tab.
 */
import { browser } from 'wxt/browser';
import { send } from '@/utils/messaging/client';
import type { SiteReport } from '@/utils/messaging/protocol';

export type TabReport =
  /** A web site: its report (possibly with no breaches). */
  | { kind: 'report'; report: SiteReport }
  /** A browser page, a file, a local address: nothing to check. */
  | { kind: 'not-website' }
  /** The URL is hidden and the background holds no warning for the tab. */
  | { kind: 'no-verdict' };

export async function loadCurrentTabReport(): Promise<TabReport> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (!tab) return { kind: 'no-verdict' };
  if (tab.url) {
    if (!/^https?:\/\//i.test(tab.url)) return { kind: 'not-website' };
    const report = await send('ui:site-report', { url: tab.url });
    return report ? { kind: 'report', report } : { kind: 'not-website' };
  }
  if (tab.id === undefined || tab.id < 0) return { kind: 'no-verdict' };
  const verdict = await send('ui:tab-verdict', { tabId: tab.id });
  return verdict ? { kind: 'report', report: verdict.report } : { kind: 'no-verdict' };
}

/** The details page for a site, in the extension. */
export function detailsUrl(site: string): string {
  return browser.runtime.getURL(`/details.html?site=${encodeURIComponent(site)}`);
}
