/**
 * A site's report: the answer first ("coupang.com leaked customer data in 2025"), then one card
 * per breach in the report's order. Also the calm "no known breaches" state.
 */
import type { ComponentChildren } from 'preact';
import type { SiteReport } from '@/utils/messaging/protocol';
import { formatCount } from '@/utils/i18n/format';
import { useI18n } from './i18n';
import { BreachCard } from './breach-card';
import { formatInstant, yearOf } from './format';

export interface SiteReportViewProps {
  report: SiteReport;
  ageWindowDays?: number;
  /** Popup layout (see BreachCard). */
  compact?: boolean;
  /** A page heading to use instead of the answer (the details page); the answer follows as a lead. */
  heading?: string;
  /** Extra controls shown under the answer (e.g. "open in a tab"). */
  actions?: ComponentChildren;
}

/** The one-line answer for a site, e.g. "coupang.com leaked customer data in 2025". */
export function answerFor(report: SiteReport, t: (k: string, s?: string | string[]) => string, locale: string): string {
  const warning = report.breaches.filter((v) => v.decision.badge);
  if (report.breaches.length === 0) return t('reportNone', report.site);
  if (warning.length === 1) return t('reportOne', [report.site, yearOf(warning[0].breach.breachDate)]);
  if (warning.length > 1) return t('reportMany', [report.site, formatCount(warning.length, locale)]);
  return t('reportNoWarnings', report.site);
}

export function FeedLine({ feed }: { feed: SiteReport['feed'] }) {
  const { t, locale } = useI18n();
  if (!feed) return null;
  return <p class="feed-line">{t('feedUpdated', formatInstant(feed.generated, locale))}</p>;
}

export function SiteReportView({ report, ageWindowDays, compact = false, heading, actions }: SiteReportViewProps) {
  const { t, locale } = useI18n();
  const answer = answerFor(report, t, locale);
  const warning = report.breaches.filter((v) => v.decision.badge).length;
  const quiet = report.breaches.length - warning;

  const Answer = heading ? 'p' : 'h1';
  if (report.breaches.length === 0) {
    return (
      <section class="report report-none" aria-labelledby={heading ? 'report-heading' : 'report-answer'}>
        {heading ? <h1 id="report-heading">{heading}</h1> : null}
        <Answer class="answer answer-calm" id="report-answer">
          <span aria-hidden="true" class="answer-shape">
            ✓
          </span>{' '}
          {answer}
        </Answer>
        <p class="lead">{t('reportNoneBody')}</p>
        <FeedLine feed={report.feed} />
      </section>
    );
  }

  return (
    <section class="report" aria-labelledby={heading ? 'report-heading' : 'report-answer'}>
      {heading ? <h1 id="report-heading">{heading}</h1> : null}
      <Answer class={`answer ${warning > 0 ? 'answer-warning' : 'answer-quiet'}`} id="report-answer">
        {answer}
      </Answer>
      <p class="lead">
        {warning > 0 ? t('reportMayInclude') : t('reportQuietBody', formatCount(quiet, locale))}
      </p>
      {actions}
      <ul class="cards" aria-label={t('reportListLabel', report.site)}>
        {report.breaches.map((v) => (
          <li key={v.breach.id}>
            <BreachCard verdict={v} site={report.site} ageWindowDays={ageWindowDays} compact={compact} level={2} />
          </li>
        ))}
      </ul>
      <FeedLine feed={report.feed} />
    </section>
  );
}
