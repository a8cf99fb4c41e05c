/**
 * The remediation catalog: what a person should do once a detail of theirs is out, per canonical
 * detail (utils/taxonomy/details.ts), most urgent first. Texts live in
 * public/_locales/<lang>/messages.json under `stepMessageKey(id)`; every step's message may use
 * `$SITE$` (the registrable domain the user is looking at).
 *
 * Step ids are stable: the user's progress (ticked steps) is stored by id. Add steps, never
 * rename or reuse an id.
 *
 * Sources for the national services named in the Korean steps: KISA's 118 counselling line
 * (https://www.kisa.or.kr, "118 상담센터"), KAIT's M-Safer identity-theft protection
 * (https://www.msafer.or.kr), the FSS exposed-person accident prevention system
 * (개인정보노출자 사고예방시스템). Change-password URLs follow the W3C "well-known URL for
 * changing passwords" draft (https://w3c.github.io/webappsec-change-password-url/).
 */
import type { BreachRecord } from '@/utils/feed/schema';
import { CANONICAL_DETAILS, detailsOf, type CanonicalDetail } from '@/utils/taxonomy/details';

/** Where a step's link points; resolved per breach and site by `remediationFor`. */
export type StepLink = 'change-password' | 'official-notice' | 'hibp';

export interface RemediationStep {
  /** Stable id, `<detail>.<action>`; progress is kept under it. */
  id: string;
  /** The exposed detail this step answers, or `general` for the breach as a whole. */
  detail: CanonicalDetail | 'general';
  /** Only for breaches whose `country` is one of these (ISO 3166-1 alpha-2). */
  countries?: readonly string[];
  /** Not for breaches whose `country` is one of these (a national step replaces it there). */
  exceptCountries?: readonly string[];
  /** A link shown with the step; a step whose link cannot be resolved is left out. */
  link?: StepLink;
}

/** Details in the order their steps are shown: what lets someone take money or accounts first. */
export const DETAIL_PRIORITY: readonly CanonicalDetail[] = [
  'password', 'security-questions', 'payment-card', 'bank-account', 'government-id', 'finances', 'phone',
  'device-id', 'entrance-code', 'address', 'order-history', 'messages', 'health', 'email', 'work',
  'birth-date', 'username', 'social-profiles', 'photos', 'personal-life', 'name', 'location', 'gender', 'other',
];

/** Every step, grouped by detail in `DETAIL_PRIORITY` order, `general` last. */
export const REMEDIATION_STEPS: readonly RemediationStep[] = [
  { id: 'password.change-here', detail: 'password', link: 'change-password' },
  { id: 'password.change-reused', detail: 'password' },
  { id: 'password.turn-on-2fa', detail: 'password' },
  { id: 'security-questions.change', detail: 'security-questions' },
  { id: 'payment-card.check-statements', detail: 'payment-card' },
  { id: 'payment-card.replace-card', detail: 'payment-card' },
  { id: 'bank-account.watch', detail: 'bank-account' },
  { id: 'bank-account.never-share-codes', detail: 'bank-account' },
  { id: 'government-id.identity-protection', detail: 'government-id', countries: ['KR'] },
  { id: 'government-id.register-exposure', detail: 'government-id', countries: ['KR'] },
  { id: 'government-id.credit-freeze', detail: 'government-id', exceptCountries: ['KR'] },
  { id: 'government-id.watch-loans', detail: 'government-id' },
  { id: 'phone.smishing', detail: 'phone' },
  { id: 'phone.call-back', detail: 'phone' },
  { id: 'device-id.replace-sim', detail: 'device-id' },
  { id: 'entrance-code.change', detail: 'entrance-code' },
  { id: 'address.fake-delivery', detail: 'address' },
  { id: 'order-history.fake-orders', detail: 'order-history' },
  { id: 'email.phishing', detail: 'email' },
  { id: 'email.check-hibp', detail: 'email', link: 'hibp' },
  { id: 'birth-date.not-a-secret', detail: 'birth-date' },
  { id: 'username.login-attempts', detail: 'username' },
  { id: 'name.not-proof', detail: 'name' },
  { id: 'location.not-proof', detail: 'location' },
  { id: 'finances.money-scams', detail: 'finances' },
  { id: 'messages.quoted-messages', detail: 'messages' },
  { id: 'health.check-insurance', detail: 'health' },
  { id: 'work.impersonation', detail: 'work' },
  { id: 'social-profiles.check-settings', detail: 'social-profiles' },
  { id: 'photos.fake-profiles', detail: 'photos' },
  { id: 'personal-life.blackmail', detail: 'personal-life' },
  { id: 'general.official-notice', detail: 'general', link: 'official-notice' },
  { id: 'general.kisa-118', detail: 'general', countries: ['KR'] },
];

