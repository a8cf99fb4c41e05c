/**
 * Locale-aware formatting through `Intl` (numbers, dates, lists). Pure: the caller passes the
 * locale (from `i18n.getUILanguage()` or the user's override).
 */

/** 33673817 -> "33,673,817" (en) / "33,673,817" (ko). */
export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

/**
 * A calendar date `YYYY-MM-DD` for people: "June 24, 2025" / "2025년 6월 24일".
 * Formatted in UTC so the day never shifts with the user's time zone.
 */
export function formatDate(isoDate: string, locale: string, style: 'long' | 'month' = 'long'): string {
  const d = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  const opts: Intl.DateTimeFormatOptions =
    style === 'month' ? { year: 'numeric', month: 'long', timeZone: 'UTC' } : { dateStyle: 'long', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, opts).format(d);
}

/** ["a","b","c"] -> "a, b, and c" (en) / "a, b 및 c" (ko). */
export function formatList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}
