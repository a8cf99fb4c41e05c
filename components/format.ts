/** Small formatting helpers for components (Intl only; strings come from the caller's `t`). */
import { formatDate } from '@/utils/i18n/format';
import type { Translate } from './i18n';

/**
 * A length of time in days for people: whole years as years ("2 years" / "2년"), otherwise
 * days ("180 days" / "180일").
 */
export function formatPeriod(days: number, locale: string): string {
  const years = days / 365;
  const [unit, value] = Number.isInteger(years) ? (['year', years] as const) : (['day', days] as const);
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** A calendar date, or the word for "unknown" when null. */
export function dateOrUnknown(iso: string | null, locale: string, t: Translate): string {
  return iso ? formatDate(iso, locale) : t('dateUnknown');
}

/** An ISO instant as date and time in the UI locale, e.g. "29 Nov 2026, 09:00". */
export function formatInstant(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** The year of a `YYYY-MM-DD` date, as the locale writes numbers ("2025"). */
export function yearOf(isoDate: string): string {
  return isoDate.slice(0, 4);
}
