/** Plain words for why a breach does (not) raise a warning (utils/policy/alert.ts AlertReason). */
import type { AlertReason } from '@/utils/policy/alert';
import { DEFAULT_AGE_WINDOW_DAYS } from '@/utils/policy/alert';
import { formatPeriod } from './format';
import type { Translate } from './i18n';

/** Message key for a reason: `reason_too_old` ... */
export const reasonMessageKey = (r: AlertReason) => `reason_${r.replace(/-/g, '_')}`;

/**
 * What to tell the user about `reason`, or null for `alert` (a warning needs no excuse).
 * `ageWindowDays` words the `too-old` case ("added more than 2 years ago").
 */
export function reasonText(
  reason: AlertReason,
  t: Translate,
  locale: string,
  ageWindowDays: number = DEFAULT_AGE_WINDOW_DAYS,
): string | null {
  if (reason === 'alert') return null;
  if (reason === 'too-old') return t(reasonMessageKey(reason), formatPeriod(ageWindowDays, locale));
  return t(reasonMessageKey(reason));
}

/** Reasons under which nothing needs doing, so no remediation steps are shown. */
export const NO_ACTION_REASONS: readonly AlertReason[] = ['fabricated', 'retired', 'no-personal-data'];
