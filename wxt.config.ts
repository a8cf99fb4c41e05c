import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { FeedDocument } from './utils/feed/schema';
import { isAlertable, DEFAULT_ALERT_SETTINGS } from './utils/policy/alert';
import { originsFor } from './utils/match/site';

/**
 * Where the signed feed is synced from; its origin is the only required host permission.
 * The test build defaults to plain http on a host the E2E suite maps to its loopback feed server.
 */
const feedUrl = (mode: string) =>
  process.env.FEED_URL ?? (mode === 'e2e' ? 'http://feed.exposure-watch.test/v1/feed.json' : 'https://feed.exposure-watch.org/v1/feed.json');

/**
 * Feed keys the test build accepts besides the production ones: the E2E suite's own key
 * (test/fixtures/feed-test-key.json). Every other build gets none.
 */
function extraFeedKeys(mode: string): { id: string; publicKey: string }[] {
  if (mode !== 'e2e') return [];
  const key = JSON.parse(readFileSync('test/fixtures/feed-test-key.json', 'utf8')) as { keyId: string; publicKey: string };
  return [{ id: key.keyId, publicKey: key.publicKey }];
}

/** Test build only: a fixture site with no breach in the bundled feed, which the sync E2E gives one (example.org is reserved, RFC 2606). */
const E2E_SYNC_SITES = ['example.org'];

/**
 * Test build mode (`wxt build --mode e2e`): browsers cannot accept a permission prompt in
 * automation, so this build declares the sites with alertable breaches as required host
 * permissions. Everything else is the production build.
 */
function e2eHostPermissions(): string[] {
  const feed = FeedDocument.parse(JSON.parse(readFileSync('public/feed/feed.json', 'utf8')));
  const now = Date.now();
  return originsFor([...feed.breaches.filter((b) => isAlertable(b, now, DEFAULT_ALERT_SETTINGS)).flatMap((b) => b.domains), ...E2E_SYNC_SITES]);
}

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Firefox's reviewers rebuild from the sources zip: README.md "Building from source" has the steps.
  // includeSources replaces WXT's default list of files: every file, plus .npmrc (a dotfile).
  zip: { excludeSources: ['demo-output/**', 'docs/screenshots/**', '.tmp/**'], includeSources: ['**/*', '.npmrc'] },
  vite: ({ mode }) => ({
    plugins: [preact()],
    define: { __FEED_URL__: JSON.stringify(feedUrl(mode)), __FEED_EXTRA_KEYS__: JSON.stringify(extraFeedKeys(mode)) },
  }),
  manifest: ({ browser, mode }) => {
    const feedOrigin = `${new URL(feedUrl(mode)).origin}/*`;
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      permissions: ['storage', 'unlimitedStorage', 'alarms', 'scripting', 'activeTab', 'notifications'],
      host_permissions: mode === 'e2e' ? [feedOrigin, ...e2eHostPermissions()] : [feedOrigin],
      // `*://*/*`, not http + https: the UI asks for `*://site/*` patterns (utils/match/site.ts),
      // and browsers refuse a request the declared patterns do not literally contain
      // (`*://x/*` is not inside `https://*/*`). test/unit/access-declared.test.ts keeps it so.
      optional_host_permissions: ['*://*/*'],
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
