/**
 * Options, "Breach list": the feed's status from the background, "Sync now", and the update
 * address (stored in `local:feed-url`; a new origin needs host access, asked for in the click).
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { FeedSyncPanel, type FeedUrlMessage } from '@/components/feed-sync-panel';
import { feedOriginPattern, feedSyncState, feedUrlOverride, feedUrlProblem } from '@/utils/feed/sync-state';
import { requestSiteAccess } from '@/utils/ui/access';
import { loadFeedStatus, syncNow, type FeedSyncStatus, type SyncNowResult } from '@/utils/ui/feed-status';

export interface FeedSectionProps {
  /** Called when the stored feed changed (the alertable sites, and so the access offer, may differ). */
  onFeedChanged?: () => void;
}

export function FeedSection({ onFeedChanged }: FeedSectionProps) {
  const [status, setStatus] = useState<FeedSyncStatus | null>(null);
  const [failed, setFailed] = useState(false);
  const [syncing, setSyncing] = useState(false);
  const [result, setResult] = useState<SyncNowResult | 'unavailable' | null>(null);
  const [urlDraft, setUrlDraft] = useState<string | null>(null);
  const [urlMessage, setUrlMessage] = useState<FeedUrlMessage>(null);
  const changedAt = useRef<number | null>(null);
  const changed = useRef(onFeedChanged);
  changed.current = onFeedChanged;

  const show = useCallback((next: FeedSyncStatus) => {
    if (changedAt.current !== null && next.changedAt !== changedAt.current) changed.current?.();
    changedAt.current = next.changedAt;
    setStatus(next);
    setFailed(false);
  }, []);

  const reload = useCallback(() => {
    loadFeedStatus().then(show, (error: unknown) => {
      console.error('exposure-watch: feed status', error);
      setFailed(true);
    });
  }, [show]);

  useEffect(() => {
    reload();
    // A sync by the alarm (or another page) writes the sync state: show its outcome here too.
    return feedSyncState.watch(() => reload());
  }, [reload]);

  const onSyncNow = () => {
    setSyncing(true);
    setResult(null);
    syncNow().then(
      (r) => {
        setResult(r);
        show(r.status);
        setSyncing(false);
      },
      (error: unknown) => {
        console.error('exposure-watch: sync now', error);
        setResult('unavailable');
        setSyncing(false);
      },
    );
  };

  const onUrlSave = () => {
    if (!status) return;
    const draft = (urlDraft ?? status.url).trim();
    const problem = feedUrlProblem(draft);
    if (problem) {
      setUrlMessage(problem);
      return;
    }
    const isDefault = draft === status.defaultUrl;
    // The build's origin is a required permission; any other one is asked for now, inside the click.
    const sameOrigin = new URL(draft).origin === new URL(status.defaultUrl).origin;
    const granted = sameOrigin ? Promise.resolve(true) : requestSiteAccess([feedOriginPattern(draft)]);
    granted
      .then(async (ok) => {
        if (!ok) {
          setUrlMessage('denied');
          return;
        }
        await feedUrlOverride.setValue(isDefault ? null : draft);
        setUrlDraft(null);
        setUrlMessage('saved');
        reload();
      })
      .catch(() => setUrlMessage('denied'));
  };

  const onUrlReset = () => {
    void feedUrlOverride.setValue(null).then(() => {
      setUrlDraft(null);
      setUrlMessage(null);
      reload();
    });
  };

  return (
    <FeedSyncPanel
      status={status}
      failed={failed}
      result={result}
      syncing={syncing}
      onSyncNow={onSyncNow}
      urlDraft={urlDraft ?? status?.url ?? ''}
      urlMessage={urlMessage}
      onUrlInput={(v) => {
        setUrlDraft(v);
        setUrlMessage(null);
      }}
      onUrlSave={onUrlSave}
      onUrlReset={onUrlReset}
    />
  );
}
