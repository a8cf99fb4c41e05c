/**
 * One site's breaches in a full tab (`details.html?site=coupang.com`), opened from the in-page
 * notice's "What should I do?" and from the popup.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { useI18n } from '@/components/i18n';
import { SiteExposureReport } from '@/components/site-exposure-report';
import { StatusMessage } from '@/components/status-message';
import { HibpCredit } from '@/components/credit';
import { send } from '@/utils/messaging/client';
import { parseSiteParam } from '@/utils/ui/site-param';
import { readAlertSettings } from '@/utils/settings/items';
import type { SiteReport } from '@/utils/messaging/protocol';
import { useSiteExposure } from '@/utils/ui/use-site-exposure';
import { exposuresUrl } from '@/utils/ui/pages';
import { wrongWarningUrl } from '@/utils/report/wrong-warning';
import { detailsOf, isProfileDetail } from '@/utils/taxonomy/details';

type State = { kind: 'loading' } | { kind: 'error' } | { kind: 'not-website' } | { kind: 'report'; report: SiteReport };

export function App({ search }: { search: string }) {
  const { t } = useI18n();
  const site = parseSiteParam(search);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [ageWindowDays, setAgeWindowDays] = useState<number | undefined>(undefined);
  const exposure = useSiteExposure(state.kind === 'report' ? state.report : null);

  useEffect(() => {
    if (!site) return;
    document.title = t('detailsHeading', site);
    send('ui:site-report', { url: `https://${site}/` }).then(
      (report) => setState(report ? { kind: 'report', report } : { kind: 'not-website' }),
      (error: unknown) => {
        console.error('exposure-watch: details', error);
        setState({ kind: 'error' });
      },
    );
    readAlertSettings().then((s) => setAgeWindowDays(s.ageWindowDays), () => undefined);
  }, [site]);

  let content;
  if (!site || state.kind === 'not-website') {
    content = (
      <StatusMessage kind="error" title={t('detailsBadSite')}>
        <p>{t('detailsBadSiteBody')}</p>
      </StatusMessage>
    );
  } else if (state.kind === 'loading') {
    content = <StatusMessage kind="loading" title={t('detailsHeading', site)}><p>{t('loading')}</p></StatusMessage>;
  } else if (state.kind === 'error') {
    content = (
      <StatusMessage kind="error" title={t('popupError')}>
        <p>{t('popupErrorBody')}</p>
      </StatusMessage>
    );
  } else {
    const { report } = state;
    content = (
      <SiteExposureReport
        report={report}
        exposure={exposure}
        ageWindowDays={ageWindowDays}
        heading={t('detailsHeading', report.site)}
        promote={detailsOf(report.breaches.flatMap((v) => v.breach.dataClasses)).filter(isProfileDetail)}
      />
    );
  }

  return (
    <div class="page" data-state={!site ? 'bad-site' : state.kind === 'report' ? (!state.report.feed ? 'no-feed' : state.report.breaches.length > 0 ? 'breaches' : 'clean') : state.kind}>
      <header><p class="brand">{t('extName')}</p></header>
      <main>{content}</main>
      <footer class="page-footer">
        {exposure.failure ? (
          <p class="error" role="alert">
            {t(exposure.failure)}
          </p>
        ) : null}
        <HibpCredit />
        {state.kind === 'report' && state.report.breaches.length > 0 ? (
          <p>
            <a
              class="report-wrong"
              href={wrongWarningUrl({
                site: state.report.site,
                breachIds: state.report.breaches.map((v) => v.breach.id),
                feedSequence: state.report.feed?.sequence ?? null,
                version: browser.runtime.getManifest().version,
              })}
              target="_blank"
              rel="noopener noreferrer"
            >
              {t('reportWrongWarning')}
            </a>
          </p>
        ) : null}
        <p>
          <a href={exposuresUrl()}>{t('linkExposures')}</a>
        </p>
        <p>
          <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('linkOptions')}
          </button>
        </p>
      </footer>
    </div>
  );
}
