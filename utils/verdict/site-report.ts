/**
 * A site's breaches with the alert policy's decision for each: the single source for badge,
 * notice, popup and details page.
 */
import { breachesForDomains, getFeedMeta } from '@/utils/db/feed-store';
import { candidateDomains, siteOf } from '@/utils/match/site';
import { decideAlert, type AlertSettings } from '@/utils/policy/alert';
import type { BreachVerdict, SiteReport } from '@/utils/messaging/protocol';

/**
 * Order: breaches that alert (or alerted and were dismissed) first, then the rest; within each
 * group newest breach date first.
 */
export function sortVerdicts(list: BreachVerdict[]): BreachVerdict[] {
  return [...list].sort(
    (a, b) =>
      Number(b.decision.badge) - Number(a.decision.badge) || b.breach.breachDate.localeCompare(a.breach.breachDate),
  );
}

/**
 * Everything known about the site of `url`, or null when the URL cannot be a breached site
 * (see `siteOf`). Reads the feed from IndexedDB.
 * @param ctx.now epoch ms; `dismissals` maps registrable domain -> dismissed breach ids.
 */
export async function siteReport(
  url: string,
  ctx: { now: number; settings: AlertSettings; dismissals: Record<string, string[]> },
): Promise<SiteReport | null> {
  const key = siteOf(url);
  if (!key) return null;
  const [breaches, meta] = await Promise.all([breachesForDomains(candidateDomains(key)), getFeedMeta()]);
  const dismissed = ctx.dismissals[key.site] ?? [];
  const verdicts = breaches.map((breach) => ({
    breach,
    decision: decideAlert(breach, { now: ctx.now, settings: ctx.settings, site: key.site, dismissed }),
  }));
  return {
    host: key.host,
    site: key.site,
    breaches: sortVerdicts(verdicts),
    feed: meta ? { sequence: meta.sequence, generated: meta.generated } : null,
  };
}
