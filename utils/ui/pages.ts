/** URLs of the extension's own pages (issue 4). */
import { browser } from 'wxt/browser';

/** "All my exposures" (entrypoints/exposures/). */
export function exposuresUrl(): string {
  return browser.runtime.getURL('/exposures.html');
}
