/**
 * Exposure assessment: which of the user's details a site's breaches may have exposed.
 *
 * For each breach of a site: may be exposed = breach classes ∩ the user's details there; not
 * exposed = the user's details the breach did not include, plus the classes the company or a
 * regulator said were not taken; "not told us" = breach classes the user has not said they gave.
 * With no profile for the site (no details recorded), every breach class counts as may be
 * exposed. Which breaches count comes from the one alert policy (utils/policy/alert.ts), through
 * the decisions in the SiteReport. Pure: no storage, no browser.
 */
import type { BreachVerdict, SiteReport } from '@/utils/messaging/protocol';
import type { AlertDecision, Severity } from '@/utils/policy/alert';
import { maxSeverity } from '@/utils/policy/alert';
import { remediationFor, type PlannedStep } from '@/utils/remediation/catalog';
import { PROFILE_DETAILS, detailsOf, isProfileDetail, type ProfileDetail } from '@/utils/taxonomy/details';
import type { ChecklistEntry, SiteProfile } from '@/utils/profile/types';
import { tickedByBreach } from '@/utils/checklist/progress';

/**
 * Whether a breach counts towards the user's exposure, by the alert policy's decision: it counts
 * when the policy warns (or warned and the notice was dismissed), and also when only the user's
 * mute or global switch silenced it: those quiet the warnings, they do not undo a breach.
 * Fabricated, spam-list, retired, unverified, too-old and sensitive-unless-opted-in do not count.
 */
export function countsAsExposure(decision: AlertDecision): boolean {
  return decision.badge || decision.reason === 'muted' || decision.reason === 'disabled';
}

export interface BreachExposure {
  breachId: string;
  /** The user recorded at least one detail for the site. */
  hasProfile: boolean;
  /** Counts towards "All my exposures" (see `countsAsExposure`). */
  counts: boolean;
  severity: Severity;
  mayBeExposed: ProfileDetail[];
  notExposed: ProfileDetail[];
  /** Breach details the user has not said they gave the site (empty without a profile). */
  notToldUs: ProfileDetail[];
  /** The checklist: remediation steps for the details that may be exposed, and the general ones. */
  steps: PlannedStep[];
  /** Ids of `steps` the user ticked. */
  done: string[];
}

export interface SiteAssessment {
  site: string;
  hasProfile: boolean;
  /** In the report's order. */
  breaches: BreachExposure[];
  /** Union over the counting breaches, in canonical order. */
  mayBeExposed: ProfileDetail[];
  /** Steps (over the counting breaches) ticked / in all. */
  done: number;
  total: number;
}

const inOrder = (set: ReadonlySet<ProfileDetail>) => PROFILE_DETAILS.filter((d) => set.has(d));

/** The details of a profile as a set (empty for no profile). */
export function detailSet(profile: SiteProfile | null | undefined): Set<ProfileDetail> {
  return new Set(profile?.details.map((d) => d.detail) ?? []);
}

/**
 * One breach's exposure for a user who gave `site` the details in `given` (null: no profile).
 * @param ticked step ids the user ticked for this breach on this site.
 */
export function assessBreach(verdict: BreachVerdict, site: string, given: ReadonlySet<ProfileDetail> | null, ticked: ReadonlySet<string>): BreachExposure {
  const { breach, decision } = verdict;
  const inBreach = new Set(detailsOf(breach.dataClasses).filter(isProfileDetail));
  const saidNotTaken = detailsOf(breach.notExposed).filter(isProfileDetail).filter((d) => !inBreach.has(d));
  const hasProfile = given !== null && given.size > 0;
  let mayBeExposed: ProfileDetail[];
  let notExposed: ProfileDetail[];
  let notToldUs: ProfileDetail[];
  if (!hasProfile) {
    mayBeExposed = inOrder(inBreach);
    notExposed = saidNotTaken;
    notToldUs = [];
  } else {
    mayBeExposed = inOrder(new Set([...inBreach].filter((d) => given.has(d))));
    notToldUs = inOrder(new Set([...inBreach].filter((d) => !given.has(d))));
    notExposed = inOrder(new Set([...[...given].filter((d) => !inBreach.has(d)), ...saidNotTaken]));
  }
  // Nothing the user gave was taken: nothing to do (the breach card still says what was taken).
  const relevant = new Set<string>([...mayBeExposed, 'general']);
  const steps = hasProfile && mayBeExposed.length === 0 ? [] : remediationFor(breach, site).filter((s) => relevant.has(s.detail));
  return {
    breachId: breach.id,
    hasProfile,
    counts: countsAsExposure(decision),
    severity: decision.severity,
    mayBeExposed,
    notExposed,
    notToldUs,
    steps,
    done: steps.filter((s) => ticked.has(s.id)).map((s) => s.id),
  };
}

/** Every breach of a report assessed against the site's profile and checklist. */
export function assessSite(report: SiteReport, profile: SiteProfile | null, checklist: readonly ChecklistEntry[]): SiteAssessment {
  const given = detailSet(profile);
  const ticks = tickedByBreach(checklist.filter((e) => e.site === report.site));
  const breaches = report.breaches.map((v) => assessBreach(v, report.site, given, ticks.get(v.breach.id) ?? new Set()));
  const counting = breaches.filter((b) => b.counts);
  return {
    site: report.site,
    hasProfile: given.size > 0,
    breaches,
    mayBeExposed: inOrder(new Set(counting.flatMap((b) => b.mayBeExposed))),
    done: counting.reduce((n, b) => n + b.done.length, 0),
    total: counting.reduce((n, b) => n + b.steps.length, 0),
  };
}

/** Highest severity among the counting breaches, or null when none counts. */
export function siteSeverity(assessment: SiteAssessment): Severity | null {
  return maxSeverity(assessment.breaches.filter((b) => b.counts).map((b) => b.severity));
}
