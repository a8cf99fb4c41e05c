// Every origin the UI can ask for must be inside a declared optional host permission of the very
// manifest the build emits (wxt.config.ts's manifest function), or the browser refuses the request
// at once ("Only permissions specified in the manifest may be requested.") and no user can ever be
// warned. Coverage uses the browsers' rule: a pattern is requestable only if a declared pattern
// literally contains it (`*://x/*` is not inside `https://*/*`; measured in Chromium 156 and Firefox
// ESR 153, ../shared/TOOLCHAIN.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';
import { FeedDocument } from '@/utils/feed/schema';
import { DEFAULT_ALERT_SETTINGS, isAlertable } from '@/utils/policy/alert';
import { matchPatternsFor, originsFor } from '@/utils/match/site';
import { patternCovers } from '@/utils/access/registration';

type ManifestFn = (env: { browser: string; manifestVersion: 3; mode: string; command: 'build' }) => {
  optional_host_permissions?: string[];
  host_permissions?: string[];
};
const manifestOf = (browser: string) =>
  (config.manifest as unknown as ManifestFn)({ browser, manifestVersion: 3, mode: 'production', command: 'build' });

const feed = FeedDocument.parse(JSON.parse(readFileSync('public/feed/feed.json', 'utf8')));
const alertableDomains = feed.breaches.filter((b) => isAlertable(b, Date.now(), DEFAULT_ALERT_SETTINGS)).flatMap((b) => b.domains);

/** The patterns in `wanted` that no declared pattern covers. */
const undeclared = (wanted: readonly string[], declared: readonly string[]) => wanted.filter((p) => !declared.some((d) => patternCovers(d, p)));

describe('what the UI requests is declared', () => {
  for (const browser of ['chrome', 'firefox']) {
    const declared = manifestOf(browser).optional_host_permissions ?? [];

    it(`${browser}: the onboarding's "all breached sites" request (${alertableDomains.length} domains)`, () => {
      const wanted = originsFor(alertableDomains);
      expect(wanted.length).toBeGreaterThan(100);
      expect(wanted).toContain('*://coupang.com/*');
      expect(undeclared(wanted, declared)).toEqual([]);
    });

    it(`${browser}: one site from the popup, an IDN site, and a user's own feed mirror`, () => {
      const wanted = [...matchPatternsFor('coupang.com'), ...matchPatternsFor('xn--9n2bp8q.com'), 'https://my-mirror.example.net/*'];
      expect(undeclared(wanted, declared)).toEqual([]);
    });
  }

  it('the rule can fail: the old declaration (http + https) covers none of the `*://` patterns', () => {
    const wanted = matchPatternsFor('coupang.com');
    expect(undeclared(wanted, ['http://*/*', 'https://*/*'])).toEqual(wanted);
  });
});
