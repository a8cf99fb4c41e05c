/**
 * One breach, led by what matters to a worried customer: what was taken, what was not, what to
 * do now; then what happened, when, how many and the sources. Used by the popup and the details
 * page. Presentational: everything comes from props and the i18n context.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { BreachVerdict } from '@/utils/messaging/protocol';
import { detailMessageKey, detailOf, detailsOf } from '@/utils/taxonomy/details';
import { remediationFor } from '@/utils/remediation/catalog';
import { formatCount, formatDate, formatList } from '@/utils/i18n/format';
import { isKorean, useI18n } from './i18n';
import { SeverityTag } from './severity-tag';
import { NO_ACTION_REASONS, reasonText } from './reason';
import { SafeDescription, isHttpsUrl } from './safe-description';
import { RemediationList } from './remediation-list';
import { HibpCredit } from './credit';
import { dateOrUnknown } from './format';
import type { BreachExposure } from '@/utils/assessment/assess';
import type { ProfileDetail } from '@/utils/taxonomy/details';
import { Checklist, Progress } from './checklist';

export interface BreachCardProps {
  verdict: BreachVerdict;
  /** Registrable domain the user is looking at (links and step texts use it). */
  site: string;
  /** The user's age window, to word the "older breach" reason. */
  ageWindowDays?: number;
  /** Popup layout: background facts folded away, non-warning breaches folded entirely. */
  compact?: boolean;
  /** Level of the card's heading (its sections use the next level). */
  level?: 2 | 3;
  /**
   * The user's exposure to this breach (utils/assessment/assess.ts): when given, the card says
   * which of *their* details may be exposed, which not, which the breach has that they have not
   * told us about, and shows the steps for their details only.
   */
  exposure?: BreachExposure;
  /** Tick or untick a step (shows the steps as a checklist); needs `exposure`. */
  onToggleStep?: (stepId: string, done: boolean) => void;
  /** Add a detail the breach has to the user's profile for this site. */
  onAddDetail?: (detail: ProfileDetail) => void;
}

type HeadingTag = 'h2' | 'h3' | 'h4';

/** The localised title: `titleKo` for Korean UIs when the feed has one. */
export function breachTitle(breach: BreachVerdict['breach'], locale: string): string {
  return isKorean(locale) && breach.titleKo ? breach.titleKo : breach.title;
}

/** Items for "what was (not) exposed": plain words for known classes, the class itself otherwise. */
function plainItems(classes: readonly string[], t: (k: string) => string): { text: string; raw: string[] }[] {
  const byText = new Map<string, string[]>();
  for (const c of classes) {
    const d = detailOf(c);
    const text = d === 'other' ? c : t(detailMessageKey(d));
    byText.set(text, [...(byText.get(text) ?? []), c]);
  }
  return [...byText].map(([text, raw]) => ({ text, raw }));
}

/**
 * Source links labelled by host name; a host listed again is numbered ("news.sbs.co.kr (2)"),
 * so no two links read the same.
 */
export function sourceLinks(urls: readonly string[]): { href: string; label: string }[] {
  const seen = new Map<string, number>();
  return urls.map((href) => {
    const host = new URL(href).hostname;
    const n = (seen.get(host) ?? 0) + 1;
    seen.set(host, n);
    return { href, label: n === 1 ? host : `${host} (${n})` };
  });
}

function Section({ title, tag, children, class: className }: { title: string; tag: HeadingTag; children: ComponentChildren; class?: string }) {
  const H = tag;
  return (
    <section class={`card-section ${className ?? ''}`}>
      <H class="section-title">{title}</H>
      {children}
    </section>
  );
}

