/**
 * Options: language, alert settings (bound to the `alertSettings` storage item), site access,
 * the user's sites and details (with import, export and delete), and the breach feed's status
 * with "Sync now".
 */
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '@/components/i18n';
import { HibpCredit } from '@/components/credit';
import { SiteAccess } from '@/components/site-access';
import { AlertSettingsForm } from '@/components/alert-settings-form';
import { LanguageSetting } from '@/components/language-setting';
import { uiLanguage, type UiLanguageSetting } from '@/utils/i18n/catalog';
import { FeedSection } from './feed-section';
import { YourDataSections } from './your-data';
import { alertSettings, readAlertSettings } from '@/utils/settings/items';
import { loadAccessStatus, requestSiteAccess } from '@/utils/ui/access';
import { useAccessStatus } from '@/utils/ui/use-access-status';
import { siteOf } from '@/utils/match/site';
import type { AlertSettings } from '@/utils/policy/alert';
import { saveFailureKey } from '@/utils/ui/save-error';

/** The registrable domain a user typed ("www.Coupang.com" -> "coupang.com"), or null. */
function siteFromInput(raw: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  return siteOf(/^https?:\/\//i.test(text) ? text : `https://${text}/`)?.site ?? null;
}

export function App() {
  const { t } = useI18n();
  const [settings, setSettings] = useState<AlertSettings | null>(null);
  const access = useAccessStatus(loadAccessStatus);
  const [language, setLanguage] = useState<UiLanguageSetting | null>(null);
  /** A refused settings or language save: the message key to show. */
  const [saveError, setSaveError] = useState<{ section: 'alerts' | 'language'; key: string } | null>(null);

  useEffect(() => {
    void readAlertSettings().then(setSettings);
    void uiLanguage.getValue().then(setLanguage);
    // Another page (or the popup) may change settings while this one is open.
    const unwatch = alertSettings.watch(() => void readAlertSettings().then(setSettings));
    return unwatch;
  }, []);

  const save = async (next: AlertSettings) => {
    setSettings(next);
    try {
      await alertSettings.setValue(next);
      setSaveError(null);
    } catch (error) {
      // storage.local refused it (e.g. a full disk): show what is really stored, and say so.
      setSaveError({ section: 'alerts', key: saveFailureKey(error) });
      setSettings(await readAlertSettings());
    }
    // The set of breached sites that can warn depends on the settings.
    access.reload();
  };

  const chooseLanguage = async (next: UiLanguageSetting) => {
    try {
      await uiLanguage.setValue(next);
    } catch (error) {
      setSaveError({ section: 'language', key: saveFailureKey(error) });
      return;
    }
    // Every string on the page is in the old language: reload it in the new one.
    location.reload();
  };
  const errorIn = (section: 'alerts' | 'language') =>
    saveError?.section === section ? (
      <p class="error" role="alert">
        {t(saveError.key)}
      </p>
    ) : null;

  return (
    <div class="page">
      <header>
        <p class="brand">{t('extName')}</p>
        <h1>{t('optionsHeading')}</h1>
      </header>
      <main>
        <section aria-labelledby="language">
          <h2 id="language">{t('optionsLanguageHeading')}</h2>
          {language ? <LanguageSetting value={language} onChange={(next) => void chooseLanguage(next)} /> : null}
          {errorIn('language')}
        </section>
        <section aria-labelledby="alerts">
          <h2 id="alerts">{t('optionsAlertsHeading')}</h2>
          {settings ? (
            <AlertSettingsForm settings={settings} onChange={(next) => void save(next)} parseSite={siteFromInput} />
          ) : (
            <p aria-busy="true">{t('loading')}</p>
          )}
          {errorIn('alerts')}
        </section>
        <section aria-labelledby="access">
          <h2 id="access">{t('accessHeading')}</h2>
          <SiteAccess status={access.status} failed={access.failed} onRequest={requestSiteAccess} onGranted={access.reload} />
        </section>
        <YourDataSections />
        <section aria-labelledby="feed">
          <h2 id="feed">{t('feedHeading')}</h2>
          <FeedSection onFeedChanged={access.reload} />
        </section>
      </main>
      <footer class="page-footer">
        <HibpCredit />
      </footer>
    </div>
  );
}
