/**
 * "Your details at this site": toggle chips, one per canonical detail. Pressed means "I gave
 * this site that detail". Every press is reported at once through `onToggle` (saved
 * immediately by the page). The most common details come first; the rest sit under "more",
 * except those already chosen or `promote`d (e.g. the ones the site's breaches include).
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { COMMON_PROFILE_DETAILS, PROFILE_DETAILS, detailMessageKey, type ProfileDetail } from '@/utils/taxonomy/details';
import type { SiteProfile } from '@/utils/profile/types';
import { formatList } from '@/utils/i18n/format';
import { useI18n } from './i18n';

export interface DetailChipsProps {
  site: string;
  profile: SiteProfile | null;
  onToggle: (detail: ProfileDetail, on: boolean) => void;
  /** Details to show outside "more" even when not common (e.g. those in the site's breaches). */
  promote?: readonly ProfileDetail[];
  /** Accessible name of the group. */
  label: string;
}

export function DetailChips({ site, profile, onToggle, promote = [], label }: DetailChipsProps) {
  const { t } = useI18n();
  const chosen = new Map(profile?.details.map((d) => [d.detail, d]) ?? []);
  // A chip pressed under "more" stays there while this list is shown: moving it up would take
  // it from under the pointer and the keyboard focus.
  const [stay, setStay] = useState<ReadonlySet<ProfileDetail>>(new Set());
  const main = new Set<ProfileDetail>([...COMMON_PROFILE_DETAILS, ...promote, ...chosen.keys()]);
  const first = PROFILE_DETAILS.filter((d) => main.has(d) && !stay.has(d));
  const more = PROFILE_DETAILS.filter((d) => !main.has(d) || stay.has(d));

  const chip = (d: ProfileDetail, inMore = false) => {
    const entry = chosen.get(d);
    const observed = entry?.source === 'observed';
    return (
      <li key={d}>
        <button
          type="button"
          class={`chip${entry ? ' chip-on' : ''}`}
          aria-pressed={entry ? 'true' : 'false'}
          data-detail={d}
          data-source={entry?.source}
          title={observed ? t('chipObservedTitle', site) : undefined}
          onClick={() => {
            if (inMore && !stay.has(d)) setStay(new Set([...stay, d]));
            onToggle(d, !entry);
          }}
        >
          <span class="chip-mark" aria-hidden="true">
            {entry ? '✓' : '+'}
          </span>
          <span class="chip-text">{t(detailMessageKey(d))}</span>
          {observed ? <span class="chip-source">{t('chipObserved')}</span> : null}
        </button>
      </li>
    );
  };

  return (
    <div class="detail-chips" role="group" aria-label={label}>
      <ul class="chips">{first.map((d) => chip(d))}</ul>
      {more.length > 0 ? (
        <details class="chips-more">
          <summary>{t('chipsMore')}</summary>
          <ul class="chips">{more.map((d) => chip(d, true))}</ul>
        </details>
      ) : null}
    </div>
  );
}

export interface SiteDetailsEditorProps {
  site: string;
  profile: SiteProfile | null;
  onToggle: (detail: ProfileDetail, on: boolean) => void;
  promote?: readonly ProfileDetail[];
  /** The site has breaches that warn (an emphasised "Choose what I gave"). */
  breached: boolean;
  /**
   * The site has breaches at all, warning or not (the invitation then asks what was given
   * rather than speaking of a breach to come). Defaults to `breached`.
   */
  listed?: boolean;
  /** Popup: fold the chips behind a one-line summary once the user has recorded details. */
  collapsible?: boolean;
}

/**
 * The chips with their heading and invitation. In the popup (`collapsible`) they stay folded
 * behind one line (the details recorded, or an invitation) so the breach itself stays in view.
 */
export function SiteDetailsEditor({ site, profile, onToggle, promote, breached, listed = breached, collapsible = false }: SiteDetailsEditorProps) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const given = profile?.details.map((d) => d.detail) ?? [];
  const [open, setOpen] = useState(false);
  const expanded = !collapsible || open;
  // Opening and closing replace the controls: take the focus along (to the first chip; back to
  // the button that opens them), or a keyboard user is left at the top of the page.
  const section = useRef<HTMLElement>(null);
  const moveFocus = useRef(false);
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    section.current?.querySelector<HTMLElement>(open ? 'button.chip' : 'button[aria-expanded]')?.focus();
  }, [open]);
  const toggle = (next: boolean) => {
    moveFocus.current = true;
    setOpen(next);
  };
  const summary = formatList(
    given.map((d) => t(detailMessageKey(d))),
    locale,
  );
  const invite = listed ? t('yourDetailsInviteBreached', site) : t('yourDetailsInvite', site);

  if (!expanded) {
    return (
      <section ref={section} class={`your-details your-details-collapsed${given.length === 0 ? ' your-details-empty' : ''}`} aria-labelledby={headingId}>
        {given.length > 0 ? (
          <div class="your-details-line">
            <h2 class="your-details-heading" id={headingId}>
              {t('yourDetailsHeadingColon', site)}
            </h2>{' '}
            <span class="your-details-summary">{summary}</span>{' '}
            <button type="button" class="link" aria-expanded="false" onClick={() => toggle(true)}>
              {t('yourDetailsChange')}
            </button>
          </div>
        ) : (
          <>
            <h2 class="your-details-heading" id={headingId}>
              {t('yourDetailsHeading', site)}
            </h2>
            <p class="your-details-invite">{invite}</p>
            <button type="button" class={breached ? 'button primary' : 'button'} aria-expanded="false" onClick={() => toggle(true)}>
              {breached ? t('yourDetailsChoose') : t('yourDetailsAdd')}
            </button>
          </>
        )}
      </section>
    );
  }

  return (
    <section ref={section} class={`your-details${given.length === 0 ? ' your-details-empty' : ''}`} aria-labelledby={headingId}>
      <h2 class="your-details-heading" id={headingId}>
        {t('yourDetailsHeading', site)}
      </h2>
      {given.length === 0 ? <p class="your-details-invite">{invite}</p> : null}
      <DetailChips site={site} profile={profile} onToggle={onToggle} promote={promote} label={t('yourDetailsHeading', site)} />
      <p class="hint">
        {t('yourDetailsSaved')}
        {collapsible ? (
          <>
            {' '}
            <button type="button" class="link" aria-expanded="true" onClick={() => toggle(false)}>
              {t('yourDetailsDone')}
            </button>
          </>
        ) : null}
      </p>
    </section>
  );
}
