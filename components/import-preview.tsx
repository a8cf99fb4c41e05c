/** What an import would change, shown before anything is written; the user confirms or cancels. */
import type { ImportDiff } from '@/utils/profile/transfer';
import { detailMessageKey } from '@/utils/taxonomy/details';
import { formatCount, formatList } from '@/utils/i18n/format';
import { useI18n } from './i18n';

export interface ImportPreviewProps {
  diff: ImportDiff;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ImportPreview({ diff, onConfirm, onCancel }: ImportPreviewProps) {
  const { t, locale } = useI18n();
  const words = (list: readonly string[]) => formatList(list.map((d) => t(detailMessageKey(d as never))), locale);
  if (diff.empty) {
    return (
      <div class="import-preview" role="status">
        <p>{t('importNothing')}</p>
        <button type="button" onClick={onCancel}>
          {t('dialogClose')}
        </button>
      </div>
    );
  }
  return (
    <div class="import-preview" role="region" aria-label={t('importPreviewHeading')}>
      <h3>{t('importPreviewHeading')}</h3>
      <ul class="import-changes">
        {diff.addedSites.map((s) => (
          <li key={s.site} data-change="add">
            {s.details.length > 0 ? t('importAddSite', [s.site, words(s.details)]) : t('importAddSiteEmpty', s.site)}
          </li>
        ))}
        {diff.changedSites.map((s) => (
          <li key={s.site} data-change="replace" class="overwrite">
            <strong>{t('importReplaceSite', s.site)}</strong>
            {s.added.length > 0 ? ` ${t('importDetailsAdded', words(s.added))}` : ''}
            {s.removed.length > 0 ? ` ${t('importDetailsRemoved', words(s.removed))}` : ''}
          </li>
        ))}
        {diff.checklistNew + diff.checklistChanged > 0 ? (
          <li data-change="checklist" class={diff.checklistChanged > 0 ? 'overwrite' : undefined}>
            {t('importChecklist', [formatCount(diff.checklistNew, locale), formatCount(diff.checklistChanged, locale)])}
          </li>
        ) : null}
        {diff.warnedNew + diff.dismissalsNew > 0 ? (
          <li data-change="other">{t('importOther', [formatCount(diff.warnedNew, locale), formatCount(diff.dismissalsNew, locale)])}</li>
        ) : null}
      </ul>
      {diff.keptSites.length > 0 ? <p class="muted">{t('importKept', formatList(diff.keptSites, locale))}</p> : null}
      {diff.overwrites ? <p class="warning-text">{t('importOverwriteWarning')}</p> : null}
      <p>
        <button type="button" class="button primary" onClick={onConfirm}>
          {diff.overwrites ? t('importConfirmOverwrite') : t('importConfirm')}
        </button>{' '}
        <button type="button" onClick={onCancel}>
          {t('dialogCancel')}
        </button>
      </p>
    </div>
  );
}
