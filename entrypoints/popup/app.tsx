/**
 * The toolbar popup: the answer for the current tab's site first, then its breaches, then
 * (when needed) the site-access offer, the data credit and the way to the options.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { useI18n } from '@/components/i18n';
import { SiteExposureReport } from '@/components/site-exposure-report';
import { StatusMessage } from '@/components/status-message';
import { AccessButton } from '@/components/access-button';
import { HibpCredit } from '@/components/credit';
import { loadCurrentTabReport, detailsUrl, type TabReport } from '@/utils/ui/current-tab';
import { loadAccessStatus, requestSiteAccess } from '@/utils/ui/access';
import { sitesIn } from '@/components/site-access';
import { readAlertSettings } from '@/utils/settings/items';
import type { AccessStatus, SiteReport } from '@/utils/messaging/protocol';
import { useSiteExposure } from '@/utils/ui/use-site-exposure';
import { exposuresUrl } from '@/utils/ui/pages';
import { detailsOf, isProfileDetail } from '@/utils/taxonomy/details';

type State = { kind: 'loading' } | { kind: 'error' } | TabReport;

export function App() {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [access, setAccess] = useState<AccessStatus | null>(null);
  const [ageWindowDays, setAgeWindowDays] = useState<number | undefined>(undefined);

  useEffect(() => {
    loadCurrentTabReport().then(setState, (error: unknown) => {
      console.error('exposure-watch: popup', error);
      setState({ kind: 'error' });
    });
    loadAccessStatus().then(setAccess, () => setAccess(null));
    readAlertSettings().then((s) => setAgeWindowDays(s.ageWindowDays), () => undefined);
  }, []);

  const openDetails = (site: string) => {
    void browser.tabs.create({ url: detailsUrl(site) });
    window.close();
  };
  const openExposures = () => {
    void browser.tabs.create({ url: exposuresUrl() });
    window.close();
  };
  const report = state.kind === 'report' ? state.report : null;
  const exposure = useSiteExposure(report);
  const openOptions = () => {
    void browser.runtime.openOptionsPage();
    window.close();
  };

  let content;
  switch (state.kind) {
    case 'loading':
      content = <StatusMessage kind="loading" title={t('popupLoading')} />;
      break;
    case 'error':
      content = (
        <StatusMessage kind="error" title={t('popupError')}>
          <p>{t('popupErrorBody')}</p>
        </StatusMessage>
      );
      break;
    case 'not-website':
      content = (
        <StatusMessage title={t('popupNotWebsite')}>
          <p>{t('popupNotWebsiteBody')}</p>
        </StatusMessage>
      );
      break;
    case 'no-verdict':
      content = (
        <StatusMessage title={t('popupNoVerdict')}>
          <p>{t('popupNoVerdictBody')}</p>
        </StatusMessage>
      );
      break;
    case 'report': {
      const { report } = state;
      content = (
        <SiteExposureReport
          report={report}
          exposure={exposure}
          ageWindowDays={ageWindowDays}
          compact
          promote={breachDetails(report)}
          actions={
            report.breaches.length > 0 ? (
              <p>
                <button type="button" class="link" onClick={() => openDetails(report.site)}>
                  {t('popupOpenDetails')}
                </button>
              </p>
            ) : null
          }
        />
      );
      break;
    }
  }

  const missing = access?.missing ?? [];
  return (
    <div class="popup" data-state={stateName(state)}>
      <main class="popup-main">{content}</main>
      <footer class="popup-footer">
        {missing.length > 0 ? (
          <AccessButton
            size="small"
            count={sitesIn(missing)}
            onRequest={() => requestSiteAccess(missing)}
          />
        ) : null}
        {exposure.failure ? (
          <p class="error" role="alert">
            {t(exposure.failure)}
          </p>
        ) : null}
        <div class="footer-links">
          <p>
            <button type="button" class="link" onClick={openExposures}>
              {t('linkExposures')}
            </button>
          </p>
          <p>
            <button type="button" class="link" onClick={openOptions}>
              {t('linkOptions')}
            </button>
          </p>
        </div>
        <HibpCredit class="credit" />
      </footer>
    </div>
  );
}

/** Details the site's warning breaches include (offered first in the chip editor). */
function breachDetails(report: SiteReport) {
  return detailsOf(report.breaches.filter((v) => v.decision.badge).flatMap((v) => v.breach.dataClasses)).filter(isProfileDetail);
}

/** The popup's state as a word, on the root element for tests and styling. */
function stateName(state: State): string {
  if (state.kind !== 'report') return state.kind;
  if (!state.report.feed) return 'no-feed';
  return state.report.breaches.length > 0 ? 'breaches' : 'clean';
}
