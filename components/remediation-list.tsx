/** "What to do now": the planned remediation steps of one breach, as an ordered list. */
import type { PlannedStep } from '@/utils/remediation/catalog';
import { useI18n } from './i18n';

/** A step's link (the site's change-password page, the official notice, ...), after a space; nothing without one. */
export function StepLink({ step }: { step: PlannedStep }) {
  const { t } = useI18n();
  if (!step.href || !step.linkKey) return null;
  return (
    <>
      {' '}
      <a class="step-link" href={step.href} target="_blank" rel="noopener noreferrer">
        {t(step.linkKey)}
      </a>
    </>
  );
}

export function RemediationList({ steps, site }: { steps: readonly PlannedStep[]; site: string }) {
  const { t } = useI18n();
  return (
    <ol class="steps">
      {steps.map((step) => (
        <li key={step.id} class="step" data-step-id={step.id} data-detail={step.detail}>
          <span class="step-text">{t(step.messageKey, [site])}</span>
          <StepLink step={step} />
        </li>
      ))}
    </ol>
  );
}
