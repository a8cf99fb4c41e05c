/**
 * Turning a SiteReport into what the toolbar badge and the in-page notice show. Pure: strings
 * come from the injected `t` (i18n.getMessage) and `locale`.
 */
import type { NoticeVerdict, SiteReport } from '@/utils/messaging/protocol';
import { maxSeverity, type Severity } from '@/utils/policy/alert';
import { detailMessageKey, detailsOf } from '@/utils/taxonomy/details';
import { formatCount, formatDate, formatList } from '@/utils/i18n/format';
import { wrongWarningUrl } from '@/utils/report/wrong-warning';

export type Translate = (key: string, substitutions?: string | string[]) => string;

/** Badge colours by severity; the badge text ("!") and tooltip carry the meaning too. */
export const BADGE_COLORS: Record<Severity, string> = { high: '#B3261E', medium: '#B45309', low: '#5B5B5B' };

export interface BadgeState {
  text: string;
  color: string;
  title: string;
}

/** How many exposed details the notice names before "and more". */
const NOTICE_DETAILS = 6;

/** The badge for a site, or null when no breach of the site raises it. */
export function badgeFor(report: SiteReport, t: Translate, locale: string): BadgeState | null {
  const raising = report.breaches.filter((v) => v.decision.badge);
  const severity = maxSeverity(raising.map((v) => v.decision.severity));
  if (!severity) return null;
  const first = raising[0].breach;
  const title =
    raising.length === 1
      ? t('badgeTitleOne', [report.site, first.title, formatDate(first.breachDate, locale, 'month')])
      : t('badgeTitleMany', [report.site, String(raising.length)]);
  return { text: '!', color: BADGE_COLORS[severity], title };
}

/** Plain-words list of the main details a breach exposed, e.g. "names, email addresses and phone numbers". */
export function exposedInWords(dataClasses: readonly string[], t: Translate, locale: string): string {
  const details = detailsOf(dataClasses).filter((d) => d !== 'other');
  const words = details.slice(0, NOTICE_DETAILS).map((d) => t(detailMessageKey(d)));
  if (details.length > NOTICE_DETAILS || (details.length === 0 && dataClasses.length > 0)) words.push(t('detailMore'));
  return formatList(words, locale);
}

/** What the notice shows for a site: the breaches whose decision says `notice`; null for none. */
export function noticeFor(report: SiteReport, t: Translate, locale: string, version = '0'): NoticeVerdict | null {
  const items = report.breaches
    .filter((v) => v.decision.notice)
    .map(({ breach, decision }) => ({
      id: breach.id,
      title: locale.startsWith('ko') && breach.titleKo ? breach.titleKo : breach.title,
      when: formatDate(breach.breachDate, locale, 'month'),
      count: breach.pwnCount === null ? null : t('accountsAffected', formatCount(breach.pwnCount, locale)),
      exposed: exposedInWords(breach.dataClasses, t, locale),
      hibp: breach.source === 'hibp',
      severity: decision.severity,
    }));
  if (items.length === 0) return null;
  return {
    site: report.site,
    items,
    labels: {
      heading: t('noticeHeading', report.site),
      exposed: t('noticeExposed'),
      whatToDo: t('noticeWhatToDo'),
      dismiss: t('noticeDismiss'),
      credit: t('creditHibp'),
      report: t('reportWrongWarning'),
    },
    reportUrl: wrongWarningUrl({ site: report.site, breachIds: items.map((i) => i.id), feedSequence: report.feed?.sequence ?? null, version }),
  };
}
