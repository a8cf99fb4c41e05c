import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { FeedDocument } from './utils/feed/schema';
import { isAlertable, DEFAULT_ALERT_SETTINGS } from './utils/policy/alert';
import { originsFor } from './utils/match/site';

/** Where the signed feed is synced from; its origin is the only required host permission. */
const FEED_URL = process.env.FEED_URL ?? 'https://feed.exposure-watch.org/v1/feed.json';

/**
 * Test build mode (`wxt build --mode e2e`): browsers cannot accept a permission prompt in
 * automation, so this build declares the sites with alertable breaches as required host
 * permissions. Everything else is the production build.
 */
function e2eHostPermissions(): string[] {
  const feed = FeedDocument.parse(JSON.parse(readFileSync('public/feed/feed.json', 'utf8')));
  const now = Date.now();
  return originsFor(feed.breaches.filter((b) => isAlertable(b, now, DEFAULT_ALERT_SETTINGS)).flatMap((b) => b.domains));
}

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Firefox's reviewers rebuild from the sources zip: README.md "Building from source" has the steps.
  zip: { excludeSources: ['demo-output/**', 'docs/screenshots/**'], includeSources: ['.npmrc'] },
  vite: () => ({ plugins: [preact()], define: { __FEED_URL__: JSON.stringify(FEED_URL) } }),
  manifest: ({ browser, mode }) => {
    const feedOrigin = `${new URL(FEED_URL).origin}/*`;
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      permissions: ['storage', 'unlimitedStorage', 'alarms', 'scripting', 'activeTab', 'notifications'],
      host_permissions: mode === 'e2e' ? [feedOrigin, ...e2eHostPermissions()] : [feedOrigin],
      optional_host_permissions: ['http://*/*', 'https://*/*'],
      action: { default_title: '__MSG_actionTitle__' },
      ...(browser === 'firefox'
        ? {
            browser_specific_settings: {
              gecko: {
                id: 'exposure-watch@exposure-watch.org',
                strict_min_version: '129.0',
                data_collection_permissions: { required: ['none'] },
              },
            },
          }
        : { minimum_chrome_version: '137' }),
    };
  },
});
