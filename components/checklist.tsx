/**
 * The remediation checklist of one breach on one site: the planned steps, each with a tick box
 * (its state is kept per site, breach and step by the page), and progress ("3 of 7 done").
 */
import { useId } from 'preact/hooks';
import type { PlannedStep } from '@/utils/remediation/catalog';
import { formatCount } from '@/utils/i18n/format';
import { useI18n } from './i18n';
import { StepLink } from './remediation-list';

/** "3 of 7 done" / "All 7 done", localised. */
export function progressText(done: number, total: number, t: (k: string, s?: string | string[]) => string, locale: string): string {
  return done >= total && total > 0
    ? t('checklistAllDone', formatCount(total, locale))
    : t('checklistProgress', [formatCount(done, locale), formatCount(total, locale)]);
}

export function Progress({ done, total }: { done: number; total: number }) {
  const { t, locale } = useI18n();
  if (total === 0) return null;
  return (
    <p class={`progress${done >= total ? ' progress-complete' : ''}`}>
      <progress max={total} value={done} aria-hidden="true" />
      {/* Polite live text: a tick is followed by "2 of 6 done" read out. */}
      <span class="progress-text" aria-live="polite">
        {progressText(done, total, t, locale)}
      </span>
    </p>
  );
}

export interface ChecklistProps {
  steps: readonly PlannedStep[];
  site: string;
  /** Ids of the ticked steps. */
  done: readonly string[];
  onToggle: (stepId: string, done: boolean) => void;
}

export function Checklist({ steps, site, done, onToggle }: ChecklistProps) {
  const { t } = useI18n();
  const prefix = useId();
  const ticked = new Set(done);
  const count = steps.filter((s) => ticked.has(s.id)).length;
  return (
    <div class="checklist">
      <Progress done={count} total={steps.length} />
      <ol class="steps checklist-steps">
        {steps.map((step) => {
          const id = `${prefix}-${step.id}`;
          const isDone = ticked.has(step.id);
          return (
            <li key={step.id} class={`step${isDone ? ' step-done' : ''}`} data-step-id={step.id} data-detail={step.detail}>
              <input
                type="checkbox"
                id={id}
                checked={isDone}
                onChange={(e) => onToggle(step.id, (e.currentTarget as HTMLInputElement).checked)}
              />
              <span class="step-body">
                <label for={id} class="step-text">
                  {t(step.messageKey, [site])}
                </label>
                <StepLink step={step} />
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
