/** The UI language choice: follow the browser, or English / Korean. Language names are shown in their own language. */
import { useI18n } from './i18n';
import type { UiLanguageSetting } from '@/utils/i18n/catalog';

export interface LanguageSettingProps {
  value: UiLanguageSetting;
  onChange: (next: UiLanguageSetting) => void;
}

/** Endonyms: a person who cannot read the current language can still find their own. */
const NAMES: Record<Exclude<UiLanguageSetting, 'auto'>, { name: string; lang: string }> = {
  en: { name: 'English', lang: 'en' },
  ko: { name: '한국어', lang: 'ko' },
};

export function LanguageSetting({ value, onChange }: LanguageSettingProps) {
  const { t } = useI18n();
  return (
    <div class="field">
      <label for="ui-language">{t('optionsLanguageLabel')}</label>
      <select id="ui-language" value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as UiLanguageSetting)}>
        <option value="auto">{t('optionsLanguageAuto')}</option>
        {Object.entries(NAMES).map(([code, { name, lang }]) => (
          <option key={code} value={code} lang={lang}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
