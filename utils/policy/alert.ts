/**
 * The one alert policy. Badge, notice, popup, details, options and registration all ask this
 * module, so they never disagree about a breach.
 */
import type { BreachRecord } from '@/utils/feed/schema';

/**
 * Default age window on a breach's `addedDate`, in days. Two years keeps every 2025 Korean
 * retail and telecom breach alertable through 2026 (the oldest, GS25, was disclosed
 * 2025-01-06), which matches how long breach data keeps feeding phishing and smishing
 * campaigns and how long Korean regulators' follow-up ran (PIPC actions on Coupang ran into 2026).
 */
export const DEFAULT_AGE_WINDOW_DAYS = 730;
const DAY_MS = 86_400_000;

export interface AlertSettings {
  /** Global switch; false silences badge and notice everywhere. */
  enabled: boolean;
  ageWindowDays: number;
  /** Let unverified breaches raise the badge too. */
  alertUnverified: boolean;
  /** Show sensitive breaches (adult sites and the like) in-page. */
  alertSensitive: boolean;
  /** Registrable domains the user muted. */
  mutedSites: string[];
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  enabled: true,
  ageWindowDays: DEFAULT_AGE_WINDOW_DAYS,
  alertUnverified: false,
  alertSensitive: false,
  mutedSites: [],
};

export type Severity = 'high' | 'medium' | 'low';

/** Why a breach does or does not alert; `alert` means it raises badge and notice. */
export type AlertReason =
  | 'alert'
  | 'fabricated'
  | 'spam-list'
  | 'retired'
  | 'no-personal-data'
  | 'sensitive'
  | 'unverified'
  | 'too-old'
  | 'disabled'
  | 'muted'
  | 'dismissed';

export interface AlertDecision {
  /** Raises the toolbar badge. */
  badge: boolean;
  /** Shows the in-page notice. */
  notice: boolean;
  reason: AlertReason;
  severity: Severity;
}

// HIBP data classes that let a criminal take money or an identity directly.
const HIGH = new Set([
  'Passwords', 'Credit cards', 'Credit card CVV', 'Bank account numbers', 'Government issued IDs',
  'Social security numbers', 'National identity numbers', 'Passport numbers', 'Security questions and answers',
  'Auth tokens', 'Encrypted keys', 'Financial transactions', 'Partial credit card data', 'Tax numbers',
  'Driver\'s licenses', 'PINs',
  // USIM keys let a criminal clone the SIM and receive the victim's texts, one-time codes included.
  'SIM authentication keys',
]);
// Classes that enable targeted phishing, smishing and fraud at the door.
const MEDIUM = new Set([
  'Phone numbers', 'Physical addresses', 'Dates of birth', 'Purchases', 'IMSI numbers', 'IMEI numbers',
  'Building entrance codes', 'Geographic locations', 'Health insurance information', 'Medical records',
]);

/** Severity from a breach's data classes: any HIGH class -> high, any MEDIUM -> medium, else low. */
export function severityOf(breach: Pick<BreachRecord, 'dataClasses'>): Severity {
  if (breach.dataClasses.some((c) => HIGH.has(c))) return 'high';
  if (breach.dataClasses.some((c) => MEDIUM.has(c))) return 'medium';
  return 'low';
}

/**
 * Site-independent part of the policy: could this breach ever raise a badge for anyone with
 * these settings? Used to pick the sites to ask access for and to register the content script on.
 * `now` is epoch milliseconds.
 */
export function baseReason(breach: BreachRecord, now: number, settings: AlertSettings): AlertReason {
  const f = breach.flags;
  if (f.fabricated) return 'fabricated';
  if (f.spamList) return 'spam-list';
  if (f.retired) return 'retired';
  if (breach.dataClasses.length === 0) return 'no-personal-data';
  if (f.sensitive && !settings.alertSensitive) return 'sensitive';
  if (!f.verified && !settings.alertUnverified) return 'unverified';
  if (now - Date.parse(breach.addedDate) > settings.ageWindowDays * DAY_MS) return 'too-old';
  return 'alert';
}

/** True when `baseReason` is `alert`. */
export function isAlertable(breach: BreachRecord, now: number, settings: AlertSettings): boolean {
  return baseReason(breach, now, settings) === 'alert';
}

/**
 * The full decision for one breach on one site.
 * @param ctx.site registrable domain of the page; `dismissed` are breach ids the user dismissed there.
 */
export function decideAlert(
  breach: BreachRecord,
  ctx: { now: number; settings: AlertSettings; site: string; dismissed: readonly string[] },
): AlertDecision {
  const severity = severityOf(breach);
  let reason = baseReason(breach, ctx.now, ctx.settings);
  if (reason === 'alert') {
    if (!ctx.settings.enabled) reason = 'disabled';
    else if (ctx.settings.mutedSites.includes(ctx.site)) reason = 'muted';
    else if (ctx.dismissed.includes(breach.id)) reason = 'dismissed';
  }
  // A dismissal silences the notice only; the badge keeps telling the truth about the site.
  const badge = reason === 'alert' || reason === 'dismissed';
  return { badge, notice: reason === 'alert', reason, severity };
}

const RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

/** Highest severity in a list, or null for an empty list. */
export function maxSeverity(list: readonly Severity[]): Severity | null {
  return list.reduce<Severity | null>((m, s) => (m === null || RANK[s] > RANK[m] ? s : m), null);
}
