/** The Have I Been Pwned credit its licence (CC BY 4.0) asks for wherever its data is shown. */
import { useI18n } from './i18n';

export const HIBP_URL = 'https://haveibeenpwned.com/';

export function HibpCredit({ class: className = 'credit' }: { class?: string }) {
  const { t } = useI18n();
  return (
    <p class={className}>
      <a href={HIBP_URL} target="_blank" rel="noopener noreferrer">
        {t('creditHibp')}
      </a>
    </p>
  );
}