/** The i18n message key of a step's text: `password.change-here` -> `step_password_change_here`. */
export function stepMessageKey(id: string): string {
  return `step_${id.replace(/[.-]/g, '_')}`;
}

/** The i18n message key of a link's text: `change-password` -> `stepLink_change_password`. */
export function stepLinkMessageKey(link: StepLink): string {
  return `stepLink_${link.replace(/-/g, '_')}`;
}

/** A step resolved for one breach on one site. */
export interface PlannedStep {
  id: string;
  detail: CanonicalDetail | 'general';
  messageKey: string;
  /** https URL to show with the step, or null. */
  href: string | null;
  /** Message key of the link's text, or null. */
  linkKey: string | null;
}

const DOMAIN = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

function isHttps(url: string | null): url is string {
  if (!url) return false;
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The site's change-password page (`https://<site>/.well-known/change-password`), or null when
 * `site` is not a lower-case ASCII domain.
 */
export function changePasswordUrl(site: string): string | null {
  return DOMAIN.test(site) ? `https://${site}/.well-known/change-password` : null;
}

function linkFor(link: StepLink, breach: Pick<BreachRecord, 'officialNotice' | 'flags'>, site: string): string | null {
  // Sensitive breaches (adult sites and the like) get no outbound link to the site or the breach.
  if (breach.flags.sensitive && link !== 'hibp') return null;
  switch (link) {
    case 'change-password':
      return changePasswordUrl(site);
    case 'official-notice':
      return isHttps(breach.officialNotice) ? breach.officialNotice : null;
    case 'hibp':
      return 'https://haveibeenpwned.com/';
  }
}

/**
 * The steps to take after `breach`, seen on `site` (registrable domain, lower-case ASCII):
 * the steps of every canonical detail the breach exposed, in `DETAIL_PRIORITY` order, then the
 * general ones. Country-bound steps follow `breach.country`; a step with a link is kept only
 * when its link resolves to an https URL, except the password change, which stands on its own
 * (it loses its link for a sensitive breach).
 */
export function remediationFor(
  breach: Pick<BreachRecord, 'dataClasses' | 'country' | 'officialNotice' | 'flags'>,
  site: string,
): PlannedStep[] {
  const exposed = new Set<CanonicalDetail | 'general'>(detailsOf(breach.dataClasses));
  exposed.add('general');
  const rank = (d: CanonicalDetail | 'general') => (d === 'general' ? DETAIL_PRIORITY.length : DETAIL_PRIORITY.indexOf(d));
  const country = breach.country;
  const out: PlannedStep[] = [];
  for (const step of REMEDIATION_STEPS) {
    if (!exposed.has(step.detail)) continue;
    if (step.countries && (!country || !step.countries.includes(country))) continue;
    if (step.exceptCountries && country && step.exceptCountries.includes(country)) continue;
    const href = step.link ? linkFor(step.link, breach, site) : null;
    if (step.link && !href && step.link !== 'change-password') continue;
    out.push({
      id: step.id,
      detail: step.detail,
      messageKey: stepMessageKey(step.id),
      href,
      linkKey: href && step.link ? stepLinkMessageKey(step.link) : null,
    });
  }
  // Stable sort keeps catalog order within a detail.
  return out.sort((a, b) => rank(a.detail) - rank(b.detail));
}

/** Canonical details that have at least one step (for tests and the options page). */
export function detailsWithSteps(): CanonicalDetail[] {
  const have = new Set(REMEDIATION_STEPS.map((s) => s.detail));
  return CANONICAL_DETAILS.filter((d) => have.has(d));
}
