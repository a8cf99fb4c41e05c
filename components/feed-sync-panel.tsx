/**
 * The breach feed in options: its status (sequence, generated, breach count, last check, last
 * change), the last failed check with its cause, "Sync now", and the update address.
 * Presentational: the page passes the status and the actions.
 */
import type { FeedSyncStatus, SyncNowResult } from '@/utils/feed/sync-state';
import type { SyncCause } from '@/utils/feed/sync';
import { formatCount } from '@/utils/i18n/format';
import { FeedStatusView } from './feed-status-view';
import { formatInstant } from './format';
import { useI18n } from './i18n';

/** Message key for a failure cause (`http-status` -> `feedCause_http_status`). */
export const causeMessageKey = (cause: SyncCause) => `feedCause_${cause.replace(/-/g, '_')}`;

export type FeedUrlMessage = 'invalid' | 'not-https' | 'denied' | 'saved' | null;

export interface FeedSyncPanelProps {
  status: FeedSyncStatus | null;
  failed?: boolean;
  /** What the last "Sync now" on this page gave; 'unavailable' when the background could not be asked. */
  result: SyncNowResult | 'unavailable' | null;
  syncing: boolean;
  onSyncNow: () => void;
  urlDraft: string;
  urlMessage: FeedUrlMessage;
  onUrlInput: (value: string) => void;
  /** Must call `permissions.request` synchronously when the origin is new (user gesture). */
  onUrlSave: () => void;
  onUrlReset: () => void;
}

const at = (ms: number, locale: string) => formatInstant(new Date(ms).toISOString(), locale);

export function FeedSyncPanel(props: FeedSyncPanelProps) {
  const { t, locale } = useI18n();
  const { status, failed = false, result, syncing } = props;
  const meta =
    status && status.sequence !== null && status.generated !== null && status.origin !== null
      ? {
          sequence: status.sequence,
          generated: status.generated,
          origin: status.origin,
          etag: null,
          checkedAt: status.checkedAt ?? 0,
          changedAt: status.changedAt ?? 0,
        }
      : null;
  const error = status?.lastError ?? null;

  return (
    <div class="feed-sync">
      <FeedStatusView status={status ? { meta, breachCount: status.breachCount } : null} failed={failed} />
      {status ? (
        <dl class="facts feed-sync-error">
          <dt>{t('feedLastError')}</dt>
          <dd class="feed-error" data-cause={error?.cause ?? ''}>
            {error ? (
              <>
                <strong>{t(causeMessageKey(error.cause))}</strong> <span class="muted">({at(error.at, locale)})</span>
                <br />
                <code class="feed-error-detail">{error.detail}</code>
                {status.nextRetryAt !== null ? (
                  <>
                    <br />
                    <span class="hint">{t('feedNextRetry', at(status.nextRetryAt, locale))}</span>
                  </>
                ) : null}
              </>
            ) : (
              t('feedNoError')
            )}
          </dd>
        </dl>
      ) : null}
      <p class="inline-form">
        <button type="button" class="button" data-action="sync-now" onClick={props.onSyncNow} disabled={syncing || !status}>
          {t('feedSyncNow')}
        </button>
        <span class="feed-sync-result" role="status" data-outcome={syncing ? 'syncing' : result === null ? '' : result === 'unavailable' ? 'unavailable' : result.outcome}>
          {syncing ? t('feedSyncing') : resultText(result, t, locale)}
        </span>
      </p>
      {status ? (
        <form
          class="feed-url"
          onSubmit={(e) => {
            e.preventDefault();
            props.onUrlSave();
          }}
        >
          <label for="feed-url">{t('feedUrlLabel')}</label>
          <p class="hint" id="feed-url-hint">
            {t('feedUrlHelp')}
          </p>
          <div class="inline-form">
            <input
              id="feed-url"
              type="url"
              inputMode="url"
              autocomplete="off"
              spellcheck={false}
              size={48}
              value={props.urlDraft}
              aria-describedby={props.urlMessage ? 'feed-url-hint feed-url-message' : 'feed-url-hint'}
              aria-invalid={props.urlMessage === 'invalid' || props.urlMessage === 'not-https' ? true : undefined}
              onInput={(e) => props.onUrlInput((e.currentTarget as HTMLInputElement).value)}
            />
            <button type="submit">{t('feedUrlSave')}</button>
            {status.url !== status.defaultUrl ? (
              <button type="button" onClick={props.onUrlReset}>
                {t('feedUrlReset')}
              </button>
            ) : null}
          </div>
          {props.urlMessage ? (
            <p id="feed-url-message" class={props.urlMessage === 'saved' ? 'hint' : 'error'} role={props.urlMessage === 'saved' ? 'status' : 'alert'}>
              {t(URL_MESSAGES[props.urlMessage])}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}

const URL_MESSAGES: Record<Exclude<FeedUrlMessage, null>, string> = {
  invalid: 'feedUrlInvalid',
  'not-https': 'feedUrlNotHttps',
  denied: 'feedUrlDenied',
  saved: 'feedUrlSaved',
};

function resultText(result: FeedSyncPanelProps['result'], t: (k: string, s?: string | string[]) => string, locale: string): string {
  if (result === null) return '';
  if (result === 'unavailable') return t('feedSyncUnavailable');
  switch (result.outcome) {
    case 'updated':
      return t('feedSyncUpdated', [
        formatCount(result.status.sequence ?? 0, locale),
        formatCount(result.added, locale),
        formatCount(result.updated, locale),
        formatCount(result.removed, locale),
      ]);
    case 'not-modified':
    case 'unchanged':
      return t('feedSyncUpToDate');
    case 'failed':
      return t('feedSyncFailed');
  }
}
