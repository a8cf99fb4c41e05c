/** Severity as a word, a shape and a colour together (never colour alone). */
import type { Severity } from '@/utils/policy/alert';
import { useI18n } from './i18n';

const SHAPE: Record<Severity, string> = { high: '▲', medium: '◆', low: '●' };

/** Message key of a severity's word: `severity_high` ... */
export const severityMessageKey = (s: Severity) => `severity_${s}`;

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useI18n();
  return (
    <span class={`severity severity-${severity}`} data-severity={severity}>
      <span aria-hidden="true" class="severity-shape">
        {SHAPE[severity]}
      </span>{' '}
      {t(severityMessageKey(severity))}
    </span>
  );
}
