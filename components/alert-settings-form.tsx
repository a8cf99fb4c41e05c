/** The alert settings form. Every change is reported at once through `onChange` (no save button). */
import { useState } from 'preact/hooks';
import { DEFAULT_AGE_WINDOW_DAYS, type AlertSettings } from '@/utils/policy/alert';
import { useI18n } from './i18n';
import { formatPeriod } from './format';

/** Age windows offered, in days. */
export const AGE_WINDOW_CHOICES = [90, 180, 365, 730, 1095, 1825, 3650];

export interface AlertSettingsFormProps {
  settings: AlertSettings;
  onChange: (next: AlertSettings) => void;
  /** Turns what the user typed into a registrable domain, or null when it is not a website. */
  parseSite: (raw: string) => string | null;
}

function Checkbox({ id, label, hint, checked, onChange }: { id: string; label: string; hint?: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div class="field">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label for={id}>
        {label}
        {hint ? (
          <span class="hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}

export function AlertSettingsForm({ settings, onChange, parseSite }: AlertSettingsFormProps) {
  const { t, locale } = useI18n();
  const [muteInput, setMuteInput] = useState('');
  const [muteError, setMuteError] = useState<string | null>(null);
  const set = <K extends keyof AlertSettings>(key: K, value: AlertSettings[K]) => onChange({ ...settings, [key]: value });

  const choices = AGE_WINDOW_CHOICES.includes(settings.ageWindowDays)
    ? AGE_WINDOW_CHOICES
    : [...AGE_WINDOW_CHOICES, settings.ageWindowDays].sort((a, b) => a - b);

  const mute = (e: Event) => {
    e.preventDefault();
    const site = parseSite(muteInput);
    if (!site) return setMuteError(t('optionsMuteInvalid'));
    setMuteError(null);
    setMuteInput('');
    if (!settings.mutedSites.includes(site)) set('mutedSites', [...settings.mutedSites, site].sort());
  };

  return (
    <div class="alert-settings">
      <Checkbox id="enabled" label={t('optionsEnabled')} hint={t('optionsEnabledHint')} checked={settings.enabled} onChange={(v) => set('enabled', v)} />
      <Checkbox
        id="unverified"
        label={t('optionsUnverified')}
        hint={t('optionsUnverifiedHint')}
        checked={settings.alertUnverified}
        onChange={(v) => set('alertUnverified', v)}
      />
      <Checkbox
        id="sensitive"
        label={t('optionsSensitive')}
        hint={t('optionsSensitiveHint')}
        checked={settings.alertSensitive}
        onChange={(v) => set('alertSensitive', v)}
      />
      <div class="field field-select">
        <label for="age-window">
          {t('optionsAgeWindow')}
          <span class="hint" id="age-window-hint">
            {t('optionsAgeWindowHint', formatPeriod(DEFAULT_AGE_WINDOW_DAYS, locale))}
          </span>
        </label>
        <select
          id="age-window"
          aria-describedby="age-window-hint"
          value={String(settings.ageWindowDays)}
          onChange={(e) => set('ageWindowDays', Number((e.currentTarget as HTMLSelectElement).value))}
        >
          {choices.map((d) => (
            <option key={d} value={String(d)}>
              {formatPeriod(d, locale)}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t('optionsMutedHeading')}</legend>
        {settings.mutedSites.length === 0 ? (
          <p class="muted">{t('optionsMutedNone')}</p>
        ) : (
          <ul class="muted-list">
            {settings.mutedSites.map((site) => (
              <li key={site}>
                <span>{site}</span>
                <button
                  type="button"
                  aria-label={t('optionsUnmuteLabel', site)}
                  onClick={() => set('mutedSites', settings.mutedSites.filter((s) => s !== site))}
                >
                  {t('optionsUnmute')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form class="inline-form" onSubmit={mute}>
          <label for="mute-site">{t('optionsMuteLabel')}</label>
          <input
            id="mute-site"
            type="text"
            inputMode="url"
            autocomplete="off"
            spellcheck={false}
            placeholder="example.com"
            value={muteInput}
            aria-invalid={muteError ? true : undefined}
            aria-describedby={muteError ? 'mute-error' : undefined}
            onInput={(e) => setMuteInput((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit">{t('optionsMute')}</button>
        </form>
        {muteError ? (
          <p class="error" id="mute-error" role="alert">
            {muteError}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}
