/**
 * "Turn on warnings for N breached sites". The page passes `onRequest`, which must call
 * `permissions.request` synchronously: browsers accept the request only inside the click.
 */
import { useState } from 'preact/hooks';
import { formatCount } from '@/utils/i18n/format';
import { useI18n } from './i18n';

type State = 'idle' | 'pending' | 'granted' | 'denied' | 'failed';

export interface AccessButtonProps {
  /** Sites (registrable domains) still without access. */
  count: number;
  onRequest: () => Promise<boolean>;
  /** Called after the user granted access (e.g. to refresh status). */
  onGranted?: () => void;
  size?: 'small' | 'large';
}

export function AccessButton({ count, onRequest, onGranted, size = 'large' }: AccessButtonProps) {
  const { t, locale } = useI18n();
  const [state, setState] = useState<State>('idle');
  const label = count === 1 ? t('accessButtonOne') : t('accessButtonMany', formatCount(count, locale));

  const click = () => {
    // No await before onRequest: the permission prompt needs the click's user gesture.
    const request = onRequest();
    setState('pending');
    request.then(
      (granted) => {
        setState(granted ? 'granted' : 'denied');
        if (granted) onGranted?.();
      },
      () => setState('failed'),
    );
  };

  return (
    <div class={`access access-${size}`}>
      {state !== 'granted' ? (
        <button type="button" class={size === 'large' ? 'button primary' : 'button'} onClick={click} disabled={state === 'pending'}>
          {label}
        </button>
      ) : null}
      <p class={`access-result access-${state}`} role="status">
        {state === 'granted' ? t('accessGranted') : state === 'denied' ? t('accessDenied') : state === 'failed' ? t('accessFailed') : ''}
      </p>
    </div>
  );
}
