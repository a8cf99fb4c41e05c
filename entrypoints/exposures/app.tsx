/**
 * "All my exposures": every site in the profile or warned on whose breaches count, most serious
 * and most recent first, with what of the user's may be exposed and how many actions are open.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { useI18n } from '@/components/i18n';
import { ExposuresView } from '@/components/exposures-view';
import { StatusMessage } from '@/components/status-message';
import { HibpCredit } from '@/components/credit';
import { send } from '@/utils/messaging/client';
import { detailsUrl } from '@/utils/ui/current-tab';
import type { ExposureOverview } from '@/utils/assessment/exposures';

type State = { kind: 'loading' } | { kind: 'error' } | { kind: 'ready'; overview: ExposureOverview };

export function App() {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    const load = () =>
      send('ui:exposures', {}).then(
        (overview) => setState({ kind: 'ready', overview }),
        (error: unknown) => {
          console.error('exposure-watch: exposures', error);
          setState({ kind: 'error' });
        },
      );
    void load();
    // Ticks and details change in the popup or the details page while this tab is open.
    const onFocus = () => void load();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);

  return (
    <div class="page exposures-page" data-state={state.kind}>
      <header>
        <p class="brand">{t('extName')}</p>
        <h1>{t('exposuresHeading')}</h1>
        <p class="lead">{t('exposuresLead')}</p>
      </header>
      <main>
        {state.kind === 'loading' ? (
          <p aria-busy="true">{t('loading')}</p>
        ) : state.kind === 'error' ? (
          <StatusMessage kind="error" title={t('popupError')} level={2}>
            <p>{t('exposuresErrorBody')}</p>
          </StatusMessage>
        ) : (
          <ExposuresView overview={state.overview} detailsHref={detailsUrl} />
        )}
      </main>
      <footer class="page-footer">
        <HibpCredit />
        <p>
          <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('exposuresManage')}
          </button>
        </p>
      </footer>
    </div>
  );
}