export function BreachCard({ verdict, site, ageWindowDays, compact = false, level = 3, exposure, onToggleStep, onAddDetail }: BreachCardProps) {
  const { t, locale } = useI18n();
  const { breach, decision } = verdict;
  const headingId = useId();
  const H = `h${level}` as HeadingTag;
  const sub = `h${level + 1}` as HeadingTag;
  const ko = isKorean(locale);

  const title = breachTitle(breach, locale);
  const reason = reasonText(decision.reason, t, locale, ageWindowDays);
  const count = breach.pwnCount === null ? t('countUnknown') : t('accountsAffected', formatCount(breach.pwnCount, locale));
  const meta = `${formatDate(breach.breachDate, locale, 'month')} · ${count}`;

  // Canonical details in taxonomy order, each with the source's own class names behind it.
  const exposed = detailsOf(breach.dataClasses).map((d) => ({
    d,
    text: d === 'other' ? t('detail_other') : t(detailMessageKey(d)),
    raw: breach.dataClasses.filter((c) => detailOf(c) === d),
  }));
  const notExposed = plainItems(breach.notExposed, t);
  const notExposedOther = breach.notExposed.filter((c) => detailOf(c) === 'other');
  const noAction = NO_ACTION_REASONS.includes(decision.reason);
  const steps = noAction ? [] : exposure ? exposure.steps : remediationFor(breach, site);
  const description = (ko && breach.descriptionKo) || breach.description;
  // A sensitive breach (adult sites and the like) links nowhere: no source, notice or site link.
  const quiet = breach.flags.sensitive;
  const sources = quiet ? [] : breach.sources.filter((s) => isHttpsUrl(s));
  const notice = !quiet && isHttpsUrl(breach.officialNotice) ? breach.officialNotice : null;
  const { start, end } = breach.exposureWindow;

  // "Also taken in this breach": adding a detail removes its chip, and with it the focus. Hand
  // the focus to the next chip (or the previous one; the card's title after the last).
  const card = useRef<HTMLElement>(null);
  const refocus = useRef<string | null>(null);
  const notToldUs = exposure?.notToldUs ?? [];
  useEffect(() => {
    const want = refocus.current;
    if (want === null) return;
    refocus.current = null;
    const chip = want ? card.current?.querySelector<HTMLElement>(`.details-unknown li[data-detail="${want}"] button`) : null;
    (chip ?? card.current?.querySelector<HTMLElement>('.card-title'))?.focus();
  }, [notToldUs.join(' ')]);
  const addDetail = (d: ProfileDetail, index: number) => {
    refocus.current = notToldUs[index + 1] ?? notToldUs[index - 1] ?? '';
    onAddDetail?.(d);
  };

  // The popup's folded "About": its description (and the sanitiser's chunk) load when it opens.
  const [aboutOpen, setAboutOpen] = useState(false);
  const about = (
    <>
      {description ? (
        <Section title={t('cardWhatHappened')} tag={sub}>
          <SafeDescription html={description} class="description" links={!quiet} defer={compact && !aboutOpen} />
        </Section>
      ) : null}
      <Section title={t('cardWhenAndHowMany')} tag={sub}>
        <dl class="facts">
          <dt>{t('cardBreachDate')}</dt>
          <dd>{formatDate(breach.breachDate, locale)}</dd>
          {start || end ? (
            <>
              <dt>{t('cardExposureWindow')}</dt>
              <dd>{t('dateRange', [dateOrUnknown(start, locale, t), dateOrUnknown(end, locale, t)])}</dd>
            </>
          ) : null}
          <dt>{t('cardDisclosed')}</dt>
          <dd>{dateOrUnknown(breach.disclosureDate, locale, t)}</dd>
          <dt>{t('cardHowMany')}</dt>
          <dd>{breach.pwnCount === null ? t('countUnknown') : formatCount(breach.pwnCount, locale)}</dd>
        </dl>
      </Section>
      {notice || sources.length > 0 ? (
        <Section title={t('cardSources')} tag={sub}>
          <ul class="links">
            {notice ? (
              <li>
                <a href={notice} target="_blank" rel="noopener noreferrer">
                  {t('cardOfficialNotice')}
                </a>
              </li>
            ) : null}
            {sourceLinks(sources).map(({ href, label }) => (
              <li key={href}>
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {breach.source === 'hibp' ? <HibpCredit /> : <p class="credit">{t('creditCurated')}</p>}
    </>
  );

  // The breach's exposed details as the source lists them (each with its raw class names).
  const exposedList = (className: string) => (
    <ul class={className}>
      {exposed.map((e) => (
        <li key={e.d} data-detail={e.d} title={e.raw.join(', ')}>
          <span class="detail-text">{e.text}</span>
        </li>
      ))}
    </ul>
  );

  const yours = exposure ? (
    <>
      {exposure.hasProfile ? (
        <Section title={t('cardYourExposed')} tag={sub} class="exposed">
          {exposure.mayBeExposed.length > 0 ? (
            <ul class="details details-exposed may-be-exposed">
              {exposure.mayBeExposed.map((d) => (
                <li key={d} data-detail={d}>
                  <span class="detail-text">{t(detailMessageKey(d))}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="none-of-yours">{t('cardNoneOfYours', site)}</p>
          )}
        </Section>
      ) : exposed.length > 0 ? (
        <Section title={t('cardExposed')} tag={sub} class="exposed">
          {exposedList('details details-exposed may-be-exposed')}
        </Section>
      ) : (
        <p class="no-details">{t('cardNoDetailsKnown')}</p>
      )}
      {exposure.notExposed.length > 0 || notExposedOther.length > 0 ? (
        <Section title={t('cardNotExposed')} tag={sub} class="not-exposed">
          <ul class="details details-not-exposed">
            {exposure.notExposed.map((d) => (
              <li key={d} data-detail={d}>
                <span class="detail-text">{t(detailMessageKey(d))}</span>
              </li>
            ))}
            {notExposedOther.map((c) => (
              <li key={c}>
                <span class="detail-text">{c}</span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {steps.length > 0 ? (
        <Section title={t('cardWhatToDo')} tag={sub} class="what-to-do">
          {onToggleStep ? (
            <Checklist steps={steps} site={site} done={exposure.done} onToggle={onToggleStep} />
          ) : (
            <>
              <Progress done={exposure.done.length} total={steps.length} />
              <RemediationList steps={steps} site={site} />
            </>
          )}
        </Section>
      ) : null}
      {exposure.notToldUs.length > 0 ? (
        <Section title={t('cardNotToldUs')} tag={sub} class="not-told-us">
          <p class="hint">{t('cardNotToldUsHint', site)}</p>
          <ul class="details details-unknown">
            {exposure.notToldUs.map((d, i) => (
              <li key={d} data-detail={d}>
                {onAddDetail ? (
                  <button type="button" class="chip chip-add" onClick={() => addDetail(d, i)} aria-label={t('cardAddDetail', [t(detailMessageKey(d)), site])}>
                    <span class="chip-mark" aria-hidden="true">
                      +
                    </span>
                    <span class="chip-text">{t(detailMessageKey(d))}</span>
                  </button>
                ) : (
                  <span class="detail-text">{t(detailMessageKey(d))}</span>
                )}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {breach.dataClasses.length > 0 ? <p class="raw-classes">{t('cardRawClasses', formatList(breach.dataClasses, locale))}</p> : null}
    </>
  ) : null;

  // In the popup the background story folds away; the details page shows it open.
  const aboutBlock = compact ? (
    <details class="about" onToggle={(e) => setAboutOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('cardAbout')}</summary>
      {about}
    </details>
  ) : (
    about
  );

  const body = yours ? (
    <>
      {yours}
      {aboutBlock}
    </>
  ) : (
    <>
      {exposed.length > 0 ? (
        <Section title={t('cardExposed')} tag={sub} class="exposed">
          {exposedList('details details-exposed')}
          <p class="raw-classes">{t('cardRawClasses', formatList(breach.dataClasses, locale))}</p>
        </Section>
      ) : (
        <p class="no-details">{t('cardNoDetailsKnown')}</p>
      )}
      {notExposed.length > 0 ? (
        <Section title={t('cardNotExposed')} tag={sub} class="not-exposed">
          <ul class="details details-not-exposed">
            {notExposed.map((n) => (
              <li key={n.text} title={n.raw.join(', ')}>
                <span class="detail-text">{n.text}</span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {steps.length > 0 ? (
        <Section title={t('cardWhatToDo')} tag={sub} class="what-to-do">
          <RemediationList steps={steps} site={site} />
        </Section>
      ) : null}
      {aboutBlock}
    </>
  );

  return (
    <article
      ref={card}
      class={`card severity-border-${decision.severity} ${decision.badge ? 'alerting' : 'quiet'}`}
      aria-labelledby={headingId}
      data-breach-id={breach.id}
      data-reason={decision.reason}
    >
      <header class="card-header">
        <H id={headingId} class="card-title" tabIndex={-1}>
          {title}
        </H>
        <SeverityTag severity={decision.severity} />
        <p class="card-meta">{meta}</p>
        {reason ? <p class={`reason reason-${decision.reason}`}>{reason}</p> : null}
      </header>
      {compact && !decision.badge ? (
        <details class="quiet-body">
          <summary>{t('cardShowDetails')}</summary>
          {body}
        </details>
      ) : (
        body
      )}
    </article>
  );
}
