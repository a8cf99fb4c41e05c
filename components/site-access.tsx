/**
 * The site-access offer shown by onboarding and options: how many breached sites could warn
 * in the page, and the button that asks for exactly those.
 */
import type { AccessStatus } from '@/utils/messaging/protocol';
import { formatCount } from '@/utils/i18n/format';
import { useI18n } from './i18n';
import { AccessButton } from './access-button';

/**
 * Number of sites behind a list of match patterns: `*://coupang.com/*` and
 * `*://*.coupang.com/*` are one site.
 */
export function sitesIn(patterns: readonly string[]): number {
  const hosts = new Set<string>();
  for (const p of patterns) {
    const m = /^[^:]+:\/\/([^/]+)\//.exec(p);
    if (m) hosts.add(m[1].replace(/^\*\./, ''));
  }
  return hosts.size;
}

export interface SiteAccessProps {
  status: AccessStatus | null;
  failed?: boolean;
  /** Must call `permissions.request` synchronously (user gesture). */
  onRequest: (origins: readonly string[]) => Promise<boolean>;
  onGranted?: () => void;
  /** Say that the choice can be changed later in the options (onboarding). */
  showLater?: boolean;
}

export function SiteAccess({ status, failed = false, onRequest, onGranted, showLater = false }: SiteAccessProps) {
  const { t, locale } = useI18n();
  if (failed) return <p class="error">{t('accessStatusFailed')}</p>;
  if (!status) return <p aria-busy="true">{t('accessChecking')}</p>;
  const wanted = sitesIn(status.wanted);
  const missing = status.missing;
  if (wanted === 0) return <p>{t('accessNoneWanted')}</p>;
  if (missing.length === 0) {
    return (
      <>
        <p class="access-granted">{t('accessAllOn', formatCount(wanted, locale))}</p>
        {showLater ? <p class="muted">{t('accessLaterHint')}</p> : null}
      </>
    );
  }
  return (
    <>
      <p>{t('accessExplain', formatCount(wanted, locale))}</p>
      <AccessButton count={sitesIn(missing)} onRequest={() => onRequest(missing)} onGranted={onGranted} />
      {showLater ? <p class="muted">{t('accessLaterHint')}</p> : null}
    </>
  );
}
