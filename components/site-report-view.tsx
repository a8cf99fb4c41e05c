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
import type { SiteAssessment } from '@/utils/assessment/assess';
import { detailMessageKey, detailsOf, type ProfileDetail } from '@/utils/taxonomy/details';
import { formatList } from '@/utils/i18n/format';
import { StatusMessage } from './status-message';

export interface SiteReportViewProps {
  report: SiteReport;
  ageWindowDays?: number;
  /** Popup layout (see BreachCard). */
  compact?: boolean;
  /** A page heading to use instead of the answer (the details page); the answer follows as a lead. */
  heading?: string;
  /** Extra controls shown under the answer (e.g. "open in a tab"). */
  actions?: ComponentChildren;
  /** The user's exposure (utils/assessment/assess.ts): cards then speak of *their* details. */
  assessment?: SiteAssessment | null;
  /** "Your details at this site" (the chip editor), shown under the answer. */
  profileSlot?: ComponentChildren;
  onToggleStep?: (breachId: string, stepId: string, done: boolean) => void;
  onAddDetail?: (detail: ProfileDetail) => void;
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

/** The lead under the answer: the user's own details when we know them, else the general words. */
function leadFor(report: SiteReport, assessment: SiteAssessment | null | undefined, t: (k: string, s?: string | string[]) => string, locale: string): string {
  const warning = report.breaches.filter((v) => v.decision.badge).length;
  if (warning === 0) return t('reportQuietBody', formatCount(report.breaches.length, locale));
  if (!assessment?.hasProfile) return t('reportMayInclude');
  if (assessment.mayBeExposed.length === 0) return t('reportNoneOfYours', report.site);
  return t('reportYourDetails', formatList(assessment.mayBeExposed.map((d) => t(detailMessageKey(d))), locale));
}

/**
 * The details every warning breach of the site is said NOT to have exposed (company or
 * regulator statements), in plain words: the reassurance a worried shopper looks for first.
 */
function notTakenFor(report: SiteReport, t: (k: string, s?: string | string[]) => string, locale: string): string | null {
  const warning = report.breaches.filter((v) => v.decision.badge);
  if (warning.length === 0) return null;
  const sets = warning.map((v) => new Set(detailsOf(v.breach.notExposed).filter((d) => d !== 'other' && !detailsOf(v.breach.dataClasses).includes(d))));
  const common = [...sets[0]].filter((d) => sets.every((s) => s.has(d)));
  return common.length ? t('reportNotTaken', formatList(common.map((d) => t(detailMessageKey(d))), locale)) : null;
}

export function SiteReportView({ report, ageWindowDays, compact = false, heading, actions, assessment, profileSlot, onToggleStep, onAddDetail }: SiteReportViewProps) {
  const { t, locale } = useI18n();
  const answer = answerFor(report, t, locale);
  const warning = report.breaches.filter((v) => v.decision.badge).length;
  const notTaken = notTakenFor(report, t, locale);

  const Answer = heading ? 'p' : 'h1';
  // No feed stored (the bundled one could not be saved, e.g. a full disk): "no known breach"
  // would be a false all-clear.
  if (!report.feed) {
    return (
      <section class="report report-no-feed">
        {heading ? <h1 id="report-heading">{heading}</h1> : null}
        <StatusMessage kind="error" title={t('popupNoFeed')} level={heading ? 2 : 1}>
          <p>{t('popupNoFeedBody')}</p>
        </StatusMessage>
      </section>
    );
  }
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
        {profileSlot}
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
      <p class={`lead${assessment?.hasProfile && warning > 0 ? ' lead-yours' : ''}`}>{leadFor(report, assessment, t, locale)}</p>
      {notTaken ? (
        <p class="lead lead-safe">
          <span aria-hidden="true">✓ </span>
          {notTaken}
        </p>
      ) : null}
      {actions}
      {profileSlot}
      <ul class="cards" aria-label={t('reportListLabel', report.site)}>
        {report.breaches.map((v) => (
          <li key={v.breach.id}>
            <BreachCard
              verdict={v}
              site={report.site}
              ageWindowDays={ageWindowDays}
              compact={compact}
              level={2}
              exposure={assessment?.breaches.find((b) => b.breachId === v.breach.id)}
              onToggleStep={onToggleStep ? (stepId, done) => onToggleStep(v.breach.id, stepId, done) : undefined}
              onAddDetail={onAddDetail}
            />
          </li>
        ))}
      </ul>
      <FeedLine feed={report.feed} />
    </section>
  );
}
