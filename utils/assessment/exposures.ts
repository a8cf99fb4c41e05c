/**
 * "All my exposures": one list across the sites in the profile and the sites the user was warned
 * on, for those with breaches that count (utils/assessment/assess.ts `countsAsExposure`), with
 * open-action counts. Pure.
 */
import type { SiteReport } from '@/utils/messaging/protocol';
import type { Severity } from '@/utils/policy/alert';
import type { ProfileDetail } from '@/utils/taxonomy/details';
import type { ChecklistEntry, SiteProfile } from '@/utils/profile/types';
import { assessSite, siteSeverity } from './assess';

export interface ExposureBreachSummary {
  id: string;
  title: string;
  titleKo?: string;
  breachDate: string;
  severity: Severity;
  source: 'hibp' | 'curated';
  mayBeExposed: ProfileDetail[];
  done: number;
  total: number;
}

export interface SiteExposureSummary {
  site: string;
  hasProfile: boolean;
  /** The extension warned the user on this site at least once. */
  warned: boolean;
  severity: Severity;
  /** Newest breach date among the counting breaches, `YYYY-MM-DD`. */
  latest: string;
  breaches: ExposureBreachSummary[];
  mayBeExposed: ProfileDetail[];
  done: number;
  total: number;
  /** Steps not ticked yet. */
  open: number;
}

export interface ExposureOverview {
  sites: SiteExposureSummary[];
  /** Profile sites with no breach that counts, by name. */
  clearSites: string[];
}

export interface SiteInput {
  site: string;
  report: SiteReport | null;
  profile: SiteProfile | null;
  checklist: readonly ChecklistEntry[];
  warned: boolean;
}

const RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

/**
 * Summarise each site. Order: sites where something of the user's may be exposed first (a site
 * where none of the details they gave was taken comes last), then by severity (high first), then
 * by the newest breach (recent first), then by name.
 */
export function summariseExposures(inputs: readonly SiteInput[]): ExposureOverview {
  const sites: SiteExposureSummary[] = [];
  const clearSites: string[] = [];
  for (const input of inputs) {
    const assessment = input.report ? assessSite(input.report, input.profile, input.checklist) : null;
    const severity = assessment ? siteSeverity(assessment) : null;
    if (!assessment || !severity) {
      if (input.profile) clearSites.push(input.site);
      continue;
    }
    const breaches = input.report!.breaches.flatMap((v, i): ExposureBreachSummary[] => {
      const b = assessment.breaches[i];
      if (!b.counts) return [];
      return [
        {
          id: v.breach.id,
          title: v.breach.title,
          ...(v.breach.titleKo ? { titleKo: v.breach.titleKo } : {}),
          breachDate: v.breach.breachDate,
          severity: b.severity,
          source: v.breach.source,
          mayBeExposed: b.mayBeExposed,
          done: b.done.length,
          total: b.steps.length,
        },
      ];
    });
    breaches.sort((a, b) => RANK[b.severity] - RANK[a.severity] || b.breachDate.localeCompare(a.breachDate));
    sites.push({
      site: input.site,
      hasProfile: assessment.hasProfile,
      warned: input.warned,
      severity,
      latest: breaches.reduce((m, b) => (b.breachDate > m ? b.breachDate : m), ''),
      breaches,
      mayBeExposed: assessment.mayBeExposed,
      done: assessment.done,
      total: assessment.total,
      open: assessment.total - assessment.done,
    });
  }
  sites.sort(
    (a, b) =>
      Number(b.mayBeExposed.length > 0) - Number(a.mayBeExposed.length > 0) ||
      RANK[b.severity] - RANK[a.severity] ||
      b.latest.localeCompare(a.latest) ||
      a.site.localeCompare(b.site),
  );
  return { sites, clearSites: clearSites.sort() };
}
