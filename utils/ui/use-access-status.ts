/** Load the access status, retrying briefly while a fresh install is still loading its feed. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AccessStatus } from '@/utils/messaging/protocol';

const RETRIES = 5;
const RETRY_MS = 1000;

export function useAccessStatus(load: () => Promise<AccessStatus>) {
  const [status, setStatus] = useState<AccessStatus | null>(null);
  const [failed, setFailed] = useState(false);

  const reload = useCallback(() => {
    let cancelled = false;
    const attempt = (left: number) => {
      load().then(
        (s) => {
          if (cancelled) return;
          // Right after install the background may not have stored the bundled feed yet.
          if (s.wanted.length === 0 && left > 0) setTimeout(() => attempt(left - 1), RETRY_MS);
          else setStatus(s);
        },
        () => {
          if (cancelled) return;
          if (left > 0) setTimeout(() => attempt(left - 1), RETRY_MS);
          else setFailed(true);
        },
      );
    };
    setFailed(false);
    attempt(RETRIES);
    return () => {
      cancelled = true;
    };
  }, [load]);

  useEffect(() => reload(), [reload]);
  return { status, failed, reload: () => void reload() };
}
