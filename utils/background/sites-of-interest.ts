/**
 * The sites a feed update should tell the user about (issue 3, "New sites and notifications"):
 * sites in the user's profile (issue 4: sites they gave details to) and sites where the
 * extension has already warned them (the durable `warned` list, dismissed notices, and warnings
 * showing in this browser session). One hook, so every caller follows when a source is added.
 */
import type { browser as browserApi } from 'wxt/browser';
import { dismissals } from '@/utils/settings/items';
import { listWarned, profileSites } from '@/utils/profile/store';
import type { TabVerdict } from '@/utils/messaging/protocol';

/** Prefix of per-tab verdict keys in `storage.session` (see `tabVerdictKey`, without the area). */
const TAB_VERDICT_PREFIX = 'tab-verdict:';

/** Registrable domains the user cares about (see the module comment). */
export async function sitesOfInterest(browser: Pick<typeof browserApi, 'storage'>): Promise<Set<string>> {
  const [profile, warned, dismissed, session] = await Promise.all([
    profileSites(),
    listWarned(),
    dismissals.getValue(),
    browser.storage.session.get(null),
  ]);
  const sites = new Set([...profile, ...warned.map((w) => w.site), ...Object.keys(dismissed)]);
  for (const [key, value] of Object.entries(session as Record<string, unknown>)) {
    if (!key.startsWith(TAB_VERDICT_PREFIX)) continue;
    const site = (value as Partial<TabVerdict> | null)?.report?.site;
    if (typeof site === 'string') sites.add(site);
  }
  return sites;
}
