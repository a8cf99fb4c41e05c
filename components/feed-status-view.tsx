/** The breach feed's status: its sequence, when it was generated, checked and changed, how many breaches. */
import type { FeedMeta } from '@/utils/db/feed-store';
import { formatCount } from '@/utils/i18n/format';
import { useI18n } from './i18n';
import { formatInstant } from './format';

export interface FeedStatusViewProps {
  status: { meta: FeedMeta | null; breachCount: number } | null;
  failed?: boolean;
}

export function FeedStatusView({ status, failed = false }: FeedStatusViewProps) {
  const { t, locale } = useI18n();
  if (failed) return <p class="error">{t('feedFailed')}</p>;
  if (!status) return <p aria-busy="true">{t('loading')}</p>;
  const { meta, breachCount } = status;
  if (!meta) return <p>{t('feedNone')}</p>;
  return (
    <dl class="facts feed-status">
      <dt>{t('feedBreaches')}</dt>
      <dd>{formatCount(breachCount, locale)}</dd>
      <dt>{t('feedSequence')}</dt>
      <dd>{formatCount(meta.sequence, locale)}</dd>
      <dt>{t('feedGenerated')}</dt>
      <dd>{formatInstant(meta.generated, locale)}</dd>
      <dt>{t('feedOrigin')}</dt>
      <dd>{meta.origin === 'bundled' ? t('feedOriginBundled') : t('feedOriginSync')}</dd>
      <dt>{t('feedChecked')}</dt>
      <dd>{meta.checkedAt > 0 ? formatInstant(new Date(meta.checkedAt).toISOString(), locale) : t('feedNeverChecked')}</dd>
      <dt>{t('feedChanged')}</dt>
      <dd>{meta.changedAt > 0 ? formatInstant(new Date(meta.changedAt).toISOString(), locale) : t('feedNeverChecked')}</dd>
    </dl>
  );
}
