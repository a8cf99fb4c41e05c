/**
 * "All my exposures", presentational: one entry per site, most serious and most recent first,
 * each with what of the user's may be exposed, its breaches, and checklist progress.
 */
import type { ExposureOverview, SiteExposureSummary } from '@/utils/assessment/exposures';
import { detailMessageKey } from '@/utils/taxonomy/details';
import { formatCount, formatDate, formatList } from '@/utils/i18n/format';
import { isKorean, useI18n } from './i18n';
import { SeverityTag } from './severity-tag';
import { Progress } from './checklist';

export interface ExposuresViewProps {
  overview: ExposureOverview;
  /** The details page of a site (its full checklist). */
  detailsHref: (site: string) => string;
}

function SiteEntry({ entry, href }: { entry: SiteExposureSummary; href: string }) {
  const { t, locale } = useI18n();
  const ko = isKorean(locale);
  const words = (list: readonly string[]) => formatList(list.map((d) => t(detailMessageKey(d as never))), locale);
  return (
    <article class={`card exposure severity-border-${entry.severity}`} data-site={entry.site} aria-labelledby={`site-${entry.site}`}>
      <header class="card-header">
        <h2 class="card-title" id={`site-${entry.site}`}>
          {entry.site}
        </h2>
        <SeverityTag severity={entry.severity} />
        <ul class="exposure-breaches">
          {entry.breaches.map((b) => (
            <li key={b.id} data-breach-id={b.id}>
              {(ko && b.titleKo) || b.title} · {formatDate(b.breachDate, locale, 'month')}
            </li>
          ))}
        </ul>
      </header>
      {entry.mayBeExposed.length > 0 ? (
        <p class="exposure-yours">
          <strong>{entry.hasProfile ? t('exposuresYours') : t('exposuresAll')}</strong>{' '}
          <span class="exposure-details">{words(entry.mayBeExposed)}</span>
        </p>
      ) : (
        <p class="none-of-yours">{t('cardNoneOfYours', entry.site)}</p>
      )}
      {!entry.hasProfile ? <p class="hint">{t('exposuresNoProfile', entry.site)}</p> : null}
      <div class="exposure-actions">
        <Progress done={entry.done} total={entry.total} />
        {entry.open > 0 ? (
          <a class="button primary" href={href}>
            {entry.open === 1 ? t('exposuresOpenOne') : t('exposuresOpenMany', formatCount(entry.open, locale))}
          </a>
        ) : (
          <a class="button" href={href}>
            {t('exposuresView')}
          </a>
        )}
      </div>
    </article>
  );
}

export function ExposuresView({ overview, detailsHref }: ExposuresViewProps) {
  const { t, locale } = useI18n();
  const open = overview.sites.reduce((n, s) => n + s.open, 0);
  if (overview.sites.length === 0) {
    return (
      <section class="exposures exposures-empty">
        <p class="answer answer-calm">
          <span aria-hidden="true">✓ </span>
          {t('exposuresNone')}
        </p>
        <p>{t('exposuresNoneBody')}</p>
        {overview.clearSites.length > 0 ? <p class="muted">{t('exposuresClear', formatList(overview.clearSites, locale))}</p> : null}
      </section>
    );
  }
  return (
    <section class="exposures">
      <p class="answer answer-warning exposures-summary">
        {overview.sites.length === 1
          ? t('exposuresSummaryOne', formatCount(open, locale))
          : t('exposuresSummaryMany', [formatCount(overview.sites.length, locale), formatCount(open, locale)])}
      </p>
      <ul class="cards exposure-list">
        {overview.sites.map((entry) => (
          <li key={entry.site}>
            <SiteEntry entry={entry} href={detailsHref(entry.site)} />
          </li>
        ))}
      </ul>
      {overview.clearSites.length > 0 ? <p class="muted clear-sites">{t('exposuresClear', formatList(overview.clearSites, locale))}</p> : null}
    </section>
  );
}
