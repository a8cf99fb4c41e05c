/** Opened on install: what the extension does, the privacy promise, and the one access request. */
import { useI18n } from '@/components/i18n';
import { HibpCredit } from '@/components/credit';
import { SiteAccess } from '@/components/site-access';
import { loadAccessStatus, requestSiteAccess } from '@/utils/ui/access';
import { useAccessStatus } from '@/utils/ui/use-access-status';

export function App() {
  const { t } = useI18n();
  const access = useAccessStatus(loadAccessStatus);
  return (
    <div class="page">
      <header>
        <p class="brand">{t('extName')}</p>
        <h1>{t('onboardingHeading')}</h1>
      </header>
      <main>
        <section aria-labelledby="what">
          <h2 id="what">{t('onboardingWhatHeading')}</h2>
          <ol>
            <li>{t('onboardingPoint1')}</li>
            <li>{t('onboardingPoint2')}</li>
            <li>{t('onboardingPoint3')}</li>
          </ol>
        </section>
        <section aria-labelledby="privacy">
          <h2 id="privacy">{t('privacyHeading')}</h2>
          <ul>
            <li>{t('privacyLocal')}</li>
            <li>{t('privacyNetwork')}</li>
            <li>{t('privacyAccess')}</li>
          </ul>
        </section>
        <section aria-labelledby="access">
          <h2 id="access">{t('accessHeading')}</h2>
          <SiteAccess status={access.status} failed={access.failed} onRequest={requestSiteAccess} onGranted={access.reload} showLater />
        </section>
      </main>
      <footer class="page-footer">
        <HibpCredit />
      </footer>
    </div>
  );
}
