/** Site access from extension pages: status from the background, the request from a click. */
import { browser } from 'wxt/browser';
import { send } from '@/utils/messaging/client';
import type { AccessStatus } from '@/utils/messaging/protocol';

/** Which breached sites' match patterns are wanted and which are still missing. */
export function loadAccessStatus(): Promise<AccessStatus> {
  return send('ui:access-status', {});
}

/**
 * Ask for host access to `origins` (match patterns). Call it directly in a click handler, with
 * no `await` before it: the browser needs the click's user gesture. Resolves to true if granted.
 */
export function requestSiteAccess(origins: readonly string[]): Promise<boolean> {
  return browser.permissions.request({ origins: [...origins] });
}

