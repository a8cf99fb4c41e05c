/**
 * The whole profile (options): every site with its detail chips, a way to add a site by typing
 * its address, and removal after an inline confirmation. Presentational: the page saves.
 */
import { useState } from 'preact/hooks';
import type { SiteProfile } from '@/utils/profile/types';
import type { ProfileDetail } from '@/utils/taxonomy/details';
import { formatDate } from '@/utils/i18n/format';
import { useI18n } from './i18n';
import { DetailChips } from './detail-chips';

export interface ProfileSitesProps {
  profiles: readonly SiteProfile[];
  /** Turns what the user typed into a registrable domain, or null when it is not a website. */
  parseSite: (raw: string) => string | null;
  onAdd: (site: string) => void;
  onToggle: (site: string, detail: ProfileDetail, on: boolean) => void;
  onRemove: (site: string) => void;
}

export function ProfileSites({ profiles, parseSite, onAdd, onToggle, onRemove }: ProfileSitesProps) {
  const { t, locale } = useI18n();
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const sorted = [...profiles].sort((a, b) => a.site.localeCompare(b.site));

  const add = (e: Event) => {
    e.preventDefault();
    const site = parseSite(input);
    if (!site) return setError(t('profileAddInvalid'));
    setError(null);
    setInput('');
    onAdd(site);
  };

  return (
    <div class="profile-sites">
      <form class="inline-form" onSubmit={add}>
        <label for="add-site">{t('profileAddLabel')}</label>
        <input
          id="add-site"
          type="text"
          inputMode="url"
          autocomplete="off"
          spellcheck={false}
          placeholder="coupang.com"
          value={input}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'add-site-error' : undefined}
          onInput={(e) => setInput((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit">{t('profileAdd')}</button>
      </form>
      {error ? (
        <p class="error" id="add-site-error" role="alert">
          {error}
        </p>
      ) : null}
      {sorted.length === 0 ? (
        <p class="muted">{t('profileNone')}</p>
      ) : (
        <ul class="profile-list">
          {sorted.map((p) => (
            <li key={p.site} class="profile-site" data-site={p.site}>
              <div class="profile-site-head">
                <h3>{p.site}</h3>
                <span class="muted">{t('profileUpdated', formatDate(new Date(p.updatedAt).toISOString(), locale))}</span>
                {confirming === p.site ? null : (
                  <button type="button" onClick={() => setConfirming(p.site)} aria-label={t('profileRemoveLabel', p.site)}>
                    {t('profileRemove')}
                  </button>
                )}
              </div>
              {confirming === p.site ? (
                <div class="confirm" role="alertdialog" aria-label={t('profileRemoveLabel', p.site)}>
                  <p>{t('profileRemoveConfirm', p.site)}</p>
                  <button
                    type="button"
                    class="button danger"
                    onClick={() => {
                      setConfirming(null);
                      onRemove(p.site);
                    }}
                  >
                    {t('profileRemoveYes')}
                  </button>{' '}
                  <button type="button" onClick={() => setConfirming(null)}>
                    {t('dialogCancel')}
                  </button>
                </div>
              ) : null}
              {p.details.length === 0 ? <p class="hint">{t('profileNoDetails', p.site)}</p> : null}
              <DetailChips site={p.site} profile={p} onToggle={(d, on) => onToggle(p.site, d, on)} label={t('yourDetailsHeading', p.site)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
